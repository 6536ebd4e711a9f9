package org.cathodej.segment;

import java.util.Locale;
import java.util.Map;

import org.cathodej.filter.Rank;
import org.cathodej.image.Slices;
import org.cathodej.results.KeyValues;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Robust linear grey-level normalisation stored in a classifier: v' = (v - P_low) / (P_high - P_low), with the
 * percentiles P_low and P_high taken per slice ({@link Mode#SLICE}: removes brightness and contrast drift between
 * slices) or over the whole volume ({@link Mode#VOLUME}: removes it between volumes, keeps it within one). The
 * percentiles are computed from at most {@link #SAMPLES} evenly spaced pixels of a slice (every slice for the
 * volume), ignoring non-finite values, so the map of a slice depends only on the image, never on how it is cut.
 */
public final class IntensityNormalisation {

	/** Pixels per slice used for the percentiles (evenly spaced). */
	public static final int SAMPLES = 1 << 16;

	public enum Mode {
		NONE("none"), SLICE("slice"), VOLUME("volume");

		public final String key;

		Mode(String key) { this.key = key; }

		public static Mode parse(String s) {
			for (Mode m : values()) if (m.key.equalsIgnoreCase(s.trim())) return m;
			throw new IllegalArgumentException("Unknown normalisation '" + s + "'; known: none, slice, volume");
		}
	}

	public static final IntensityNormalisation NONE = new IntensityNormalisation(Mode.NONE, 1, 99);

	private final Mode mode;
	private final double low, high; // percentiles in %

	public IntensityNormalisation(Mode mode, double lowPercent, double highPercent) {
		if (!(lowPercent >= 0 && highPercent <= 100 && lowPercent < highPercent))
			throw new IllegalArgumentException("Normalisation percentiles must satisfy 0 <= low < high <= 100, got " + lowPercent + ", " + highPercent);
		this.mode = mode;
		this.low = lowPercent;
		this.high = highPercent;
	}

	public Mode mode() { return mode; }
	public boolean isOn() { return mode != Mode.NONE; }
	public double lowPercent() { return low; }
	public double highPercent() { return high; }

	/**
	 * Per-slice linear maps {scale, offset} (v' = scale * v + offset) of one channel; identity maps when off. A slice
	 * (or volume) whose two percentiles coincide keeps scale 1 and is only shifted.
	 */
	public double[][] maps(RandomAccessibleInterval<? extends RealType<?>> channel) {
		int d = Slices.depth(channel);
		double[][] m = new double[d][];
		if (mode == Mode.NONE) {
			for (int z = 0; z < d; z++) m[z] = new double[] { 1, 0 };
			return m;
		}
		if (mode == Mode.SLICE) {
			for (int z = 0; z < d; z++) {
				float[] s = sample(channel, z, SAMPLES);
				m[z] = map(s, s.length);
			}
			return m;
		}
		int per = Math.max(1, SAMPLES / d);
		float[] all = new float[per * d];
		int n = 0;
		for (int z = 0; z < d; z++) {
			float[] s = sample(channel, z, per);
			System.arraycopy(s, 0, all, n, s.length);
			n += s.length;
		}
		double[] v = map(all, n);
		for (int z = 0; z < d; z++) m[z] = v.clone();
		return m;
	}

	private double[] map(float[] s, int n) {
		if (n == 0) return new double[] { 1, 0 };
		double lo = percentile(s, n, low), hi = percentile(s, n, high);
		return hi > lo ? new double[] { 1 / (hi - lo), -lo / (hi - lo) } : new double[] { 1, -lo };
	}

	/** The p-th percentile (0..100, nearest rank) of s[0..n); reorders s. */
	static double percentile(float[] s, int n, double p) {
		int k = (int) Math.min(n - 1, Math.max(0, Math.round(p / 100 * (n - 1))));
		return Rank.select(s, n, k);
	}

	/** Up to {@code max} finite values of slice z, evenly spaced. */
	static float[] sample(RandomAccessibleInterval<? extends RealType<?>> img, int z, int max) {
		float[] p = Slices.readFloats(img, z, null);
		int n = Slices.width(img) * Slices.height(img);
		int step = Math.max(1, (int) Math.ceil(n / (double) max));
		float[] s = new float[(n + step - 1) / step];
		int k = 0;
		for (int i = 0; i < n; i += step) if (Float.isFinite(p[i])) s[k++] = p[i];
		return java.util.Arrays.copyOf(s, k);
	}

	/** One line that {@link #parse} reads back. */
	public String encode() {
		return String.format(Locale.ROOT, "mode=%s;low=%s;high=%s", mode.key, Double.toString(low), Double.toString(high));
	}

	public static IntensityNormalisation parse(String line) {
		Map<String, String> kv = KeyValues.parse(line);
		String m = kv.get("mode"), lo = kv.get("low"), hi = kv.get("high");
		if (m == null || lo == null || hi == null) throw new IllegalArgumentException("incomplete normalisation '" + line + "'");
		return new IntensityNormalisation(Mode.parse(m), Double.parseDouble(lo), Double.parseDouble(hi));
	}

	@Override
	public String toString() {
		return mode == Mode.NONE ? "none" : String.format(Locale.ROOT, "per %s, percentiles %s-%s -> 0-1", mode.key, fmt(low), fmt(high));
	}

	private static String fmt(double d) {
		return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
	}
}
