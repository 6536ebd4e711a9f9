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

	/** The slice as the translation refinement sees it (blurred by 1 px); lets callers reuse it for the next pair. */
	static float[] blurred(float[] img, int w, int h) {
		return prepare(img, w, h, 1);
	}

	/** Translation refinement from slices already passed through {@link #blurred} (not modified). */
	static RigidTransform refineTranslation(float[] refBlurred, float[] movBlurred, int w, int h, int[] roi, RigidTransform init) {
		float[] r = refBlurred.clone(), m = movBlurred.clone();
		normalise(r, w, roi);
		normalise(m, w, new int[] { 0, 0, w, h });
		return translationNewton(r, m, w, h, roi, init.a02, init.a12);
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
		if (!rigid && b0.isTranslation()) return translationNewton(r, m, w, h, roi, b0.a02, b0.a12);
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

	/**
	 * Translation-only Gauss-Newton: the warp is a shift, so the bicubic weights are the same for every pixel and the
	 * shifted image is two separable 4-tap passes.
	 */
	private static RigidTransform translationNewton(float[] r, float[] m, int w, int h, int[] roi, double tx, double ty) {
		int x0 = Math.max(1, roi[0]), x1 = Math.min(w - 1, roi[0] + roi[2]), y0 = Math.max(1, roi[1]), y1 = Math.min(h - 1, roi[1] + roi[3]);
		// the 2x2 normal matrix depends only on the reference gradient
		double h00 = 0, h01 = 0, h11 = 0;
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++) {
				int i = y * w + x;
				double gx = 0.5 * (r[i + 1] - r[i - 1]), gy = 0.5 * (r[i + w] - r[i - w]);
				h00 += gx * gx;
				h01 += gx * gy;
				h11 += gy * gy;
			}
		double det = h00 * h11 - h01 * h01;
		if (!(Math.abs(det) > 1e-12)) return new RigidTransform(1, 0, tx, 0, 1, ty);
		float[] rowPass = new float[w * h];
		for (int it = 0; it < MAX_ITER; it++) {
			int ix = (int) Math.floor(tx), iy = (int) Math.floor(ty);
			double fx = tx - ix, fy = ty - iy;
			float wx0 = (float) keys(1 + fx), wx1 = (float) keys(fx), wx2 = (float) keys(1 - fx), wx3 = (float) keys(2 - fx);
			float wy0 = (float) keys(1 + fy), wy1 = (float) keys(fy), wy2 = (float) keys(1 - fy), wy3 = (float) keys(2 - fy);
			// pixels q whose 4x4 neighbourhood around q + t lies inside the moving image
			int qx0 = Math.max(x0, 1 - ix), qx1 = Math.min(x1, w - 2 - ix), qy0 = Math.max(y0, 1 - iy), qy1 = Math.min(y1, h - 2 - iy);
			if (qx1 - qx0 < 8 || qy1 - qy0 < 8) break;
			for (int yy = qy0 + iy - 1; yy < qy1 + iy + 2; yy++) {
				int row = yy * w;
				for (int x = qx0; x < qx1; x++) {
					int b = row + x + ix - 1;
					rowPass[row + x] = wx0 * m[b] + wx1 * m[b + 1] + wx2 * m[b + 2] + wx3 * m[b + 3];
				}
			}
			double g0 = 0, g1 = 0;
			for (int y = qy0; y < qy1; y++) {
				int b = (y + iy - 1) * w;
				for (int x = qx0; x < qx1; x++) {
					int i = y * w + x, c = b + x;
					double v = wy0 * rowPass[c] + wy1 * rowPass[c + w] + wy2 * rowPass[c + 2 * w] + wy3 * rowPass[c + 3 * w];
					double e = v - r[i];
					g0 += 0.5 * (r[i + 1] - r[i - 1]) * e;
					g1 += 0.5 * (r[i + w] - r[i - w]) * e;
				}
			}
			double dx = (h11 * g0 - h01 * g1) / det, dy = (h00 * g1 - h01 * g0) / det;
			tx -= dx;
			ty -= dy;
			if (Math.hypot(dx, dy) < 1e-4) break;
		}
		return new RigidTransform(1, 0, tx, 0, 1, ty);
	}

	/** Keys cubic convolution kernel, a = -0.5 (as {@link Interpolate}). */
	private static double keys(double t) {
		t = Math.abs(t);
		if (t <= 1) return (1.5 * t - 2.5) * t * t + 1;
		if (t < 2) return ((-0.5 * t + 2.5) * t - 4) * t + 2;
		return 0;
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
