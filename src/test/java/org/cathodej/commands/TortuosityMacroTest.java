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

class TortuosityMacroTest {

	@TempDir
	Path tmp;

	@Test
	void shippedMacroWritesTablesImagesAndPlot() throws Exception {
		Path out = tmp.resolve("out");
		MacroHarness.Result r = MacroHarness.runFile(Paths.get("macros/tortuosity_synthetic_cathode.ijm"), out.toString() + "/");
		assertFalse(r.log().contains("Macro Error"), r.log());
		String summary = new String(Files.readAllBytes(out.resolve("summary.md")), StandardCharsets.UTF_8);
		assertTrue(summary.contains("kappa = "), summary);
		List<String> names;
		try (java.util.stream.Stream<Path> s = Files.list(out)) {
			names = s.map(p -> p.getFileName().toString()).sorted().collect(java.util.stream.Collectors.toList());
		}
		Path flux = out.resolve("tortuosity_flux_tortuosity.csv");
		assertTrue(Files.exists(flux), names.toString());
		List<String> rows = Files.readAllLines(flux);
		assertEquals(4, rows.size(), rows.toString()); // header + x, y, z
		String[] head = rows.get(0).split(",");
		int k = java.util.Arrays.asList(head).indexOf("kappa");
		int conv = java.util.Arrays.asList(head).indexOf("converged");
		assertTrue(k > 0 && conv > 0, rows.get(0));
		for (int i = 1; i <= 3; i++) {
			String[] v = rows.get(i).split(",");
			double kappa = Double.parseDouble(v[k]);
			assertTrue(kappa > 1 && kappa < 10, "ISE kappa " + kappa);
			assertEquals(1, Double.parseDouble(v[conv]), 0);
		}
		assertTrue(names.contains("tortuosity_flux_layers.csv"), names.toString());
		List<String> layers = Files.readAllLines(out.resolve("tortuosity_flux_layers.csv"));
		// one row per layer along x, y and z (the phantom is a cube)
		assertTrue(layers.size() >= 1 + 3 * 64 && (layers.size() - 1) % 3 == 0, layers.size() + " rows");
		assertTrue(layers.get(1).startsWith("x,0,") && layers.get(layers.size() - 1).startsWith("z,"), layers.get(1));
		assertTrue(names.stream().anyMatch(n -> n.startsWith("tortuosity_flux_potential") && n.endsWith(".tif")), names.toString());
		assertTrue(names.stream().anyMatch(n -> n.startsWith("tortuosity_flux_current_density") && n.endsWith(".tif")), names.toString());
		assertTrue(names.contains("tortuosity_random_walk_tortuosity.csv"), names.toString());
		assertTrue(names.contains("tortuosity_random_walk_msd_plot.png"), names.toString());
		assertEquals(101, Files.readAllLines(out.resolve("tortuosity_random_walk_msd.csv")).size());
	}

	@Test
	void channelsGiveOneAlongAndInfinityAcross() throws Exception {
		Path out = tmp.resolve("k.txt");
		String macro = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=channels width=20 height=20 depth=12 axis=z feature_size=2 period=5 inside_label=2 outside_label=1\");\n"
			+ "run(\"Tortuosity (Flux)\", \"conducting_phase=ISE axis=all\");\n"
			+ "File.saveString(getResultString(\"axis\", 0) + \" \" + getResult(\"kappa\", 0) + \" \" + getResult(\"kappa\", 2) + \" \" + getResultString(\"message\", 0), getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertTrue(Files.exists(out), r.log());
		String[] v = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).trim().split(" ", 4);
		assertEquals("x", v[0]);
		assertEquals(Double.POSITIVE_INFINITY, Double.parseDouble(v[1]), r.log());
		assertEquals(1, Double.parseDouble(v[2]), 1e-6);
		assertTrue(v[3].contains("No conducting path"), v[3]);
	}

	@Test
	void badInputsAbortWithTheReason() throws Exception {
		String[][] cases = {
			{ "conducting_phase=multi-phase pore_conductivity=0 cam_conductivity=0 ise_conductivity=0", "every conductivity is 0" },
			{ "conducting_phase=ISE residual_tolerance=2", "residual_tolerance" },
			{ "conducting_phase=ISE axis=w", "axis" }, };
		for (String[] c : cases) {
			Path out = tmp.resolve("reached" + c[1].length() + ".txt");
			String macro = "setBatchMode(true);\n"
				+ "run(\"Analytic Phantom\", \"shape=ball width=16 height=16 depth=16 feature_size=4 inside_label=1 outside_label=2\");\n"
				+ "run(\"Tortuosity (Flux)\", \"" + c[0] + "\");\n" + "File.saveString(\"reached\", getArgument());\n";
			MacroHarness.Result r = MacroHarness.run(macro, out.toString());
			assertFalse(Files.exists(out), "macro should have been aborted: " + c[0] + "\n" + r.log());
			assertTrue(r.log().toLowerCase().contains(c[1].toLowerCase()), c[0] + "\n" + r.log());
		}
		Path out = tmp.resolve("rw.txt");
		String macro = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=ball width=16 height=16 depth=16 feature_size=4 inside_label=1 outside_label=2\");\n"
			+ "run(\"Tortuosity (Random Walk)\", \"phase=pore walkers=10 steps=100\");\n" + "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertFalse(Files.exists(out), r.log());
		assertTrue(r.log().contains("No voxel has label 0"), r.log());
	}
}
