package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.cathodej.align.DriftTable;
import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

class PreprocessMacroTest {

	@TempDir
	Path tmp;

	@Test
	void demoPipelineWritesPreprocessedStacksAndTransforms() throws Exception {
		MacroHarness.Result r = MacroHarness.runFile(Paths.get("macros/preprocess_fibsem.ijm"), tmp.toString());
		Path bse = tmp.resolve("synthetic-cathode-seed3-BSE-aligned-preprocessed.tif"), se = tmp.resolve("synthetic-cathode-seed3-SE-aligned-preprocessed.tif");
		assertTrue(Files.exists(bse), r.log() + "\n" + java.util.Arrays.toString(tmp.toFile().list()));
		assertTrue(Files.exists(se), r.log());
		ImagePlus a = IJ.openImage(bse.toString()), b = IJ.openImage(se.toString());
		assertEquals(12, a.getStackSize());
		assertEquals(a.getWidth(), b.getWidth(), "BSE and SE cropped to the same canvas");
		assertTrue(a.getWidth() < 96 && a.getWidth() > 70, "crop canvas " + a.getWidth());
		// the drift found matches the rendered truth (both written to the output folder)
		List<String> truth = Files.readAllLines(tmp.resolve("synthetic_fib_sem_truth.csv"));
		DriftTable d = DriftTable.readMultiStackReg(tmp.resolve("TransformationMatrices.txt"), 96, 96);
		String[] head = truth.get(0).split(",");
		int ix = java.util.Arrays.asList(head).indexOf("dx"), iy = java.util.Arrays.asList(head).indexOf("dy");
		String[] first = truth.get(1).split(",");
		double se2 = 0;
		for (int z = 0; z < 12; z++) {
			String[] f = truth.get(z + 1).split(",");
			double ex = d.cumDx(z) - (Double.parseDouble(f[ix]) - Double.parseDouble(first[ix]));
			double ey = d.cumDy(z) - (Double.parseDouble(f[iy]) - Double.parseDouble(first[iy]));
			se2 += ex * ex + ey * ey;
		}
		assertTrue(Math.sqrt(se2 / 12) < 0.5, "RMS drift error through the macro " + Math.sqrt(se2 / 12) + "\n" + r.log());
		assertTrue(Files.exists(tmp.resolve("align_stack_drift.csv")), r.log());
		assertTrue(Files.exists(tmp.resolve("align_stack_drift_plot.png")));
		assertTrue(Files.exists(tmp.resolve("stripes_0").resolve("remove_stripes_stripes.csv")));
		String summary = new String(Files.readAllBytes(tmp.resolve("summary.md")), java.nio.charset.StandardCharsets.UTF_8);
		assertTrue(summary.contains("% of the stripe energy removed"), summary);
	}

	@Test
	void badInputAbortsWithAReadableMessage() throws Exception {
		Path reached = tmp.resolve("reached.txt");
		String macro = "setBatchMode(true);\n"
			+ "newImage(\"A\", \"16-bit ramp\", 64, 64, 4);\n"
			+ "newImage(\"B\", \"16-bit ramp\", 64, 48, 4);\n"
			+ "run(\"Align Stack\", \"stack=A second=B\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("same width, height and number of slices"), r.log());

		macro = "setBatchMode(true);\nnewImage(\"One\", \"16-bit ramp\", 64, 64, 1);\nrun(\"Align Stack\", \"stack=One\");\nFile.saveString(\"reached\", getArgument());\n";
		r = MacroHarness.run(macro, reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("single slice"), r.log());

		macro = "setBatchMode(true);\nnewImage(\"Colour\", \"RGB ramp\", 64, 64, 3);\nrun(\"Remove Stripes\", \"image=Colour\");\nFile.saveString(\"reached\", getArgument());\n";
		r = MacroHarness.run(macro, reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("RGB"), r.log());

		macro = "setBatchMode(true);\nnewImage(\"S\", \"16-bit ramp\", 64, 64, 3);\nrun(\"Remove Stripes\", \"image=S wavelet=sym4\");\nFile.saveString(\"reached\", getArgument());\n";
		r = MacroHarness.run(macro, reached.toString());
		assertFalse(Files.exists(reached), r.log());
	}
}
