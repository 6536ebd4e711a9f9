package org.cathodej.bench;

/**
 * A variational destriping tried for Remove Stripes and dropped (docs/preprocessing.md, "tried and dropped"; bench
 * {@link DestripeVariationalBench}): a unidirectional total-variation model (after Bouali and Ladjal, IEEE TGRS 49,
 * 2011, with a sparsity term for curtains that cover part of a column). In the frame where the stripes run along the
 * columns (y), the curtain layer s of a slice f minimises
 *
 * <pre>
 *   || d/dx (f - s) ||_1  +  alongWeight || d/dy s ||_1  +  sparsity || s ||_1
 * </pre>
 *
 * The first term asks the destriped slice to vary little across the stripes; the second keeps the layer piecewise
 * constant along them (a curtain may start and stop anywhere, each start costs); the third keeps it zero where there
 * is no curtain. A feature W columns wide and L rows long goes into the layer only when the across-variation it
 * explains (about 2 L x its contrast) exceeds its cost (alongWeight x 2 W + sparsity x W x L, times its contrast):
 * narrower than 2 / sparsity columns and longer than about alongWeight x W rows. The model is 1-homogeneous in f, so
 * the weights need no grey scale; texture and noise do not scale with the curtains, though, so the best weights
 * depend on the curtain amplitude (the bench's finding).
 *
 * <p>Solved by the first-order primal-dual algorithm of Chambolle and Pock (J. Math. Imaging Vis. 40, 2011) with
 * diagonal preconditioning (Pock and Chambolle, ICCV 2011), a fixed number of iterations in a fixed order
 * (deterministic). The primal step is scaled by {@code balance} x the slice's mean across-gradient, so that the
 * iterates scale with the grey values; balance 0.25 reached the objective within 0.3 % of a 3000-iteration run in
 * 1000 iterations on a real 384 x 384 crop (balance 1: 1.3 %; 0.015: within 0.3 % but the layer still far from
 * converged: the objective is dominated by texture and says little about the curtains).
 */
final class UnidirectionalTv {

	private final int w, h, iterations;
	private final float alongWeight, sparsity, balance;

	UnidirectionalTv(int w, int h, double alongWeight, double sparsity, int iterations, double balance) {
		if (w < 2 || h < 2) throw new IllegalArgumentException("slices of at least 2x2 pixels expected, got " + w + "x" + h);
		if (!(alongWeight >= 0) || !(sparsity >= 0) || !(balance > 0)) throw new IllegalArgumentException("weights must be >= 0 and the balance > 0");
		if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
		this.w = w;
		this.h = h;
		this.alongWeight = (float) alongWeight;
		this.sparsity = (float) sparsity;
		this.iterations = iterations;
		this.balance = (float) balance;
	}

	/** f minus its curtain layer (f: w x h, stripes along the columns). */
	float[] destripe(float[] f) {
		float[] s = estimate(f), o = new float[f.length];
		for (int i = 0; i < o.length; i++) o[i] = f[i] - s[i];
		return o;
	}

	/** The curtain layer of a w x h slice whose stripes run along its columns (subtract it to destripe). */
	float[] estimate(float[] f) {
		int n = w * h;
		float[] dxf = new float[n];
		double scale = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0, i = y * w; x < w - 1; x++, i++) {
				dxf[i] = f[i + 1] - f[i];
				scale += Math.abs(dxf[i]);
			}
		scale /= (double) (w - 1) * h;
		if (!(scale > 0)) return new float[n]; // constant rows: nothing varies across the stripes
		// preconditioned steps (each row of K = (Dx, Dy) has 2 entries, each column up to 4), balanced by the grey scale
		float tau = (float) (balance * scale / 4), sigma = (float) (1 / (2 * balance * scale));
		float[] s = new float[n], bar = new float[n], p = new float[n], q = new float[n];
		for (int it = 0; it < iterations; it++) {
			dual(bar, dxf, p, q, sigma);
			primal(s, bar, p, q, tau);
		}
		return s;
	}

	/** The objective of the class comment for a layer s of f. */
	double objective(float[] f, float[] s) {
		double e = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0, i = y * w; x < w; x++, i++) {
				if (x < w - 1) e += Math.abs(f[i + 1] - s[i + 1] - f[i] + s[i]);
				if (y < h - 1) e += alongWeight * Math.abs(s[i + w] - s[i]);
				e += sparsity * Math.abs(s[i]);
			}
		return e;
	}

	/** p = clip(p + sigma (Dx bar - Dx f), 1); q = clip(q + sigma Dy bar, alongWeight). */
	private void dual(float[] bar, float[] dxf, float[] p, float[] q, float sigma) {
		for (int y = 0; y < h; y++) {
			int row = y * w;
			for (int x = 0, i = row; x < w - 1; x++, i++)
				p[i] = clip(p[i] + sigma * (bar[i + 1] - bar[i] - dxf[i]), 1);
			if (y < h - 1) for (int i = row; i < row + w; i++)
				q[i] = clip(q[i] + sigma * (bar[i + w] - bar[i]), alongWeight);
		}
	}

	/** s = shrink(s - tau (Dx^T p + Dy^T q), tau sparsity); bar = 2 s_new - s_old. */
	private void primal(float[] s, float[] bar, float[] p, float[] q, float tau) {
		float t = tau * sparsity;
		for (int y = 0; y < h; y++)
			for (int x = 0, i = y * w; x < w; x++, i++) {
				// -(Dx^T p + Dy^T q), the adjoints of forward differences (p and q are 0 in the last column / row)
				float div = p[i] - (x > 0 ? p[i - 1] : 0) + q[i] - (y > 0 ? q[i - w] : 0);
				float old = s[i], v = old + tau * div;
				float nv = v > t ? v - t : v < -t ? v + t : 0;
				s[i] = nv;
				bar[i] = 2 * nv - old;
			}
	}

	private static float clip(float v, float r) {
		return v > r ? r : v < -r ? -r : v;
	}
}
