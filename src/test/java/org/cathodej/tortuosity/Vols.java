package org.cathodej.tortuosity;

import java.util.SplittableRandom;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Small label volumes for the tests. */
final class Vols {

	interface Label {
		int at(int x, int y, int z);
	}

	static PlanarImg<UnsignedByteType, ByteArray> make(int w, int h, int d, Label f) {
		PlanarImg<UnsignedByteType, ByteArray> img = PlanarImgs.unsignedBytes(w, h, d);
		for (int z = 0; z < d; z++) {
			byte[] p = img.getPlane(z).getCurrentStorageArray();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) p[y * w + x] = (byte) f.at(x, y, z);
		}
		return img;
	}

	/** Random voxels: label 1 with probability p, else 0. */
	static PlanarImg<UnsignedByteType, ByteArray> random(int w, int h, int d, double p, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		return make(w, h, d, (x, y, z) -> r.nextDouble() < p ? 1 : 0);
	}

	/** Overlapping random spheres of label 1 (radius rad) in label 0, about the given solid fraction. */
	static PlanarImg<UnsignedByteType, ByteArray> spheres(int w, int h, int d, double rad, double solid, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		double vol = 4 / 3.0 * Math.PI * rad * rad * rad;
		int n = (int) Math.round(-Math.log(1 - solid) * w * h * d / vol);
		double[][] c = new double[n][];
		for (int i = 0; i < n; i++) c[i] = new double[] { r.nextDouble() * w, r.nextDouble() * h, r.nextDouble() * d };
		PlanarImg<UnsignedByteType, ByteArray> img = PlanarImgs.unsignedBytes(w, h, d);
		for (double[] s : c) {
			for (int z = (int) Math.max(0, s[2] - rad); z <= Math.min(d - 1, s[2] + rad); z++) {
				byte[] p = img.getPlane(z).getCurrentStorageArray();
				for (int y = (int) Math.max(0, s[1] - rad); y <= Math.min(h - 1, s[1] + rad); y++)
					for (int x = (int) Math.max(0, s[0] - rad); x <= Math.min(w - 1, s[0] + rad); x++) {
						double dx = x + 0.5 - s[0], dy = y + 0.5 - s[1], dz = z + 0.5 - s[2];
						if (dx * dx + dy * dy + dz * dz <= rad * rad) p[y * w + x] = 1;
					}
			}
		}
		return img;
	}
}
