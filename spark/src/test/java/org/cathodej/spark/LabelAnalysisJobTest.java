package org.cathodej.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.cathodej.run.FijiContext;
import org.cathodej.imagej.VolumeSources;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.ImageSource;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

/**
 * Every streamed label analysis on Spark (local[2]) writes the tables of the single-machine run, byte for byte, for
 * 1, 2, 3 and 7 tasks over slabs of 2 slices (so clusters and chords cross many slab and task boundaries); the class
 * image of Connectivity too; the random walk with its walkers split over 1, 2, 3 and 7 tasks. A stopped job leaves
 * no output.
 */
class LabelAnalysisJobTest {

	static JavaSparkContext sc;
	@TempDir
	static Path tmp;
	static File slices;

	@BeforeAll
	static void start() {
		sc = TestVolumes.spark("local[2]");
		slices = TestVolumes.writeSlices(TestVolumes.cathode(36, 30, 25, 7), tmp.resolve("labels").toFile());
	}

	@AfterAll
	static void stop() {
		sc.stop();
	}

	/** The single-machine run: the plugin's command on the folder (streamed, or whole in memory with streaming=never). */
	static Path local(String command, Map<String, String> options, String streaming) {
		return local(command, options, streaming, slices.getPath());
	}

	static Path local(String command, Map<String, String> options, String streaming, String input) {
		Path out = tmp.resolve("local-" + command + "-" + streaming + "-" + Math.abs((input + new java.util.TreeMap<>(options)).hashCode()));
		if (Files.exists(out)) return out;
		ImagePlus imp = VolumeSources.openVirtual(input);
		if (streaming.equals("never")) imp = imp.duplicate();
		ImagePlus img = imp;
		Map<String, String> o = new LinkedHashMap<>(options);
		o.put("streaming", streaming);
		o.put("output_dir", out.toString());
		new CommandRunner(FijiContext.get()).run(CommandCatalog.load().find(command).spec(), o, new ImageSource() {
			@Override public ImagePlus byName(String n) { return null; }
			@Override public ImagePlus current() { return img; }
		}, Progress.NONE);
		return out;
	}

	static void sameTables(String command, Map<String, String> options) {
		sameTables(command, options, "always");
	}

	/** @param streaming "always" for the streamed analyses, "auto" for the random walk (the driver loads the volume) */
	static void sameTables(String command, Map<String, String> options, String streaming) {
		Path streamed = local(command, options, streaming), inMemory = local(command, options, "never");
		for (int parts : new int[] { 1, 2, 3, 7 }) {
			Path out = tmp.resolve("spark-" + command + "-" + parts);
			Map<String, String> o = new LinkedHashMap<>(options);
			o.put("streaming", streaming);
			new LabelAnalysisJob(sc, parts).run(command, slices.getPath(), o, out, false);
			Map<String, byte[]> got = TestVolumes.files(out, ".csv"), want = TestVolumes.files(streamed, ".csv");
			assertEquals(want.keySet(), got.keySet(), command + ", " + parts + " tasks");
			assertFalse(got.isEmpty());
			for (String f : want.keySet()) {
				assertArrayEquals(want.get(f), got.get(f), f + " vs streamed, " + parts + " tasks");
				byte[] mem = TestVolumes.files(inMemory, ".csv").get(f);
				if (mem != null) assertArrayEquals(mem, got.get(f), f + " vs in memory, " + parts + " tasks");
			}
			assertEquals(TestVolumes.files(streamed, ".tif").keySet(), TestVolumes.files(out, ".tif").keySet());
			TestVolumes.files(streamed, ".tif").forEach((f, b) -> assertArrayEquals(b, TestVolumes.files(out, ".tif").get(f), f));
			for (byte[] json : TestVolumes.files(out, ".json").values()) {
				String s = new String(json, StandardCharsets.UTF_8);
				assertFalse(s.contains(".partial-"), "provenance names the final folder");
			}
		}
	}

	static Map<String, String> slabs(int n) {
		Map<String, String> m = new HashMap<>();
		m.put("slab_slices", Integer.toString(n));
		return m;
	}

	@Test
	void phaseFractions() {
		sameTables("phase_fractions", slabs(2));
	}

	@Test
	void surfaceAreas() {
		sameTables("surface_and_interface_areas", slabs(2));
	}

	@Test
	void chordLengths() {
		sameTables("chord_length_distribution", slabs(3));
	}

	@Test
	void connectivityAndCamUtilisationWithClassImage() {
		Map<String, String> o = slabs(2);
		o.put("connectivity", "26");
		sameTables("connectivity_and_cam_utilisation", o);
		assertTrue(TestVolumes.files(tmp.resolve("spark-connectivity_and_cam_utilisation-3"), ".tif").size() >= 25, "class slices written");
	}

	@Test
	void hdf5OnASharedPathAndAFolderAsAHadoopUri() throws Exception {
		Path h5 = tmp.resolve("labels.h5");
		ImagePlus imp = VolumeSources.openVirtual(slices.getPath());
		try (WritableHdfFile f = HdfFile.write(h5)) {
			byte[][][] d = new byte[imp.getStackSize()][imp.getHeight()][imp.getWidth()];
			for (int z = 0; z < d.length; z++)
				for (int y = 0; y < d[z].length; y++) System.arraycopy((byte[]) imp.getStack().getPixels(z + 1), y * imp.getWidth(), d[z][y], 0, imp.getWidth());
			f.putGroup("exp").putDataset("labels", d).putAttribute("element_size_um", new double[] { 0.15, 0.1, 0.1 });
		}
		String[] inputs = { h5 + ":/exp/labels", slices.toURI().toString() };
		for (String command : new String[] { "phase_fractions", "connectivity_and_cam_utilisation" })
			for (String input : inputs) {
				Path want = local(command, slabs(3), "always", input.startsWith("file:") ? slices.getPath() : input);
				Path out = tmp.resolve("spark-in-" + command + "-" + Math.abs(input.hashCode()));
				new LabelAnalysisJob(sc, 3).run(command, input, slabs(3), out, false);
				Map<String, byte[]> w = TestVolumes.files(want, ".csv"), g = TestVolumes.files(out, ".csv");
				assertEquals(w.keySet(), g.keySet(), input);
				for (String f : w.keySet()) assertArrayEquals(w.get(f), g.get(f), input + " " + f);
			}
	}

	@Test
	void randomWalkSplitOverWalkers() {
		Map<String, String> o = new HashMap<>();
		o.put("walkers", "301");
		o.put("steps", "1500");
		o.put("samples", "50");
		o.put("phase", "pore");
		sameTables("tortuosity_random_walk", o, "auto");
	}

	@Test
	void subVolumeTortuosityOneTaskPerCube() {
		Map<String, String> o = new HashMap<>();
		o.put("subvolume_edge", "8,12");
		o.put("subvolume_count", "3");
		o.put("subvolume_layout", "random");
		o.put("seed", "4");
		o.put("axis", "z");
		sameTables("tortuosity_flux", o);
		Map<String, String> full = new HashMap<>();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LabelAnalysisJob(sc, 2).run("tortuosity_flux",
			slices.getPath(), full, tmp.resolve("full"), false));
		assertTrue(e.getMessage().contains("subvolume_edge"), e.getMessage());
	}

	/** A 16-bit BSE-like stack: grains under an illumination falling off to one corner, curtain stripes, noise. */
	static File greySlices(int w, int h, int d) {
		java.util.SplittableRandom r = new java.util.SplittableRandom(8);
		File dir = tmp.resolve("bse").toFile();
		if (dir.exists()) return dir;
		try (org.cathodej.imagej.TiffSliceWriter wr = new org.cathodej.imagej.TiffSliceWriter(dir, "bse", w, h, d,
			new org.cathodej.image.VoxelSize(0.1, 0.1, 0.15, "um"), false)) {
			for (int z = 0; z < d; z++) {
				short[] p = new short[w * h];
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						double grain = ((x / 5 + y / 4 + z / 3) % 3) * 9000 + 8000, light = 1 - 0.4 * (x + y) / (double) (w + h);
						p[y * w + x] = (short) (grain * light + (x % 7 == 3 ? 2500 : 0) + r.nextInt(600));
					}
				wr.write(z, p);
			}
			return wr.commit();
		}
	}

	/** The corrected slices written by the tasks equal the single-machine streamed ones, byte for byte. */
	@Test
	void correctIlluminationSlicesWrittenByTheTasks() {
		Map<String, String> o = slabs(2);
		o.put("sigma", "1.2");
		sameSlices("correct_illumination", o);
	}

	/** The destriped slices too, and the per-slice stripe energies (computed by the tasks) in the tables. */
	@Test
	void removeStripesSlicesWrittenByTheTasks() {
		Map<String, String> o = slabs(3);
		sameSlices("remove_stripes", o);
		assertFalse(TestVolumes.files(tmp.resolve("spark-remove_stripes-2"), ".csv").isEmpty(), "stripe energies table");
	}

	/** Align Stack applying a saved drift: the aligned slices and the drift table with the ncc computed by the tasks. */
	@Test
	void alignStackAppliesASavedDriftInTasks() {
		Path msr = tmp.resolve("drift-msr.txt");
		org.cathodej.commands.AlignStackCommand est = new org.cathodej.commands.AlignStackCommand();
		est.stack = VolumeSources.openVirtual(greySlices(40, 33, 17).getPath()).duplicate();
		est.transformation = "rigid";
		est.streaming = "never";
		est.save_multistackreg = msr.toString();
		est.run();
		Map<String, String> o = slabs(3);
		o.put("transform_file", msr.toString());
		o.put("transformation", "rigid");
		o.put("canvas", "expand");
		sameSlices("align_stack", o);
	}

	/** A streamed per-slice output on the grey stack, for 1, 2 and 3 tasks, against the single-machine streamed run. */
	static void sameSlices(String command, Map<String, String> options) {
		File bse = greySlices(40, 33, 17);
		Map<String, String> o = new HashMap<>(options);
		o.put("streaming", "always");
		Path want = local(command, o, "always", bse.getPath());
		Map<String, byte[]> w = TestVolumes.files(want, ".tif");
		assertEquals(17, w.size(), "output slices " + w.keySet());
		for (int parts : new int[] { 1, 2, 3 }) {
			Path out = tmp.resolve("spark-" + command + "-" + parts);
			new LabelAnalysisJob(sc, parts).run(command, bse.getPath(), o, out, false);
			Map<String, byte[]> g = TestVolumes.files(out, ".tif");
			assertEquals(w.keySet(), g.keySet(), parts + " tasks");
			for (String f : w.keySet()) assertArrayEquals(w.get(f), g.get(f), f + ", " + parts + " tasks");
			Map<String, byte[]> wc = TestVolumes.files(want, ".csv"), gc = TestVolumes.files(out, ".csv");
			assertEquals(wc.keySet(), gc.keySet());
			wc.forEach((f, b) -> assertArrayEquals(b, gc.get(f), f + ", " + parts + " tasks"));
		}
	}

	@Test
	void aStoppedJobLeavesNoOutput() throws Exception {
		AtomicInteger started = new AtomicInteger();
		SparkListener stopper = new SparkListener() {
			@Override
			public void onTaskStart(SparkListenerTaskStart t) {
				if (started.incrementAndGet() == 5) sc.cancelAllJobs(); // in pass 2 of 2, class slices partly written
			}
		};
		sc.sc().addSparkListener(stopper);
		Path out = tmp.resolve("stopped").resolve("results");
		try {
			assertThrows(CancellationException.class, () -> new LabelAnalysisJob(sc, 3).run("connectivity_and_cam_utilisation", slices.getPath(),
				slabs(2), out, false));
		} finally {
			sc.sc().removeSparkListener(stopper);
		}
		assertFalse(Files.exists(out));
		if (Files.exists(out.getParent())) try (java.util.stream.Stream<Path> s = Files.list(out.getParent())) {
			assertEquals(0, s.count(), "no staging folder left");
		}
	}

	@Test
	void refusesWhatWouldNotStream() {
		assertThrows(IllegalArgumentException.class, () -> new LabelAnalysisJob(sc, 2).run("pores_and_voids", slices.getPath(), new HashMap<>(),
			tmp.resolve("x"), false));
		Map<String, String> never = new HashMap<>();
		never.put("streaming", "never");
		assertThrows(IllegalArgumentException.class, () -> new LabelAnalysisJob(sc, 2).run("phase_fractions", slices.getPath(), never,
			tmp.resolve("y"), false));
		assertFalse(Files.exists(tmp.resolve("x")));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LabelAnalysisJob(sc, 2).run("align_stack", slices.getPath(),
			new HashMap<>(), tmp.resolve("z"), false));
		assertTrue(e.getMessage().contains("transform_file"), e.getMessage());
	}
}
