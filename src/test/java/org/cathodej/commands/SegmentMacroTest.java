package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentMacroTest {

	@TempDir
	Path tmp;

	static double column(Path csv, String name, int row) throws Exception {
		List<String> l = Files.readAllLines(csv);
		String[] head = l.get(0).split(",");
		for (int i = 0; i < head.length; i++)
			if (head[i].equals(name)) return Double.parseDouble(l.get(row + 1).split(",")[i]);
		throw new AssertionError(name + " not in " + l.get(0));
	}

	@Test
	void rawBseSeToLabelsWithASavedClassifier() throws Exception {
		Path out = tmp.resolve("out");
		MacroHarness.Result r = MacroHarness.runFile(Paths.get("macros/segment_phantom.ijm"), out.toString());
		assertTrue(Files.exists(out.resolve("phases.classifier")), r.log());
		assertTrue(Files.exists(out.resolve("apply_pixel_classifier_phase_labels.tif")), r.log());
		assertTrue(Files.exists(out.resolve("apply_pixel_classifier_uncertainty.tif")), r.log());
		Path q = out.resolve("compare_with_ground_truth_quality.csv");
		assertTrue(Files.exists(q), r.log());
		double acc = column(q, "accuracy", 0);
		assertTrue(acc >= 0.97, "classifier accuracy " + acc + "\n" + r.log());
		for (int p = 0; p < 3; p++) assertTrue(column(q, "iou", p) >= 0.9, "IoU of row " + p + ": " + column(q, "iou", p));
		Path tq = out.resolve("threshold").resolve("compare_with_ground_truth_quality.csv");
		assertTrue(Files.exists(tq), r.log());
		assertTrue(column(tq, "accuracy", 0) >= 0.93, "threshold accuracy " + column(tq, "accuracy", 0));
		Path fr = out.resolve("apply_pixel_classifier_fractions.csv");
		for (int p = 0; p < 3; p++) {
			double f = column(fr, "volume_fraction", p), lo = column(fr, "fraction_low", p), hi = column(fr, "fraction_high", p);
			assertTrue(lo <= f && f <= hi, lo + " " + f + " " + hi);
		}
		assertTrue(Files.exists(out.resolve("train_pixel_classifier_summary.json")));
		String md = new String(Files.readAllBytes(out.resolve("summary.md")), java.nio.charset.StandardCharsets.UTF_8);
		assertTrue(md.contains("| pixel classifier") && md.contains("| threshold"), md);
	}

	@Test
	void badInputsAbortWithReasons() throws Exception {
		String setup = "setBatchMode(true);\n"
			+ "newImage(\"bad-BSE\", \"16-bit ramp\", 32, 32, 4);\n"
			+ "newImage(\"bad-SE\", \"16-bit ramp\", 32, 30, 4);\n"
			+ "newImage(\"bad-lab\", \"8-bit black\", 32, 32, 4);\n"
			+ "setSlice(1); setPixel(1, 1, 1); setPixel(2, 2, 2);\n";
		Path reached = tmp.resolve("reached.txt");
		String cf = tmp.resolve("c.classifier").toString();
		// channel sizes differ
		MacroHarness.Result r = MacroHarness.run(setup + "run(\"Train Pixel Classifier\", \"bse=bad-BSE training_labels=bad-lab se=bad-SE classifier_file=[" + cf
			+ "]\");\nFile.saveString(\"x\", getArgument());\n", reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("sizes differ"), r.log());
		// a class without samples (ISE = 3 never drawn)
		r = MacroHarness.run(setup + "run(\"Train Pixel Classifier\", \"bse=bad-BSE training_labels=bad-lab scales=1 trees=2 classifier_file=[" + cf
			+ "]\");\nFile.saveString(\"x\", getArgument());\n", reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("ISE has no training samples"), r.log());
		// a classifier trained on other features: trained on BSE only, applied with SE; and a file that is no classifier
		r = MacroHarness.run(setup + "setSlice(2); setPixel(3, 3, 3);\n"
			+ "run(\"Train Pixel Classifier\", \"bse=bad-BSE training_labels=bad-lab scales=1 trees=2 classifier_file=[" + cf + "]\");\n"
			+ "newImage(\"bad-SE2\", \"16-bit ramp\", 32, 32, 4);\n"
			+ "run(\"Apply Pixel Classifier\", \"bse=bad-BSE se=bad-SE2 classifier_file=[" + cf + "]\");\nFile.saveString(\"x\", getArgument());\n",
			reached.toString());
		assertTrue(Files.exists(Paths.get(cf)), r.log());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("trained on BSE only"), r.log());
		Path junk = tmp.resolve("junk.classifier");
		Files.write(junk, "not a model".getBytes());
		r = MacroHarness.run(setup + "run(\"Apply Pixel Classifier\", \"bse=bad-BSE classifier_file=[" + junk + "]\");\nFile.saveString(\"x\", getArgument());\n",
			reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("not a CathodeJ pixel classifier"), r.log());
	}

	/**
	 * memory_mb below 0 is refused by Train and Apply Pixel Classifier, through a macro (the parameter's range) and
	 * when the command is called directly (MemoryBudget.megabytes), before anything is written; 0 sizes the feature
	 * slabs from the free heap.
	 */
	@Test
	void negativeMemoryBudgetIsRefused() throws Exception {
		String setup = "setBatchMode(true);\n"
			+ "newImage(\"mem-BSE\", \"16-bit ramp\", 32, 32, 4);\n"
			+ "newImage(\"mem-lab\", \"8-bit black\", 32, 32, 4);\n"
			+ "setSlice(1); setPixel(1, 1, 1); setPixel(2, 2, 2); setPixel(3, 3, 3);\n";
		Path reached = tmp.resolve("reached.txt");
		Path cf = tmp.resolve("m.classifier");
		String train = "run(\"Train Pixel Classifier\", \"bse=mem-BSE training_labels=mem-lab scales=1 trees=2 classifier_file=[" + cf + "]";
		MacroHarness.Result r = MacroHarness.run(setup + train + " memory_mb=-5\");\nFile.saveString(\"x\", getArgument());\n", reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertFalse(Files.exists(cf), r.log());
		assertTrue(r.log().contains("memory_mb") && r.log().contains("-5"), r.log());
		// memory_mb=0: trained and applied with slabs sized from the free heap
		String apply = "run(\"Apply Pixel Classifier\", \"bse=mem-BSE classifier_file=[" + cf + "]";
		r = MacroHarness.run(setup + train + " memory_mb=0\");\n" + apply + " memory_mb=0\");\nFile.saveString(\"x\", getArgument());\n",
			reached.toString());
		assertTrue(Files.exists(reached) && Files.exists(cf), r.log());
		Files.delete(reached);
		r = MacroHarness.run(setup + apply + " memory_mb=-5\");\nFile.saveString(\"x\", getArgument());\n", reached.toString());
		assertFalse(Files.exists(reached), r.log());
		assertTrue(r.log().contains("memory_mb") && r.log().contains("-5"), r.log());
		// called directly (no macro range check): the conversion refuses it
		ij.ImagePlus bse = ij.gui.NewImage.createShortImage("d-BSE", 32, 32, 4, ij.gui.NewImage.FILL_RAMP);
		ij.ImagePlus lab = ij.gui.NewImage.createByteImage("d-lab", 32, 32, 4, ij.gui.NewImage.FILL_BLACK);
		for (int v = 1; v <= 3; v++) lab.getStack().getProcessor(1).set(v, v, v);
		Path direct = tmp.resolve("direct.classifier");
		TrainPixelClassifierCommand t = new TrainPixelClassifierCommand();
		t.bse = bse;
		t.training_labels = lab;
		t.classifier_file = direct.toString();
		t.memory_mb = -5;
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::run);
		assertTrue(e.getMessage().contains("memory_mb=-5") && e.getMessage().contains("0 for what the heap has free"), e.getMessage());
		assertFalse(Files.exists(direct));
		ApplyPixelClassifierCommand a = new ApplyPixelClassifierCommand();
		a.bse = bse;
		a.classifier_file = cf.toString();
		a.memory_mb = -5;
		e = assertThrows(IllegalArgumentException.class, a::run);
		assertTrue(e.getMessage().contains("memory_mb=-5"), e.getMessage());
		assertNull(a.phase_labels);
	}

	@Test
	void importLabelsMapsAndReportsThroughTheMacro() throws Exception {
		Path out = tmp.resolve("imp");
		Path res = tmp.resolve("res.txt");
		String macro = "setBatchMode(true);\n"
			+ "newImage(\"tws\", \"8-bit black\", 10, 10, 2);\n"
			+ "makeRectangle(0, 0, 5, 10); run(\"Set...\", \"value=1 stack\");\n"
			+ "makeRectangle(5, 0, 3, 10); run(\"Set...\", \"value=2 stack\");\n"
			+ "makeRectangle(8, 0, 2, 10); run(\"Set...\", \"value=7 stack\"); run(\"Select None\");\n"
			+ "run(\"Import Labels\", \"source=tws pore_values=7 cam_values=1 ise_values=2 output_dir=[" + out + "]\");\n"
			+ "selectImage(\"tws-phases\"); setSlice(2);\n"
			+ "File.saveString(\"\" + getPixel(0, 0) + \" \" + getPixel(6, 3) + \" \" + getPixel(9, 9) + \" \" + nResults, getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, res.toString());
		assertTrue(Files.exists(res), r.log());
		assertEquals("1 2 0 3", new String(Files.readAllBytes(res)).trim());
		r = MacroHarness.run("setBatchMode(true);\nnewImage(\"blank\", \"8-bit black\", 10, 10, 2);\n"
			+ "run(\"Import Labels\", \"source=blank pore_values=5 cam_values=1 ise_values=2\");\n", "");
		assertTrue(r.log().contains("Unmapped label values [0]"), r.log());
	}
}
