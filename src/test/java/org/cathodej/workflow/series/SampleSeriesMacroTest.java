package org.cathodej.workflow.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cathodej.workflow.report.HtmlCheck;
import org.cathodej.workflow.report.HtmlReport;
import org.cathodej.results.CsvTable;
import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * macros/sample_series.ijm through ImageJ 1.x headless: five phantoms with rising pore fraction give a comparison
 * table whose measured pore fraction rises, descriptor plots and a series report; a second run reads the stored
 * results; bad input stops the macro with the reason.
 */
class SampleSeriesMacroTest {

	@TempDir
	Path tmp;

	@Test
	void seriesOfRisingPorosityThenRerunFromStoredResults() throws Exception {
		Path out = tmp.resolve("series");
		MacroHarness.Result r = MacroHarness.runFile(Paths.get("macros/sample_series.ijm"), out + "/");
		assertFalse(r.log().contains("Macro Error"), r.log());
		CsvTable t = CsvTable.read(out.resolve("sample_series_comparison.csv"));
		assertEquals(5, t.rows().size());
		int set = t.column("pore_fraction"), measured = t.column("phase_fractions.pore.volume_fraction"), source = t.column("source");
		assertTrue(set > 0 && measured > set, t.header().toString());
		double prev = -1;
		for (int i = 0; i < 5; i++) {
			double m = CsvTable.number(t.cell(i, measured));
			assertTrue(m > prev, "measured pore fraction must rise: " + m + " after " + prev);
			prev = m;
			assertEquals("computed", t.cell(i, source));
		}
		Path plot = out.resolve("plots").resolve("phase_fractions.pore.volume_fraction_vs_pore_fraction.png");
		assertTrue(Files.size(plot) > 1000, "plot file");
		assertTrue(Files.size(out.resolve("sample_series_plot.png")) > 1000);
		String summary = new String(Files.readAllBytes(out.resolve("summary.md")), StandardCharsets.UTF_8);
		assertTrue(summary.contains("| pores-0.14 | 0.14 |"), summary);
		assertFalse(summary.contains("NaN"), summary);

		HtmlCheck rep = HtmlCheck.parse(out.resolve("series_report.html"));
		rep.assertSections(HtmlReport.SERIES_SECTIONS);
		try (Stream<Path> s = Files.list(out.resolve("plots"))) {
			assertEquals(s.count(), rep.images.size(), "every descriptor plot embedded");
		}
		for (int i = 0; i < 5; i++) assertTrue(rep.text.contains("samples/pores-0." + new String[] { "02", "05", "08", "11", "14" }[i] + "/report.html"));
		HtmlCheck.parse(out.resolve("samples").resolve("pores-0.02").resolve("report.html")).assertSections(HtmlReport.SAMPLE_SECTIONS);

		// again, with overwrite: the table is rewritten, the samples' results are read, not recomputed
		List<Path> stored;
		try (Stream<Path> s = Files.walk(out.resolve("samples"))) {
			stored = s.filter(p -> p.toString().endsWith(".csv")).collect(Collectors.toList());
		}
		FileTime[] before = new FileTime[stored.size()];
		for (int i = 0; i < before.length; i++) before[i] = Files.getLastModifiedTime(stored.get(i));
		Thread.sleep(20);
		r = MacroHarness.run("setBatchMode(true); run(\"Sample Series\", \"sample_table=[" + out.resolve("samples.csv") + "] x_parameter=pore_fraction"
			+ " analysis_options=[walkers=200 steps=5000] descriptors=phase_fractions.CAM.volume_fraction output_dir=[" + out + "] overwrite\");", "");
		assertFalse(r.log().contains("Macro Error"), r.log());
		assertTrue(r.log().contains("5 read from stored results, 0 analyses run"), r.log());
		for (int i = 0; i < before.length; i++) assertEquals(before[i], Files.getLastModifiedTime(stored.get(i)), stored.get(i).toString());
		t = CsvTable.read(out.resolve("sample_series_comparison.csv"));
		for (int i = 0; i < 5; i++) assertEquals("stored", t.cell(i, t.column("source")));
		assertTrue(Files.exists(out.resolve("plots").resolve("phase_fractions.CAM.volume_fraction_vs_pore_fraction.png")));
	}

	@Test
	void badInputStopsTheMacroWithTheReason() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("bad"));
		// a tiny real sample for the descriptor check
		MacroHarness.Result r = MacroHarness.run("setBatchMode(true); run(\"Synthetic Cathode\", \"width=16 height=16 depth=16 seed=1\"); saveAs(\"Tiff\", \""
			+ dir.resolve("a.tif") + "\"); close();", "");
		assertFalse(r.log().contains("Macro Error"), r.log());
		Files.write(dir.resolve("ok.csv"), "name,file,t\na,a.tif,1\n".getBytes(StandardCharsets.UTF_8));
		Files.write(dir.resolve("missing.csv"), "name,file,t\na,a.tif,1\nb,b.tif,2\n".getBytes(StandardCharsets.UTF_8));
		Files.write(dir.resolve("nocols.csv"), "sample,image\na,a.tif\n".getBytes(StandardCharsets.UTF_8));
		String[][] cases = {
			{ "missing.csv", "", "Label image of sample 'b' not found" },
			{ "nocols.csv", "", "needs a 'name' and a 'file' column" },
			{ "ok.csv", "analysis_options=[walkers=100 steps=2000] descriptors=phase_fractions.pore.volume_fractoin", "Unknown descriptor 'phase_fractions.pore.volume_fractoin'" },
			{ "ok.csv", "descriptors=porosity", "<analysis> one of" },
			{ "ok.csv", "x_parameter=pressure", "No process parameter 'pressure'" },
			{ "ok.csv", "analysis_options=[spacin=2]", "unknown parameter 'spacin'" },
		};
		int k = 0;
		for (String[] c : cases) {
			Path o = dir.resolve("out" + k++);
			r = MacroHarness.run("setBatchMode(true); run(\"Sample Series\", \"sample_table=[" + dir.resolve(c[0]) + "] " + c[1] + " output_dir=[" + o + "]\");"
				+ " File.saveString(\"done\", \"" + o + ".done\");", "");
			assertTrue(r.log().contains(c[2]), c[0] + " " + c[1] + ": " + r.log());
			assertFalse(Files.exists(Paths.get(o + ".done")), "the macro must stop");
		}
		// the close match is suggested
		assertTrue(r.log().length() > 0);
	}
}
