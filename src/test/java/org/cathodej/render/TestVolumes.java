package org.cathodej.render;

import java.util.SplittableRandom;

import org.cathodej.image.Slices;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Small seeded three-phase label volumes for tests (pore 0, CAM 1, ISE 2). */
public final class TestVolumes {

	private TestVolumes() {}

	/**
	 * ISE matrix with CAM spheres (60%) and pore spheres (40%) of random centre and radius, later spheres painted
	 * over earlier ones. Slice z cuts each sphere as a disc of radius sqrt(R^2 - (z - zc)^2): structure changes from
	 * slice to slice without any net in-plane motion.
	 */
	public static PlanarImg<UnsignedByteType, ?> blobs(int w, int h, int d, long seed) {
		return blobs(w, h, d, seed, 1);
	}

	/** As {@link #blobs(int, int, int, long)} with slices {@code zStep} voxels apart (< 1: slowly changing slices). */
	public static PlanarImg<UnsignedByteType, ?> blobs(int w, int h, int d, long seed, double zStep) {
		return blobs(w, h, d, seed, zStep, Math.max(4, Math.min(w, h) / 8.0));
	}

	/** As above with the largest sphere radius given (>= 4). */
	public static PlanarImg<UnsignedByteType, ?> blobs(int w, int h, int d, long seed, double zStep, double rMax) {
		PlanarImg<UnsignedByteType, ?> img = PlanarImgs.unsignedBytes(w, h, d);
		SplittableRandom r = new SplittableRandom(seed);
		int n = Math.max(6, (int) (1.2 * w * h * (d * zStep + 2 * rMax) / (Math.PI * rMax * rMax * rMax)));
		double[][] b = new double[n][5];
		for (double[] e : b) {
			e[0] = r.nextDouble() * w;
			e[1] = r.nextDouble() * h;
			e[2] = -rMax + r.nextDouble() * (d * zStep + 2 * rMax);
			e[3] = 3 + r.nextDouble() * (rMax - 3);
			e[4] = r.nextDouble() < 0.6 ? 1 : 0;
		}
		for (int z = 0; z < d; z++) {
			byte[] a = (byte[]) Slices.planeArray(img, z);
			java.util.Arrays.fill(a, (byte) 2);
			for (double[] e : b) {
				double dz = z * zStep - e[2], r2 = e[3] * e[3] - dz * dz;
				if (r2 <= 0) continue;
				double rr = Math.sqrt(r2), cx = e[0], cy = e[1];
				for (int y = Math.max(0, (int) (cy - rr)); y < Math.min(h, (int) (cy + rr) + 1); y++)
					for (int x = Math.max(0, (int) (cx - rr)); x < Math.min(w, (int) (cx + rr) + 1); x++)
						if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r2) a[y * w + x] = (byte) e[4];
			}
		}
		return img;
	}
}
