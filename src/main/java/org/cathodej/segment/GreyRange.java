package org.cathodej.segment;

import java.util.Locale;
import java.util.Map;

import org.cathodej.image.Slices;
import org.cathodej.results.KeyValues;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * What a classifier remembers of one training channel: its bit depth (8, 16 or 32) and its robust grey range (the
 * 0.5th and 99.5th percentiles) after the classifier's normalisation (the raw range when there is none). A
 * classifier refuses images whose range is clearly elsewhere (see {@link #mismatch}); with normalisation the bit
 * depth may differ.
 */
public final class GreyRange {

	/** Percentiles of the range (in %). */
	static final double LOW = 0.5, HIGH = 99.5;
	/** Ranges must overlap by this share of the narrower one, and spans differ by less than this factor. */
	static final double MIN_OVERLAP = 0.5, MAX_SPAN_RATIO = 4;

	public final int bits;
	public final double low, high;

	public GreyRange(int bits, double low, double high) {
		this.bits = bits;
		this.low = low;
		this.high = high;
	}

	/** Bit depth and range of a channel after the per-slice maps {scale, offset} (see {@link IntensityNormalisation#maps}). */
	public static GreyRange of(RandomAccessibleInterval<? extends RealType<?>> channel, double[][] maps) {
		int d = Slices.depth(channel);
		int per = Math.max(1, IntensityNormalisation.SAMPLES / d);
		float[] all = new float[per * d];
		int n = 0;
		for (int z = 0; z < d; z++) {
			float[] s = IntensityNormalisation.sample(channel, z, per);
			for (float v : s) all[n++] = (float) (maps[z][0] * v + maps[z][1]);
		}
		int bits = 8 * Slices.greyBytes(channel);
		if (n == 0) return new GreyRange(bits, Double.NaN, Double.NaN);
		return new GreyRange(bits, IntensityNormalisation.percentile(all, n, LOW), IntensityNormalisation.percentile(all, n, HIGH));
	}

	/**
	 * Why images with range {@code a} do not fit a classifier trained on this range, or null when they do: another bit
	 * depth (only when {@code normalised} is false), ranges overlapping by less than half the narrower one, or spans
	 * differing by more than a factor 4.
	 */
	public String mismatch(GreyRange a, boolean normalised) {
		String what = normalised ? "normalised grey range" : "grey range";
		if (!normalised && a.bits != bits) return "the classifier was trained on " + bits + "-bit images, these are " + a.bits + "-bit";
		if (Double.isNaN(low) || Double.isNaN(a.low)) return null;
		double s0 = Math.max(high - low, 1e-12 * Math.max(1, Math.abs(high))), s1 = Math.max(a.high - a.low, 1e-12 * Math.max(1, Math.abs(a.high)));
		double overlap = Math.max(0, Math.min(high, a.high) - Math.max(low, a.low));
		if (overlap < MIN_OVERLAP * Math.min(s0, s1) || s1 > MAX_SPAN_RATIO * s0 || s0 > MAX_SPAN_RATIO * s1)
			return String.format(Locale.ROOT, "the %s of the training images was %s-%s, these images have %s-%s (0.5th-99.5th percentiles)", what,
				num(low), num(high), num(a.low), num(a.high));
		return null;
	}

	static String num(double v) {
		return String.format(Locale.ROOT, "%.4g", v);
	}

	/** "bits=16;low=...;high=..." */
	public String encode() {
		return "bits=" + bits + ";low=" + low + ";high=" + high;
	}

	public static GreyRange parse(String s) {
		Map<String, String> kv = KeyValues.parse(s);
		String b = kv.get("bits"), lo = kv.get("low"), hi = kv.get("high");
		if (b == null || lo == null || hi == null) throw new IllegalArgumentException("incomplete grey range '" + s + "'");
		return new GreyRange(Integer.parseInt(b), Double.parseDouble(lo), Double.parseDouble(hi));
	}

	@Override
	public String toString() {
		return bits + "-bit, " + num(low) + "-" + num(high);
	}
}
