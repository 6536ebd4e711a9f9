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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.cathodej.image.VoxelSize;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.imagej.VolumeSources;
import org.cathodej.imagej.Volumes;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.FijiContext;
import org.cathodej.run.ImageSource;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Apply Pixel Classifier and Threshold Three Phases on Spark (local[2]) on a BSE and an SE folder: for 1, 2, 3 and 7
 * tasks the label slices (written by the tasks) and the tables equal the single-machine streamed run byte for byte.
 * A stopped classification leaves no output.
 */
class SegmentationJobTest {

	static JavaSparkContext sc;
	@TempDir
	static Path tmp;
	static File bse, se;
	static Path classifier;

	@BeforeAll
	static void start() throws Exception {
		sc = TestVolumes.spark("local[2]");
		bse = grey(tmp, "bse", 34, 29, 13, 7);
		se = grey(tmp, "se", 34, 29, 13, 8);
		classifier = train(bse, se, tmp.resolve("phantom.classifier"));
	}

	@AfterAll
	static void stop() {
		sc.stop();
	}

	/** A 16-bit BSE-like folder: grains, a lit corner and noise, calibrated 0.05 x 0.05 x 0.08 micron. */
	static File grey(Path dir, String name, int w, int h, int d, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		try (TiffSliceWriter wr = new TiffSliceWriter(dir.resolve(name).toFile(), name, w, h, d, new VoxelSize(0.05, 0.05, 0.08, "micron"), false)) {
			for (int z = 0; z < d; z++) {
				short[] p = new short[w * h];
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						p[y * w + x] = (short) (9000 + 120 * x + 40 * y + 300 * z + ((x / 5 + y / 4 + z) % 3) * 6000 + r.nextInt(1400) + ((x * 7) % 9 == 0 ? 4000 : 0));
				wr.write(z, p);
			}
			return wr.commit();
		}
	}

	/** A small 3D-feature classifier trained on BSE + SE, scribbles on every 7th voxel of the grain pattern. */
	static Path train(File bse, File se, Path file) throws Exception {
		ImagePlus b = VolumeSources.openVirtual(bse.getPath()).duplicate(), s = VolumeSources.openVirtual(se.getPath()).duplicate();
		int w = b.getWidth(), h = b.getHeight(), d = b.getStackSize();
		PlanarImg<UnsignedByteType, ?> scr = PlanarImgs.unsignedBytes(w, h, d);
		for (int z = 0; z < d; z++) {
			byte[] p = (byte[]) org.cathodej.image.Slices.planeArray(scr, z);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if ((x + 3 * y + z) % 7 == 0) p[y * w + x] = (byte) ((x / 5 + y / 4 + z) % 3 + 1);
		}
		RandomForest.Params rp = new RandomForest.Params();
		rp.trees = 6;
		FeatureSettings fs = new FeatureSettings(true, new double[] { 0.05, 0.1 }, "micron", FeatureSettings.DEFAULT_FAMILIES, 2);
		PixelClassifier c = PixelClassifier.train(Arrays.asList(Volumes.real(b), Volumes.real(s)), scr, new int[] { 1, 2, 3 }, Volumes.voxelSize(b), fs,
			rp, 7, 64L << 20, 2, Progress.NONE);
		c.save(file);
		return file;
	}

	/** The single-machine streamed run of the command on the BSE folder (se=PATH opened as a virtual stack). */
	static Path local(String command, Map<String, String> options) {
		Path out = tmp.resolve("local-" + command + "-" + Math.abs(new java.util.TreeMap<>(options).hashCode()));
		ImagePlus in = VolumeSources.openVirtual(bse.getPath());
		Map<String, String> o = new LinkedHashMap<>(options);
		o.put("output_dir", out.toString());
		new CommandRunner(FijiContext.get()).run(CommandCatalog.load().find(command).spec(), o, new ImageSource() {
			@Override public ImagePlus byName(String n) { return VolumeSources.openVirtual(n); }
			@Override public ImagePlus current() { return in; }
		}, Progress.NONE);
		return out;
	}

	/** Label slices and tables of the job for 1, 2, 3 and 7 tasks equal the single-machine streamed ones. */
	static void sameLabels(String command, Map<String, String> options) {
		Map<String, String> o = new LinkedHashMap<>(options);
		o.put("streaming", "always");
		o.put("slab_slices", "2");
		Path want = local(command, o);
		Map<String, byte[]> wt = TestVolumes.files(want, ".tif"), wc = TestVolumes.files(want, ".csv");
		assertEquals(13, wt.size(), "label slices " + wt.keySet());
		assertFalse(wc.isEmpty());
		for (int parts : new int[] { 1, 2, 3, 7 }) {
			Path out = tmp.resolve("spark-" + command + "-" + parts + "-" + Math.abs(o.hashCode()));
			new LabelAnalysisJob(sc, parts).run(command, bse.getPath(), o, out, false);
			Map<String, byte[]> gt = TestVolumes.files(out, ".tif"), gc = TestVolumes.files(out, ".csv");
			assertEquals(wt.keySet(), gt.keySet(), parts + " tasks");
			wt.forEach((f, b) -> assertArrayEquals(b, gt.get(f), f + ", " + parts + " tasks"));
			assertEquals(wc.keySet(), gc.keySet(), parts + " tasks");
			wc.forEach((f, b) -> assertArrayEquals(b, gc.get(f), f + ", " + parts + " tasks"));
			for (byte[] json : TestVolumes.files(out, ".json").values())
				assertFalse(new String(json, StandardCharsets.UTF_8).contains(".partial-"), "provenance names the final folder");
		}
	}

	@Test
	void applyPixelClassifierOnBseAndSe() {
		Map<String, String> o = new LinkedHashMap<>();
		o.put("se", se.getPath());
		o.put("classifier_file", classifier.toString());
		o.put("smoothing", "1.2");
		o.put("memory_mb", "16");
		sameLabels("apply_pixel_classifier", o);
		o.put("keep_training_proportions", "true");
		o.remove("smoothing");
		sameLabels("apply_pixel_classifier", o);
	}

	@Test
	void thresholdThreePhasesWithAndWithoutSe() {
		Map<String, String> o = new LinkedHashMap<>();
		o.put("majority_filter", "true");
		o.put("smoothing", "0.06");
		sameLabels("threshold_three_phases", o);
		o.put("se", se.getPath());
		sameLabels("threshold_three_phases", o);
	}

	@Test
	void aStoppedClassificationLeavesNoOutput() {
		AtomicInteger started = new AtomicInteger();
		SparkListener stopper = new SparkListener() {
			@Override
			public void onTaskStart(SparkListenerTaskStart t) {
				if (started.incrementAndGet() == 4) sc.cancelAllJobs(); // in the labelling pass, slices partly written
			}
		};
		Map<String, String> o = new LinkedHashMap<>();
		o.put("se", se.getPath());
		o.put("classifier_file", classifier.toString());
		o.put("slab_slices", "2");
		sc.sc().addSparkListener(stopper);
		Path out = tmp.resolve("stopped").resolve("results");
		try {
			assertThrows(CancellationException.class, () -> new LabelAnalysisJob(sc, 3).run("apply_pixel_classifier", bse.getPath(), o, out, false));
		} finally {
			sc.sc().removeSparkListener(stopper);
		}
		assertFalse(Files.exists(out));
		if (Files.exists(out.getParent())) try (java.util.stream.Stream<Path> s = Files.list(out.getParent())) {
			assertEquals(0, s.count(), "no staging folder left");
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		assertTrue(started.get() >= 4);
	}
}
