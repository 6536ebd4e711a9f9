package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhaseFractionsMacroTest {

	@TempDir
	Path tmp;

	@Test
	void fractionsOfASlabThroughTheMacroPath() throws Exception {
		Path out = tmp.resolve("out.txt");
		String macro = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=slab width=20 height=10 depth=10 axis=z feature_size=4 inside_label=1 outside_label=2\");\n"
			+ "run(\"Phase Fractions\", \"pore_label=0 cam_label=1 ise_label=2 output_dir=[" + tmp.resolve("res") + "]\");\n"
			+ "File.saveString(\"\" + getResult(\"volume_fraction\", 1) + \" \" + getResult(\"volume_fraction\", 2) + \" \" + nResults, getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertTrue(Files.exists(out), r.log());
		String[] v = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).trim().split(" ");
		assertEquals(0.4, Double.parseDouble(v[0]), 1e-12, r.log());
		assertEquals(0.6, Double.parseDouble(v[1]), 1e-12);
		List<String> csv = Files.readAllLines(tmp.resolve("res").resolve("phase_fractions_fractions.csv"));
		assertTrue(csv.get(0).startsWith("Label,label_value,voxels"), csv.get(0));
		assertTrue(Files.exists(tmp.resolve("res").resolve("phase_fractions_fractions.json")));
		assertTrue(Files.exists(tmp.resolve("res").resolve("phase_fractions_profile_plot.png")));
	}

	@Test
	void misspeltKeyAbortsWithTheReason() throws Exception {
		Path out = tmp.resolve("reached.txt");
		String macro = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=ball width=16 height=16 depth=16 feature_size=4\");\n"
			+ "run(\"Phase Fractions\", \"cam_lable=1\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertFalse(Files.exists(out), "macro should have been aborted\n" + r.log());
		assertTrue(r.log().contains("Unknown parameter 'cam_lable'"), r.log());
	}
}
