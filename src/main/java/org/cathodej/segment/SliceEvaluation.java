package org.cathodej.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * How a pixel classifier trained on one slice generalises to the others: the scribbles are a class-stratified
 * random sample of the truth on the training slice (round(fraction x voxels) of every phase, at least one, drawn with
 * a seeded generator), the classifier is trained on them, applied to the whole stack, and every slice is compared
 * with the truth ({@link Comparison}: accuracy, per-phase IoU, recall, fraction errors).
 */
public final class SliceEvaluation {

	/** The result: one comparison per slice, the training slice marked. */
	public static final class Result {
		public final List<Comparison> perSlice;
		public final int trainingSlice;
		public final long[] trainingSamples;
		public final PixelClassifier classifier;
		public final ClassificationResult labels;
		public final double trainSeconds, applySeconds;

		Result(List<Comparison> perSlice, int trainingSlice, PixelClassifier c, ClassificationResult labels, double train, double apply) {
			this.perSlice = perSlice;
			this.trainingSlice = trainingSlice;
			this.trainingSamples = c.samplesPerClass();
			this.classifier = c;
			this.labels = labels;
			this.trainSeconds = train;
			this.applySeconds = apply;
		}

		/** Mean of a per-slice quantity over the held-out slices (NaN values skipped). */
		public double heldOutMean(java.util.function.ToDoubleFunction<Comparison> q) {
			double s = 0;
			int n = 0;
			for (int z = 0; z < perSlice.size(); z++) {
				if (z == trainingSlice) continue;
				double v = q.applyAsDouble(perSlice.get(z));
				if (!Double.isNaN(v)) {
					s += v;
					n++;
				}
			}
			return n == 0 ? Double.NaN : s / n;
		}
	}

	private SliceEvaluation() {}

	/**
	 * Class-stratified random scribbles on slice z: round(fraction x count) voxels of each phase (at least one when
	 * the phase is present), values {@link Scribbles#classValues()}. Truth voxels that are none of the three phases are
	 * never drawn.
	 */
	public static PlanarImg<UnsignedByteType, ?> stratifiedScribbles(RandomAccessibleInterval<? extends IntegerType<?>> truth, PhaseLabels tl, int z,
		double fraction, long seed) {
		int w = Slices.width(truth), h = Slices.height(truth), n = w * h;
		PlanarImg<UnsignedByteType, ?> s = PlanarImgs.unsignedBytes(w, h, Slices.depth(truth));
		byte[] out = (byte[]) Slices.planeArray(s, z);
		int[] t = Slices.readInts(truth, z, null);
		SplittableRandom r = new SplittableRandom(seed);
		int[] idx = new int[n];
		for (int c = 0; c < PixelClassifier.CLASSES; c++) {
			int m = 0;
			for (int i = 0; i < n; i++) if (tl.phaseOf(t[i]) == c) idx[m++] = i;
			if (m == 0) continue;
			int k = (int) Math.max(1, Math.min(m, Math.round(fraction * m)));
			for (int i = 0; i < k; i++) { // partial Fisher-Yates
				int j = i + r.nextInt(m - i), v = idx[i];
				idx[i] = idx[j];
				idx[j] = v;
				out[idx[i]] = (byte) Scribbles.classValues()[c];
			}
		}
		return s;
	}

	/** Trains on stratified scribbles of {@code trainingSlice} (0-based), applies to the stack, compares slice by slice. */
	public static Result run(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, RandomAccessibleInterval<? extends IntegerType<?>> truth,
		PhaseLabels truthLabels, int trainingSlice, double fraction, long seed, VoxelSize vs, FeatureSettings fs, IntensityNormalisation norm,
		RandomForest.Params params, PixelClassifier.ApplyOptions opt, Progress progress) {
		return run(channels, truth, truthLabels, trainingSlice, fraction, seed, vs, fs, norm, params, 1, opt, progress);
	}

	/** As above with {@code stages} forest stages (1 = one forest, 2-3 = auto-context). */
	public static Result run(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, RandomAccessibleInterval<? extends IntegerType<?>> truth,
		PhaseLabels truthLabels, int trainingSlice, double fraction, long seed, VoxelSize vs, FeatureSettings fs, IntensityNormalisation norm,
		RandomForest.Params params, int stages, PixelClassifier.ApplyOptions opt, Progress progress) {
		PixelClassifier.checkSizes(channels, truth);
		int d = Slices.depth(truth);
		if (trainingSlice < 0 || trainingSlice >= d) throw new IllegalArgumentException("Training slice " + (trainingSlice + 1) + " is outside 1-" + d);
		if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("The training fraction must be in (0, 1], got " + fraction);
		Progress pr = progress == null ? Progress.NONE : progress;
		PlanarImg<UnsignedByteType, ?> scribbles = stratifiedScribbles(truth, truthLabels, trainingSlice, fraction, seed);
		long t0 = System.nanoTime();
		PixelClassifier c = PixelClassifier.train(channels, scribbles, Scribbles.classValues(), vs, fs, norm, params, stages, seed, opt.memoryBudget, opt.threads,
			pr.range(0, 0.3));
		long t1 = System.nanoTime();
		ClassificationResult r = c.apply(channels, vs, opt, pr.range(0.3, 0.95));
		long t2 = System.nanoTime();
		List<Comparison> per = new ArrayList<>();
		int n = Slices.width(truth) * Slices.height(truth);
		for (int z = 0; z < d; z++) {
			int[] t = Slices.readInts(truth, z, null);
			byte[] tp = new byte[n];
			for (int i = 0; i < n; i++) tp[i] = (byte) truthLabels.phaseOf(t[i]);
			per.add(Comparison.of(new byte[][] { r.labels[z] }, new byte[][] { tp }));
		}
		return new Result(per, trainingSlice, c, r, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
	}
}
