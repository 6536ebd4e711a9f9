package org.cathodej.filter;

/**
 * Sampling a float plane (row-major, w x h) at real coordinates, pixel centres at integers. Bilinear, or bicubic
 * with the Keys kernel (a = -0.5, interpolating, exact for quadratics). Outside the plane the result is either the
 * mirrored image ({@link #sampleMirror}) or the caller's fill value ({@link #sample}).
 */
public final class Interpolate {

	public enum Method {
		BILINEAR, BICUBIC;

		public static Method parse(String s) {
			String t = s.trim().toLowerCase(java.util.Locale.ROOT);
			if (t.equals("bilinear") || t.equals("linear")) return BILINEAR;
			if (t.equals("bicubic") || t.equals("cubic")) return BICUBIC;
			throw new IllegalArgumentException("Unknown interpolation '" + s + "'; expected bilinear or bicubic");
		}
	}

	private Interpolate() {}

	/**
	 * Value at (x, y); {@code fill} when (x, y) lies outside [0, w-1] x [0, h-1] (by more than 1e-9 px). Inside
	 * but near the border, missing neighbours of the cubic kernel are mirrored.
	 */
	public static float sample(float[] p, int w, int h, double x, double y, Method m, float fill) {
		if (x < -1e-9 || y < -1e-9 || x > w - 1 + 1e-9 || y > h - 1 + 1e-9) return fill;
		return sampleMirror(p, w, h, x, y, m);
	}

	/** Value at (x, y) with mirrored borders everywhere. */
	public static float sampleMirror(float[] p, int w, int h, double x, double y, Method m) {
		int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
		double fx = x - x0, fy = y - y0;
		if (m == Method.BILINEAR) {
			boolean inside = x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h;
			int xa = inside ? x0 : Gauss.mirror(x0, w), xb = inside ? x0 + 1 : Gauss.mirror(x0 + 1, w);
			int ya = inside ? y0 : Gauss.mirror(y0, h), yb = inside ? y0 + 1 : Gauss.mirror(y0 + 1, h);
			double top = p[ya * w + xa] + fx * (p[ya * w + xb] - p[ya * w + xa]);
			double bot = p[yb * w + xa] + fx * (p[yb * w + xb] - p[yb * w + xa]);
			return (float) (top + fy * (bot - top));
		}
		double wx0 = keys(1 + fx), wx1 = keys(fx), wx2 = keys(1 - fx), wx3 = keys(2 - fx);
		double wy0 = keys(1 + fy), wy1 = keys(fy), wy2 = keys(1 - fy), wy3 = keys(2 - fy);
		boolean inside = x0 >= 1 && y0 >= 1 && x0 + 2 < w && y0 + 2 < h;
		double s = 0;
		for (int j = 0; j < 4; j++) {
			int yy = inside ? y0 - 1 + j : Gauss.mirror(y0 - 1 + j, h);
			int row = yy * w;
			double r;
			if (inside) {
				int b = row + x0 - 1;
				r = wx0 * p[b] + wx1 * p[b + 1] + wx2 * p[b + 2] + wx3 * p[b + 3];
			} else {
				r = wx0 * p[row + Gauss.mirror(x0 - 1, w)] + wx1 * p[row + Gauss.mirror(x0, w)]
					+ wx2 * p[row + Gauss.mirror(x0 + 1, w)] + wx3 * p[row + Gauss.mirror(x0 + 2, w)];
			}
			s += (j == 0 ? wy0 : j == 1 ? wy1 : j == 2 ? wy2 : wy3) * r;
		}
		return (float) s;
	}

	/** Keys cubic convolution kernel, a = -0.5. */
	static double keys(double t) {
		t = Math.abs(t);
		if (t <= 1) return (1.5 * t - 2.5) * t * t + 1;
		if (t < 2) return ((-0.5 * t + 2.5) * t - 4) * t + 2;
		return 0;
	}
}
