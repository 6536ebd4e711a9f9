package org.cathodej.bench;

import java.util.SplittableRandom;

import org.cathodej.task.Parallel;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * A seeded three-phase label volume for benchmarks (until the phantom package lands): overlapping CAM spheres
 * (label 1), smaller pore spheres (label 0) and solid electrolyte (label 2) everywhere else.
 */
public final class BenchPhantoms {

	private BenchPhantoms() {}

	public static PlanarImg<UnsignedByteType, ByteArray> composite(int w, int h, int d, long seed, int threads) {
		double[][] cam = spheres(w, h, d, 8, 0.45, seed);
		double[][] pore = spheres(w, h, d, 3, 0.10, seed + 1);
		PlanarImg<UnsignedByteType, ByteArray> img = PlanarImgs.unsignedBytes(w, h, d);
		Parallel.forEach(d, threads, z -> {
			byte[] p = img.getPlane(z).getCurrentStorageArray();
			java.util.Arrays.fill(p, (byte) 2);
			paint(p, w, h, z, cam, (byte) 1);
			paint(p, w, h, z, pore, (byte) 0);
		});
		return img;
	}

	private static double[][] spheres(int w, int h, int d, double rad, double fraction, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		double vol = 4 / 3.0 * Math.PI * rad * rad * rad;
		int n = (int) Math.round(-Math.log(1 - fraction) * w * (double) h * d / vol);
		double[][] c = new double[n][];
		for (int i = 0; i < n; i++) c[i] = new double[] { r.nextDouble() * w, r.nextDouble() * h, r.nextDouble() * d, rad };
		return c;
	}

	private static void paint(byte[] p, int w, int h, int z, double[][] spheres, byte label) {
		double zc = z + 0.5;
		for (double[] s : spheres) {
			double dz = zc - s[2], r2 = s[3] * s[3] - dz * dz;
			if (r2 < 0) continue;
			double rr = Math.sqrt(r2);
			int y0 = (int) Math.max(0, Math.floor(s[1] - rr)), y1 = (int) Math.min(h - 1, Math.ceil(s[1] + rr));
			for (int y = y0; y <= y1; y++) {
				double dy = y + 0.5 - s[1], rx2 = r2 - dy * dy;
				if (rx2 < 0) continue;
				double rx = Math.sqrt(rx2);
				int x0 = (int) Math.max(0, Math.ceil(s[0] - rx - 0.5)), x1 = (int) Math.min(w - 1, Math.floor(s[0] + rx - 0.5));
				for (int x = x0; x <= x1; x++) p[y * w + x] = label;
			}
		}
	}
}
