package org.cathodej.align;

import org.jtransforms.fft.FloatFFT_2D;

/**
 * Translation between two images of the same size by phase correlation. The normalised cross-power spectrum is
 * multiplied by a Gaussian (sigma {@link #PEAK_SIGMA} px in space), which turns the correlation peak into a sampled
 * Gaussian; a log-parabola through the peak and its neighbours then locates it to a small fraction of a pixel.
 * Images are mean-subtracted and tapered by a Tukey window (cosine edges, 25% of each side) against edge effects.
 * One instance per thread (the FFT plan and buffers are reused).
 */
public final class PhaseCorrelation {

	/** Spatial sigma (px) of the correlation peak after Gaussian weighting of the cross-power spectrum. */
	public static final double PEAK_SIGMA = 1.0;

	private final int w, h;
	private final FloatFFT_2D fft;
	private final float[] winX, winY, gauss;

	public PhaseCorrelation(int w, int h) {
		if (w < 8 || h < 8) throw new IllegalArgumentException("Phase correlation needs at least 8x8 pixels, got " + w + "x" + h);
		this.w = w;
		this.h = h;
		fft = new FloatFFT_2D(h, w);
		winX = tukey(w, 0.25);
		winY = tukey(h, 0.25);
		gauss = new float[w * h];
		double s2 = 2 * Math.PI * Math.PI * PEAK_SIGMA * PEAK_SIGMA;
		for (int y = 0; y < h; y++) {
			double fy = (y <= h / 2 ? y : y - h) / (double) h;
			for (int x = 0; x < w; x++) {
				double fx = (x <= w / 2 ? x : x - w) / (double) w;
				gauss[y * w + x] = (float) Math.exp(-s2 * (fx * fx + fy * fy));
			}
		}
	}

	public int width() { return w; }
	public int height() { return h; }

	/**
	 * Spectrum of the w x h region at (x0, y0) of a plane with row length {@code stride}: interleaved complex,
	 * 2*w*h floats.
	 */
	public float[] spectrum(float[] plane, int stride, int x0, int y0) {
		double mean = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) mean += plane[(y0 + y) * stride + x0 + x];
		mean /= (double) w * h;
		float m = (float) mean;
		float[] c = new float[2 * w * h];
		for (int y = 0; y < h; y++) {
			int row = (y0 + y) * stride + x0;
			float wy = winY[y];
			for (int x = 0; x < w; x++) c[2 * (y * w + x)] = (plane[row + x] - m) * wy * winX[x];
		}
		fft.complexForward(c);
		return c;
	}

	/**
	 * Shift of {@code moving} relative to {@code reference} (spectra from {@link #spectrum}): the content of the
	 * moving image is displaced by (result[0], result[1]) px; result[2] is the peak height (0..1, higher = surer).
	 */
	public double[] shift(float[] reference, float[] moving) {
		int n = w * h;
		float[] c = new float[2 * n];
		for (int i = 0; i < n; i++) {
			float mr = moving[2 * i], mi = moving[2 * i + 1], rr = reference[2 * i], ri = reference[2 * i + 1];
			float re = mr * rr + mi * ri, im = mi * rr - mr * ri; // moving * conj(reference)
			float mag = (float) Math.sqrt(re * re + im * im);
			if (mag > 1e-20f) {
				float g = gauss[i] / mag;
				c[2 * i] = re * g;
				c[2 * i + 1] = im * g;
			}
		}
		fft.complexInverse(c, true);
		int best = 0;
		float bv = -Float.MAX_VALUE;
		for (int i = 0; i < n; i++) {
			float v = c[2 * i];
			if (v > bv) {
				bv = v;
				best = i;
			}
		}
		int px = best % w, py = best / w;
		double sx = px + subpixel(c[2 * (py * w + (px + w - 1) % w)], bv, c[2 * (py * w + (px + 1) % w)]);
		double sy = py + subpixel(c[2 * (((py + h - 1) % h) * w + px)], bv, c[2 * (((py + 1) % h) * w + px)]);
		if (sx >= w / 2.0) sx -= w;
		if (sy >= h / 2.0) sy -= h;
		// peak of a unit Gaussian-weighted delta: sum of the weights / n
		double norm = 0;
		for (float g : gauss) norm += g;
		return new double[] { sx, sy, bv / (norm / n) };
	}

	/** Offset of the maximum of a Gaussian (log-parabola) through three samples; parabola when one is <= 0. */
	static double subpixel(double l, double c, double r) {
		if (l > 0 && c > 0 && r > 0) {
			double ll = Math.log(l), lc = Math.log(c), lr = Math.log(r);
			double den = ll - 2 * lc + lr;
			if (den < 0) return clamp(0.5 * (ll - lr) / den);
		}
		double den = l - 2 * c + r;
		return den < 0 ? clamp(0.5 * (l - r) / den) : 0;
	}

	private static double clamp(double v) {
		return Math.max(-0.5, Math.min(0.5, v));
	}

	static float[] tukey(int n, double alpha) {
		float[] f = new float[n];
		double edge = alpha * (n - 1) / 2;
		for (int i = 0; i < n; i++) {
			double d = Math.min(i, n - 1 - i);
			f[i] = d >= edge ? 1f : (float) (0.5 * (1 - Math.cos(Math.PI * d / edge)));
		}
		return f;
	}

	/** The largest n' <= n whose only prime factors are 2, 3 and 5 (fast FFT sizes). */
	public static int niceSize(int n) {
		for (int m = n; m > 1; m--) {
			int k = m;
			for (int p : new int[] { 2, 3, 5 })
				while (k % p == 0) k /= p;
			if (k == 1) return m;
		}
		return n;
	}
}
