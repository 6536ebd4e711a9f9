package org.cathodej.chord;

/**
 * The chords of one class along one axis: weighted counts per length n (voxels), calibrated lengths n * voxel size.
 * Weights are 1, or the Miles-Lantuejoul weights when that correction is on. Empty distributions give zeros.
 */
public final class ChordDistribution {

	public final String axis;
	/** Voxel size along the axis: chord length = n * step. */
	public final double step;
	private final double[] weight; // [n]
	private final long[] raw;

	ChordDistribution(String axis, double step, double[] weight, long[] raw) {
		this.axis = axis;
		this.step = step;
		this.weight = weight;
		this.raw = raw;
	}

	/** Chords recorded (unweighted). */
	public long count() {
		long s = 0;
		for (long v : raw) s += v;
		return s;
	}

	public double weightedCount() {
		double s = 0;
		for (double v : weight) s += v;
		return s;
	}

	public long maxVoxels() {
		for (int n = raw.length - 1; n > 0; n--) if (raw[n] > 0) return n;
		return 0;
	}

	/** Count-weighted mean chord length (calibrated); 0 when there are no chords. */
	public double mean() {
		double s = 0, m = 0;
		for (int n = 1; n < weight.length; n++) {
			s += weight[n];
			m += weight[n] * n;
		}
		return s > 0 ? m / s * step : 0;
	}

	/** Length-weighted mean (sum l^2 / sum l), the mean chord a random phase voxel lies on. */
	public double lengthWeightedMean() {
		double s = 0, m = 0;
		for (int n = 1; n < weight.length; n++) {
			s += weight[n] * n;
			m += weight[n] * (double) n * n;
		}
		return s > 0 ? m / s * step : 0;
	}

	/** Count-weighted median (calibrated; lower median of the discrete distribution); 0 when empty. */
	public double median() {
		double tot = weightedCount(), acc = 0;
		if (!(tot > 0)) return 0;
		for (int n = 1; n < weight.length; n++) {
			acc += weight[n];
			if (acc >= 0.5 * tot - 1e-9 * tot) return n * step;
		}
		return 0;
	}

	/** Sum of the (weighted) chord lengths (calibrated). */
	public double totalLength() {
		double m = 0;
		for (int n = 1; n < weight.length; n++) m += weight[n] * n;
		return m * step;
	}

	/** Weighted count of chords of exactly n voxels. */
	public double weight(int n) { return n < weight.length ? weight[n] : 0; }

	/**
	 * Histogram with the given bin edges (calibrated lengths, ascending; a chord of length l falls in [e_i, e_i+1),
	 * the last bin closed). Returns per bin {count, count fraction, length fraction, total length}.
	 */
	public double[][] histogram(double[] edges) {
		int nb = edges.length - 1;
		double[] cnt = new double[nb], len = new double[nb];
		double ct = 0, lt = 0;
		for (int n = 1; n < weight.length; n++) {
			if (weight[n] == 0) continue;
			double l = n * step;
			int b = bin(edges, l);
			if (b < 0) continue;
			cnt[b] += weight[n];
			len[b] += weight[n] * l;
			ct += weight[n];
			lt += weight[n] * l;
		}
		double[][] r = new double[nb][4];
		for (int b = 0; b < nb; b++) {
			r[b][0] = cnt[b];
			r[b][1] = ct > 0 ? cnt[b] / ct : 0;
			r[b][2] = lt > 0 ? len[b] / lt : 0;
			r[b][3] = len[b];
		}
		return r;
	}

	static int bin(double[] e, double l) {
		int nb = e.length - 1;
		if (l < e[0] || l > e[nb] * (1 + 1e-12)) return -1;
		int lo = 0, hi = nb - 1;
		while (lo < hi) {
			int mid = (lo + hi + 1) >>> 1;
			if (e[mid] <= l * (1 + 1e-12)) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}

	/** Linear bin edges from 0 to max in n bins, or logarithmic from min to max. */
	public static double[] edges(double min, double max, int bins, boolean log) {
		if (bins < 1) throw new IllegalArgumentException("Need at least one bin, got " + bins);
		if (!(max > 0)) max = 1;
		double[] e = new double[bins + 1];
		if (log) {
			if (!(min > 0) || min >= max) min = max / 100;
			double a = Math.log(min), b = Math.log(max);
			for (int i = 0; i <= bins; i++) e[i] = Math.exp(a + (b - a) * i / bins);
			e[0] = min;
			e[bins] = max;
		} else {
			for (int i = 0; i <= bins; i++) e[i] = max * i / bins;
		}
		return e;
	}
}
