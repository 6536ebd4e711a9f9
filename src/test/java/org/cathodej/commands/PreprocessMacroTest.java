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
		MacroHarness.run("close(\"*\");", ""); // the demo runs when no image is open (ImageJ state is shared between tests)
		MacroHarness.Result r = MacroHarness.runFile(Paths.get("macros/preprocess_fibsem.ijm"), tmp.toString());
		Path bse = tmp.resolve("synthetic-cathode-96x96x12-seed3-BSE-aligned-preprocessed.tif"), se = tmp.resolve("synthetic-cathode-96x96x12-seed3-SE-aligned-preprocessed.tif");
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

	/** With removed_stripes the macro gets a 32-bit image of input minus output, and the input stays untouched. */
	@Test
	void removedStripesImageIsInputMinusOutput() throws Exception {
		String macro = "setBatchMode(true);\n"
			+ "run(\"Synthetic Cathode\", \"width=64 height=64 depth=3 seed=2\");\n"
			+ "run(\"Synthetic FIB-SEM\", \"curtain_amplitude=8000 curtain_width=3 seed=2\");\n"
			+ "selectImage(\"synthetic-cathode-64x64x3-seed2-BSE\"); run(\"Duplicate...\", \"title=copy duplicate\"); selectImage(\"synthetic-cathode-64x64x3-seed2-BSE\");\n"
			+ "run(\"Remove Stripes\", \"image=synthetic-cathode-64x64x3-seed2-BSE removed_stripes output_dir=[\" + getArgument() + \"]\");\n"
			+ "imageCalculator(\"Difference create stack\", \"synthetic-cathode-64x64x3-seed2-BSE\", \"copy\"); getStatistics(a, m, min, max); print(\"input changed by \" + max);\n"
			+ "selectImage(\"copy\"); saveAs(\"Tiff\", getArgument() + \"/input.tif\");\n";
		MacroHarness.Result r = MacroHarness.run(macro, tmp.toString());
		assertTrue(r.log().contains("input changed by 0"), r.log());
		ImagePlus in = IJ.openImage(tmp.resolve("remove_stripes_destriped.tif").toString());
		ImagePlus rm = IJ.openImage(tmp.resolve("remove_stripes_removed.tif").toString());
		assertNotNull(rm, r.log() + java.util.Arrays.toString(tmp.toFile().list()));
		assertEquals(32, rm.getBitDepth());
		assertEquals(in.getStackSize(), rm.getStackSize());
		ImagePlus orig = IJ.openImage(tmp.resolve("input.tif").toString());
		double energy = 0;
		for (int z = 1; z <= rm.getStackSize(); z++) {
			float[] p = (float[]) rm.getStack().getProcessor(z).getPixels();
			short[] a = (short[]) orig.getStack().getProcessor(z).getPixels(), b = (short[]) in.getStack().getProcessor(z).getPixels();
			for (int i = 0; i < p.length; i++) {
				assertEquals((a[i] & 0xffff) - (b[i] & 0xffff), p[i], 0, "slice " + z + " pixel " + i);
				energy += p[i] * p[i];
			}
		}
		assertTrue(energy > 0, "nothing removed from a curtained stack");
	}

	/**
	 * An old Remove Stripes line (no curtain_length) and curtain_length=0 give the same pixels; curtain_length=16 runs
	 * the local estimate (other pixels, its column in the table) on the same input.
	 */
	@Test
	void curtainLengthZeroKeepsOldMacrosAndLocalCurtainsRun() throws Exception {
		String run = "run(\"Remove Stripes\", \"image=synthetic-cathode-64x64x2-seed2-BSE %s output_dir=[\" + getArgument() + \"/%s]\"); selectImage(\"synthetic-cathode-64x64x2-seed2-BSE\");\n";
		String macro = "setBatchMode(true);\n"
			+ "run(\"Synthetic Cathode\", \"width=64 height=64 depth=2 seed=2\");\n"
			+ "run(\"Synthetic FIB-SEM\", \"curtain_amplitude=8000 curtain_width=3 seed=2\");\n"
			+ String.format(run, "", "old") + String.format(run, "curtain_length=0", "zero") + String.format(run, "curtain_length=16", "local")
			+ "File.saveString(\"done\", getArgument() + \"/done.txt\");\n";
		MacroHarness.Result r = MacroHarness.run(macro, tmp.toString());
		assertTrue(Files.exists(tmp.resolve("done.txt")), r.log());
		ImagePlus[] out = new ImagePlus[3];
		String[] dirs = { "old", "zero", "local" };
		for (int k = 0; k < 3; k++) out[k] = IJ.openImage(tmp.resolve(dirs[k]).resolve("remove_stripes_destriped.tif").toString());
		boolean differs = false;
		for (int z = 1; z <= 2; z++) {
			short[] old = (short[]) out[0].getStack().getPixels(z);
			assertArrayEquals(old, (short[]) out[1].getStack().getPixels(z), "slice " + z);
			differs |= !java.util.Arrays.equals(old, (short[]) out[2].getStack().getPixels(z));
		}
		assertTrue(differs, "curtain_length=16 changed nothing");
		String table = new String(Files.readAllBytes(tmp.resolve("local").resolve("remove_stripes_stripes.csv")), java.nio.charset.StandardCharsets.UTF_8);
		assertTrue(table.contains("curtain_length"), table);
		String old = new String(Files.readAllBytes(tmp.resolve("old").resolve("remove_stripes_stripes.csv")), java.nio.charset.StandardCharsets.UTF_8);
		assertFalse(old.contains("curtain_length"), old);
	}

	/** SE aligned together with BSE, and SE aligned later from the saved CSV or MultiStackReg file: same pixels. */
	@Test
	void savedTransformsGiveBitIdenticalStacksThroughTheCommands() throws Exception {
		for (String file : new String[] { "a/align_stack_drift.csv", "msr.txt" }) {
			Path out = tmp.resolve(file.replace('/', '_'));
			String macro = "setBatchMode(true);\n"
				+ "run(\"Synthetic Cathode\", \"width=64 height=64 depth=6 voxel_size=0.05 slice_thickness=0.05 cam_fraction=0.45 cam_radius=0.5 cam_radius_sd=0.1 overlap=0.1 pore_fraction=0.08 pore_radius=0.2 clustering=0 seed=2\");\n"
				+ "run(\"Synthetic FIB-SEM\", \"drift_step=1.2 rotation_step=0.3 seed=2\");\n"
				+ "run(\"Align Stack\", \"stack=synthetic-cathode-64x64x6-seed2-BSE second=synthetic-cathode-64x64x6-seed2-SE transformation=rigid canvas=expand fill_value=7 save_multistackreg=[" + out.resolve("msr.txt") + "] output_dir=[" + out.resolve("a") + "]\");\n"
				+ "run(\"Align Stack\", \"stack=synthetic-cathode-64x64x6-seed2-SE canvas=expand fill_value=7 transform_file=[" + out.resolve(file) + "] output_dir=[" + out.resolve("b") + "]\");\n"
				+ "File.saveString(\"done\", getArgument());\n";
			Files.createDirectories(out);
			MacroHarness.Result r = MacroHarness.run(macro, out.resolve("done.txt").toString());
			assertTrue(Files.exists(out.resolve("done.txt")), r.log());
			ImagePlus together = IJ.openImage(out.resolve("a").resolve("align_stack_second_aligned.tif").toString());
			ImagePlus later = IJ.openImage(out.resolve("b").resolve("align_stack_aligned.tif").toString());
			assertEquals(together.getWidth(), later.getWidth());
			assertEquals(together.getHeight(), later.getHeight());
			assertTrue(together.getWidth() > 64, "expanded canvas");
			for (int z = 1; z <= 6; z++)
				assertArrayEquals((short[]) together.getStack().getPixels(z), (short[]) later.getStack().getPixels(z), file + " slice " + z);
		}
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
