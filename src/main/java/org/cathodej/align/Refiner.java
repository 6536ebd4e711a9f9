package org.cathodej.align;

import org.cathodej.filter.Gauss;
import org.cathodej.filter.Interpolate;

/**
 * Intensity-based refinement of a translation or rigid map between two slices: Gauss-Newton on the sum of squared
 * differences of the contrast-normalised, slightly blurred (sigma 1 px) images, coarse to fine (box-downsampled
 * levels while the region stays >= 64 px, rigid only), bicubic sampling. The map B sends reference coordinates
 * to moving coordinates: moving(B(q)) ~ reference(q).
 */
final class Refiner {

	private Refiner() {}

	private static final int MAX_ITER = 25;

	/**
	 * @param roi {x, y, w, h} region of the reference that drives the fit
	 * @param init starting map (e.g. from phase correlation)
	 */
	static RigidTransform refine(float[] ref, float[] mov, int w, int h, int[] roi, RigidTransform init, boolean rigid) {
		int maxF = 1;
		if (rigid) while (Math.min(roi[2], roi[3]) / (maxF * 2) >= 64 && maxF < 8) maxF *= 2;
		RigidTransform b = init;
		for (int f = maxF; f >= 1; f /= 2) {
			int wl = w / f, hl = h / f;
			float[] r = prepare(ref, w, h, f), m = prepare(mov, w, h, f);
			double o = (f - 1) / 2.0;
			int[] rl = { (int) Math.ceil((roi[0] - o) / f), (int) Math.ceil((roi[1] - o) / f), 0, 0 };
			rl[2] = Math.min(wl, (int) Math.floor((roi[0] + roi[2] - 1 - o) / f) + 1) - rl[0];
			rl[3] = Math.min(hl, (int) Math.floor((roi[1] + roi[3] - 1 - o) / f) + 1) - rl[1];
			normalise(r, wl, rl);
			normalise(m, wl, new int[] { 0, 0, wl, hl });
			// to level coordinates: B_l(q) = R q + (R o + b - o) / f
			double bx = (b.a00 * o + b.a01 * o + b.a02 - o) / f, by = (b.a10 * o + b.a11 * o + b.a12 - o) / f;
			RigidTransform bl = new RigidTransform(b.a00, b.a01, bx, b.a10, b.a11, by);
			bl = gaussNewton(r, m, wl, hl, rl, bl, rigid);
			double ox = f * bl.a02 + o - (bl.a00 * o + bl.a01 * o), oy = f * bl.a12 + o - (bl.a10 * o + bl.a11 * o);
			b = new RigidTransform(bl.a00, bl.a01, ox, bl.a10, bl.a11, oy);
		}
		return b;
	}

	private static float[] prepare(float[] img, int w, int h, int f) {
		float[] d;
		if (f == 1) d = img.clone();
		else {
			int wl = w / f, hl = h / f;
			d = new float[wl * hl];
			float inv = 1f / (f * f);
			for (int y = 0; y < hl; y++)
				for (int x = 0; x < wl; x++) {
					float s = 0;
					for (int j = 0; j < f; j++)
						for (int i = 0; i < f; i++) s += img[(y * f + j) * w + x * f + i];
					d[y * wl + x] = s * inv;
				}
			w = wl;
			h = hl;
		}
		return Gauss.blur2D(d, w, h, 1, 1, d);
	}

	private static void normalise(float[] a, int w, int[] roi) {
		double s = 0, s2 = 0;
		long n = 0;
		for (int y = roi[1]; y < roi[1] + roi[3]; y++)
			for (int x = roi[0]; x < roi[0] + roi[2]; x++) {
				double v = a[y * w + x];
				s += v;
				s2 += v * v;
				n++;
			}
		double mean = s / n, sd = Math.sqrt(Math.max(1e-20, s2 / n - mean * mean));
		for (int i = 0; i < a.length; i++) a[i] = (float) ((a[i] - mean) / sd);
	}

	private static RigidTransform gaussNewton(float[] r, float[] m, int w, int h, int[] roi, RigidTransform b0, boolean rigid) {
		double cx = roi[0] + (roi[2] - 1) / 2.0, cy = roi[1] + (roi[3] - 1) / 2.0;
		double theta = Math.atan2(b0.a10, b0.a00);
		double tx = b0.x(cx, cy) - cx, ty = b0.y(cx, cy) - cy;
		double radius = 0.5 * Math.hypot(roi[2], roi[3]);
		for (int it = 0; it < MAX_ITER; it++) {
			double cos = Math.cos(theta), sin = Math.sin(theta);
			double[] hm = new double[9], g = new double[3];
			for (int y = Math.max(1, roi[1]); y < Math.min(h - 1, roi[1] + roi[3]); y++) {
				double qy = y - cy;
				for (int x = Math.max(1, roi[0]); x < Math.min(w - 1, roi[0] + roi[2]); x++) {
					double qx = x - cx;
					double px = cos * qx - sin * qy + cx + tx, py = sin * qx + cos * qy + cy + ty;
					if (px < 1 || py < 1 || px > w - 3 || py > h - 3) continue;
					int i = y * w + x;
					double e = Interpolate.sampleMirror(m, w, h, px, py, Interpolate.Method.BICUBIC) - r[i];
					double gx = 0.5 * (r[i + 1] - r[i - 1]), gy = 0.5 * (r[i + w] - r[i - w]);
					double j0 = cos * gx - sin * gy, j1 = sin * gx + cos * gy, j2 = -gx * qy + gy * qx;
					hm[0] += j0 * j0;
					hm[1] += j0 * j1;
					hm[4] += j1 * j1;
					g[0] += j0 * e;
					g[1] += j1 * e;
					if (rigid) {
						hm[2] += j0 * j2;
						hm[5] += j1 * j2;
						hm[8] += j2 * j2;
						g[2] += j2 * e;
					}
				}
			}
			double[] d = rigid ? solve3(hm, g) : solve2(hm, g);
			if (d == null) break;
			tx -= d[0];
			ty -= d[1];
			if (rigid) theta -= d[2];
			double step = Math.hypot(d[0], d[1]) + (rigid ? Math.abs(d[2]) * radius : 0);
			if (step < 1e-4) break;
		}
		return RigidTransform.of(tx, ty, Math.toDegrees(theta), cx, cy);
	}

	private static double[] solve2(double[] hm, double[] g) {
		double det = hm[0] * hm[4] - hm[1] * hm[1];
		if (!(Math.abs(det) > 1e-12)) return null;
		return new double[] { (hm[4] * g[0] - hm[1] * g[1]) / det, (hm[0] * g[1] - hm[1] * g[0]) / det, 0 };
	}

	private static double[] solve3(double[] s, double[] g) {
		double a = s[0], b = s[1], c = s[2], d = s[4], e = s[5], f = s[8];
		double det = a * (d * f - e * e) - b * (b * f - c * e) + c * (b * e - c * d);
		if (!(Math.abs(det) > 1e-12)) return null;
		double i00 = (d * f - e * e), i01 = -(b * f - c * e), i02 = (b * e - c * d);
		double i11 = (a * f - c * c), i12 = -(a * e - b * c), i22 = (a * d - b * b);
		return new double[] { (i00 * g[0] + i01 * g[1] + i02 * g[2]) / det, (i01 * g[0] + i11 * g[1] + i12 * g[2]) / det,
			(i02 * g[0] + i12 * g[1] + i22 * g[2]) / det };
	}
}
