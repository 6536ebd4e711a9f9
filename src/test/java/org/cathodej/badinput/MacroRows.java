package org.cathodej.badinput;

import static org.cathodej.badinput.Checks.fileExists;
import static org.cathodej.badinput.Checks.says;

import java.util.ArrayList;
import java.util.List;

/**
 * The macro rows of the bad-input suite: the same refusals through run("...") in ImageJ 1.x, where the message
 * must stop the macro with its reason and no stack trace, and the values a macro reads back (getResult of an
 * undefined cell is NaN, with the reason in the note column).
 */
final class MacroRows {

	private MacroRows() {}

	static List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		greyInputs(rows);
		labelInputs(rows);
		options(rows);
		files(rows);
		results(rows);
		return rows;
	}

	private static String out(String options) {
		return options + " output_dir=[{out}]";
	}

	private static void greyInputs(List<Row> rows) {
		String nan = "open(\"{bse}\"); setSlice(6); setPixel(4, 3, NaN); ";
		rows.add(Row.macro("Align Stack with one NaN pixel in slice 6", nan + "run(\"Align Stack\", \"" + out("") + "\");")
			.fails(2, "NaN or infinite pixels in slice 6"));
		rows.add(Row.macro("Correct Illumination with a NaN pixel", nan + "run(\"Correct Illumination\", \"" + out("sigma=0.5") + "\");")
			.fails(2, "NaN or infinite pixels in slice 6"));
		rows.add(Row.macro("Remove Stripes with a NaN pixel", nan + "run(\"Remove Stripes\", \"" + out("levels=2") + "\");").fails(2, "NaN or infinite"));
		rows.add(Row.macro("Threshold Three Phases with a NaN pixel", nan + "run(\"Threshold Three Phases\", \"" + out("") + "\");").fails(2, "NaN or infinite"));
		rows.add(Row.macro("Apply Pixel Classifier with a NaN pixel", nan + "run(\"Apply Pixel Classifier\", \"" + out("classifier_file=[{classifier_bse}]")
			+ "\");").fails(2, "NaN or infinite"));
		rows.add(Row.macro("Threshold Three Phases on a constant image", "newImage(\"flat\", \"32-bit black\", 20, 18, 6); run(\"Threshold Three Phases\", \""
			+ out("") + "\");").fails(2, "constant"));
		rows.add(Row.macro("Correct Illumination with sigma 1e10", "open(\"{bse}\"); run(\"Correct Illumination\", \"" + out("sigma=1e10") + "\");")
			.fails(2, "larger than the slice"));
		rows.add(Row.macro("Align Stack with a smaller second stack", "open(\"{bse_small}\"); open(\"{bse}\"); run(\"Align Stack\", \""
			+ out("stack=bse.tif second=bse_small.tif") + "\");").fails(2, "same width, height and number of slices"));
	}

	private static void labelInputs(List<Row> rows) {
		rows.add(Row.macro("Phase Fractions with a zero voxel depth", "open(\"{labels}\"); setVoxelSize(0.1, 0.1, 0, \"um\"); run(\"Phase Fractions\", \""
			+ out("") + "\");").fails(2, "voxel depth of 0"));
		rows.add(Row.macro("Pores and Voids with a negative voxel width", "open(\"{labels}\"); setVoxelSize(-0.1, 0.1, 0.1, \"um\"); run(\"Pores and Voids\", \""
			+ out("") + "\");").fails(2, "voxel width of -0.1"));
		rows.add(Row.macro("Phase Fractions on RGB", "newImage(\"rgb\", \"RGB black\", 20, 18, 6); run(\"Phase Fractions\", \"" + out("") + "\");")
			.fails(2, "RGB"));
		rows.add(Row.macro("Connectivity on a hyperstack with channels", "newImage(\"hs\", \"8-bit black\", 20, 18, 2, 6, 1); run(\"Connectivity and CAM Utilisation\", \""
			+ out("") + "\");").fails(2, "channels"));
		rows.add(Row.macro("Pores and Voids on float labels", "open(\"{labels}\"); run(\"32-bit\"); run(\"Pores and Voids\", \"" + out("") + "\");")
			.fails(2, "32-bit"));
		rows.add(Row.macro("Chord Length on a single slice", "newImage(\"one\", \"8-bit black\", 32, 32, 1); run(\"Chord Length Distribution\", \""
			+ out("") + "\");").fails(2, "single slice"));
		rows.add(Row.macro("Chord Length on 1 x 32 x 32", "newImage(\"thin\", \"8-bit black\", 1, 32, 32); run(\"Chord Length Distribution\", \""
			+ out("") + "\");").fails(2, "at least 2 voxels"));
		rows.add(Row.macro("Synthetic Cathode 4000^3", "run(\"Synthetic Cathode\", \"" + out("width=4000 height=4000 depth=4000") + "\");")
			.fails(2, "needs"));
		rows.add(Row.macro("Phase Fractions on anisotropic voxels", "open(\"{labels}\"); setVoxelSize(0.05, 0.1, 0.4, \"um\"); run(\"Phase Fractions\", \""
			+ out("") + "\"); print(\"depth \" + getResult(\"volume_fraction\", 1));").ok(fileExists("phase_fractions_fractions.csv")));
	}

	private static void options(List<Row> rows) {
		rows.add(Row.macro("Phase Fractions with a misspelt key", "open(\"{labels}\"); run(\"Phase Fractions\", \"" + out("cam_lable=1") + "\");")
			.fails(2, "Unknown parameter 'cam_lable'"));
		rows.add(Row.macro("Phase Fractions with a label out of range", "open(\"{labels}\"); run(\"Phase Fractions\", \"" + out("cam_label=-1") + "\");")
			.fails(2, "outside"));
		rows.add(Row.macro("Chord Length with an unknown choice", "open(\"{labels}\"); run(\"Chord Length Distribution\", \""
			+ out("plot_weighting=mass") + "\");").fails(2, "choose one of"));
		rows.add(Row.macro("Tortuosity (Flux) with text for a number", "open(\"{labels}\"); run(\"Tortuosity (Flux)\", \""
			+ out("residual_tolerance=small") + "\");").fails(2, "not a number"));
		rows.add(Row.macro("Sample Series with a bad analysis option", "run(\"Sample Series\", \""
			+ out("sample_table=[{table}] analysis_options=[spacing=abc]") + "\");").fails(2, "not a whole number"));
		rows.add(Row.macro("Synthetic Cathode with a seed beyond the long range", "run(\"Synthetic Cathode\", \""
			+ out("width=16 height=16 depth=16 seed=99999999999999999999") + "\");").fails(2, "beyond the whole-number range"));
	}

	private static void files(List<Row> rows) {
		rows.add(Row.macro("Phase Fractions over existing results", "open(\"{labels}\"); run(\"Phase Fractions\", \"" + out("") + "\");")
			.before(out -> CliRows.existing(out, "phase_fractions")).fails(2, "would overwrite"));
		rows.add(Row.macro("Phase Fractions into a folder under a file", "open(\"{labels}\"); run(\"Phase Fractions\", \"output_dir=[{a_file}/x]\");")
			.fails(2, "is a file"));
		rows.add(Row.macro("Apply Pixel Classifier with a missing classifier", "open(\"{bse}\"); run(\"Apply Pixel Classifier\", \""
			+ out("classifier_file=[{missing}]") + "\");").fails(2, "not found"));
		rows.add(Row.macro("Apply Pixel Classifier with a damaged classifier", "open(\"{bse}\"); run(\"Apply Pixel Classifier\", \""
			+ out("classifier_file=[{classifier_truncated}]") + "\");").fails(2, "damaged|cannot read the classifier"));
		// Fiji opens the file itself here and keeps the slices it could read; the command refuses the image
		rows.add(Row.macro("Phase Fractions on a truncated TIFF opened in the macro", "open(\"{truncated}\"); run(\"Phase Fractions\", \""
			+ out("") + "\");").fails(2, "truncated"));
		rows.add(Row.macro("Phase Fractions on a truncated TIFF after deleting a slice", "open(\"{truncated}\"); run(\"Delete Slice\"); "
			+ "run(\"Phase Fractions\", \"" + out("") + "\");").ok(Checks.fileExists("phase_fractions_fractions.csv")));
		rows.add(Row.macro("Sample Series with a missing table", "run(\"Sample Series\", \"" + out("sample_table=[{missing}]") + "\");")
			.fails(2, "not found"));
		rows.add(Row.macro("Sample Series with a short row", "run(\"Sample Series\", \"" + out("sample_table=[{table_short}]") + "\");")
			.fails(2, "cells but the header"));
		rows.add(Row.macro("Analysis Report on a mistyped folder", "run(\"Analysis Report\", \"output_dir=[{out}/resluts]\");")
			.fails(2, "holds no CathodeJ"));
		rows.add(Row.macro("Phase Fractions on a non-ASCII path into a folder with spaces", "open(\"{labels_unicode}\"); run(\"Phase Fractions\", \""
			+ "output_dir=[{out}/mes résultats]\");").ok(fileExists("mes résultats/phase_fractions_fractions.csv")));
	}

	private static void results(List<Row> rows) {
		rows.add(Row.macro("getResult of an undefined pore size is NaN, with a note", "open(\"{labels_no_pore}\"); run(\"Pores and Voids\", \"" + out("")
			+ "\"); d = getResult(\"d50\", 0); print(\"d50 isNaN \" + isNaN(d)); print(\"note: \" + getResultString(\"note\", 0));")
			.ok(says("d50 isNaN 1")));
		rows.add(Row.macro("getResult of the active fraction without CAM is 0", "open(\"{labels_no_cam}\"); run(\"Connectivity and CAM Utilisation\", \""
			+ out("") + "\"); print(\"active \" + getResult(\"active_fraction\", 0));").ok(says("active 0")));
		rows.add(Row.macro("getResult of an undefined precision is NaN", "open(\"{labels_no_cam}\"); rename(\"seg\"); open(\"{labels}\"); rename(\"truth\");"
			+ " selectImage(\"seg\"); run(\"Compare with Ground Truth\", \"" + out("ground_truth=truth") + "\"); print(\"precision isNaN \" + isNaN(getResult(\"precision\", 1)));")
			.ok(says("precision isNaN 1")));
	}
}
