package org.cathodej.segment.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cathodej.results.KeyValues;

/**
 * Which features a pixel classifier computes: feature families, scales (in calibrated units, so a classifier keeps
 * its physical meaning on stacks with another voxel size), 2D (per slice) or 3D, and the number of channels. Part of
 * every saved classifier; a classifier applies only to feature stacks made with equal settings.
 */
public final class FeatureSettings {

	/** Feature families. The raw intensity of each channel is always the first feature of that channel. */
	public enum Family {
		GAUSSIAN("gauss", 1), DOG("dog", 1), GRADIENT("gradient", 1), HESSIAN("hessian", -1), STRUCTURE("structure", -1),
		VARIANCE("variance", 1), MIN("min", 1), MAX("max", 1), MEDIAN("median", 1),
		/** In-plane texture ({@link TextureFeatures}): binary-pattern count; membrane projections max, min, s.d. */
		LBP("lbp", 1), MEMBRANE("membrane", 3);

		public final String key;
		private final int count; // -1: one per dimension (eigenvalues)

		Family(String key, int count) {
			this.key = key;
			this.count = count;
		}

		public int count(int dims) { return count < 0 ? dims : count; }

		public static Family parse(String s) {
			String t = s.trim().toLowerCase(Locale.ROOT);
			for (Family f : values())
				if (f.key.equals(t) || f.name().equalsIgnoreCase(t)) return f;
			throw new IllegalArgumentException("Unknown feature '" + s + "'; known: " + keys(EnumSet.allOf(Family.class)));
		}
	}

	/** The default families: all but the two slow ones (structure tensor, median). */
	public static final EnumSet<Family> DEFAULT_FAMILIES = EnumSet.of(Family.GAUSSIAN, Family.DOG, Family.GRADIENT,
		Family.HESSIAN, Family.VARIANCE, Family.MIN, Family.MAX);

	private final boolean threeD;
	private final double[] scales;
	private final String unit;
	private final EnumSet<Family> families;
	private final int channels;

	/**
	 * @param threeD true: 3D neighbourhoods; false: each slice on its own
	 * @param scales Gaussian sigmas / window radii in {@code unit}, ascending, positive
	 * @param unit unit of the scales (the image's calibration unit)
	 */
	public FeatureSettings(boolean threeD, double[] scales, String unit, EnumSet<Family> families, int channels) {
		if (scales == null || scales.length == 0) throw new IllegalArgumentException("At least one feature scale is needed");
		double[] s = scales.clone();
		Arrays.sort(s);
		for (int i = 0; i < s.length; i++) {
			if (!(s[i] > 0) || Double.isInfinite(s[i])) throw new IllegalArgumentException("Feature scales must be positive, got " + s[i]);
			if (i > 0 && s[i] == s[i - 1]) throw new IllegalArgumentException("Feature scale " + s[i] + " is given twice");
		}
		if (s.length > 16) throw new IllegalArgumentException("At most 16 feature scales");
		if (channels < 1 || channels > 8) throw new IllegalArgumentException("1 to 8 channels, got " + channels);
		this.threeD = threeD;
		this.scales = s;
		this.unit = unit == null || unit.isEmpty() ? "voxel" : unit;
		this.families = families == null ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families.isEmpty() ? EnumSet.noneOf(Family.class) : families);
		this.channels = channels;
	}

	public boolean threeD() { return threeD; }
	public int dims() { return threeD ? 3 : 2; }
	public double[] scales() { return scales.clone(); }
	public String unit() { return unit; }
	public EnumSet<Family> families() { return EnumSet.copyOf(families.isEmpty() ? EnumSet.noneOf(Family.class) : families); }
	public boolean has(Family f) { return families.contains(f); }
	public int channels() { return channels; }

	/** Features per channel: the intensity plus every family at every scale. */
	public int featuresPerChannel() {
		int n = 1;
		for (Family f : families) n += f.count(dims()) * scales.length;
		return n;
	}

	public int numFeatures() { return channels * featuresPerChannel(); }

	/** Feature names in stack order, e.g. {@code c1_gauss_s2}, {@code c2_hessian2_s0.5}. */
	public List<String> featureNames() {
		List<String> names = new ArrayList<>();
		for (int c = 0; c < channels; c++) {
			String p = "c" + (c + 1) + "_";
			names.add(p + "intensity");
			for (double s : scales) {
				String sc = "_s" + fmt(s);
				for (Family f : Family.values()) {
					if (!families.contains(f)) continue;
					int k = f.count(dims());
					if (k == 1) names.add(p + f.key + sc);
					else for (int j = 1; j <= k; j++) names.add(p + f.key + j + sc);
				}
			}
		}
		return names;
	}

	/** One line that {@link #parse} reads back. */
	public String encode() {
		return String.format(Locale.ROOT, "dims=%d;scales=%s;unit=%s;features=%s;channels=%d", dims(), joinScales(scales), unit,
			keys(families), channels);
	}

	public static FeatureSettings parse(String line) {
		Map<String, String> kv = KeyValues.parse(line);
		String dims = kv.get("dims"), sc = kv.get("scales"), fam = kv.get("features"), ch = kv.get("channels");
		if (dims == null || sc == null || fam == null || ch == null)
			throw new IllegalArgumentException("Incomplete feature settings: " + line);
		return new FeatureSettings(Integer.parseInt(dims) == 3, parseScales(sc), kv.get("unit"), parseFamilies(fam), Integer.parseInt(ch));
	}

	/** Parses "1, 2 4" (commas and/or spaces). */
	public static double[] parseScales(String s) {
		String[] p = s.trim().split("[,\\s]+");
		double[] d = new double[p.length];
		for (int i = 0; i < p.length; i++) {
			try {
				d[i] = Double.parseDouble(p[i]);
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("Feature scales must be numbers separated by commas, got '" + s + "'");
			}
		}
		return d;
	}

	/** Parses "gauss,dog,hessian" (commas and/or spaces); "default" gives {@link #DEFAULT_FAMILIES}, "all" every family. */
	public static EnumSet<Family> parseFamilies(String s) {
		String t = s.trim().toLowerCase(Locale.ROOT);
		if (t.equals("default")) return EnumSet.copyOf(DEFAULT_FAMILIES);
		if (t.equals("all")) return EnumSet.allOf(Family.class);
		EnumSet<Family> e = EnumSet.noneOf(Family.class);
		if (t.isEmpty() || t.equals("none")) return e;
		for (String p : t.split("[,\\s]+")) e.add(Family.parse(p));
		return e;
	}

	public static String keys(EnumSet<Family> fam) {
		if (fam.isEmpty()) return "none";
		StringBuilder b = new StringBuilder();
		for (Family f : fam) b.append(b.length() > 0 ? "," : "").append(f.key);
		return b.toString();
	}

	private static String joinScales(double[] s) {
		StringBuilder b = new StringBuilder();
		for (double d : s) b.append(b.length() > 0 ? "," : "").append(Double.toString(d));
		return b.toString();
	}

	private static String fmt(double d) {
		return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof FeatureSettings)) return false;
		FeatureSettings f = (FeatureSettings) o;
		return threeD == f.threeD && Arrays.equals(scales, f.scales) && unit.equals(f.unit) && families.equals(f.families)
			&& channels == f.channels;
	}

	@Override
	public int hashCode() {
		return encode().hashCode();
	}

	@Override
	public String toString() {
		return (threeD ? "3D" : "2D") + ", scales " + joinScales(scales) + " " + unit + ", features " + keys(families) + ", "
			+ channels + " channel(s), " + numFeatures() + " features";
	}
}
