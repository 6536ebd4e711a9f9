package org.cathodej.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.cathodej.commands.PhaseFractionsCommand;
import org.cathodej.commands.SyntheticCathodeCommand;
import org.cathodej.imagej.Checksums;
import org.cathodej.task.InsufficientMemoryException;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.measure.ResultsTable;

/** The runner's checks: every bad input gets a clear message before anything is computed or written. */
class CommandRunnerTest {

	@TempDir
	Path tmp;

	static final class Images implements ImageSource {
		final Map<String, ImagePlus> byTitle = new HashMap<>();
		ImagePlus current;

		Images add(ImagePlus imp) {
			byTitle.put(imp.getTitle(), imp);
			current = imp;
			return this;
		}

		@Override
		public ImagePlus byName(String name) {
			return byTitle.get(name);
		}

		@Override
		public ImagePlus current() {
			return current;
		}
	}

	static ImagePlus labels(String title, int bitDepth) {
		ImagePlus imp = IJ.createImage(title, bitDepth + "-bit black", 8, 6, 5);
		for (int z = 1; z <= 5; z++)
			for (int y = 0; y < 6; y++)
				for (int x = 0; x < 4; x++) imp.getStack().getProcessor(z).set(x, y, 1);
		return imp;
	}

	CommandResult fractions(String options, ImageSource images) {
		return new CommandRunner(null).run(CommandSpec.of(PhaseFractionsCommand.class), MacroOptions.parse(options), images, Progress.NONE);
	}

	String error(String options, ImageSource images) {
		return assertThrows(IllegalArgumentException.class, () -> fractions(options, images)).getMessage();
	}

	@Test
	void runsOnTheCurrentImageAndLeavesItUntouched() {
		ImagePlus imp = labels("cube", 8);
		String before = Checksums.pixels(imp);
		CommandResult r = fractions("", new Images().add(imp));
		assertEquals(before, Checksums.pixels(imp));
		ResultsTable t = (ResultsTable) r.output("fractions");
		assertEquals(0.5, t.getValue("volume_fraction", 0), 1e-12); // pore
		assertEquals(0.5, t.getValue("volume_fraction", 1), 1e-12); // CAM
		assertEquals(0.0, t.getValue("volume_fraction", 2), 0.0); // ISE absent: 0, not NaN
		assertTrue(r.notes().stream().anyMatch(n -> n.contains("ISE") && n.contains("absent")), r.notes().toString());
		assertTrue(r.notes().stream().anyMatch(n -> n.contains("no spatial calibration")), r.notes().toString());
		assertTrue(r.macroLine().startsWith("run(\"Phase Fractions\", \"pore_label=0 cam_label=1"), r.macroLine());
	}

	@Test
	void sixteenBitLabelsAndCalibrationAreHonoured() {
		ImagePlus imp = labels("cube16", 16);
		Calibration c = imp.getCalibration();
		c.pixelWidth = 0.1;
		c.pixelHeight = 0.1;
		c.pixelDepth = 0.25;
		c.setUnit("um");
		CommandResult r = fractions("", new Images().add(imp));
		ResultsTable t = (ResultsTable) r.output("fractions");
		assertEquals(4 * 6 * 5 * 0.1 * 0.1 * 0.25, t.getValue("volume", 1), 1e-12);
		assertEquals("\u00b5m^3", t.getStringValue("unit", 1)); // ImageJ spells um as the micro sign
		assertTrue(r.notes().stream().noneMatch(n -> n.contains("calibration")));
	}

	@Test
	void badValuesAreRejectedWithTheReason() {
		Images im = new Images().add(labels("cube", 8));
		assertTrue(error("cam_lable=1", im).contains("Unknown parameter 'cam_lable'"));
		assertTrue(error("cam_label=abc", im).contains("'abc' is not a whole number"));
		assertTrue(error("cam_label=1.5", im).contains("not a whole number"));
		assertTrue(error("cam_weight_fraction=2", im).contains("outside 0 .. 1"));
		assertTrue(error("profile_axis=w", im).contains("choose one of x, y, z"));
		assertTrue(error("cam_label=0", im).contains("must differ"));
		assertTrue(error("labels=[nothing open]", im).contains("no image 'nothing open'"));
		assertTrue(error("", new Images()).contains("needs an image"));
	}

	@Test
	void rgbAndFloatImagesAreRefused() {
		ImagePlus rgb = IJ.createImage("colour", "RGB black", 8, 8, 3);
		assertTrue(error("", new Images().add(rgb)).contains("RGB"));
		ImagePlus f = IJ.createImage("float", "32-bit black", 8, 8, 3);
		assertTrue(error("", new Images().add(f)).contains("32-bit"));
	}

	@Test
	void aSingleSliceIsRefusedWhereA3DStackIsNeeded() {
		ImagePlus slice = IJ.createImage("slice", "8-bit black", 8, 8, 1);
		String msg = assertThrows(IllegalArgumentException.class, () -> new CommandRunner(null).run(CommandSpec.of(Needs3DCommand.class),
			MacroOptions.parse(""), new Images().add(slice), Progress.NONE)).getMessage();
		assertTrue(msg.contains("needs a 3D stack") && msg.contains("single slice"), msg);
	}

	@Test
	void unknownLabelsAreReportedNotMerged() {
		ImagePlus imp = labels("with-7", 8);
		imp.getStack().getProcessor(2).set(0, 0, 7);
		CommandResult r = fractions("", new Images().add(imp));
		ResultsTable t = (ResultsTable) r.output("fractions");
		assertEquals("other (label 7)", t.getLabel(3));
		assertEquals(1, t.getValue("voxels", 3), 0);
		assertTrue(r.notes().stream().anyMatch(n -> n.contains("[7]")), r.notes().toString());
	}

	@Test
	void existingResultsAreNotOverwrittenUnlessAsked() throws Exception {
		Images im = new Images().add(labels("cube", 8));
		String dir = "output_dir=[" + tmp + "]";
		CommandResult first = fractions(dir, im);
		assertTrue(first.files().size() >= 4, first.files().toString());
		Path csv = tmp.resolve("phase_fractions_fractions.csv");
		long modified = Files.getLastModifiedTime(csv).toMillis();
		assertTrue(error(dir, im).contains("would overwrite"));
		assertEquals(modified, Files.getLastModifiedTime(csv).toMillis());
		fractions(dir + " overwrite", im);
		String json = new String(Files.readAllBytes(tmp.resolve("phase_fractions_fractions.json")));
		assertTrue(json.contains("\"checksum\": \"crc32c:"), json);
		assertTrue(json.contains("\"cam_label\": \"1\""), json);
		assertTrue(json.contains("\"macro\": \"run("), json);
		assertTrue(json.contains("\"version\""), json);
	}

	@Test
	void aVolumeThatCannotFitIsRefusedBeforeAllocating() {
		CommandSpec spec = CommandSpec.of(SyntheticCathodeCommand.class);
		InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class, () -> new CommandRunner(null).run(spec,
			MacroOptions.parse("width=8192 height=8192 depth=8192"), new Images(), Progress.NONE));
		assertTrue(e.getMessage().contains("needs 512.00 GB"), e.getMessage());
		assertTrue(e.getMessage().contains("would fit"), e.getMessage());
	}
}
