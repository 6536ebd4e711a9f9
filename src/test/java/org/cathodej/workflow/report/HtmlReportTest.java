package org.cathodej.workflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.cathodej.commands.SyntheticCathodeCommand;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.workflow.suite.AnalysisSuite;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandResult;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.MacroOptions;
import org.cathodej.workflow.series.Descriptors;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

/** The sample report of a full analysis renders: every section, every plot of the folder, mid-slices in phase colours. */
class HtmlReportTest {

	@TempDir
	Path tmp;

	@Test
	void sampleReportOfAFullAnalysis() throws Exception {
		CommandRunner runner = new CommandRunner(null);
		CommandResult ph = runner.run(CommandSpec.of(SyntheticCathodeCommand.class),
			MacroOptions.parse("width=32 height=32 depth=24 voxel_size=0.1 slice_thickness=0.1 seed=4"), null, Progress.NONE);
		ImagePlus labels = (ImagePlus) ph.output("phantom");
		AnalysisSuite suite = new AnalysisSuite(CommandCatalog.load());
		Path dir = tmp.resolve("r");
		Map<String, String> fast = new LinkedHashMap<>(); // few random walkers where that analysis is installed
		if (suite.parameterNames().contains("walkers")) fast.put("walkers", "100");
		if (suite.parameterNames().contains("steps")) fast.put("steps", "2000");
		suite.run(suite.entries(), labels, fast, dir, false, runner, Progress.NONE);
		ij.IJ.saveAsTiff(labels.duplicate(), dir.resolve("labels.tif").toString()); // the analysed image again: shown once
		Path html = dir.resolve("report.html");
		HtmlReport.write(html, HtmlReport.sample(dir, labels, PhaseLabels.defaults(), "test <sample>", suite));
		HtmlCheck c = HtmlCheck.parse(html);
		c.assertSections(HtmlReport.SAMPLE_SECTIONS);
		long pngs, tifs;
		try (Stream<Path> s = Files.list(dir)) {
			pngs = s.filter(p -> p.toString().endsWith(".png")).count();
		}
		try (Stream<Path> s = Files.list(dir)) {
			tifs = s.filter(p -> p.toString().endsWith(".tif")).count();
		}
		assertTrue(pngs >= 2, "the analyses write plots");
		assertEquals(pngs + 1 + tifs - 1, c.images.size(), "every plot, the label mid-slice once and every other image of the folder");
		assertTrue(c.text.contains("test &lt;sample&gt;"), "titles are escaped");
		// the key numbers are the descriptors' values
		Map<String, Double> d = Descriptors.read(dir, suite);
		String key = "phase_fractions.CAM.volume_fraction";
		assertTrue(c.text.contains("<td>" + key + "</td><td>" + HtmlReport.num(d.get(key)) + "</td><td>1 (dimensionless)</td>"));
		String chord = "chord_length_distribution.CAM z.mean";
		assertTrue(c.text.contains("<td>" + chord + "</td><td>" + HtmlReport.num(d.get(chord)) + "</td><td>\u00b5m</td>"), "lengths in the image unit");
		assertTrue(c.text.contains("CAM (1)") && c.text.contains("ISE (2)"), "a colour key beside the label slice");
		if (Files.exists(dir.resolve("connectivity_and_cam_utilisation_class_image.tif")))
			assertTrue(c.text.contains("isolated (4)"), "a colour key beside the class image");
		// label mid-slice (image after the plots) is drawn in the phase colours, enlarged to >= 256 px
		BufferedImage slice = c.images.get((int) pngs);
		assertTrue(slice.getWidth() >= 256);
		boolean cam = false;
		for (int y = 0; y < slice.getHeight(); y += 4)
			for (int x = 0; x < slice.getWidth(); x += 4) cam |= (slice.getRGB(x, y) & 0xffffff) == (Phase.CAM.rgb() & 0xffffff);
		assertTrue(cam, "CAM voxels shown in the CAM colour");
		// provenance: a row per sidecar with its macro line
		assertTrue(c.text.contains("run(&quot;Phase Fractions&quot;"), "macro lines in the provenance");
		// no NaN in the report's words (embedded base64 images may spell it by chance)
		String words = c.text.replaceAll("base64,[A-Za-z0-9+/=]+", "");
		assertFalse(words.contains("NaN"), words.contains("NaN") ? words.substring(Math.max(0, words.indexOf("NaN") - 300), words.indexOf("NaN") + 30) : "");
	}

	@Test
	void emptyFolderStillRenders() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("empty"));
		Path html = dir.resolve("report.html");
		HtmlReport.write(html, HtmlReport.sample(dir, null, PhaseLabels.defaults(), "empty", new AnalysisSuite(CommandCatalog.load())));
		HtmlCheck c = HtmlCheck.parse(html);
		c.assertSections(HtmlReport.SAMPLE_SECTIONS);
		assertEquals(0, c.images.size());
		assertTrue(c.text.contains("No analysis results"));
	}
}
