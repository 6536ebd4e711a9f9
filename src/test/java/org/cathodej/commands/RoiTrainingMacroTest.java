package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train Pixel Classifier from ROIs named by class, through real macros. The tests run headless, where ImageJ's ROI
 * Manager cannot exist (it is a window; imagej/imagej-legacy#153), so the ROIs go to the BSE image's overlay, the
 * command's headless route; both routes share the conversion.
 */
class RoiTrainingMacroTest {

	@TempDir
	Path tmp;

	static final String RENDER = "setBatchMode(true);\n"
		+ "run(\"Synthetic Cathode\", \"width=96 height=96 depth=24 voxel_size=0.05 slice_thickness=0.05 seed=3\");\n"
		+ "rename(\"roi-truth\");\n"
		+ "run(\"Synthetic FIB-SEM\", \"blur_sigma=1 noise_sd=1500 seed=4\");\n";

	@Test
	void trainsFromNamedRoisAndSegmentsThePhantom() throws Exception {
		Path out = tmp.resolve("out");
		// 4x4 rectangles that lie inside one phase of the truth, on four slices, up to 5 per phase and slice;
		// names with suffixes as users write them
		String macro = RENDER
			+ "out = getArgument() + File.separator; File.makeDirectory(out);\n"
			+ "names = newArray(\"pore\", \"CAM 2\", \"ise-b\");\n"
			+ "slices = newArray(3, 9, 15, 21); rois = 0;\n"
			+ "for (s = 0; s < slices.length; s++) {\n"
			+ "  z = slices[s]; count = newArray(0, 0, 0);\n"
			+ "  for (gy = 1; gy < 92; gy += 7) for (gx = 1; gx < 92; gx += 7) {\n"
			+ "    selectImage(\"roi-truth\"); setSlice(z); v = getPixel(gx, gy); same = true;\n"
			+ "    for (j = 0; j < 4 && same; j++) for (i = 0; i < 4 && same; i++) same = getPixel(gx + i, gy + j) == v;\n"
			+ "    if (same && count[v] < 5) {\n"
			+ "      selectImage(\"roi-truth-BSE\"); setSlice(z); makeRectangle(gx, gy, 4, 4);\n"
			+ "      Roi.setName(names[v]); Overlay.addSelection; Overlay.setPosition(z);\n"
			+ "      count[v]++; rois++;\n"
			+ "    }\n"
			+ "  }\n"
			+ "}\n"
			+ "selectImage(\"roi-truth-BSE\"); run(\"Select None\");\n"
			+ "cf = out + \"rois.classifier\";\n"
			+ "run(\"Train Pixel Classifier\", \"bse=roi-truth-BSE se=roi-truth-SE trees=30 seed=1 classifier_file=[\" + cf + \"] output_dir=[\" + out + \"] overwrite\");\n"
			+ "run(\"Apply Pixel Classifier\", \"bse=roi-truth-BSE se=roi-truth-SE classifier_file=[\" + cf + \"] output_dir=[\" + out + \"] overwrite\");\n"
			+ "run(\"Compare with Ground Truth\", \"labels=roi-truth-BSE-phases ground_truth=roi-truth output_dir=[\" + out + \"] overwrite\");\n"
			+ "selectImage(\"roi-truth-BSE\"); File.saveString(\"\" + rois + \" \" + Overlay.size, out + \"rois.txt\");\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertTrue(Files.exists(out.resolve("rois.classifier")), r.log());
		assertTrue(Files.exists(out.resolve("apply_pixel_classifier_phase_labels.tif")), r.log());
		String[] n = new String(Files.readAllBytes(out.resolve("rois.txt")), StandardCharsets.UTF_8).trim().split(" ");
		assertEquals(n[0], n[1]);
		int rois = Integer.parseInt(n[0]);
		assertTrue(rois >= 30, "ROIs: " + rois);
		// the summary counts 16 voxels per ROI (no overlaps, all inside), split by the names
		Path sum = out.resolve("train_pixel_classifier_summary.csv");
		long voxels = 0;
		for (int p = 0; p < 3; p++) {
			double v = SegmentMacroTest.column(sum, "training_voxels", p);
			assertTrue(v >= 16, "phase row " + p + ": " + v);
			assertEquals(p + 1, SegmentMacroTest.column(sum, "scribble_value", p));
			voxels += (long) v;
		}
		assertEquals(16L * rois, voxels);
		String json = new String(Files.readAllBytes(out.resolve("train_pixel_classifier_summary.json")), StandardCharsets.UTF_8);
		assertTrue(json.contains("overlay of roi-truth-BSE: " + rois + " ROIs") && json.contains("position 0 = all slices"), json);
		// measured: accuracy 0.964 from 57 ROIs, 912 voxels (0.4 % of the volume); chance (all ISE) is about 0.57
		double acc = SegmentMacroTest.column(out.resolve("compare_with_ground_truth_quality.csv"), "accuracy", 0);
		System.out.println("ROI training: " + rois + " ROIs, " + voxels + " voxels, accuracy " + acc);
		assertTrue(acc >= 0.90, "accuracy " + acc + "\n" + r.log());
	}

	@Test
	void missingOrBadTrainingDataAbortsWithReasons() throws Exception {
		Path reached = tmp.resolve("reached.txt");
		String cf = tmp.resolve("c.classifier").toString();
		String train = "run(\"Train Pixel Classifier\", \"bse=roi-truth-BSE scales=1 trees=2 classifier_file=[" + cf + "]\");\n"
			+ "File.saveString(\"x\", getArgument());\n";
		String small = "setBatchMode(true);\nnewImage(\"roi-truth-BSE\", \"16-bit ramp\", 32, 32, 4);\n";
		// neither a scribble image nor ROIs
		MacroHarness.Result r = MacroHarness.run(small + train, reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("No training data") && r.log().contains("training_labels"), r.log());
		// a ROI named after no phase
		String rois = "makeRectangle(1, 1, 4, 4); Roi.setName(\"CAM\"); Overlay.addSelection; Overlay.setPosition(2);\n"
			+ "makeRectangle(8, 8, 4, 4); Roi.setName(\"electrolyte\"); Overlay.addSelection; Overlay.setPosition(3); run(\"Select None\");\n";
		r = MacroHarness.run(small + rois + train, reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("'electrolyte'") && r.log().contains("pore, CAM or ISE"), r.log());
		// overlapping pore and CAM on slice 2
		rois = "makeRectangle(1, 1, 4, 4); Roi.setName(\"CAM\"); Overlay.addSelection; Overlay.setPosition(2);\n"
			+ "makeRectangle(3, 3, 4, 4); Roi.setName(\"pore 1\"); Overlay.addSelection; Overlay.setPosition(2);\n"
			+ "makeRectangle(20, 20, 4, 4); Roi.setName(\"ISE\"); Overlay.addSelection; run(\"Select None\");\n";
		r = MacroHarness.run(small + rois + train, reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("overlap on slice 2") && r.log().contains("CAM and pore"), r.log());
		// a phase without ROI
		rois = "makeRectangle(1, 1, 4, 4); Roi.setName(\"CAM\"); Overlay.addSelection; Overlay.setPosition(2);\n"
			+ "makeRectangle(20, 20, 4, 4); Roi.setName(\"ISE\"); Overlay.addSelection; run(\"Select None\");\n";
		r = MacroHarness.run(small + rois + train, reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("pore has no training samples"), r.log());
	}
}
