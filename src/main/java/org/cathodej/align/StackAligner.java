package org.cathodej.align;

import java.util.Locale;

import org.cathodej.filter.Interpolate;
import org.cathodej.image.Slices;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;

/**
 * Slice-to-slice drift correction of a FIB-SEM stack.
 *
 * <p>Estimate: phase correlation (Gaussian-weighted cross-power spectrum, log-parabola peak fit) on the region of
 * interest, then, for rigid alignment or when {@link Params#refine} is on, Gauss-Newton refinement of the
 * translation (and rotation) on contrast-normalised images. Reference: the previous raw slice (drift accumulates
 * slice to slice, default), the first slice, or the running mean of the last aligned slices. The drift is snapped
 * to its MultiStackReg representation, then every slice is resampled with {@link TransformApplier}; the NCC of each
 * aligned slice with the previous one is the quality column.
 */
public final class StackAligner {

	private StackAligner() {}

	public enum Reference {
		PREVIOUS, FIRST, RUNNING_MEAN;

		public static Reference parse(String s) {
			String t = s.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
			switch (t) {
				case "previous": return PREVIOUS;
				case "first": return FIRST;
				case "running_mean": case "mean": return RUNNING_MEAN;
				default: throw new IllegalArgumentException("Unknown reference '" + s + "'; expected previous, first or running mean");
			}
		}
	}

	public static final class Params {
		/** Translation only, or translation and rotation. */
		public DriftTable.Type transform = DriftTable.Type.TRANSLATION;
		public Reference reference = Reference.PREVIOUS;
		/** Number of previous aligned slices averaged for {@link Reference#RUNNING_MEAN}. */
		public int runningMeanSlices = 5;
		/** Region {x, y, w, h} used for the estimate; null = the whole slice. */
		public int[] roi;
		/** Intensity-based refinement after phase correlation for translations (always done for rigid). */
		public boolean refine = true;
		public Interpolate.Method interpolation = Interpolate.Method.BICUBIC;
		public Canvas.Mode canvas = Canvas.Mode.FULL;
		public double fill = 0;
		public int threads = Parallel.defaultThreads();
	}

	public static final class Result {
		public final DriftTable drift;
		public final Canvas canvas;
		public final PlanarImg<?, ?> aligned;

		Result(DriftTable drift, Canvas canvas, PlanarImg<?, ?> aligned) {
			this.drift = drift;
			this.canvas = canvas;
			this.aligned = aligned;
		}
	}

	/** Estimates the drift, aligns the stack and measures the NCC quality. */
	public static Result align(RandomAccessibleInterval<? extends RealType<?>> stack, Params p, Progress progress) {
		Progress pr = progress == null ? Progress.NONE : progress;
		DriftTable drift = estimate(stack, p, pr.range(0, 0.6));
		Canvas canvas = Canvas.of(p.canvas, drift.globals(), drift.width(), drift.height());
		PlanarImg<?, ?> out = TransformApplier.apply(stack, drift, canvas, p.interpolation, p.fill, p.threads, pr.range(0.6, 0.95));
		drift = drift.withNcc(quality(out, drift, canvas, p.threads));
		pr.report(1, "Aligned");
		return new Result(drift, canvas, out);
	}

	/** The drift of every slice relative to slice 1, snapped to the MultiStackReg representation. */
	public static DriftTable estimate(RandomAccessibleInterval<? extends RealType<?>> stack, Params p, Progress progress) {
		Slices.requireVolume(stack);
		Progress pr = progress == null ? Progress.NONE : progress;
		int w = Slices.width(stack), h = Slices.height(stack), d = Slices.depth(stack);
		if (d < 2) throw new IllegalArgumentException("Alignment needs a stack of at least 2 slices, got a single slice");
		if (w < 16 || h < 16) throw new IllegalArgumentException("Alignment needs slices of at least 16x16 pixels, got " + w + "x" + h);
		int[] roi = region(p, w, h);
		boolean rigid = p.transform == DriftTable.Type.RIGID_BODY, refine = rigid || p.refine;
		int pw = PhaseCorrelation.niceSize(roi[2]), ph = PhaseCorrelation.niceSize(roi[3]);
		int px = roi[0] + (roi[2] - pw) / 2, py = roi[1] + (roi[3] - ph) / 2;
		RigidTransform[] g = new RigidTransform[d];
		g[0] = RigidTransform.IDENTITY;
		int threads = Math.max(1, p.threads);
		int[] done = { 0 };
		switch (p.reference) {
			case PREVIOUS: {
				RigidTransform[] local = new RigidTransform[d];
				int chunks = Math.min(threads, d - 1);
				Parallel.forEach(chunks, chunks, c -> {
					int from = 1 + (int) ((long) (d - 1) * c / chunks), to = 1 + (int) ((long) (d - 1) * (c + 1) / chunks);
					PhaseCorrelation pc = new PhaseCorrelation(pw, ph);
					float[] prev = Slices.readFloats(stack, from - 1, null);
					float[] prevSpec = pc.spectrum(prev, w, px, py);
					boolean cache = refine && !rigid; // translation refinement: reuse the previous slice's blurred copy
					float[] prevBlur = cache ? Refiner.blurred(prev, w, h) : null;
					for (int z = from; z < to; z++) {
						pr.checkCancelled();
						float[] cur = Slices.readFloats(stack, z, null);
						float[] spec = pc.spectrum(cur, w, px, py);
						if (cache) {
							float[] curBlur = Refiner.blurred(cur, w, h);
							double[] s = pc.shift(prevSpec, spec);
							local[z] = Refiner.refineTranslation(prevBlur, curBlur, w, h, roi, new RigidTransform(1, 0, s[0], 0, 1, s[1]));
							prevBlur = curBlur;
						} else local[z] = pair(pc, prev, prevSpec, cur, spec, w, h, roi, null, rigid, refine);
						prev = cur;
						prevSpec = spec;
						tick(pr, done, d - 1);
					}
				});
				for (int z = 1; z < d; z++) g[z] = local[z].after(g[z - 1]);
				break;
			}
			case FIRST: {
				float[] first = Slices.readFloats(stack, 0, null);
				float[] firstSpec = new PhaseCorrelation(pw, ph).spectrum(first, w, px, py);
				Parallel.forEach(d - 1, threads, i -> {
					pr.checkCancelled();
					int z = i + 1;
					PhaseCorrelation pc = new PhaseCorrelation(pw, ph);
					float[] cur = Slices.readFloats(stack, z, null);
					g[z] = pair(pc, first, firstSpec, cur, pc.spectrum(cur, w, px, py), w, h, roi, null, rigid, refine);
					tick(pr, done, d - 1);
				});
				break;
			}
			default: {
				int n = Math.max(1, p.runningMeanSlices);
				PhaseCorrelation pc = new PhaseCorrelation(pw, ph);
				float[][] ring = new float[n][];
				Canvas full = new Canvas(0, 0, w, h);
				ring[0] = Slices.readFloats(stack, 0, null);
				for (int z = 1; z < d; z++) {
					pr.checkCancelled();
					int k = Math.min(z, n);
					float[] mean = new float[w * h];
					for (int j = 0; j < k; j++) {
						float[] a = ring[(z - 1 - j) % n];
						for (int i = 0; i < mean.length; i++) mean[i] += a[i] / k;
					}
					float[] cur = Slices.readFloats(stack, z, null);
					g[z] = pair(pc, mean, pc.spectrum(mean, w, px, py), cur, pc.spectrum(cur, w, px, py), w, h, roi, g[z - 1], rigid, refine);
					ring[z % n] = resampleMirror(cur, w, h, g[z], full);
					tick(pr, done, d - 1);
				}
			}
		}
		return new DriftTable(w, h, rigid ? DriftTable.Type.RIGID_BODY : DriftTable.Type.TRANSLATION, g, null).snapped();
	}

	/** The alignment region {x, y, width, height}: the whole slice, or the given one checked to lie inside it. */
	private static int[] region(Params p, int w, int h) {
		int[] roi = p.roi == null ? new int[] { 0, 0, w, h } : p.roi.clone();
		if (roi[0] < 0 || roi[1] < 0 || roi[2] < 16 || roi[3] < 16 || roi[0] + roi[2] > w || roi[1] + roi[3] > h)
			throw new IllegalArgumentException("The alignment region " + roi[2] + "x" + roi[3] + " at (" + roi[0] + ", " + roi[1]
				+ ") must lie inside the " + w + "x" + h + " slice and be at least 16x16 pixels");
		return roi;
	}

	private static void tick(Progress pr, int[] done, int n) {
		synchronized (done) {
			done[0]++;
			pr.report(done[0] / (double) n, "Estimating drift " + done[0] + "/" + n);
		}
	}

	/**
	 * Map reference -> moving for one pair. Phase correlation gives the translation; with a prior (running mean) the
	 * prior's rotation is kept as a start.
	 */
	private static RigidTransform pair(PhaseCorrelation pc, float[] ref, float[] refSpec, float[] mov, float[] movSpec, int w, int h,
		int[] roi, RigidTransform prior, boolean rigid, boolean refine) {
		double[] s = pc.shift(refSpec, movSpec);
		double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
		RigidTransform init = RigidTransform.of(s[0], s[1], prior == null ? 0 : prior.angleDeg(), cx, cy);
		if (!refine) return init;
		return Refiner.refine(ref, mov, w, h, roi, init, rigid);
	}

	private static float[] resampleMirror(float[] src, int w, int h, RigidTransform g, Canvas c) {
		float[] out = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				out[y * w + x] = Interpolate.sampleMirror(src, w, h, g.x(x, y), g.y(x, y), Interpolate.Method.BILINEAR);
		return out;
	}

	/** NCC of each aligned slice with the previous one over the pixels both cover; NaN for slice 1. */
	public static double[] quality(PlanarImg<?, ?> aligned, DriftTable drift, Canvas c, int threads) {
		int d = drift.slices();
		double[] ncc = new double[d];
		ncc[0] = Double.NaN;
		@SuppressWarnings("unchecked")
		RandomAccessibleInterval<? extends RealType<?>> a = (RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) aligned;
		Parallel.forEach(d - 1, threads, i -> {
			int z = i + 1;
			float[] p = Slices.readFloats(a, z - 1, null), q = Slices.readFloats(a, z, null);
			boolean[] mp = TransformApplier.coverage(drift.width(), drift.height(), drift.global(z - 1), c);
			boolean[] mq = TransformApplier.coverage(drift.width(), drift.height(), drift.global(z), c);
			ncc[z] = ncc(p, q, mp, mq);
		});
		return ncc;
	}

	static double ncc(float[] p, float[] q, boolean[] mp, boolean[] mq) {
		double sp = 0, sq = 0, spp = 0, sqq = 0, spq = 0;
		long n = 0;
		for (int i = 0; i < p.length; i++) {
			if (mp != null && !(mp[i] && mq[i])) continue;
			double a = p[i], b = q[i];
			sp += a;
			sq += b;
			spp += a * a;
			sqq += b * b;
			spq += a * b;
			n++;
		}
		if (n < 2) return Double.NaN;
		double cov = spq - sp * sq / n, vp = spp - sp * sp / n, vq = sqq - sq * sq / n;
		return vp > 0 && vq > 0 ? cov / Math.sqrt(vp * vq) : Double.NaN;
	}
}
