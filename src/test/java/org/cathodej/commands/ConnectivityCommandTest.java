package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

class ConnectivityCommandTest {

	@TempDir
	Path tmp;

	/**
	 * 20^3 pore volume; a 4x4 CAM column on slices 1-10 (touching the collector at z = 0) under a 4x4 ISE column on
	 * slices 11-20 (reaching the separator): active. A 4x4x5 CAM block in the pore elsewhere: isolated. Active
	 * fraction = 160 / 240. Particle labels: the CAM column split into two particles (slices 1-5 and 6-10) and the
	 * block, so only the upper half of the column touches the ISE itself.
	 */
	static String phantomMacro() {
		return "setBatchMode(true);\n"
			+ "newImage(\"cell\", \"8-bit black\", 20, 20, 20);\n"
			+ "for (s = 1; s <= 20; s++) { setSlice(s);\n"
			+ "  if (s <= 10) { setColor(1); fillRect(2, 2, 4, 4); } else { setColor(2); fillRect(2, 2, 4, 4); }\n"
			+ "  if (s >= 8 && s <= 12) { setColor(1); fillRect(12, 12, 4, 4); } }\n"
			+ "newImage(\"grains\", \"32-bit black\", 20, 20, 20);\n" // float labels, as MorphoLibJ writes them
			+ "for (s = 1; s <= 20; s++) { setSlice(s);\n"
			+ "  if (s <= 5) { setColor(7); fillRect(2, 2, 4, 4); } else if (s <= 10) { setColor(9); fillRect(2, 2, 4, 4); }\n"
			+ "  if (s >= 8 && s <= 12) { setColor(300); fillRect(12, 12, 4, 4); } }\n";
	}

	@Test
	void handBuiltPhantomThroughTheMacroPath() throws Exception {
		Path out = tmp.resolve("out.txt"), res = tmp.resolve("res");
		String macro = phantomMacro()
			+ "run(\"Connectivity and CAM Utilisation\", \"labels=cell connectivity=both axis=z collector_face=0 particles=grains interface_estimator=[voxel faces] output_dir=["
			+ res + "]\");\n"
			+ "File.saveString(\"\" + nResults + \" \" + d2s(getResult(\"active_fraction\", 0), 14) + \" \" + d2s(getResult(\"isolated_fraction\", 1), 14)"
			+ " + \" \" + getResult(\"active_particles\", 0) + \" \" + getResult(\"particles\", 0), getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertTrue(Files.exists(out), r.log());
		String[] v = new String(Files.readAllBytes(out), StandardCharsets.UTF_8).trim().split(" ");
		assertEquals(2, Integer.parseInt(v[0]), r.log()); // rows for 6 and 26
		assertEquals(160.0 / 240.0, Double.parseDouble(v[1]), 1e-8); // getResult: 9 digits
		assertEquals(80.0 / 240.0, Double.parseDouble(v[2]), 1e-8);
		assertEquals(1, (int) Double.parseDouble(v[3]));
		assertEquals(3, (int) Double.parseDouble(v[4]));
		String stem = "connectivity_and_cam_utilisation_";
		for (String f : new String[] { "utilisation.csv", "utilisation.json", "clusters.csv", "cluster_sizes.csv", "particle_table.csv",
			"class_image.tif" })
			assertTrue(Files.exists(res.resolve(stem + f)), stem + f + " missing; " + r.log());
		List<String> rows = Files.readAllLines(res.resolve(stem + "utilisation.csv"));
		int col = java.util.Arrays.asList(rows.get(0).split(",")).indexOf("active_fraction");
		assertEquals(160.0 / 240.0, Double.parseDouble(rows.get(1).split(",")[col]), 1e-15); // the CSV keeps all digits
		List<String> parts = Files.readAllLines(res.resolve(stem + "particle_table.csv"));
		assertEquals(4, parts.size(), String.join("\n", parts)); // header + 3 particles
		ImagePlus cls = IJ.openImage(res.resolve(stem + "class_image.tif").toString());
		assertEquals(8, cls.getBitDepth());
		assertEquals(20, cls.getStackSize());
		assertEquals(1, cls.getStack().getProcessor(1).get(3, 3)); // active column
		assertEquals(4, cls.getStack().getProcessor(10).get(13, 13)); // isolated block
		assertEquals(0, cls.getStack().getProcessor(15).get(3, 3)); // ISE not shown by default
		String json = new String(Files.readAllBytes(res.resolve(stem + "utilisation.json")), StandardCharsets.UTF_8);
		assertTrue(json.contains("voxel faces x 2/3"), json);
		int est = java.util.Arrays.asList(rows.get(0).split(",")).indexOf("interface_estimator");
		assertEquals("voxel faces x 2/3", rows.get(1).split(",")[est]);
	}

	@Test
	void shippedMacroWritesItsTablesAndClassImage() throws Exception {
		Path out = tmp.resolve("macro");
		MacroHarness.Result r = MacroHarness.runFile(Paths.get("macros/cam_utilisation.ijm"), out.toString() + "/");
		assertFalse(r.log().contains("Macro Error"), r.log());
		List<String> rows = Files.readAllLines(out.resolve("connectivity_and_cam_utilisation_utilisation.csv"));
		assertEquals(3, rows.size(), String.join("\n", rows));
		String[] head = rows.get(0).split(",");
		int col = java.util.Arrays.asList(head).indexOf("active_fraction");
		assertTrue(col > 0, rows.get(0));
		double a6 = Double.parseDouble(rows.get(1).split(",")[col]), a26 = Double.parseDouble(rows.get(2).split(",")[col]);
		assertTrue(a6 > 0 && a6 <= a26 && a26 <= 1, a6 + " " + a26);
		ImagePlus cls = IJ.openImage(out.resolve("connectivity_and_cam_utilisation_class_image.tif").toString());
		int max = 0;
		for (int s = 1; s <= cls.getStackSize(); s++) max = Math.max(max, (int) cls.getStack().getProcessor(s).getStatistics().max);
		assertTrue(max >= 5, "ISE classes were asked for"); // ise_in_class_image
		assertTrue(Files.readString(out.resolve("summary.md")).contains("| 6 |"));
	}

	private void assertAborts(String options, String expected) throws Exception {
		Path out = tmp.resolve("reached.txt");
		Files.deleteIfExists(out);
		String macro = phantomMacro() + "run(\"Connectivity and CAM Utilisation\", \"" + options + "\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertFalse(Files.exists(out), "macro should have been aborted: " + options + "\n" + r.log());
		assertTrue(r.log().contains(expected), "expected '" + expected + "' in\n" + r.log());
	}

	@Test
	void badInputsAbortWithAReadableMessage() throws Exception {
		assertAborts("labels=cell connectivity=18", "18");
		assertAborts("labels=cell axis=w", "axis");
		assertAborts("labels=cell particles=[no such image]", "no such image");
		assertAborts("labels=cell particles=cell", "different image");
		assertAborts("labels=cell cam_label=2 ise_label=2", "must differ");
	}

	@Test
	void particleImageOfAnotherSizeIsRejected() throws Exception {
		Path out = tmp.resolve("reached.txt");
		String macro = phantomMacro() + "newImage(\"small\", \"16-bit black\", 10, 20, 20);\n"
			+ "run(\"Connectivity and CAM Utilisation\", \"labels=cell particles=small\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertFalse(Files.exists(out), r.log());
		assertTrue(r.log().contains("must have the size of cell"), r.log());
	}
}
