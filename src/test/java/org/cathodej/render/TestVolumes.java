package org.cathodej.render;

import java.util.SplittableRandom;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Small seeded three-phase label volumes for tests (pore 0, CAM 1, ISE 2). */
public final class TestVolumes {

	private TestVolumes() {}

	/** ISE matrix with CAM discs and pore discs, discs varying slowly with z, seeded. */
	public static PlanarImg<UnsignedByteType, ?> blobs(int w, int h, int d, long seed) {
		PlanarImg<UnsignedByteType, ?> img = PlanarImgs.unsignedBytes(w, h, d);
		SplittableRandom r = new SplittableRandom(seed);
		int n = Math.max(4, w * h / 250);
		double[][] b = new double[n][5];
		for (double[] e : b) {
			e[0] = r.nextDouble() * w;
			e[1] = r.nextDouble() * h;
			e[2] = 3 + r.nextDouble() * Math.max(3, Math.min(w, h) / 10.0);
			e[3] = r.nextDouble() < 0.6 ? 1 : 0;
			e[4] = r.nextDouble() * 2 * Math.PI;
		}
		for (int z = 0; z < d; z++) {
			byte[] a = (byte[]) org.cathodej.image.Slices.planeArray(img, z);
			java.util.Arrays.fill(a, (byte) 2);
			for (double[] e : b) {
				double cx = e[0] + 2 * Math.sin(e[4] + z * 0.2), cy = e[1] + 2 * Math.cos(e[4] + z * 0.15), rr = e[2];
				for (int y = Math.max(0, (int) (cy - rr)); y < Math.min(h, (int) (cy + rr) + 1); y++)
					for (int x = Math.max(0, (int) (cx - rr)); x < Math.min(w, (int) (cx + rr) + 1); x++)
						if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rr * rr) a[y * w + x] = (byte) e[3];
			}
		}
		return img;
	}
}
