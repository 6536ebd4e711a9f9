package org.cathodej.badinput;

import static org.cathodej.badinput.Checks.all;
import static org.cathodej.badinput.Checks.cellIs;
import static org.cathodej.badinput.Checks.fileExists;
import static org.cathodej.badinput.Checks.says;
import static org.cathodej.badinput.Checks.undefined;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.ParameterSpec;

/**
 * The command-line rows of the bad-input suite. Rows shared by a family of commands (every label analysis, every
 * grey-level step) are generated from one list of input kinds; the rest are written out one by one.
 */
final class CliRows {

	private CliRows() {}

	/** Label-image commands: command stem and the arguments that make a run small and complete. */
	static final String[][] LABEL_COMMANDS = {
		{ "phase_fractions" }, { "tortuosity_flux" }, { "tortuosity_random_walk", "walkers=50", "steps=400", "samples=20" },
		{ "connectivity_and_cam_utilisation" }, { "surface_and_interface_areas" }, { "chord_length_distribution" }, { "pores_and_voids" },
		{ "synthetic_fib_sem", "noise_sd=100" }, { "import_labels" }, { "compare_with_ground_truth", "ground_truth={labels}" } };

	/** 3D-only label analyses. */
	static final String[] ANALYSES_3D = { "tortuosity_flux", "tortuosity_random_walk", "connectivity_and_cam_utilisation",
		"surface_and_interface_areas", "chord_length_distribution", "pores_and_voids" };

	/** Grey-level steps with the image arguments they need besides the main one. */
	static final String[][] GREY_COMMANDS = { { "align_stack" }, { "correct_illumination" }, { "remove_stripes", "levels=2" },
		{ "threshold_three_phases" }, { "apply_pixel_classifier", "classifier_file={classifier_bse}" },
		{ "train_pixel_classifier", "training_labels={scribbles}", "trees=2", "scales=1", "classifier_file={out}/c.classifier" },
		{ "evaluate_pixel_classifier", "ground_truth={labels}", "trees=2", "scales=1" } };

	/** Input kinds every image command refuses: input, exit code, key phrase. */
	static final String[][] BAD_IMAGES = { { "rgb", "2", "RGB" }, { "labels_channels", "2", "channels" }, { "labels_frames", "2", "frames" },
		{ "missing", "3", "not found" }, { "empty", "3", "cannot open" }, { "truncated", "3", "truncated" }, { "not_tiff", "3", "cannot open" } };

	static List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		for (String[] c : LABEL_COMMANDS) labelCommandRows(rows, c);
		for (String[] c : GREY_COMMANDS) greyCommandRows(rows, c);
		for (String c : ANALYSES_3D) {
			rows.add(Row.cli(c + " on a single slice", with(c, "{labels_2d}")).fails(2, "single slice"));
			rows.add(Row.cli(c + " on a 1-voxel-thick volume", with(c, "{labels_thin_x}")).fails(2, "at least 2 voxels"));
		}
		absentPhases(rows);
		edgeLabels(rows);
		preprocessing(rows);
		segmentation(rows);
		generators(rows);
		seriesAndReport(rows);
		commandLine(rows);
		return rows;
	}

	/** The command's base arguments with the input first; a key in {@code more} replaces the base's value for it. */
	private static String[] with(String command, String input, String... more) {
		List<String> a = new ArrayList<>(Arrays.asList(find(command)));
		for (String m : more)
			if (m.indexOf('=') > 0) a.removeIf(b -> b.startsWith(m.substring(0, m.indexOf('=') + 1)));
		a.add(1, input);
		a.addAll(Arrays.asList(more));
		if (!a.contains("--out")) a.addAll(List.of("--out", "{out}"));
		return a.toArray(new String[0]);
	}

	private static String[] find(String command) {
		for (String[] c : LABEL_COMMANDS) if (c[0].equals(command)) return c;
		for (String[] c : GREY_COMMANDS) if (c[0].equals(command)) return c;
		return new String[] { command };
	}

	private static void labelCommandRows(List<Row> rows, String[] c) {
		String cmd = c[0];
		for (String[] k : BAD_IMAGES) rows.add(Row.cli(cmd + " on " + k[0], with(cmd, "{" + k[0] + "}")).fails(Integer.parseInt(k[1]), k[2]));
		rows.add(Row.cli(cmd + " on float labels", with(cmd, "{labels_float}")).fails(2, "32-bit"));
		rows.add(Row.cli(cmd + " on signed 16-bit labels", with(cmd, "{labels_signed16}")).fails(2, "signed 16-bit"));
		rows.add(Row.cli(cmd + " with a misspelt key", with(cmd, "{labels}", "cam_lable=1")).fails(2, "unknown parameter 'cam_lable'"));
		rows.add(Row.cli(cmd + " with a label out of range", with(cmd, "{labels}", "ise_label=70000")).fails(2, "outside 0 .. 65535"));
		rows.add(Row.cli(cmd + " with a label that is not a number", with(cmd, "{labels}", "pore_label=none")).fails(2, "not a whole number"));
		rows.add(Row.cli(cmd + " into a folder under a file", with(cmd, "{labels}", "--out", "{a_file}/results")).fails(3, "is a file"));
		rows.add(Row.cli(cmd + " into /proc", with(cmd, "{labels}", "--out", "/proc/cathodej-bad-input")).fails(3, "cannot create"));
		rows.add(Row.cli(cmd + " over existing results", with(cmd, "{labels}")).before(out -> existing(out, cmd)).fails(2, "would overwrite"));
	}

	private static void greyCommandRows(List<Row> rows, String[] c) {
		String cmd = c[0];
		for (String[] k : BAD_IMAGES) rows.add(Row.cli(cmd + " on " + k[0], with(cmd, "{" + k[0] + "}")).fails(Integer.parseInt(k[1]), k[2]));
		rows.add(Row.cli(cmd + " on a NaN pixel", with(cmd, "{bse_nan}")).fails(2, "NaN or infinite pixels in slice 6"));
		rows.add(Row.cli(cmd + " on an infinite pixel", with(cmd, "{bse_inf}")).fails(2, "NaN or infinite pixels in slice 3"));
		rows.add(Row.cli(cmd + " with a misspelt key", with(cmd, "{bse}", "sigmaa=3")).fails(2, "unknown parameter 'sigmaa'"));
		rows.add(Row.cli(cmd + " into a folder under a file", with(cmd, "{bse}", "--out", "{a_file}/results")).fails(3, "is a file"));
		rows.add(Row.cli(cmd + " over existing results", with(cmd, "{bse}")).before(out -> existing(out, cmd)).fails(2, "would overwrite"));
	}

	/** Puts a file where the command's first saved output goes: it must survive the refused run. */
	static void existing(Path out, String command) {
		CommandSpec spec = CommandCatalog.load().find(command).spec();
		try {
			Files.createDirectories(out);
			for (ParameterSpec o : spec.outputs()) {
				String name = spec.outputFileName(o);
				if (name == null) continue;
				Files.write(out.resolve(name), "a result the user keeps\n".getBytes(StandardCharsets.UTF_8));
				return;
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void absentPhases(List<Row> rows) {
		rows.add(Row.cli("phase_fractions without CAM", with("phase_fractions", "{labels_no_cam}"))
			.ok(all(cellIs("phase_fractions_fractions.csv", "CAM", "volume_fraction", "0"), Checks::noSilentNaN)));
		rows.add(Row.cli("connectivity without CAM", with("connectivity_and_cam_utilisation", "{labels_no_cam}"))
			.ok(all(cellIs("connectivity_and_cam_utilisation_utilisation.csv", "6-connected", "active_fraction", "0"),
				cellIs("connectivity_and_cam_utilisation_clusters.csv", "CAM", "spanning_fraction_z", "0"), Checks::noSilentNaN)));
		rows.add(Row.cli("connectivity with ISE only", with("connectivity_and_cam_utilisation", "{labels_ise_only}", "connectivity=both"))
			.ok(all(cellIs("connectivity_and_cam_utilisation_utilisation.csv", "26-connected", "isolated_fraction", "0"), Checks::noSilentNaN)));
		rows.add(Row.cli("pores without pores", with("pores_and_voids", "{labels_no_pore}"))
			.ok(all(undefined("pores_and_voids_summary.csv", "labels_no_pore.tif", "d50", "without pore voxels"),
				undefined("pores_and_voids_summary.csv", "labels_no_pore.tif", "mean_pore_size", "without pore voxels"),
				cellIs("pores_and_voids_summary.csv", "labels_no_pore.tif", "cam_share_of_pore_surface", "0"), Checks::noSilentNaN)));
		rows.add(Row.cli("pores with crack detection skipped", with("pores_and_voids", "{labels}", "skip_crack_detection"))
			.ok(undefined("pores_and_voids_summary.csv", "labels.tif", "crack_like_voids", "crack detection skipped")));
		rows.add(Row.cli("compare with a phase absent from the segmentation", with("compare_with_ground_truth", "{labels_no_cam}"))
			.ok(all(undefined("compare_with_ground_truth_quality.csv", "CAM", "precision", "absent from the segmentation"), Checks::noSilentNaN)));
		rows.add(Row.cli("compare with a phase absent from the truth", with("compare_with_ground_truth", "{labels}", "ground_truth={labels_no_pore}"))
			.ok(undefined("compare_with_ground_truth_quality.csv", "pore", "recall", "absent from the ground truth")));
		rows.add(Row.cli("chords without CAM", with("chord_length_distribution", "{labels_no_cam}")).ok(all(says("No CAM voxels"), Checks::noSilentNaN)));
		rows.add(Row.cli("surfaces with ISE only", with("surface_and_interface_areas", "{labels_ise_only}")).ok(Checks::noSilentNaN));
		rows.add(Row.cli("flux through an absent phase", with("tortuosity_flux", "{labels_no_cam}", "conducting_phase=CAM"))
			.ok(cellIs("tortuosity_flux_tortuosity.csv", "z", "kappa", "Infinity")));
		rows.add(Row.cli("random walk in an absent phase", with("tortuosity_random_walk", "{labels_no_cam}", "phase=CAM")).fails(2, "no voxel has label 1"));
		rows.add(Row.cli("phase fractions with a single phase", with("phase_fractions", "{labels_ise_only}"))
			.ok(all(cellIs("phase_fractions_fractions.csv", "ISE", "volume_fraction", "1"), Checks::noSilentNaN)));
	}

	private static void edgeLabels(List<Row> rows) {
		rows.add(Row.cli("phase fractions with labels outside the three", with("phase_fractions", "{labels_other}")).ok(says("other")));
		rows.add(Row.cli("import with unmapped labels", with("import_labels", "{labels_other}")).ok(says("unmapped label values [7]")));
		rows.add(Row.cli("phase fractions on anisotropic voxels", with("phase_fractions", "{labels_aniso}")).ok(fileExists("phase_fractions_fractions.csv")));
		rows.add(Row.cli("surfaces on anisotropic voxels", with("surface_and_interface_areas", "{labels_aniso}")).ok(Checks::noSilentNaN));
		rows.add(Row.cli("pores on anisotropic voxels", with("pores_and_voids", "{labels_aniso}")).ok(fileExists("pores_and_voids_summary.csv")));
		rows.add(Row.cli("phase fractions uncalibrated", with("phase_fractions", "{labels_uncal}")).ok(says("voxel units")));
		rows.add(Row.cli("phase fractions on 16-bit labels", with("phase_fractions", "{labels16}")).ok(fileExists("phase_fractions_fractions.csv")));
		rows.add(Row.cli("phase fractions on a single slice", with("phase_fractions", "{labels_2d}")).ok(fileExists("phase_fractions_fractions.csv")));
		rows.add(Row.cli("compare with mismatched sizes", with("compare_with_ground_truth", "{labels}", "ground_truth={labels_small}")).fails(2, "differ"));
		rows.add(Row.cli("connectivity with mismatched particles", with("connectivity_and_cam_utilisation", "{labels}", "particles={labels_small}"))
			.fails(2, "must have the size"));
		rows.add(Row.cli("phase fractions with an unknown choice", with("phase_fractions", "{labels}", "profile_axis=w")).fails(2, "choose one of"));
		rows.add(Row.cli("phase fractions with a NaN number", with("phase_fractions", "{labels}", "cam_weight_fraction=NaN")).fails(2, "NaN"));
		rows.add(Row.cli("phase fractions with an infinite number", with("phase_fractions", "{labels}", "cam_weight_fraction=Infinity")).fails(2, "outside"));
		rows.add(Row.cli("chords with a fractional count", with("chord_length_distribution", "{labels}", "bins=2.5")).fails(2, "not a whole number"));
		rows.add(Row.cli("pores with a negative size", with("pores_and_voids", "{labels}", "bin_width=-1")).fails(2, "outside"));
		rows.add(Row.cli("flux with a wrong flag value", with("tortuosity_flux", "{labels}", "layer_table=maybe")).fails(2, "use true or false"));
	}

	private static void preprocessing(List<Row> rows) {
		rows.add(Row.cli("align with mismatched stacks", with("align_stack", "{bse}", "second={bse_small}")).fails(2, "same width, height and number of slices"));
		rows.add(Row.cli("align with a NaN second stack", with("align_stack", "{bse}", "second={se_nan}")).fails(2, "NaN or infinite pixels in slice 2"));
		rows.add(Row.cli("align a single slice", with("align_stack", "{bse_2d}")).fails(2, "single slice"));
		rows.add(Row.cli("align with a missing transform file", with("align_stack", "{bse}", "transform_file={missing}")).fails(3, "not found"));
		rows.add(Row.cli("align saving transforms under a file", with("align_stack", "{bse}", "save_multistackreg={a_file}/t.txt")).fails(3, "is a file"));
		rows.add(Row.cli("align with an unknown reference", with("align_stack", "{bse}", "reference=last")).fails(2, "choose one of"));
		rows.add(Row.cli("align a good stack", with("align_stack", "{bse}", "second={se}")).ok(fileExists("align_stack_drift.csv")));
		rows.add(Row.cli("illumination with a huge sigma", with("correct_illumination", "{bse}", "sigma=1e10")).fails(2, "larger than the slice"));
		rows.add(Row.cli("illumination with a negative sigma", with("correct_illumination", "{bse}", "sigma=-1")).fails(2, "outside"));
		rows.add(Row.cli("illumination with sigma NaN", with("correct_illumination", "{bse}", "sigma=NaN")).fails(2, "NaN"));
		rows.add(Row.cli("illumination on a constant image", with("correct_illumination", "{grey_constant}")).ok(fileExists("correct_illumination_field.csv")));
		rows.add(Row.cli("stripes with zero levels", with("remove_stripes", "{bse}", "levels=0")).fails(2, "outside"));
		rows.add(Row.cli("stripes in an unknown direction", with("remove_stripes", "{bse}", "direction=diagonal")).fails(2, "choose one of"));
		rows.add(Row.cli("stripes with an unknown wavelet", with("remove_stripes", "{bse}", "wavelet=db99")).fails(2, "choose one of"));
	}

	private static void segmentation(List<Row> rows) {
		rows.add(Row.cli("threshold a constant image", with("threshold_three_phases", "{grey_constant}")).fails(2, "constant"));
		rows.add(Row.cli("threshold with a NaN SE", with("threshold_three_phases", "{bse}", "se={se_nan}")).fails(2, "NaN or infinite"));
		rows.add(Row.cli("threshold with mismatched SE", with("threshold_three_phases", "{bse}", "se={bse_small}")).fails(2, "sizes differ"));
		rows.add(Row.cli("threshold with an unknown order", with("threshold_three_phases", "{bse}", "bse_order=bright")).fails(2, "choose one of"));
		rows.add(Row.cli("threshold a good stack", with("threshold_three_phases", "{bse}", "se={se}")).ok(fileExists("threshold_three_phases_summary.csv")));
		rows.add(Row.cli("apply a missing classifier", with("apply_pixel_classifier", "{bse}", "classifier_file={missing}")).fails(3, "not found"));
		// the segmentation helper words these as "damaged" with its classifier format change; until then the reader's own words
		rows.add(Row.cli("apply a truncated classifier", with("apply_pixel_classifier", "{bse}", "classifier_file={classifier_truncated}"))
			.fails(2, "damaged|cannot read the classifier"));
		rows.add(Row.cli("apply a classifier that is not one", with("apply_pixel_classifier", "{bse}", "classifier_file={not_tiff}"))
			.fails(2, "damaged|cannot read the classifier"));
		rows.add(Row.cli("apply a BSE+SE classifier to BSE alone", with("apply_pixel_classifier", "{bse}", "classifier_file={classifier_bse_se}"))
			.fails(2, "does not match|trained on BSE and SE"));
		rows.add(Row.cli("apply a BSE classifier with an SE", with("apply_pixel_classifier", "{bse}", "se={se}")).fails(2, "does not match|BSE only"));
		rows.add(Row.cli("apply with a mismatched SE", with("apply_pixel_classifier", "{bse}", "classifier_file={classifier_bse_se}", "se={bse_small}"))
			.fails(2, "sizes differ"));
		rows.add(Row.cli("apply with margin out of range", with("apply_pixel_classifier", "{bse}", "margin=2")).fails(2, "outside"));
		rows.add(Row.cli("apply a good classifier", with("apply_pixel_classifier", "{bse}")).ok(fileExists("apply_pixel_classifier_fractions.csv")));
		rows.add(Row.cli("evaluate against a truth of another size", with("evaluate_pixel_classifier", "{bse}", "ground_truth={labels_small}", "trees=2",
			"scales=1")).fails(2, "sizes differ"));
		rows.add(Row.cli("evaluate training on a slice beyond the stack", with("evaluate_pixel_classifier", "{bse}", "ground_truth={labels}",
			"training_slice=99", "trees=2", "scales=1")).fails(2, "slice"));
		rows.add(Row.cli("evaluate against float truth", with("evaluate_pixel_classifier", "{bse}", "ground_truth={labels_float}", "trees=2",
			"scales=1")).fails(2, "32-bit"));
		rows.add(Row.cli("train on mismatched labels", with("train_pixel_classifier", "{bse}", "training_labels={labels_small}")).fails(2, "sizes differ"));
		rows.add(Row.cli("train on float labels", with("train_pixel_classifier", "{bse}", "training_labels={labels_float}")).fails(2, "32-bit"));
		rows.add(Row.cli("train saving under a file", with("train_pixel_classifier", "{bse}", "classifier_file={a_file}/c.classifier")).fails(3, "is a file"));
		rows.add(Row.cli("train with zero trees", with("train_pixel_classifier", "{bse}", "trees=0")).fails(2, "outside"));
		rows.add(Row.cli("train with an unknown unit", with("train_pixel_classifier", "{bse}", "scale_unit=furlongs")).fails(2, "choose one of"));
		rows.add(Row.cli("import signed 16-bit", with("import_labels", "{labels_signed16}")).fails(2, "signed 16-bit"));
	}

	private static void generators(List<Row> rows) {
		for (String g : new String[] { "synthetic_cathode", "analytic_phantom" }) {
			rows.add(Row.cli(g + " with a misspelt key", g, "widht=20", "--out", "{out}").fails(2, "unknown parameter 'widht'"));
			rows.add(Row.cli(g + " with zero width", g, "width=0", "--out", "{out}").fails(2, "outside"));
			rows.add(Row.cli(g + " with a seed beyond the long range", g, "seed=1e30", "--out", "{out}").fails(2, "beyond the whole-number range"));
			rows.add(Row.cli(g + " with a seed beyond the long range (digits)", g, "seed=99999999999999999999", "--out", "{out}")
				.fails(2, "beyond the whole-number range"));
			rows.add(Row.cli(g + " 4000^3", g, "width=4000", "height=4000", "depth=4000", "--out", "{out}").fails(4, "memory"));
			rows.add(Row.cli(g + " with a NaN voxel size", g, "voxel_size=NaN", "--out", "{out}").fails(2, "NaN"));
			rows.add(Row.cli(g + " with an infinite voxel size", g, "voxel_size=Infinity", "width=16", "height=16", "depth=16", "--out", "{out}")
				.fails(2, "finite|outside"));
			rows.add(Row.cli(g + " into a folder under a file", g, "width=16", "height=16", "depth=16", "--out", "{a_file}/x").fails(3, "is a file"));
			rows.add(Row.cli(g + " given an image", g, "{labels}", "--out", "{out}").fails(2, "takes no image"));
		}
		rows.add(Row.cli("analytic phantom with an unknown shape", "analytic_phantom", "shape=cube", "--out", "{out}").fails(2, "choose one of"));
		rows.add(Row.cli("synthetic cathode with a fraction above 1", "synthetic_cathode", "cam_fraction=1.5", "--out", "{out}").fails(2, "outside"));
		rows.add(Row.cli("synthetic cathode 1 voxel thick", "synthetic_cathode", "width=1", "height=16", "depth=16", "--out", "{out}")
			.fails(2, "outside 4"));
		rows.add(Row.cli("synthetic FIB-SEM with negative noise", with("synthetic_fib_sem", "{labels}", "noise_sd=-5")).fails(2, "outside"));
	}

	private static void seriesAndReport(List<Row> rows) {
		rows.add(Row.cli("series with a missing table", "sample_series", "sample_table={missing}", "--out", "{out}").fails(3, "not found"));
		rows.add(Row.cli("series with a short row", "sample_series", "sample_table={table_short}", "--out", "{out}").fails(2, "cells but the header"));
		rows.add(Row.cli("series with an extra cell", "sample_series", "sample_table={table_extra}", "--out", "{out}").fails(2, "has no column"));
		rows.add(Row.cli("series with a bad option value", "sample_series", "sample_table={table}", "analysis_options=[spacing=abc]", "--out", "{out}")
			.fails(2, "not a whole number"));
		rows.add(Row.cli("series with an option out of range", "sample_series", "sample_table={table}", "analysis_options=[crack_flatness=3]", "--out",
			"{out}").fails(2, "outside"));
		rows.add(Row.cli("series with an unknown option", "sample_series", "sample_table={table}", "analysis_options=[spacng=2]", "--out", "{out}")
			.fails(2, "unknown parameter 'spacng'"));
		rows.add(Row.cli("series with an unknown descriptor", "sample_series", "sample_table={table}", "descriptors=phase_fractoins.pore.x", "--out",
			"{out}").fails(2, "unknown descriptor"));
		rows.add(Row.cli("series with an unknown x parameter", "sample_series", "sample_table={table}", "x_parameter=colour", "--out", "{out}")
			.fails(2, "no process parameter 'colour'"));
		rows.add(Row.cli("series with a truncated sample", "sample_series", "sample_table={table_truncated}", "--out", "{out}").fails(3, "truncated"));
		rows.add(Row.cli("series with blank rows and an empty cell", "sample_series", "sample_table={table_blank}", "descriptors=phase_fractions.pore.volume_fraction",
			"--out", "{out}").ok(all(fileExists("sample_series_comparison.csv"), says("has no value for 'pressure'"))));
		rows.add(Row.cli("report on a mistyped folder", "analysis_report", "--out", "{out}/resluts").fails(2, "holds no CathodeJ"));
		rows.add(Row.cli("report with a damaged table", "analysis_report", "--out", "{out}").before(CliRows::damagedResults)
			.ok(says("Left out of the report: phase_fractions_fractions.csv (damaged")));
		rows.add(Row.cli("report into /proc", "analysis_report", "--out", "/proc/cathodej-report").fails(3, "cannot create"));
	}

	/** A result folder with a table whose rows do not match its header (and its sidecar), and a good one. */
	static void damagedResults(Path out) {
		try {
			Files.createDirectories(out);
			Files.write(out.resolve("phase_fractions_fractions.csv"), "Label,voxels,volume_fraction\npore,3\n".getBytes(StandardCharsets.UTF_8));
			Files.write(out.resolve("phase_fractions_fractions.json"), "{\"software\": \"CathodeJ\"}\n".getBytes(StandardCharsets.UTF_8));
			Files.write(out.resolve("surface_and_interface_areas_areas.csv"), "Label,area\npore,3\n".getBytes(StandardCharsets.UTF_8));
			Files.write(out.resolve("surface_and_interface_areas_areas.json"), "{\"software\": \"CathodeJ\"}\n".getBytes(StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void commandLine(List<Row> rows) {
		rows.add(Row.cli("an unknown command", "phase_fraction", "{labels}", "--out", "{out}").fails(2, "unknown command 'phase_fraction'"));
		rows.add(Row.cli("an unknown image key", "phase_fractions", "--input", "foo={labels}", "--out", "{out}").fails(2, "unknown image parameter 'foo'"));
		rows.add(Row.cli("too many image files", with("phase_fractions", "{labels}", "{labels16}")).fails(2, "too many image files"));
		rows.add(Row.cli("no output folder", "phase_fractions", "{labels}").fails(2, "give an output folder"));
		rows.add(Row.cli("an unknown option", with("phase_fractions", "{labels}", "--fast")).fails(2, "unknown option '--fast'"));
		rows.add(Row.cli("a key given twice", with("phase_fractions", "{labels}", "cam_label=1", "cam_label=2")).fails(2, "given twice"));
		rows.add(Row.cli("analyse with a bad value for one analysis", "analyse", "{labels}", "spacing=0", "--out", "{out}").fails(2, "outside"));
		rows.add(Row.cli("a path with spaces and non-ASCII letters", "phase_fractions", "{labels_unicode}", "--out", "{out}/résultats ü")
			.ok(o -> fileExists("résultats ü/phase_fractions_fractions.csv").accept(o)));
		rows.add(Row.cli("connectivity on a non-ASCII path", "connectivity_and_cam_utilisation", "{labels_unicode}", "--out", "{out}/Ø")
			.ok(fileExists("Ø/connectivity_and_cam_utilisation_utilisation.csv")));
	}
}
