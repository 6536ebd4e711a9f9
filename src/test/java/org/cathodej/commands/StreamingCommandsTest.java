package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cathodej.cli.Main;
import org.cathodej.imagej.TiffFolderSource;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

/**
 * The four streamed commands (and Pores and Voids) through the command line and a macro: a TIFF-slice folder, an HDF5 dataset, a TIFF
 * opened as a virtual stack and an image in memory with streaming=always write CSV tables byte-identical to the
 * in-memory analysis (streaming=never); the streamed class image folder equals the in-memory class image.
 */
class StreamingCommandsTest {

	@TempDir
	static Path tmp;
	static Path tif, folder, h5;

	static final String[] COMMANDS = { "phase_fractions", "surface_and_interface_areas", "chord_length_distribution",
		"connectivity_and_cam_utilisation" };
	static final String[] CSV = { "phase_fractions_fractions", "phase_fractions_profiles", "surface_and_interface_areas_areas",
		"surface_and_interface_areas_coverage", "chord_length_distribution_chords", "chord_length_distribution_cld",
		"connectivity_and_cam_utilisation_utilisation", "connectivity_and_cam_utilisation_clusters",
		"connectivity_and_cam_utilisation_cluster_sizes" };

	static String cli(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(o, true), new PrintStream(e, true));
		String s = "exit " + code + "\n" + o.toString(StandardCharsets.UTF_8) + "\n" + e.toString(StandardCharsets.UTF_8);
		assertEquals(0, code, s);
		return s;
	}

	@BeforeAll
	static void volumes() throws Exception {
		Path dir = tmp.resolve("in");
		cli("synthetic_cathode", "width=36", "height=30", "depth=29", "voxel_size=0.12", "slice_thickness=0.2", "clustering=0.4", "seed=3", "--out",
			dir.toString());
		tif = dir.resolve("synthetic_cathode_phantom.tif");
		ImagePlus imp = IJ.openImage(tif.toString());
		VoxelSize vs = Volumes.voxelSize(imp);
		folder = tmp.resolve("slices");
		try (TiffSliceWriter w = new TiffSliceWriter(folder.toFile(), "cathode", imp.getWidth(), imp.getHeight(), imp.getStackSize(), vs, false)) {
			for (int z = 0; z < imp.getStackSize(); z++) w.write(z, imp.getStack().getPixels(z + 1), imp.getWidth(), imp.getHeight());
			w.commit();
		}
		h5 = tmp.resolve("cathode.h5");
		try (WritableHdfFile f = HdfFile.write(h5)) {
			byte[][][] d = new byte[imp.getStackSize()][imp.getHeight()][imp.getWidth()];
			for (int z = 0; z < d.length; z++)
				for (int y = 0; y < d[z].length; y++)
					System.arraycopy((byte[]) imp.getStack().getPixels(z + 1), y * imp.getWidth(), d[z][y], 0, imp.getWidth());
			f.putGroup("exp").putDataset("labels", d).putAttribute("element_size_um", new double[] { vs.z(), vs.y(), vs.x() });
		}
	}

	static Path run(String input, String name, String... options) {
		Path out = tmp.resolve(name);
		for (String c : COMMANDS) {
			List<String> a = new ArrayList<>(List.of(c, input));
			a.addAll(List.of(options));
			a.addAll(List.of("--out", out.toString()));
			cli(a.toArray(new String[0]));
		}
		return out;
	}

	static void assertSameTables(Path expected, Path actual) throws Exception {
		for (String t : CSV) {
			Path e = expected.resolve(t + ".csv"), a = actual.resolve(t + ".csv");
			assertTrue(Files.exists(a), a.toString());
			assertEquals(new String(Files.readAllBytes(e), StandardCharsets.UTF_8), new String(Files.readAllBytes(a), StandardCharsets.UTF_8),
				actual + " " + t);
		}
	}

	@Test
	void folderHdf5AndStreamedInMemoryGiveTheInMemoryTables() throws Exception {
		Path mem = run(tif.toString(), "mem", "streaming=never");
		assertSameTables(mem, run(folder.toString(), "folder"));
		assertSameTables(mem, run(h5 + ":/exp/labels", "h5", "slab_slices=4"));
		Path always = run(tif.toString(), "always", "streaming=always", "slab_slices=7");
		assertSameTables(mem, always);
		// the class image streamed out as TIFF slices equals the in-memory class image
		File[] tifs = mem.toFile().listFiles((d, n) -> n.endsWith("class_image.tif"));
		assertEquals(1, tifs.length, String.join(",", mem.toFile().list()));
		ImagePlus cls = IJ.openImage(tifs[0].getPath());
		File[] dirs = always.toFile().listFiles((d, n) -> n.contains("cam-classes") && new File(d, n).isDirectory());
		assertEquals(1, dirs.length, String.join(",", always.toFile().list()));
		TiffFolderSource s = new TiffFolderSource(dirs[0], null);
		assertEquals(cls.getStackSize(), s.depth());
		Object[] planes = s.readPlanes(0, s.depth());
		for (int z = 0; z < s.depth(); z++) assertArrayEquals((byte[]) cls.getStack().getPixels(z + 1), (byte[]) planes[z], "slice " + z);
		assertFalse(always.toFile().list((d, n) -> n.contains("partial")).length > 0);
	}

	@Test
	void virtualTiffStackInAMacroStreamsWithTheSameTables() throws Exception {
		Path mem = run(tif.toString(), "mem2", "streaming=never");
		Path out = tmp.resolve("virtual");
		StringBuilder m = new StringBuilder("setBatchMode(true);\nrun(\"TIFF Virtual Stack...\", \"open=[" + tif + "]\");\n"
			+ "if (!is(\"Virtual Stack\")) exit(\"not virtual\");\n");
		String[] labels = { "Phase Fractions", "Surface and Interface Areas", "Chord Length Distribution", "Connectivity and CAM Utilisation" };
		for (String l : labels) m.append("run(\"" + l + "\", \"slab_slices=5 output_dir=[" + out + "]\");\n");
		MacroHarness.Result r = MacroHarness.run(m.toString(), "");
		assertFalse(r.log().contains("Macro Error") || r.log().contains("not virtual"), r.log());
		assertTrue(r.log().contains("Streamed"), r.log());
		assertSameTables(mem, out);
	}

	static final String[] PORE_CSV = { "pores_and_voids_summary", "pores_and_voids_size_distribution", "pores_and_voids_voids",
		"pores_and_voids_profile" };

	/** The CSV tables of Pores and Voids; with {@code dropTitle}, the summary's first column (the image title) left out. */
	static String poreTables(Path out, boolean dropTitle) throws Exception {
		StringBuilder b = new StringBuilder();
		for (String t : PORE_CSV)
			for (String line : Files.readAllLines(out.resolve(t + ".csv")))
				b.append(dropTitle && t.endsWith("summary") ? line.substring(line.indexOf(',') + 1) : line).append('\n');
		return b.toString();
	}

	@Test
	void poresAndVoidsStreamedGiveTheInMemoryTables() throws Exception {
		Path mem = tmp.resolve("pmem"), always = tmp.resolve("palways"), dir = tmp.resolve("pfolder");
		cli("pores_and_voids", tif.toString(), "streaming=never", "thickness_image", "--out", mem.toString());
		cli("pores_and_voids", tif.toString(), "streaming=always", "slab_slices=7", "thickness_image", "--out", always.toString());
		cli("pores_and_voids", folder.toString(), "--out", dir.toString());
		assertEquals(poreTables(mem, false), poreTables(always, false));
		assertEquals(poreTables(mem, true), poreTables(dir, true));
		// the streamed local thickness folder equals the in-memory local thickness image
		File[] tifs = mem.toFile().listFiles((d, n) -> n.endsWith("local_thickness.tif"));
		assertEquals(1, tifs.length, String.join(",", mem.toFile().list()));
		ImagePlus lt = IJ.openImage(tifs[0].getPath());
		File[] dirs = always.toFile().listFiles((d, n) -> n.contains("local-thickness") && new File(d, n).isDirectory());
		assertEquals(1, dirs.length, String.join(",", always.toFile().list()));
		Object[] planes = new TiffFolderSource(dirs[0], null).readPlanes(0, lt.getStackSize());
		for (int z = 0; z < planes.length; z++) assertArrayEquals((float[]) lt.getStack().getPixels(z + 1), (float[]) planes[z], "slice " + z);
		assertFalse(always.toFile().list((d, n) -> n.contains("partial") || n.contains("distance")).length > 0);
	}

	@Test
	void analysesWithoutAStreamedVersionRefuseAlways() {
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		int code = Main.run(new String[] { "compare_with_ground_truth", tif.toString(), tif.toString(), "streaming=always", "--out", tmp.resolve("p").toString() },
			new PrintStream(o, true), new PrintStream(e, true));
		String err = e.toString(StandardCharsets.UTF_8);
		assertTrue(code != 0, err);
		assertTrue(err.contains("no streamed version") && err.contains("sub-volume"), err);
	}
}
