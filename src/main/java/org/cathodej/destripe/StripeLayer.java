package org.cathodej.destripe;

import org.cathodej.filter.Rank;

/**
 * The stripe layer of a slice whose stripes run along its columns: the slice minus its running median across the
 * stripes (half-width {@code width}), which keeps curtains up to {@code width} pixels wide at all their scales and
 * drops edges and flat regions. What else stays in it (small pores, particle tips, noise) is cleaned per column:
 * a robust smooth profile along the column is fitted (the same Gaussian damping of the cosine frequencies as the
 * wavelet-Fourier filter, M-estimated by Huber then Tukey-biweight pseudo-data steps) and samples far from it are
 * replaced by it. A curtain is part of that profile; a pore a few pixels tall is an outlier of it.
 */
final class StripeLayer {

	/** Huber and Tukey-biweight pseudo-data steps; more changed nothing measurable on the bench renderings. */
	static final int HUBER_STEPS = 2, TUKEY_STEPS = 2;
	/** Tuning constants (95 % efficiency at Gaussian residuals) and the MAD-to-sigma factor. */
	static final double HUBER_C = 1.345, TUKEY_C = 4.685, MAD = 1.4826;

	private final int w, h, width;
	/** Cosine basis cos(pi k (y + 1/2) / h), k = 0..K-1, and the damping gains exp(-k^2 / 2 sigma^2) x normalisation. */
	private final float[][] basis;
	private final double[] gain;

	StripeLayer(int w, int h, int width, double sigma) {
		this.w = w;
		this.h = h;
		this.width = width;
		// gains below 1e-6 are dropped: k up to 5.3 sigma
		int k = (int) Math.min(h, Math.ceil(sigma * Math.sqrt(2 * Math.log(1e6))) + 1);
		basis = new float[k][h];
		gain = new double[k];
		for (int f = 0; f < k; f++) {
			for (int y = 0; y < h; y++) basis[f][y] = (float) Math.cos(Math.PI * f * (y + 0.5) / h);
			gain[f] = Math.exp(-f * f / (2 * sigma * sigma)) * (f == 0 ? 1.0 / h : 2.0 / h);
		}
	}

	/** The cleaned stripe layer of {@code img} relative to the running median of {@code guide}; both w x h. */
	float[] of(float[] img, float[] guide) {
		return layer(img, guide, true);
	}

	/** The robust smooth profiles alone (the layer's constant-like part, a first stripe estimate). */
	float[] profiles(float[] img) {
		return layer(img, img, false);
	}

	private float[] layer(float[] img, float[] guide, boolean withResidual) {
		float[] layer = new float[w * h];
		Rank.medianAlongRows(guide, w, h, width, layer);
		float[] col = new float[h], est = new float[h], tmp = new float[h];
		for (int x = 0; x < w; x++) {
			for (int y = 0, i = x; y < h; y++, i += w) col[y] = img[i] - layer[i];
			profile(col, est, tmp);
			if (!withResidual) {
				for (int y = 0, i = x; y < h; y++, i += w) layer[i] = est[y];
				continue;
			}
			float c = (float) (TUKEY_C * scale(col, est, tmp));
			for (int y = 0, i = x; y < h; y++, i += w) layer[i] = est[y] + biweight(col[y] - est[y], c);
		}
		return layer;
	}

	/** Robust smooth profile of one column into est. */
	void profile(float[] col, float[] est, float[] tmp) {
		smooth(col, est);
		for (int s = 0; s < HUBER_STEPS + TUKEY_STEPS; s++) {
			boolean huber = s < HUBER_STEPS;
			float c = (float) ((huber ? HUBER_C : TUKEY_C) * scale(col, est, tmp));
			for (int y = 0; y < h; y++) {
				float r = col[y] - est[y];
				tmp[y] = est[y] + (huber ? Math.max(-c, Math.min(c, r)) : biweight(r, c));
			}
			smooth(tmp, est);
		}
	}

	/** Residual scale: MAD x 1.4826 (uses tmp). */
	private double scale(float[] col, float[] est, float[] tmp) {
		for (int y = 0; y < h; y++) tmp[y] = Math.abs(col[y] - est[y]);
		return MAD * Rank.select(tmp, h, h / 2);
	}

	/** Tukey's psi: r (1 - (r/c)^2)^2 inside c, 0 outside (and 0 for c = 0). */
	private static float biweight(float r, float c) {
		if (!(Math.abs(r) < c)) return 0;
		float u = r / c, v = 1 - u * u;
		return r * v * v;
	}

	/** out = the column damped in its cosine (full-reflection Fourier) frequencies: sum_k gain_k <in, b_k> b_k. */
	void smooth(float[] in, float[] out) {
		int k = basis.length;
		double[] a = new double[k];
		for (int f = 0; f < k; f++) {
			float[] b = basis[f];
			double s = 0;
			for (int y = 0; y < h; y++) s += in[y] * b[y];
			a[f] = s * gain[f];
		}
		float a0 = (float) a[0];
		java.util.Arrays.fill(out, a0); // b_0 = 1
		for (int f = 1; f < k; f++) {
			float[] b = basis[f];
			float g = (float) a[f];
			for (int y = 0; y < h; y++) out[y] += g * b[y];
		}
	}
}
