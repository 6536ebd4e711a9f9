package org.cathodej.bench;

import org.cathodej.segment.Scribbles;

import java.util.Arrays;
import java.util.List;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.segment.ClassificationResult;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.ThresholdSegmentation;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Segmentation: training the pixel classifier on 10^5 scribbled voxels (default features: 3D, scales 1,2,4 px,
 * two channels = 56 features; 50 trees), applying it to the whole rendered volume (two channels), and the
 * threshold route. Scribbles are short strokes drawn from the phantom's truth.
 */
public final class SegmentBench implements BenchCase {

	@Override
	public String name() { return "segment"; }

	@Override
	public String[] defaultSizes() { return new String[] { "256x256x100" }; }

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		RenderedSample sample = new RenderedSample(size, threads);
		VoxelSize vs = sample.vs;
		PlanarImg<UnsignedByteType, ?> truth = sample.truth;
		FibSemRenderer.Result img = sample.img;
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = Arrays.asList(
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) img.bse,
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) img.se);
		long target = Math.min(100_000, Slices.voxels(truth) / 100);
		PlanarImg<UnsignedByteType, ?> scribbles = Scribbles.strokesFromTruth(truth, target, 6, 5, 0);
		FeatureSettings fs = new FeatureSettings(true, new double[] { 0.05, 0.1, 0.2 }, "um", FeatureSettings.DEFAULT_FAMILIES, 2);
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 50;
		long budget = 1L << 30;
		// users scribble on a few slices: 10^5 voxels on 8 slices costs the features of those slices (+ halo) only
		PlanarImg<UnsignedByteType, ?> few = Scribbles.strokesFromTruth(truth, Math.min(target, 8L * size[0] * size[1] / 20), 6, 6, 8);
		double cf = cpu();
		out.time(name(), "train_on_8_slices", size, threads,
			() -> PixelClassifier.train(ch, few, new int[] { 1, 2, 3 }, vs, fs, p, 1, budget, threads, Progress.NONE),
			"scribbles on 8 slices; " + fs.numFeatures() + " features; 50 trees");
		System.out.printf(java.util.Locale.ROOT, "# train on 8 slices: %.1f CPU s%n", cpu() - cf);
		double c0 = cpu();
		PixelClassifier c = out.time(name(), "train_" + target + "_voxels", size, threads,
			() -> PixelClassifier.train(ch, scribbles, new int[] { 1, 2, 3 }, vs, fs, p, 1, budget, threads, Progress.NONE),
			target + " labelled voxels; " + fs.numFeatures() + " features; 50 trees");
		double c1 = cpu();
		System.out.printf(java.util.Locale.ROOT, "# train: %.1f CPU s%n", c1 - c0);
		PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions();
		o.threads = threads;
		o.memoryBudget = budget;
		ClassificationResult r = out.time(name(), "apply", size, threads, () -> c.apply(ch, vs, o, Progress.NONE),
			"2 channels; " + fs.numFeatures() + " features; " + c.forest().numNodes() + " nodes");
		double c2 = cpu();
		System.out.printf(java.util.Locale.ROOT, "# apply: %.1f CPU s = %.3g voxels per CPU second%n", c2 - c1, Slices.voxels(truth) / (c2 - c1));
		byte[][] t = new byte[size[2]][];
		for (int z = 0; z < t.length; z++) t[z] = (byte[]) Slices.planeArray(truth, z);
		System.out.println("# apply: slab " + r.slabSlices + " slices, " + r.slabBytes / (1 << 20) + " MB; "
			+ org.cathodej.segment.Comparison.of(r.labels, t));
		ThresholdSegmentation.Params tp = new ThresholdSegmentation.Params();
		tp.threads = threads;
		tp.minIsland = 10;
		ThresholdSegmentation.Result tr = out.time(name(), "threshold", size, threads,
			() -> ThresholdSegmentation.segment(ch.get(0), ch.get(1), vs, tp, Progress.NONE), "SE pores + BSE Otsu; min island 10");
		System.out.println("# threshold: " + org.cathodej.segment.Comparison.of(tr.phase, t));
	}

	/** CPU seconds of the whole process (all threads) so far: the machine is shared, so wall time alone misleads. */
	static double cpu() {
		java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1e9 : Double.NaN;
	}
}
