package org.cathodej.bench;

import java.util.SplittableRandom;

/**
 * A quick three-phase test volume for benchmarks and tests: random overlapping CAM spheres, then random ISE spheres
 * in the remaining space, the rest pore. Planar byte arrays, seeded.
 */
public final class SpherePhantom {

	private SpherePhantom() {}

	/**
	 * @param camFraction approximate target volume fraction of CAM (before ISE), e.g. 0.45
	 * @param iseFraction approximate target volume fraction of ISE among the whole volume, e.g. 0.4
	 */
	public static byte[][] generate(int w, int h, int d, double radius, double camFraction, double iseFraction, int cam, int ise,
		long seed) {
		byte[][] v = new byte[d][w * h];
		SplittableRandom r = new SplittableRandom(seed);
		double sphere = 4.0 / 3.0 * Math.PI * radius * radius * radius;
		long total = (long) w * h * d;
		// Boolean model: fraction = 1 - exp(-n V / total)
		long nCam = (long) Math.ceil(-Math.log(1 - camFraction) * total / sphere);
		paint(v, w, h, d, radius, nCam, (byte) cam, (byte) 0, false, r);
		double free = 1 - camFraction;
		double iseTarget = Math.min(0.999, iseFraction / Math.max(1e-9, free));
		long nIse = (long) Math.ceil(-Math.log(1 - iseTarget) * total / (sphere * 0.5));
		paint(v, w, h, d, radius * 0.8, nIse, (byte) ise, (byte) cam, true, r);
		return v;
	}

	private static void paint(byte[][] v, int w, int h, int d, double radius, long n, byte value, byte keep, boolean protect,
		SplittableRandom r) {
		int ri = (int) Math.ceil(radius);
		double r2 = radius * radius;
		for (long s = 0; s < n; s++) {
			double cx = r.nextDouble() * w, cy = r.nextDouble() * h, cz = r.nextDouble() * d;
			for (int z = Math.max(0, (int) cz - ri); z <= Math.min(d - 1, (int) cz + ri); z++) {
				double dz = z - cz;
				byte[] p = v[z];
				for (int y = Math.max(0, (int) cy - ri); y <= Math.min(h - 1, (int) cy + ri); y++) {
					double dy = y - cy, q = r2 - dz * dz - dy * dy;
					if (q < 0) continue;
					double hw = Math.sqrt(q);
					int x0 = Math.max(0, (int) Math.ceil(cx - hw)), x1 = Math.min(w - 1, (int) Math.floor(cx + hw));
					for (int x = x0, i = x0 + y * w; x <= x1; x++, i++)
						if (!protect || p[i] != keep) p[i] = value;
				}
			}
		}
	}
}
