package org.cathodej.pores;

/** Eigenvalues of a symmetric 3x3 matrix in closed form (trigonometric solution of the characteristic cubic). */
final class Eigen3 {

	private Eigen3() {}

	/** Eigenvalues in decreasing order of [[a, d, e], [d, b, f], [e, f, c]]. */
	static double[] symmetricEigenvalues(double a, double b, double c, double d, double e, double f) {
		double p1 = d * d + e * e + f * f;
		double q = (a + b + c) / 3;
		if (p1 <= 1e-30 * (a * a + b * b + c * c + 1e-300)) {
			double[] v = { a, b, c };
			java.util.Arrays.sort(v);
			return new double[] { v[2], v[1], v[0] };
		}
		double p2 = (a - q) * (a - q) + (b - q) * (b - q) + (c - q) * (c - q) + 2 * p1;
		double p = Math.sqrt(p2 / 6);
		// B = (A - qI) / p; r = det(B) / 2
		double ba = (a - q) / p, bb = (b - q) / p, bc = (c - q) / p, bd = d / p, be = e / p, bf = f / p;
		double det = ba * (bb * bc - bf * bf) - bd * (bd * bc - bf * be) + be * (bd * bf - bb * be);
		double r = Math.max(-1, Math.min(1, det / 2));
		double phi = Math.acos(r) / 3;
		double l1 = q + 2 * p * Math.cos(phi);
		double l3 = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
		double l2 = 3 * q - l1 - l3;
		return new double[] { l1, l2, l3 };
	}
}
