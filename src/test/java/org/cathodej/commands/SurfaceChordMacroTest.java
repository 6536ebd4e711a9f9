package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.cathodej.surface.MarchingCubesVariant;
import org.cathodej.surface.StlExport;
import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurfaceChordMacroTest {

	@TempDir
	Path tmp;

	static String read(Path p) throws Exception {
		return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).trim();
	}

	@Test
	void shippedMacroWritesTablesPlotsAndSummary() throws Exception {
		Path out = tmp.resolve("sc");
		MacroHarness.Result r = MacroHarness.runFile(Paths.get("macros/surfaces_and_chords.ijm"), out.toString() + "/");
		assertFalse(r.log().contains("Macro Error"), r.log());
		List<String> areas = Files.readAllLines(out.resolve("surface_and_interface_areas_areas.csv"));
		assertEquals(7, areas.size(), String.join("\n", areas));
		assertTrue(areas.get(0).contains("area_crofton") && areas.get(0).contains("per_cam_mass_crofton_m2_per_g") && areas.get(0).contains("voxel_faces"),
			areas.get(0));
		assertTrue(Files.exists(out.resolve("surface_and_interface_areas_coverage.csv")));
		List<String> chords = Files.readAllLines(out.resolve("chord_length_distribution_chords.csv"));
		assertEquals(10, chords.size());
		List<String> cld = Files.readAllLines(out.resolve("chord_length_distribution_cld.csv"));
		assertEquals(1 + 3 * 3 * 30, cld.size());
		for (String p : new String[] { "pore", "cam", "ise" })
			assertTrue(Files.size(out.resolve("chord_length_distribution_cld_plot_" + p + ".png")) > 1000, p);
		String summary = read(out.resolve("summary.md"));
		assertTrue(summary.contains("CAM-ISE: S_V"), summary);
		assertFalse(summary.contains("NaN"), summary);
	}

	@Test
	void slabThroughTheMacroPath() throws Exception {
		// CAM slab 4 voxels thick in z inside ISE, 0.5 x 0.5 x 0.25 um voxels; no pore
		Path out = tmp.resolve("v.txt");
		String macro = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=slab width=20 height=12 depth=16 axis=z feature_size=4 inside_label=1 outside_label=2\");\n"
			+ "run(\"Properties...\", \"unit=um pixel_width=0.5 pixel_height=0.5 voxel_depth=0.25\");\n"
			+ "run(\"Surface and Interface Areas\", \"cam_density=4.7 output_dir=[" + tmp.resolve("slab") + "]\");\n"
			+ "s = \"\" + getResult(\"area_faces\", 5) + \" \" + getResult(\"voxel_faces\", 5);\n"
			+ "run(\"Chord Length Distribution\", \"spacing=1 bins=10 output_dir=[" + tmp.resolve("slab") + "]\");\n"
			+ "s = s + \" \" + getResult(\"mean\", 5) + \" \" + getResult(\"median\", 5) + \" \" + getResult(\"chords\", 5) + \" \" + getResult(\"chords\", 3);\n"
			+ "File.saveString(s, getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertTrue(Files.exists(out), r.log());
		String[] v = read(out).split(" ");
		assertEquals(2 * 20 * 12 * 0.25, Double.parseDouble(v[0]), 1e-9, r.log()); // two CAM-ISE planes, faces 0.5 x 0.5 um
		assertEquals(2 * 20 * 12, Double.parseDouble(v[1]), 0);
		assertEquals(4 * 0.25, Double.parseDouble(v[2]), 1e-12); // CAM chords along z = slab thickness
		assertEquals(4 * 0.25, Double.parseDouble(v[3]), 1e-12);
		assertEquals(20 * 12, Double.parseDouble(v[4]), 0);
		assertEquals(0, Double.parseDouble(v[5]), 0); // CAM along x: border to border, discarded
		// no pore in this volume: zeros and a note, never NaN
		for (String f : new String[] { "surface_and_interface_areas_areas.csv", "surface_and_interface_areas_coverage.csv",
			"chord_length_distribution_chords.csv", "chord_length_distribution_cld.csv" }) {
			String csv = read(tmp.resolve("slab").resolve(f));
			assertFalse(csv.contains("NaN") || csv.contains("Infinity"), f + "\n" + csv);
		}
		assertTrue(r.log().contains("No pore voxels"), r.log());
		// interface rows: volume_fraction is undefined (empty cell, explained in the note), never 0.000
		List<String> rows = Files.readAllLines(tmp.resolve("slab").resolve("surface_and_interface_areas_areas.csv"));
		List<String> head = java.util.Arrays.asList(rows.get(0).split(",", -1));
		int vf = head.indexOf("volume_fraction"), note = head.indexOf("note"), kind = head.indexOf("kind");
		assertTrue(vf > 0 && note == head.size() - 1, rows.get(0));
		for (String line : rows.subList(1, rows.size())) {
			String[] c = line.split(",", -1);
			boolean iface = c[kind].equals("interface");
			assertEquals(iface, c[vf].isEmpty(), line);
			assertEquals(iface, c[note].contains("volume_fraction: an interface has no volume"), line);
		}
		assertEquals(0.75, Double.parseDouble(rows.get(3).split(",", -1)[vf]), 1e-12, rows.get(3)); // ISE: 12 of 16 slices
	}

	@Test
	void marchingCubesVariantThroughTheMacroPath() throws Exception {
		// one 2x2x2 cube: CAM (1) on two corners across the z = 0 face, ISE (2) elsewhere; anisotropic voxels
		Path out = tmp.resolve("variants.txt");
		String macro = "setBatchMode(true);\n"
			+ "newImage(\"cube\", \"8-bit black\", 2, 2, 2);\n"
			+ "for (z = 1; z <= 2; z++) { setSlice(z); for (y = 0; y < 2; y++) for (x = 0; x < 2; x++) setPixel(x, y, 2); }\n"
			+ "setSlice(1); setPixel(0, 0, 1); setPixel(1, 1, 1);\n"
			+ "run(\"Properties...\", \"unit=um pixel_width=0.5 pixel_height=0.7 voxel_depth=1.3\");\n"
			+ "s = \"\";\n"
			+ "v = newArray(\"symmetric\", \"lewiner\", \"lorensen\");\n"
			+ "for (i = 0; i < 3; i++) {\n"
			+ "  run(\"Surface and Interface Areas\", \"cam_density=4.7 mc_variant=\" + v[i]);\n"
			+ "  for (row = 1; row <= 5; row++) if (row != 4) s = s + d2s(getResult(\"area_mc\", row), 12) + \" \";\n"
			+ "}\n"
			+ "File.saveString(s, getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertTrue(Files.exists(out), r.log());
		String[] v = read(out).split(" ");
		MarchingCubesVariant[] variants = { MarchingCubesVariant.SYMMETRIC, MarchingCubesVariant.LEWINER, MarchingCubesVariant.LORENSEN };
		int cam = 1 | 1 << 3;
		for (int i = 0; i < 3; i++) {
			double[] t = variants[i].table(0.5, 0.7, 1.3);
			double sCam = Double.parseDouble(v[4 * i]), sIse = Double.parseDouble(v[4 * i + 1]);
			assertEquals(t[cam], sCam, 1e-9, variants[i].key + "\n" + r.log());
			assertEquals(t[255 - cam], sIse, 1e-9, variants[i].key);
			// Eq. 1 without pore: S_CAM-ISE = (S_CAM + S_ISE) / 2; the pore-CAM interface of an absent pore is 0
			assertEquals(0.5 * (t[cam] + t[255 - cam]), Double.parseDouble(v[4 * i + 3]), 1e-9, variants[i].key);
			assertEquals(0, Double.parseDouble(v[4 * i + 2]), 0, variants[i].key);
		}
		assertNotEquals(Double.parseDouble(v[4]), Double.parseDouble(v[8]), "lewiner joins the CAM corners, lorensen separates them");
	}

	@Test
	void uncalibratedSixteenBitImageIsMeasuredInVoxels() throws Exception {
		Path out = tmp.resolve("u.txt");
		String macro = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=ball width=24 height=24 depth=24 feature_size=8 inside_label=1 outside_label=2\");\n"
			+ "run(\"16-bit\");\n"
			+ "run(\"Properties...\", \"unit=pixel pixel_width=1 pixel_height=1 voxel_depth=1\");\n"
			+ "run(\"Surface and Interface Areas\", \"cam_density=4.7\");\n"
			+ "s = getResultString(\"area_unit\", 1) + \" \" + getResult(\"area_faces\", 1) + \" \" + getResult(\"per_cam_mass_crofton_m2_per_g\", 1);\n"
			+ "run(\"Chord Length Distribution\", \"spacing=1\");\n"
			+ "s = s + \" \" + getResultString(\"unit\", 3) + \" \" + getResult(\"chords\", 3);\n"
			+ "File.saveString(s, getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertTrue(Files.exists(out), r.log());
		String[] v = read(out).split(" ");
		assertEquals("voxel^2", v[0], r.log());
		assertTrue(Double.parseDouble(v[1]) > 4 * Math.PI * 64, v[1]); // faces over-estimate the r = 8 ball
		assertEquals(0, Double.parseDouble(v[2]), 0); // no mass without a length unit
		assertEquals("voxel", v[3]);
		assertTrue(Double.parseDouble(v[4]) > 100);
		assertTrue(r.log().contains("no spatial calibration"), r.log());
	}

	@Test
	void badInputAbortsWithAReadableMessage() throws Exception {
		Path out = tmp.resolve("reached.txt");
		String macro = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=ball width=16 height=16 depth=16 feature_size=4\");\n"
			+ "run(\"Chord Length Distribution\", \"spacing=0\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r = MacroHarness.run(macro, out.toString());
		assertFalse(Files.exists(out), "macro should have been aborted\n" + r.log());
		assertTrue(r.log().contains("spacing"), r.log());
		String macro2 = "setBatchMode(true);\n"
			+ "newImage(\"flat\", \"8-bit black\", 16, 16, 1);\n"
			+ "run(\"Surface and Interface Areas\", \"cam_density=4.7 output_dir=[" + tmp.resolve("slab") + "]\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r2 = MacroHarness.run(macro2, out.toString());
		assertFalse(Files.exists(out), "macro should have been aborted\n" + r2.log());
		assertTrue(r2.log().contains("single slice"), r2.log());
		String macro3 = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=ball width=16 height=16 depth=16 feature_size=4\");\n"
			+ "run(\"Surface and Interface Areas\", \"cam_density=-1\");\n"
			+ "File.saveString(\"reached\", getArgument());\n";
		MacroHarness.Result r3 = MacroHarness.run(macro3, out.toString());
		assertFalse(Files.exists(out), "macro should have been aborted\n" + r3.log());
		assertTrue(r3.log().contains("cam_density"), r3.log());
	}

	@Test
	void stlExportWritesTheMarchingCubesMesh() throws Exception {
		Path dir = tmp.resolve("stl");
		String macro = "setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=ball width=24 height=24 depth=24 feature_size=8 inside_label=1 outside_label=2\");\n"
			+ "rename(\"ball\");\n"
			+ "run(\"Surface and Interface Areas\", \"cam_density=4.7 export_stl output_dir=[" + dir + "]\");\n"
			+ "File.saveString(\"\" + getResult(\"area_mc\", 1), \"" + tmp.resolve("mc.txt") + "\");\n";
		MacroHarness.Result r = MacroHarness.run(macro, "");
		Path cam = dir.resolve("ball_CAM.stl");
		assertTrue(Files.exists(cam), r.log());
		double mc = Double.parseDouble(read(tmp.resolve("mc.txt")));
		// the mesh resolves ambiguous faces one way; its area equals the tabulated MC area up to those rare cubes
		assertEquals(mc, StlExport.area(cam), 0.01 * mc);
		// a ball of CAM in ISE: the CAM-ISE interface mesh is the whole CAM surface; no pore, no pore meshes
		assertEquals(StlExport.area(cam), StlExport.area(dir.resolve("ball_CAM-ISE.stl")), 1e-6 * mc);
		assertFalse(Files.exists(dir.resolve("ball_pore.stl")));
		assertFalse(Files.exists(dir.resolve("ball_pore-CAM.stl")));
	}
}
