package org.cathodej.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.image.Planes;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

public class EuclideanDistanceTest {

	static ArrayImg<UnsignedByteType, ByteArray> random(int w, int h, int d, double pForeground, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		byte[] a = new byte[w * h * d];
		for (int i = 0; i < a.length; i++) a[i] = (byte) (r.nextDouble() < pForeground ? 1 : 0);
		return ArrayImgs.unsignedBytes(a, w, h, d);
	}

	/** Brute force: min over every background voxel (and, with walls, every voxel of the outside shell). */
	public static double bruteSquared(byte[] a, int w, int h, int d, int x, int y, int z, VoxelSize vs, boolean wall) {
		if (a[(z * h + y) * w + x] == 0) return 0;
		double best = Double.POSITIVE_INFINITY;
		int lo = wall ? -1 : 0;
		for (int k = lo; k < d + (wall ? 1 : 0); k++)
			for (int j = lo; j < h + (wall ? 1 : 0); j++)
				for (int i = lo; i < w + (wall ? 1 : 0); i++) {
					boolean outside = i < 0 || j < 0 || k < 0 || i >= w || j >= h || k >= d;
					if (!outside && a[(k * h + j) * w + i] != 0) continue;
					double dx = (i - x) * vs.x(), dy = (j - y) * vs.y(), dz = (k - z) * vs.z();
					best = Math.min(best, dx * dx + dy * dy + dz * dz);
				}
		return best;
	}

	void compare(int w, int h, int d, double p, long seed, VoxelSize vs, Edge edge, int threads) {
		ArrayImg<UnsignedByteType, ByteArray> img = random(w, h, d, p, seed);
		byte[] a = img.update(null).getCurrentStorageArray();
		PlanarImg<FloatType, FloatArray> dt = EuclideanDistance.squared(img, v -> v != 0, vs, edge, threads, Progress.NONE);
		float[][] pl = Planes.floats(dt);
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double want = bruteSquared(a, w, h, d, x, y, z, vs, edge == Edge.BACKGROUND);
					float got = pl[z][y * w + x];
					if (Double.isInfinite(want)) assertEquals(Float.POSITIVE_INFINITY, got);
					else assertEquals(want, got, 1e-5 * Math.max(1, want), "at " + x + "," + y + "," + z + " seed " + seed);
				}
	}

	@Test
	void matchesBruteForceIsotropic() {
		for (long seed = 1; seed <= 6; seed++)
			compare(13, 11, 9, 0.6 + 0.05 * seed, seed, new VoxelSize(1, 1, 1, "um"), Edge.OPEN, 2);
	}

	@Test
	void matchesBruteForceAnisotropicWithWalls() {
		for (long seed = 10; seed <= 15; seed++)
			compare(12, 10, 8, 0.85, seed, new VoxelSize(0.7, 1.3, 2.9, "um"), Edge.BACKGROUND, 1 + (int) (seed % 2));
	}

	@Test
	void sparseBackgroundAnisotropic() {
		// few background voxels: long distances, many parabolas in the envelope
		for (long seed = 20; seed <= 23; seed++)
			compare(17, 9, 14, 0.98, seed, new VoxelSize(0.25, 0.25, 1.1, "um"), Edge.OPEN, 2);
	}

	@Test
	void stronglyAnisotropic() {
		// 8:1 voxels both ways (thin FIB-SEM slices and the reverse), walls and open borders
		for (long seed = 30; seed <= 35; seed++) {
			VoxelSize vs = seed % 2 == 0 ? new VoxelSize(0.05, 0.1, 0.4, "um") : new VoxelSize(0.4, 0.1, 0.05, "um");
			compare(14, 12, 10, 0.7, seed, vs, seed % 3 == 0 ? Edge.OPEN : Edge.BACKGROUND, 2);
		}
	}

	@Test
	void noBackgroundOpenIsInfinite() {
		compare(5, 4, 3, 1.1, 3, new VoxelSize(1, 1, 1, "um"), Edge.OPEN, 1);
	}

	@Test
	void twoDimensionalHasNoZWalls() {
		byte[] a = new byte[9 * 7];
		java.util.Arrays.fill(a, (byte) 1);
		PlanarImg<FloatType, FloatArray> dt = EuclideanDistance.distance(ArrayImgs.unsignedBytes(a, 9, 7), v -> v != 0,
			new VoxelSize(2, 1, 5, "um"), Edge.BACKGROUND, 2, Progress.NONE);
		float[] pl = Planes.floats(dt)[0];
		// centre (4,3): nearest outside is y = -1 or 7 at 4 * 1 um, x walls at 5 * 2 um; z is not a wall in 2D
		assertEquals(4.0, pl[3 * 9 + 4], 1e-6);
		assertEquals(2.0, pl[3 * 9 + 0], 1e-6);
		assertTrue(pl[0] > 0);
	}
}
