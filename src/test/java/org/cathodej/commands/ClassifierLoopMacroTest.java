package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TWS-like loop through real macros: train from ROIs, preview the current slice as an overlay, add a ROI,
 * retrain (the preview overlay is not taken for a scribble); an 8-bit copy refused by a 16-bit classifier; the
 * evaluation command's tables.
 */
class ClassifierLoopMacroTest {

	@TempDir
	Path tmp;

	static final String SETUP = "setBatchMode(true);\n"
		+ "run(\"Synthetic Cathode\", \"width=48 height=48 depth=6 voxel_size=0.05 slice_thickness=0.05 seed=2\");\n"
		+ "rename(\"truth\");\n"
		+ "run(\"Synthetic FIB-SEM\", \"blur_sigma=1 noise_sd=800 drift_step=0 curtain_amplitude=0 illumination=0 seed=2\");\n"
		+ "bse = getTitle();\n";

	/** Three ROIs on slice 3, one per phase, placed on pixels of that phase in the truth. */
	static final String ROIS = "function roiOn(phase, name) {\n"
		+ "  selectImage(\"truth\"); setSlice(3);\n"
		+ "  for (y = 2; y < 44; y++) for (x = 2; x < 44; x++) if (getPixel(x, y) == phase && getPixel(x + 2, y + 2) == phase && getPixel(x + 2, y) == phase && getPixel(x, y + 2) == phase) {\n"
		+ "    selectImage(bse); setSlice(3); makeRectangle(x, y, 3, 3); Roi.setName(name); Overlay.addSelection; Overlay.setPosition(3); run(\"Select None\"); return 1; }\n"
		+ "  return 0;\n}\n"
		+ "roiOn(0, \"pore\"); roiOn(1, \"CAM\"); roiOn(2, \"ISE\");\n";

	@Test
	void trainPreviewScribbleRetrain() throws Exception {
		String cf = tmp.resolve("loop.classifier").toString();
		Path done = tmp.resolve("done.txt");
		String m = SETUP + ROIS
			+ "run(\"Train Pixel Classifier\", \"bse=[\" + bse + \"] neighbourhood=2D scales=1,2 trees=5 classifier_file=[" + cf + "]\");\n"
			+ "selectImage(bse); setSlice(3);\n"
			+ "run(\"Apply Pixel Classifier\", \"bse=[\" + bse + \"] classifier_file=[" + cf + "] preview_current_slice\");\n"
			+ "preview = getTitle(); ps = nSlices;\n"
			+ "selectImage(bse); n1 = Overlay.size;\n"
			+ "Overlay.activateSelection(n1 - 1); pname = Roi.getName; Roi.getPosition(pc, ppos, pf); run(\"Select None\");\n"
			+ "makeRectangle(30, 30, 2, 2); Roi.setName(\"CAM 2\"); Overlay.addSelection; Overlay.setPosition(3); run(\"Select None\");\n"
			+ "run(\"Train Pixel Classifier\", \"bse=[\" + bse + \"] neighbourhood=2D scales=1,2 trees=5 classifier_file=[" + cf + "] overwrite\");\n"
			+ "run(\"Apply Pixel Classifier\", \"bse=[\" + bse + \"] classifier_file=[" + cf + "] preview_current_slice\");\n"
			+ "selectImage(bse); n2 = Overlay.size;\n"
			+ "File.saveString(preview + \" \" + ps + \" \" + n1 + \" \" + pname + \" \" + ppos + \" \" + n2, getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(m, done.toString());
		assertTrue(Files.exists(done), r.log());
		String[] v = new String(Files.readAllBytes(done)).split(" ");
		assertTrue(v[0].endsWith("-preview") && v[1].equals("1"), String.join(" ", v)); // one slice of labels
		assertTrue(v[2].equals("4") && v[3].equals("CathodeJ") && v[5].equals("3"), String.join(" ", v)); // 3 ROIs + preview on slice 3
		assertTrue(v.length == 7 && v[4].equals("preview") && v[6].equals("5"), String.join(" ", v)); // 4 ROIs + one preview: the old preview replaced, not trained on
	}

	@Test
	void eightBitCopyIsRefusedAndEvaluationWritesItsTables() throws Exception {
		String cf = tmp.resolve("c.classifier").toString();
		Path out = tmp.resolve("eval");
		Path reached = tmp.resolve("reached.txt");
		String m = SETUP + ROIS
			+ "run(\"Train Pixel Classifier\", \"bse=[\" + bse + \"] neighbourhood=2D scales=1,2 trees=5 auto_context=1 classifier_file=[" + cf + "]\");\n"
			+ "selectImage(bse); run(\"Duplicate...\", \"title=bse8 duplicate\"); run(\"8-bit\");\n"
			+ "run(\"Evaluate Pixel Classifier\", \"bse=[\" + bse + \"] ground_truth=truth training_slice=2 training_fraction=0.05 neighbourhood=2D scales=1,2 trees=5 auto_context=1 output_dir=["
			+ out + "]\");\n"
			+ "run(\"Apply Pixel Classifier\", \"bse=bse8 classifier_file=[" + cf + "]\");\n"
			+ "File.saveString(\"x\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(m, reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("16-bit") && r.log().contains("8-bit") && r.log().contains("does not match the classifier"), r.log());
		Path per = out.resolve("evaluate_pixel_classifier_per_slice.csv"), held = out.resolve("evaluate_pixel_classifier_held_out.csv");
		assertTrue(Files.exists(per) && Files.exists(held), r.log());
		assertTrue(Files.readAllLines(per).size() == 7, String.join("\n", Files.readAllLines(per)));
		double acc = SegmentMacroTest.column(held, "accuracy", 0), miou = SegmentMacroTest.column(held, "mean_iou", 0);
		assertTrue(acc > 0.9 && miou > 0.7 && miou <= 1, acc + " " + miou);
		assertTrue(SegmentMacroTest.column(per, "training", 1) == 1 && SegmentMacroTest.column(per, "training", 0) == 0);
		String header = new String(Files.readAllBytes(Paths.get(cf)), java.nio.charset.StandardCharsets.ISO_8859_1);
		assertTrue(header.contains("version=4\n") && header.contains("auto_context=2\n"), "auto_context=1 gives a second forest stage");
	}
}
