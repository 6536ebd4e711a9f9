package org.cathodej.filter;

/**
 * Eigenvalues of symmetric 2x2 and 3x3 matrices in closed form (the 3x3 by the trigonometric solution of the
 * characteristic cubic), for Hessians and structure tensors of features and for pore shapes.
 * <p>
 * Edge cases, one rule for every caller: a 3x3 matrix whose off-diagonal energy d^2 + e^2 + f^2 is zero or at most
 * 1e-30 of its diagonal energy a^2 + b^2 + c^2 is treated as diagonal (its diagonal, sorted, is exact to double
 * precision there); otherwise the cosine argument is clamped to [-1, 1] so rounding never gives NaN. arccos is a
 * polynomial (absolute error below 2e-8, 3x faster than Math.acos, which is not an intrinsic).
 */
public final class Eigen3 {

	private Eigen3() {}

	/** Eigenvalues of [[a, b], [b, c]] into ev[0] >= ev[1]. */
	public static void symmetric2(double a, double b, double c, double[] ev) {
		double m = 0.5 * (a + c), q = Math.sqrt(0.25 * (a - c) * (a - c) + b * b);
		ev[0] = m + q;
		ev[1] = m - q;
	}

	/** Eigenvalues in decreasing order of [[a, d, e], [d, b, f], [e, f, c]]. */
	public static double[] symmetricEigenvalues(double a, double b, double c, double d, double e, double f) {
		double[] ev = new double[3];
		symmetric3(a, b, c, d, e, f, ev);
		return ev;
	}

	/** Eigenvalues of [[a, d, e], [d, b, f], [e, f, c]] into ev[0] >= ev[1] >= ev[2] (no allocation). */
	public static void symmetric3(double a, double b, double c, double d, double e, double f, double[] ev) {
		double p1 = d * d + e * e + f * f;
		if (p1 == 0 || p1 <= 1e-30 * (a * a + b * b + c * c)) {
			ev[0] = a;
			ev[1] = b;
			ev[2] = c;
			if (ev[0] < ev[1]) swap(ev, 0, 1);
			if (ev[1] < ev[2]) swap(ev, 1, 2);
			if (ev[0] < ev[1]) swap(ev, 0, 1);
			return;
		}
		double q = (a + b + c) / 3;
		double p2 = (a - q) * (a - q) + (b - q) * (b - q) + (c - q) * (c - q) + 2 * p1;
		double p = Math.sqrt(p2 / 6);
		// B = (A - qI) / p; r = det(B) / 2
		double ba = (a - q) / p, bb = (b - q) / p, bc = (c - q) / p, bd = d / p, be = e / p, bf = f / p;
		double det = ba * (bb * bc - bf * bf) - bd * (bd * bc - bf * be) + be * (bd * bf - bb * be);
		double r = det / 2;
		double phi = r <= -1 ? Math.PI / 3 : r >= 1 ? 0 : acos(r) / 3;
		ev[0] = q + 2 * p * Math.cos(phi);
		ev[2] = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
		ev[1] = 3 * q - ev[0] - ev[2];
	}

	private static void swap(double[] v, int i, int j) {
		double t = v[i];
		v[i] = v[j];
		v[j] = t;
	}

	/** arccos by Abramowitz and Stegun 4.4.46 (absolute error below 2e-8). */
	public static double acos(double x) {
		double a = Math.abs(x);
		double p = -0.0012624911;
		p = p * a + 0.0066700901;
		p = p * a - 0.0170881256;
		p = p * a + 0.0308918810;
		p = p * a - 0.0501743046;
		p = p * a + 0.0889789874;
		p = p * a - 0.2145988016;
		p = p * a + 1.5707963050;
		double r = Math.sqrt(1 - a) * p;
		return x >= 0 ? r : Math.PI - r;
	}
}
