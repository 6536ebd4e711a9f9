package org.cathodej.destripe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.analysis.solvers.LaguerreSolver;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Orthogonal Daubechies wavelets ("haar" = db1, "db2" .. "db10") with the periodised discrete wavelet transform.
 * The filters are computed from their definition (minimum-phase spectral factor of the Daubechies polynomial), not
 * copied from tables; the tests check orthonormality and vanishing moments.
 */
public final class Wavelet implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	private final String name;
	/** Low-pass (scaling) filter, sum sqrt(2), unit norm. */
	final double[] lo;
	/** High-pass filter g[n] = (-1)^n lo[L-1-n]. */
	final double[] hi;

	private Wavelet(String name, double[] lo) {
		this.name = name;
		this.lo = lo;
		int n = lo.length;
		hi = new double[n];
		for (int i = 0; i < n; i++) hi[i] = ((i & 1) == 0 ? 1 : -1) * lo[n - 1 - i];
	}

	public String name() { return name; }
	public int length() { return lo.length; }
	public double[] lowPass() { return lo.clone(); }
	public double[] highPass() { return hi.clone(); }

	/** "haar", "db1" .. "db10" (any case). */
	public static Wavelet of(String name) {
		String s = name.trim().toLowerCase(Locale.ROOT);
		int n;
		if (s.equals("haar")) n = 1;
		else if (s.startsWith("db")) {
			try {
				n = Integer.parseInt(s.substring(2));
			} catch (NumberFormatException e) {
				n = -1;
			}
		} else n = -1;
		if (n < 1 || n > 10) throw new IllegalArgumentException("Unknown wavelet '" + name + "'; expected haar or db1 .. db10");
		return new Wavelet(n == 1 ? "haar" : "db" + n, daubechies(n));
	}

	/** Low-pass filter of the Daubechies wavelet with n vanishing moments (2n taps). */
	static double[] daubechies(int n) {
		double r2 = Math.sqrt(2);
		if (n == 1) return new double[] { 1 / r2, 1 / r2 };
		// z^(n-1) P(y), y = -(z-1)^2 / (4z), P(y) = sum_k C(n-1+k, k) y^k  ->  polynomial in z of degree 2n-2
		double[] poly = new double[2 * n - 1];
		for (int k = 0; k < n; k++) {
			double c = CombinatoricsUtils.binomialCoefficientDouble(n - 1 + k, k) * Math.pow(-0.25, k);
			double[] t = pow(new double[] { -1, 1 }, 2 * k); // (z - 1)^(2k), ascending powers
			for (int i = 0; i < t.length; i++) poly[i + n - 1 - k] += c * t[i];
		}
		Complex[] roots = new LaguerreSolver(1e-14, 1e-14).solveAllComplex(poly, 0);
		List<Complex> inside = new ArrayList<>();
		for (Complex r : roots)
			if (r.abs() < 1) inside.add(r);
		inside.sort(Comparator.comparingDouble(Complex::getArgument));
		// h(z) = (1 + z)^n prod (z - r)
		Complex[] h = { Complex.ONE };
		for (int i = 0; i < n; i++) h = mul(h, new Complex[] { Complex.ONE, Complex.ONE });
		for (Complex r : inside) h = mul(h, new Complex[] { r.negate(), Complex.ONE });
		double[] lo = new double[h.length];
		double sum = 0;
		for (int i = 0; i < h.length; i++) sum += lo[i] = h[i].getReal();
		for (int i = 0; i < lo.length; i++) lo[i] *= r2 / sum;
		if (lo.length != 2 * n) throw new IllegalStateException("db" + n + ": got " + lo.length + " taps");
		return lo;
	}

	private static double[] pow(double[] p, int e) {
		double[] r = { 1 };
		for (int i = 0; i < e; i++) {
			double[] q = new double[r.length + p.length - 1];
			for (int a = 0; a < r.length; a++)
				for (int b = 0; b < p.length; b++) q[a + b] += r[a] * p[b];
			r = q;
		}
		return r;
	}

	private static Complex[] mul(Complex[] a, Complex[] b) {
		Complex[] q = new Complex[a.length + b.length - 1];
		Arrays.fill(q, Complex.ZERO);
		for (int i = 0; i < a.length; i++)
			for (int j = 0; j < b.length; j++) q[i + j] = q[i + j].add(a[i].multiply(b[j]));
		return q;
	}

	/** One periodised analysis step of x[0..n) in place (n even): approximation in [0, n/2), detail in [n/2, n). */
	void forward(float[] x, int n, float[] tmp) {
		int half = n / 2, L = lo.length;
		for (int k = 0; k < half; k++) {
			double a = 0, d = 0;
			int base = 2 * k;
			if (base + L <= n) {
				for (int t = 0; t < L; t++) {
					float v = x[base + t];
					a += lo[t] * v;
					d += hi[t] * v;
				}
			} else {
				for (int t = 0; t < L; t++) {
					float v = x[(base + t) % n];
					a += lo[t] * v;
					d += hi[t] * v;
				}
			}
			tmp[k] = (float) a;
			tmp[half + k] = (float) d;
		}
		System.arraycopy(tmp, 0, x, 0, n);
	}

	/** Inverse of {@link #forward}. */
	void inverse(float[] x, int n, float[] tmp) {
		int half = n / 2, L = lo.length;
		Arrays.fill(tmp, 0, n, 0f);
		for (int k = 0; k < half; k++) {
			float a = x[k], d = x[half + k];
			int base = 2 * k;
			if (base + L <= n) {
				for (int t = 0; t < L; t++) tmp[base + t] += (float) (lo[t] * a + hi[t] * d);
			} else {
				for (int t = 0; t < L; t++) tmp[(base + t) % n] += (float) (lo[t] * a + hi[t] * d);
			}
		}
		System.arraycopy(tmp, 0, x, 0, n);
	}
}
