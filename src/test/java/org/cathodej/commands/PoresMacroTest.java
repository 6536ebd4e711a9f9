package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoresMacroTest {

	@TempDir
	Path tmp;

	static double col(List<String> csv, int row, String name) {
		List<String> head = java.util.Arrays.asList(csv.get(0).split(","));
		int i = head.indexOf(name);
		assertTrue(i >= 0, name + " not in " + csv.get(0));
		return Double.parseDouble(csv.get(row).split(",")[i]);
	}

	@Test
	void shippedMacroWritesEveryOutput() throws Exception {
		Path out = tmp.resolve("pores");
		MacroHarness.Result r = MacroHarness.runFile(Paths.get("macros/pores_and_voids.ijm"), out.toString() + "/");
		assertFalse(r.log().contains("Macro Error"), r.log());
		for (String f : new String[] { "summary.md", "pores_and_voids_summary.csv", "pores_and_voids_summary.json",
			"pores_and_voids_size_distribution.csv", "pores_and_voids_size_plot.png", "pores_and_voids_voids.csv",
			"pores_and_voids_profile.csv", "pores_and_voids_profile_plot.png", "pores_and_voids_local_thickness.tif" })
			assertTrue(Files.exists(out.resolve(f)), f + " missing\n" + r.log());
		List<String> sum = Files.readAllLines(out.resolve("pores_and_voids_summary.csv"));
		double porosity = col(sum, 1, "porosity");
		assertTrue(porosity > 0.05 && porosity < 0.2, "porosity " + porosity);
		double d10 = col(sum, 1, "d10"), d50 = col(sum, 1, "d50"), d90 = col(sum, 1, "d90");
		assertTrue(0 < d10 && d10 <= d50 && d50 <= d90, d10 + " " + d50 + " " + d90);
		double share = col(sum, 1, "cam_share_of_pore_surface");
		assertTrue(share > 0 && share < 1, "CAM share " + share);
		// the size histogram sums to 1, the profile has one row per slice and its mean equals the porosity
		List<String> hist = Files.readAllLines(out.resolve("pores_and_voids_size_distribution.csv"));
		double s = 0;
		for (int i = 1; i < hist.size(); i++) s += col(hist, i, "volume_fraction");
		assertEquals(1, s, 1e-9);
		List<String> prof = Files.readAllLines(out.resolve("pores_and_voids_profile.csv"));
		assertEquals(64 + 1, prof.size());
		double m = 0;
		for (int i = 1; i < prof.size(); i++) m += col(prof, i, "pore_fraction") / 64;
		assertEquals(porosity, m, 1e-9);
		List<String> voids = Files.readAllLines(out.resolve("pores_and_voids_voids.csv"));
		assertEquals((int) col(sum, 1, "isolated_voids") + 1, voids.size());
		String json = new String(Files.readAllBytes(out.resolve("pores_and_voids_summary.json")), StandardCharsets.UTF_8);
		assertTrue(json.contains("DIAMETER"), json);
	}

	@Test
	void ballPhantomGivesItsDiameter() throws Exception {
		Path out = tmp.resolve("d50.txt");
		// Analytic ball of label 0 (pore) in label 2 (ISE): local thickness = ball diameter within a voxel
		String macro = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=ball width=41 height=41 depth=41 feature_size=12 inside_label=0 outside_label=2\");\n"
			+ "run(\"Pores and Voids\", \"pore_label=0 cam_label=1 ise_label=2\");\n"
			+ "File.saveString(\"\" + getResult(\"d50\", 0) + \" \" + getResult(\"isolated_voids\", 0) + \" \" + getResult(\"isolated_voids_in_ise\", 0)"
			+ " + \" \" + getResult(\"d10\", 0) + \" \" + getResult(\"d90\", 0) + \" \" + getResult(\"max_pore_size\", 0), getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertTrue(Files.exists(out), r.log());
		String[] v = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).trim().split(" ");
		assertEquals(1, Double.parseDouble(v[1]), 0, r.log());
		assertEquals(1, Double.parseDouble(v[2]), 0, r.log());
		double d50 = Double.parseDouble(v[0]);
		double d10 = Double.parseDouble(v[3]), d90 = Double.parseDouble(v[4]), max = Double.parseDouble(v[5]);
		// feature_size is the ball radius and the ball is centred on a voxel centre (41 / 2 = 20.5): diameter 24 voxels
		assertEquals(24, d50, 1.0, r.log());
		assertEquals(d10, d90, 1e-9, "every voxel of a centred ball lies in the central ball");
		assertEquals(max, d50, 1e-9);
	}

	@Test
	void badValuesAbortWithTheReason() throws Exception {
		String[][] cases = { { "crack_flatness=2", "crack_flatness" }, { "border=sideways", "border" }, { "bin_widht=1", "bin_widht" } };
		for (String[] c : cases) {
			Path out = tmp.resolve("reached-" + c[1] + ".txt");
			String macro = "setBatchMode(true);\n"
				+ "run(\"Analytic Phantom\", \"shape=ball width=16 height=16 depth=16 feature_size=4 inside_label=0 outside_label=2\");\n"
				+ "run(\"Pores and Voids\", \"" + c[0] + "\");\n"
				+ "File.saveString(\"reached\", getArgument());\n";
			MacroHarness.Result r = MacroHarness.run(macro, out.toString());
			assertFalse(Files.exists(out), "macro should have been aborted for " + c[0] + "\n" + r.log());
			assertTrue(r.log().contains(c[1]), r.log());
		}
	}

	@Test
	void noPoresGivesZerosAndNaNsNotAnError() throws Exception {
		Path out = tmp.resolve("nopores.txt");
		String macro = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=ball width=16 height=16 depth=16 feature_size=4 inside_label=1 outside_label=2\");\n"
			+ "run(\"Pores and Voids\", \"pore_label=0 cam_label=1 ise_label=2 thickness_image output_dir=[" + tmp.resolve("np") + "]\");\n"
			+ "File.saveString(\"\" + getResult(\"porosity\", 0) + \" \" + getResult(\"d50\", 0) + \" \" + getResult(\"isolated_voids\", 0), getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertTrue(Files.exists(out), r.log());
		String[] v = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).trim().split(" ");
		assertEquals(0, Double.parseDouble(v[0]), 0, r.log());
		assertEquals("NaN", v[1], r.log());
		assertEquals(0, Double.parseDouble(v[2]), 0);
		assertTrue(r.log().contains("No pore voxels"), r.log());
	}

	/**
	 * memory_mb through a macro: 4 MB (below the in-memory analysis's 20 bytes per voxel of 64^3 voxels, so streaming=auto
	 * streams, and below the 32 bytes per voxel that hold the distance map and the pore labels) streams in slabs of a few
	 * slices with the map spilled and the labels made again, and writes the in-memory tables byte for byte, with the
	 * budget in the provenance; 1 MB is refused naming the least budget, and in memory (streaming=never) with the budget.
	 */
	@Test
	void memoryBudgetStreamsWithTheInMemoryTables() throws Exception {
		Path mem = tmp.resolve("mem"), budget = tmp.resolve("budget"), reached = tmp.resolve("reached.txt");
		String phantom = "run(\"Synthetic Cathode\", \"width=64 height=64 depth=64 voxel_size=0.1 slice_thickness=0.15 cam_fraction=0.4 "
			+ "cam_radius=0.8 cam_radius_sd=0.2 overlap=0.1 pore_fraction=0.12 pore_radius=0.25 clustering=0.5 seed=5\");\n";
		String macro = "setBatchMode(true);\n" + phantom + "labels = getTitle();\n"
			+ "run(\"Pores and Voids\", \"pore_label=0 cam_label=1 ise_label=2 streaming=never output_dir=[" + mem + "]\");\n"
			+ "selectImage(labels);\n"
			+ "run(\"Pores and Voids\", \"pore_label=0 cam_label=1 ise_label=2 memory_mb=4 output_dir=[" + budget + "]\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, reached.toString());
		assertTrue(Files.exists(reached), r.log());
		for (String t : new String[] { "summary", "size_distribution", "voids", "profile" }) {
			String f = "pores_and_voids_" + t + ".csv";
			assertEquals(Files.readAllLines(mem.resolve(f)), Files.readAllLines(budget.resolve(f)), f);
		}
		assertTrue(Files.readAllLines(mem.resolve("pores_and_voids_voids.csv")).size() > 2, "a phantom with voids");
		String json = new String(Files.readAllBytes(budget.resolve("pores_and_voids_summary.json")), StandardCharsets.UTF_8);
		assertTrue(json.contains("memory_budget") && json.contains("4 MB (memory_mb)"), json);
		assertTrue(json.contains("slab by slab"), json);
		assertFalse(budget.toFile().list((d, n) -> n.contains("distance")).length > 0, "the spilled distance map is deleted");

		Path refused = tmp.resolve("refused.txt");
		String tiny = "setBatchMode(true);\n" + phantom
			+ "run(\"Pores and Voids\", \"pore_label=0 cam_label=1 ise_label=2 streaming=always memory_mb=1 output_dir=[" + tmp.resolve("tiny") + "]\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		r = MacroHarness.run(tiny, refused.toString());
		assertFalse(Files.exists(refused), r.log());
		assertTrue(r.log().contains("memory budget (memory_mb=1)") && r.log().matches("(?s).*give memory_mb=\\d+ or more.*"), r.log());
		// in memory (streaming=never), 20 bytes per voxel of 64^3 voxels exceed a budget of 1 MB
		r = MacroHarness.run(tiny.replace("streaming=always", "streaming=never"), refused.toString());
		assertFalse(Files.exists(refused), r.log());
		assertTrue(r.log().contains("is the memory budget (memory_mb)") && r.log().contains("streaming=auto or always"), r.log());
	}

	/**
	 * 64x64x40 ISE with a CAM layer every 4th slice and a one-voxel pore at every even (x, y, z): 20480 isolated pore
	 * components, many tables for a small volume.
	 */
	private static final String LATTICE = "setBatchMode(true);\nnewImage(\"lattice\", \"8-bit black\", 64, 64, 40);\n"
		+ "for (z = 0; z < 40; z++) { setSlice(z + 1); for (y = 0; y < 64; y++) for (x = 0; x < 64; x++) {\n"
		+ "  v = 2; if (z % 4 == 3) v = 1; if (x % 2 == 0 && y % 2 == 0 && z % 2 == 0) v = 0; setPixel(x, y, v); } }\n";

	/**
	 * A lattice of isolated one-voxel pores (20480 components, ~6.6 MB of component tables with their void rows) within memory_mb=2, slabs of
	 * 4 slices (which fit): refused in pass 1 with the components so far, the need extrapolated to the 40 slices and
	 * what would work; output_dir keeps no table, thickness slice or spilled distance map.
	 */
	@Test
	void componentTablesBeyondTheBudgetAreRefusedWithNothingWritten() throws Exception {
		Path out = tmp.resolve("lattice"), reached = tmp.resolve("reached-lattice.txt");
		String macro = LATTICE
			+ "run(\"Pores and Voids\", \"pore_label=0 cam_label=1 ise_label=2 thickness_image streaming=always memory_mb=2 slab_slices=4 "
			+ "output_dir=[" + out + "]\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, reached.toString());
		assertFalse(Files.exists(reached), r.log());
		String log = r.log();
		assertTrue(log.matches("(?s).*stopped after slice \\d+ of 40: the \\d+ pore components.*found so far need .*"), log);
		assertTrue(log.contains("for all 40 slices") && log.contains("memory budget (memory_mb=2)"), log);
		assertTrue(log.contains("Give a larger memory_mb") && log.matches("(?s).*sub-volumes of about \\d+ slices.*"), log);
		String[] left = out.toFile().list();
		assertTrue(left == null || left.length == 0, "nothing written: " + (left == null ? "" : String.join(", ", left)));
	}

	/**
	 * The same lattice in memory (streaming=never) within memory_mb=5: the in-memory analysis (about 3.3 MB) fits, its
	 * 20480 components' tables (~6.3 MB) beside the labels and the thickness do not: refused as soon as they are counted,
	 * with the count and what would work; nothing written.
	 */
	@Test
	void inMemoryComponentTablesBeyondTheBudgetAreRefused() throws Exception {
		Path out = tmp.resolve("lattice-mem"), reached = tmp.resolve("reached-lattice-mem.txt");
		String macro = LATTICE
			+ "run(\"Pores and Voids\", \"pore_label=0 cam_label=1 ise_label=2 streaming=never memory_mb=5 output_dir=[" + out + "]\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, reached.toString());
		assertFalse(Files.exists(reached), r.log());
		String log = r.log();
		assertTrue(log.contains("Pores and Voids of 64x64x40 voxels: the 20480 pore components need "), log);
		assertTrue(log.contains("memory budget (memory_mb=5) beside the component labels and the local thickness"), log);
		assertTrue(log.contains("Give a larger memory_mb") && log.contains("streaming=always"), log);
		String[] left = out.toFile().list();
		assertTrue(left == null || left.length == 0, "nothing written: " + (left == null ? "" : String.join(", ", left)));
	}

	@Test
	void singleSliceIsRejected() throws Exception {
		Path out = tmp.resolve("reached-2d.txt");
		String macro = "setBatchMode(true);\nnewImage(\"flat\", \"8-bit black\", 20, 20, 1);\n"
			+ "run(\"Pores and Voids\", \"pore_label=0 cam_label=1 ise_label=2\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertFalse(Files.exists(out), r.log());
		assertTrue(r.log().contains("3D stack"), r.log());
	}
}
