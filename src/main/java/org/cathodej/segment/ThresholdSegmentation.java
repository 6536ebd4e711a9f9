package org.cathodej.segment;

import java.util.Arrays;

import org.cathodej.filter.Gauss;
import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Three phases by thresholds, as done by hand in FIB-SEM studies: pores from the SE channel (two-class Otsu; pores
 * dark unless told otherwise), CAM vs ISE from the BSE channel (two-class Otsu over the non-pore voxels); without SE,
 * a three-class (multi-level) Otsu on BSE gives pore / ISE / CAM in the order of their grey levels. Optional in-plane
 * Gaussian smoothing before thresholding; clean-up by a minimum island size (6-connected components of one phase
 * smaller than it join the phase most of their face neighbours have) and an optional 3x3x3 majority filter.
 */
public final class ThresholdSegmentation {

	private ThresholdSegmentation() {}

	public static final class Params implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
		/** In-plane Gaussian sigma in calibrated units before thresholding; 0 = none. */
		public double smoothing = 0;
		/** BSE grey order: true = pore < ISE < CAM (CAM brightest, the usual case), false = pore < CAM < ISE. */
		public boolean camBrightest = true;
		public boolean poresBrightInSe = false;
		/** Islands (6-connected) smaller than this many voxels are merged into their surroundings; 0 = off. */
		public long minIsland = 0;
		public boolean majorityFilter = false;
		public int bins = 256;
		public int threads = Parallel.defaultThreads();
	}

	public static final class Result {
		/** Phase per voxel: 0 pore, 1 CAM, 2 ISE. */
		public final byte[][] phase;
		/** Thresholds in grey levels: SE pore threshold (NaN without SE), BSE thresholds (one or two). */
		public double seThreshold = Double.NaN;
		public double[] bseThresholds;
		public long islandsMerged, voxelsChangedByIslands, voxelsChangedByMajority;
		/** Voxels of pore, CAM and ISE in the result. */
		public long[] voxelsPerPhase;

		Result(byte[][] p) {
			phase = p;
		}
	}

	public static Result segment(RandomAccessibleInterval<? extends RealType<?>> bse, RandomAccessibleInterval<? extends RealType<?>> se,
		VoxelSize vs, Params p, Progress progress) {
		Slices.requireVolume(bse);
		if (se != null) PixelClassifier.checkSizes(java.util.Arrays.asList(bse, se), null);
		int w = Slices.width(bse), h = Slices.height(bse), d = Slices.depth(bse), plane = w * h;
		long vox = (long) plane * d;
		MemoryBudget.require(vox * (se != null ? 9 : 5) + (p.minIsland > 0 ? 4 * vox : 0), "Threshold segmentation of " + w + "x" + h + "x" + d,
			se != null ? 9 : 5);
		Progress pr = progress == null ? Progress.NONE : progress;
		float[][] b = smoothed(bse, vs, p, pr.range(0, 0.2));
		float[][] s = se == null ? null : smoothed(se, vs, p, pr.range(0.2, 0.4));
		byte[][] ph = new byte[d][plane];
		Result r = new Result(ph);
		if (s != null) {
			double[] mm = range(s, null);
			long[] hs = histogram(s, null, mm, p.bins);
			int t = otsu2(hs);
			double ts = edge(mm, p.bins, t);
			r.seThreshold = ts;
			boolean[][] pore = new boolean[d][plane];
			Parallel.forEach(d, p.threads, z -> pore[z] = pores(s[z], ts, p));
			double[] mb = range(b, pore);
			long[] hb = histogram(b, pore, mb, p.bins);
			double tb = edge(mb, p.bins, otsu2(hb));
			r.bseThresholds = new double[] { tb };
			Parallel.forEach(d, p.threads, z -> label(ph[z], b[z], pore[z], r.bseThresholds, p));
		} else {
			double[] mb = range(b, null);
			long[] hb = histogram(b, null, mb, p.bins);
			int[] t = otsu3(hb);
			double t1 = edge(mb, p.bins, t[0]), t2 = edge(mb, p.bins, t[1]);
			r.bseThresholds = new double[] { t1, t2 };
			Parallel.forEach(d, p.threads, z -> label(ph[z], b[z], null, r.bseThresholds, p));
		}
		pr.report(0.5, "clean-up");
		if (p.minIsland > 0) {
			long[] st = Cleanup.mergeSmallIslands(ph, w, h, p.minIsland, pr.range(0.5, 0.85));
			r.islandsMerged = st[0];
			r.voxelsChangedByIslands = st[1];
		}
		if (p.majorityFilter) r.voxelsChangedByMajority = Cleanup.majority(ph, w, h, p.threads);
		r.voxelsPerPhase = new long[3];
		for (byte[] a : ph) count(a, r.voxelsPerPhase);
		pr.report(1, "done");
		return r;
	}

	private static float[][] smoothed(RandomAccessibleInterval<? extends RealType<?>> img, VoxelSize vs, Params p, Progress pr) {
		int w = Slices.width(img), h = Slices.height(img), d = Slices.depth(img);
		float[][] out = new float[d][];
		Parallel.forEach(d, p.threads, z -> out[z] = smooth(Slices.readFloats(img, z, new float[w * h]), w, h, vs, p));
		return out;
	}

	/** The in-plane Gaussian smoothing of one slice (in place; none when p.smoothing is 0). */
	static float[] smooth(float[] a, int w, int h, VoxelSize vs, Params p) {
		return p.smoothing > 0 ? Gauss.blur2D(a, w, h, p.smoothing / vs.x(), p.smoothing / vs.y(), a) : a;
	}

	/** Pores of one SE slice at threshold ts. */
	static boolean[] pores(float[] se, double ts, Params p) {
		boolean[] pore = new boolean[se.length];
		for (int i = 0; i < se.length; i++) pore[i] = p.poresBrightInSe ? se[i] > ts : se[i] <= ts;
		return pore;
	}

	/** Phases of one slice: with pores from SE (one BSE threshold), else from the two BSE thresholds. */
	static void label(byte[] ph, float[] b, boolean[] pore, double[] t, Params p) {
		byte lowPhase = (byte) (p.camBrightest ? 2 : 1), highPhase = (byte) (p.camBrightest ? 1 : 2);
		if (pore != null) {
			double tb = t[0];
			for (int i = 0; i < ph.length; i++) ph[i] = pore[i] ? 0 : b[i] <= tb ? lowPhase : highPhase;
		} else {
			double t1 = t[0], t2 = t[1];
			for (int i = 0; i < ph.length; i++) {
				float v = b[i];
				ph[i] = v <= t1 ? 0 : v <= t2 ? lowPhase : highPhase;
			}
		}
	}

	static void count(byte[] ph, long[] n) {
		for (byte b : ph) n[b]++;
	}

	static double[] range(float[][] v, boolean[][] skip) {
		double[] r = rawRange(v, skip);
		return histogramRange(r[0], r[1]);
	}

	/** Smallest and largest value not skipped (+inf, -inf when all are skipped). */
	static double[] rawRange(float[][] v, boolean[][] skip) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (int z = 0; z < v.length; z++)
			for (int i = 0; i < v[z].length; i++) {
				if (skip != null && skip[z][i]) continue;
				float x = v[z][i];
				if (x < lo) lo = x;
				if (x > hi) hi = x;
			}
		return new double[] { lo, hi };
	}

	/** The histogram's range from the data range: [0, 1] without data, one unit wide for a constant. */
	static double[] histogramRange(double lo, double hi) {
		if (lo > hi) return new double[] { 0, 1 };
		if (lo == hi) hi = lo + 1;
		return new double[] { lo, hi };
	}

	static long[] histogram(float[][] v, boolean[][] skip, double[] mm, int bins) {
		long[] hst = new long[bins];
		double sc = bins / (mm[1] - mm[0]);
		for (int z = 0; z < v.length; z++)
			for (int i = 0; i < v[z].length; i++) {
				if (skip != null && skip[z][i]) continue;
				int k = (int) ((v[z][i] - mm[0]) * sc);
				hst[k < 0 ? 0 : k >= bins ? bins - 1 : k]++;
			}
		return hst;
	}

	/** Upper edge of bin t: values <= it belong to the lower class. */
	static double edge(double[] mm, int bins, int t) {
		return mm[0] + (t + 1) * (mm[1] - mm[0]) / bins;
	}

	/** Otsu: last bin of the lower class maximising the between-class variance. */
	static int otsu2(long[] hst) {
		int n = hst.length;
		double[][] wm = cumulative(hst);
		double[] w = wm[0], m = wm[1];
		double best = -1;
		int bt = 0;
		for (int t = 0; t < n - 1; t++) {
			double w0 = w[t + 1], w1 = w[n] - w0;
			if (w0 == 0 || w1 == 0) continue;
			double m0 = m[t + 1] / w0, m1 = (m[n] - m[t + 1]) / w1;
			double v = w0 * w1 * (m0 - m1) * (m0 - m1);
			if (v > best) {
				best = v;
				bt = t;
			}
		}
		return bt;
	}

	/** Two-threshold (three-class) Otsu by exhaustive search: last bins {t1, t2} of the lower two classes. */
	static int[] otsu3(long[] hst) {
		int n = hst.length;
		double[][] wm = cumulative(hst);
		double[] w = wm[0], m = wm[1];
		double best = -1;
		int[] bt = { 0, 1 };
		for (int a = 0; a < n - 2; a++) {
			double w0 = w[a + 1];
			if (w0 == 0) continue;
			double s0 = m[a + 1] * m[a + 1] / w0;
			for (int b = a + 1; b < n - 1; b++) {
				double w1 = w[b + 1] - w[a + 1], w2 = w[n] - w[b + 1];
				if (w1 == 0 || w2 == 0) continue;
				double m1 = m[b + 1] - m[a + 1], m2 = m[n] - m[b + 1];
				double v = s0 + m1 * m1 / w1 + m2 * m2 / w2; // between-class variance up to constants
				if (v > best) {
					best = v;
					bt[0] = a;
					bt[1] = b;
				}
			}
		}
		return bt;
	}

	/** Prefix sums of a histogram: {w, m} with w[i] the count and m[i] the first moment of bins [0, i). */
	private static double[][] cumulative(long[] hst) {
		int n = hst.length;
		double[] w = new double[n + 1], m = new double[n + 1];
		for (int i = 0; i < n; i++) {
			w[i + 1] = w[i] + hst[i];
			m[i + 1] = m[i] + (double) i * hst[i];
		}
		return new double[][] { w, m };
	}

	static long sum(long[] a) {
		return Arrays.stream(a).sum();
	}
}
