package org.cathodej.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.connectivity.Connectivity;
import org.cathodej.connectivity.StreamedCamUtilisation;
import org.cathodej.fractions.FractionsKernel;
import org.cathodej.fractions.PhaseFractions;
import org.cathodej.imagej.TiffFolderSource;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.segment.ClassificationResult;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.StreamedClassification;
import org.cathodej.task.Progress;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.VolumeSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code local[2,2]} (two attempts per task) and a volume whose every task fails on its first attempt (a read
 * error when it opens the volume), Spark retries the tasks and the results equal the single-machine ones.
 */
class TaskRetryTest {

	static JavaSparkContext sc;
	@TempDir
	static Path tmp;
	static File slices;
	static final AtomicInteger failed = new AtomicInteger();

	@BeforeAll
	static void start() {
		sc = TestVolumes.spark("local[2,2]");
		slices = TestVolumes.writeSlices(TestVolumes.cathode(30, 26, 21, 3), tmp.resolve("labels").toFile());
	}

	@AfterAll
	static void stop() {
		sc.stop();
	}

	/** The folder, failing every read of a task's first attempt. */
	static final class FlakySpec implements SourceSpec {
		private static final long serialVersionUID = 1L;
		final SourceSpec inner;

		FlakySpec(SourceSpec inner) {
			this.inner = inner;
		}

		@Override
		public VolumeSource open() {
			TaskContext t = TaskContext.get(); // the task's own thread (slabs are read on a helper thread)
			if (t != null && t.attemptNumber() == 0) {
				failed.incrementAndGet(); // local mode: the executor is this JVM
				throw new java.io.UncheckedIOException(new java.io.IOException("disk hiccup on attempt 0"));
			}
			VolumeSource s = inner.open();
			return new VolumeSource() {
				@Override public int width() { return s.width(); }
				@Override public int height() { return s.height(); }
				@Override public int depth() { return s.depth(); }
				@Override public int bitDepth() { return s.bitDepth(); }
				@Override public VoxelSize voxelSize() { return s.voxelSize(); }
				@Override public String description() { return "flaky " + s.description(); }

				@Override
				public Object[] readPlanes(int z0, int z1) {
					return s.readPlanes(z0, z1);
				}
			};
		}
	}

	@Test
	void retriedTasksGiveTheSameNumbers() {
		PhaseLabels pl = PhaseLabels.defaults();
		TiffFolderSource local = new TiffFolderSource(slices, null);
		SlabPlan plan = new SlabPlan(local.depth(), 2);
		try (SparkVolume vol = new SparkVolume(sc, new FlakySpec(HadoopSliceFolder.open(slices.getPath(), null, sc.hadoopConfiguration())), 3)) {
			PhaseFractions.Counts want = SlabStreamer.run(local, plan, new FractionsKernel(pl, 1), Progress.NONE).counts();
			PhaseFractions.Counts got = SlabStreamer.run(vol, plan, new FractionsKernel(pl, 1), Progress.NONE).counts();
			assertArrayEquals(want.phase, got.phase);
			for (int a = 0; a < 3; a++) assertTrue(java.util.Arrays.deepEquals(want.profile[a], got.profile[a]));

			CamUtilisation.Options o = new CamUtilisation.Options();
			o.connectivity = Connectivity.TWENTY_SIX;
			o.threads = 1;
			CamUtilisation.Result m = StreamedCamUtilisation.compute(local, plan, pl, local.voxelSize(), o, null, Progress.NONE);
			CamUtilisation.Result s = StreamedCamUtilisation.compute(vol, plan, pl, local.voxelSize(), o, null, Progress.NONE);
			assertArrayEquals(m.classVoxels, s.classVoxels);
			assertArrayEquals(m.classClusters, s.classClusters);
			assertEquals(m.interfaceActive, s.interfaceActive, 0.0);
			assertEquals(m.interfaceTotal, s.interfaceTotal, 0.0);
		}
		assertTrue(failed.get() >= 9, "every task failed once: " + failed.get());
	}

	/** Remove Stripes with every task failing once: the same slices and per-slice energies as on one machine. */
	@Test
	void retriedStreamedOutputTasksWriteTheSameSlices() {
		int before = failed.get();
		TiffFolderSource local = new TiffFolderSource(slices, null);
		SlabPlan plan = new SlabPlan(local.depth(), 3);
		org.cathodej.destripe.Destriper.Params p = new org.cathodej.destripe.Destriper.Params();
		p.levels = 2;
		p.threads = 1;
		Path want = tmp.resolve("destriped-local"), got = tmp.resolve("destriped-spark");
		org.cathodej.destripe.Destriper.Result a, b;
		try (org.cathodej.imagej.TiffSliceWriter w = new org.cathodej.imagej.TiffSliceWriter(want.toFile(), "d", local.width(), local.height(),
			local.depth(), local.voxelSize(), false)) {
			a = org.cathodej.destripe.StreamedDestriper.run(local, plan, p, w, Progress.NONE);
		}
		try (SparkVolume vol = new SparkVolume(sc, new FlakySpec(HadoopSliceFolder.open(slices.getPath(), null, sc.hadoopConfiguration())), 3);
			org.cathodej.imagej.TiffSliceWriter w = new org.cathodej.imagej.TiffSliceWriter(got.toFile(), "d", local.width(), local.height(),
				local.depth(), local.voxelSize(), false)) {
			b = org.cathodej.destripe.StreamedDestriper.run(vol, plan, p, w, Progress.NONE);
		}
		assertTrue(failed.get() - before >= 3, "every task failed once");
		java.util.Map<String, byte[]> wf = TestVolumes.files(want, ".tif"), gf = TestVolumes.files(got, ".tif");
		assertEquals(local.depth(), gf.size());
		assertEquals(wf.keySet(), gf.keySet());
		wf.forEach((f, x) -> assertArrayEquals(x, gf.get(f), f));
		for (int z = 0; z < local.depth(); z++) {
			assertEquals(a.stats[z].stripeBefore, b.stats[z].stripeBefore, 0.0, "slice " + z);
			assertEquals(a.stats[z].stripeAfter, b.stats[z].stripeAfter, 0.0, "slice " + z);
		}
	}

	/**
	 * Apply Pixel Classifier on a BSE and an SE volume with every task failing once (both passes: the histogram of
	 * the prior estimate and the labels): the same label slices and fractions as on one machine.
	 */
	@Test
	void retriedClassificationTasksGiveTheSameLabelsAndFractions() throws Exception {
		int before = failed.get();
		File bse = SegmentationJobTest.grey(tmp, "bse", 30, 26, 9, 7), se = SegmentationJobTest.grey(tmp, "se", 30, 26, 9, 8);
		PixelClassifier pc = PixelClassifier.load(SegmentationJobTest.train(bse, se, tmp.resolve("retry.classifier")));
		PhaseLabels pl = PhaseLabels.defaults();
		PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions();
		o.threads = 1;
		SlabPlan plan = new SlabPlan(9, 2);
		VoxelSize vs = new TiffFolderSource(bse, null).voxelSize();
		Path want = tmp.resolve("classified-local"), got = tmp.resolve("classified-spark");
		ClassificationResult a, b;
		try (TiffSliceWriter w = new TiffSliceWriter(want.toFile(), "p", 30, 26, 9, vs, false)) {
			a = StreamedClassification.apply(pc, java.util.Arrays.asList(new TiffFolderSource(bse, null), new TiffFolderSource(se, null)), vs, o, pl, plan,
				tmp.resolve("spill.tmp"), w, Progress.NONE);
		}
		try (SparkVolume vb = new SparkVolume(sc, new FlakySpec(HadoopSliceFolder.open(bse.getPath(), null, sc.hadoopConfiguration())), 3);
			SparkVolume vse = new SparkVolume(sc, new FlakySpec(HadoopSliceFolder.open(se.getPath(), null, sc.hadoopConfiguration())), 3);
			TiffSliceWriter w = new TiffSliceWriter(got.toFile(), "p", 30, 26, 9, vs, false)) {
			b = StreamedClassification.apply(pc, java.util.Arrays.asList(vb, vse), vs, o, pl, plan, tmp.resolve("unused.tmp"), w, Progress.NONE);
		}
		assertTrue(failed.get() - before >= 6, "every task of both passes failed once: " + (failed.get() - before));
		assertFalse(java.nio.file.Files.exists(tmp.resolve("unused.tmp")), "no spill where the tasks recompute");
		java.util.Map<String, byte[]> wf = TestVolumes.files(want, ".tif"), gf = TestVolumes.files(got, ".tif");
		assertEquals(9, gf.size());
		assertEquals(wf.keySet(), gf.keySet());
		wf.forEach((f, x) -> assertArrayEquals(x, gf.get(f), f));
		assertArrayEquals(a.counts, b.counts);
		assertArrayEquals(a.lowCounts, b.lowCounts);
		assertArrayEquals(a.highCounts, b.highCounts);
		assertArrayEquals(a.softSums, b.softSums, 0.0);
		assertArrayEquals(a.estimatedPriors, b.estimatedPriors, 0.0);
	}
}
