package org.cathodej.pores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cathodej.distance.EuclideanDistance;
import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.image.Planes;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;

class LocalThicknessTest {

	static final VoxelSize ISO = new VoxelSize(1, 1, 1, "um");

	static float[][] run(byte[] a, int w, int h, int d, VoxelSize vs, Edge edge, int threads) {
		LocalThickness.Result r = LocalThickness.compute(ArrayImgs.unsignedBytes(a, w, h, d), v -> v == 1, vs, edge, threads,
			Progress.NONE);
		float[][] pl = new float[d][];
		for (int z = 0; z < d; z++) pl[z] = r.thickness.getPlane(z).getCurrentStorageArray();
		return pl;
	}

	/** The thickness planes by the package-private entry that can switch the containment table off. */
	static float[][] run(byte[] a, int w, int h, int d, VoxelSize vs, Edge edge, boolean containmentTable) {
		float[][] d2 = Planes.floats(EuclideanDistance.squared(ArrayImgs.unsignedBytes(a, w, h, d), v -> v == 1, vs, edge, 2, Progress.NONE));
		return Planes.floats(LocalThickness.fromSquaredDistance(d2, w, h, vs, containmentTable, 2, Progress.NONE).thickness);
	}

	@Test
	void ballOfKnownDiameter() {
		for (int rad : new int[] { 4, 7, 10 }) {
			int n = 2 * rad + 7, c = n / 2;
			byte[] a = new byte[n * n * n];
			for (int z = 0; z < n; z++)
				for (int y = 0; y < n; y++)
					for (int x = 0; x < n; x++) {
						int dx = x - c, dy = y - c, dz = z - c;
						if (dx * dx + dy * dy + dz * dz <= rad * rad) a[(z * n + y) * n + x] = 1;
					}
			float[][] t = run(a, n, n, n, ISO, Edge.BACKGROUND, 2);
			for (int z = 0; z < n; z++)
				for (int i = 0; i < n * n; i++)
					if (a[z * n * n + i] == 1) assertEquals(2 * rad, t[z][i], 1.0, "ball radius " + rad);
					else assertEquals(0, t[z][i]);
		}
	}

	/**
	 * Balls at random sub-voxel positions (the sub-voxel peak offset recovers most of what centring balls on voxel
	 * centres loses): every voxel reads the nominal diameter within a voxel on average, and the mean bias is within
	 * half a voxel.
	 */
	@Test
	void ballsAtRandomSubvoxelPositions() {
		SplittableRandom rnd = new SplittableRandom(5);
		double bias = 0;
		int n = 0;
		for (double rad : new double[] { 3, 5.5, 8, 11 })
			for (int k = 0; k < 4; k++) {
				int size = (int) (2 * rad + 8);
				org.cathodej.phantom.LabelVolume v = new org.cathodej.phantom.LabelVolume(size, size, size, ISO, 0);
				v.paint(new org.cathodej.phantom.Sphere(size / 2.0 + rnd.nextDouble(), size / 2.0 + rnd.nextDouble(), size / 2.0 + rnd.nextDouble(), rad), 1, null);
				LocalThickness.Result r = LocalThickness.compute(v.toImg(), x -> x == 1, ISO, Edge.BACKGROUND, 2, Progress.NONE);
				double mean = 0;
				long cnt = 0;
				for (int z = 0; z < size; z++)
					for (float t : r.thickness.getPlane(z).getCurrentStorageArray())
						if (t > 0) {
							mean += t;
							cnt++;
						}
				mean /= cnt;
				assertEquals(2 * rad, mean, 1.0, "ball radius " + rad);
				bias += r.max - 2 * rad;
				n++;
			}
		assertEquals(0, bias / n, 0.5, "mean bias of the largest value");
	}

	@Test
	void sameResultWithOneOrTwoThreads() {
		net.imglib2.img.planar.PlanarImg<net.imglib2.type.numeric.integer.UnsignedByteType, ?> img =
			org.cathodej.bench.PoresBench.phantom(48, 40, 36, 0.3, 9);
		VoxelSize vs = new VoxelSize(0.3, 0.3, 0.5, "um");
		LocalThickness.Result a = LocalThickness.compute(img, v -> v == 0, vs, Edge.BACKGROUND, 1, Progress.NONE);
		LocalThickness.Result b = LocalThickness.compute(img, v -> v == 0, vs, Edge.BACKGROUND, 2, Progress.NONE);
		assertEquals(a.ridgeVoxels, b.ridgeVoxels);
		for (int z = 0; z < 36; z++)
			org.junit.jupiter.api.Assertions.assertArrayEquals(a.thickness.getPlane(z).getCurrentStorageArray(),
				b.thickness.getPlane(z).getCurrentStorageArray());
	}

	@Test
	void slabsOfKnownThicknessAlongEachAxis() {
		int n = 24;
		for (int axis = 0; axis < 3; axis++)
			for (int thick = 1; thick <= 9; thick++) {
				byte[] a = new byte[n * n * n];
				for (int z = 0; z < n; z++)
					for (int y = 0; y < n; y++)
						for (int x = 0; x < n; x++) {
							int c = axis == 0 ? x : axis == 1 ? y : z;
							if (c >= 5 && c < 5 + thick) a[(z * n + y) * n + x] = 1;
						}
				float[][] t = run(a, n, n, n, ISO, Edge.OPEN, 2);
				float expect = thick + 0.5f;
				for (int z = 0; z < n; z++)
					for (int i = 0; i < n * n; i++)
						if (a[z * n * n + i] == 1) assertEquals(expect, t[z][i], 1e-5, "slab " + thick + " axis " + axis);
			}
	}

	@Test
	void anisotropicSlabWithinOneVoxel() {
		VoxelSize vs = new VoxelSize(0.5, 0.5, 2.0, "um");
		int w = 40, h = 40, d = 20;
		for (int axis = 0; axis < 3; axis++)
			for (int thick = 2; thick <= 6; thick++) {
				byte[] a = new byte[w * h * d];
				for (int z = 0; z < d; z++)
					for (int y = 0; y < h; y++)
						for (int x = 0; x < w; x++) {
							int c = axis == 0 ? x : axis == 1 ? y : z;
							if (c >= 3 && c < 3 + thick) a[(z * h + y) * w + x] = 1;
						}
				float[][] t = run(a, w, h, d, vs, Edge.OPEN, 1);
				double truth = thick * vs.along(axis);
				for (int z = 0; z < d; z++)
					for (int i = 0; i < w * h; i++)
						if (a[z * w * h + i] == 1)
							assertEquals(truth + vs.along(axis) / 2, t[z][i], 1e-4, "axis " + axis + " thick " + thick);
			}
	}

	/** Brute force by the definition: max over all phase voxels c whose ball covers p of 2 d(c) - s. */
	static float[][] brute(byte[] a, int w, int h, int d, VoxelSize vs, boolean wall) {
		double[] d2 = new double[a.length];
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					d2[(z * h + y) * w + x] = a[(z * h + y) * w + x] == 1
						? org.cathodej.distance.EuclideanDistanceTest.bruteSquared(onesToMask(a), w, h, d, x, y, z, vs, wall) : 0;
		double s = Math.min(vs.x(), Math.min(vs.y(), vs.z()));
		float[][] out = new float[d][w * h];
		double[] hs = { vs.x(), vs.y(), vs.z() };
		int[] stride = { 1, w, w * h }, dim = { w, h, d };
		for (int c = 0; c < a.length; c++) {
			if (d2[c] == 0) continue;
			int cx = c % w, cy = (c / w) % h, cz = c / (w * h);
			int[] pos = { cx, cy, cz };
			// sub-voxel peak offset from the face neighbours, where c is a maximum along the axis
			double dc = Math.sqrt((float) d2[c]), g2 = 0, fw = 0, fh = 0;
			for (int ax = 0; ax < 3; ax++) {
				if (pos[ax] == 0 || pos[ax] == dim[ax] - 1) continue;
				double l = Math.sqrt((float) d2[c - stride[ax]]), r = Math.sqrt((float) d2[c + stride[ax]]);
				double f = Math.max(0, Math.min(1, (dc - Math.min(l, r)) / hs[ax]));
				fw += f * f;
				fh += f * f * hs[ax] * hs[ax];
				if (Math.max(l, r) > dc * (1 + 1e-6)) continue;
				double t = Math.min(hs[ax] / 2, Math.abs(l - r) / 2);
				g2 += t * t;
			}
			double sWall = Math.min(dc, fw > 0 ? Math.sqrt(fh / fw) : s);
			float val = (float) (2 * (dc + Math.sqrt(g2)) - sWall / 2);
			for (int q = 0; q < a.length; q++) {
				if (a[q] != 1) continue;
				int x = q % w, y = (q / w) % h, z = q / (w * h);
				double dx = (x - cx) * vs.x(), dy = (y - cy) * vs.y(), dz = (z - cz) * vs.z();
				if (dx * dx + dy * dy + dz * dz < d2[c] && val > out[z][y * w + x]) out[z][y * w + x] = val;
			}
		}
		return out;
	}

	static byte[] onesToMask(byte[] a) {
		byte[] m = new byte[a.length];
		for (int i = 0; i < a.length; i++) m[i] = (byte) (a[i] == 1 ? 1 : 0);
		return m;
	}

	@Test
	void matchesBruteForceWithTheTriangleBoundFallback() {
		matchesBruteForceOnRandomVolumes(false);
	}

	@Test
	void matchesBruteForceOnRandomVolumes() {
		matchesBruteForceOnRandomVolumes(true);
	}

	/**
	 * Strongly anisotropic voxels (0.05 x 0.1 x 0.4 um and the reverse), where the wall constant s/2 can exceed a
	 * thin phase's 2 d: both painting schemes against the brute force, and no negative value anywhere.
	 */
	@Test
	void matchesBruteForceOnStronglyAnisotropicVoxels() {
		for (VoxelSize vs : new VoxelSize[] { new VoxelSize(0.05, 0.1, 0.4, "um"), new VoxelSize(0.4, 0.1, 0.05, "um") })
			for (boolean table : new boolean[] { true, false }) {
				matchesBruteForceOnRandomVolumes(table, vs, 12);
				for (long seed = 1; seed <= 12; seed++) {
					float[][] got = run(randomVolume(seed, 14, 12, 10), 14, 12, 10, vs, Edge.BACKGROUND, table);
					for (float[] pl : got)
						for (float v : pl) assertTrue(v >= 0, "negative local thickness " + v + " (seed " + seed + ", " + vs + ")");
				}
			}
	}

	private static void matchesBruteForceOnRandomVolumes(boolean containmentTable) {
		matchesBruteForceOnRandomVolumes(containmentTable, new VoxelSize(0.8, 1.0, 1.7, "um"), 8);
	}

	/** Blobby random phase: a few random balls of label 1 in a background of 0 and 2. */
	static byte[] randomVolume(long seed, int w, int h, int d) {
		SplittableRandom r = new SplittableRandom(seed);
		byte[] a = new byte[w * h * d];
		for (int i = 0; i < a.length; i++) a[i] = (byte) (r.nextDouble() < 0.15 ? 2 : 0);
		for (int b = 0; b < 6; b++) {
			int cx = r.nextInt(w), cy = r.nextInt(h), cz = r.nextInt(d), rad = 1 + r.nextInt(4);
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						if ((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) <= rad * rad) a[(z * h + y) * w + x] = 1;
		}
		return a;
	}

	private static void matchesBruteForceOnRandomVolumes(boolean containmentTable, VoxelSize aniso, int seeds) {
		for (long seed = 1; seed <= seeds; seed++) {
			int w = 14, h = 12, d = 10;
			byte[] a = randomVolume(seed, w, h, d);
			VoxelSize vs = seed % 2 == 0 ? ISO : aniso;
			Edge edge = seed % 3 == 0 ? Edge.OPEN : Edge.BACKGROUND;
			float[][] got = run(a, w, h, d, vs, edge, containmentTable);
			float[][] want = brute(a, w, h, d, vs, edge == Edge.BACKGROUND);
			for (int z = 0; z < d; z++)
				for (int i = 0; i < w * h; i++)
					assertEquals(want[z][i], got[z][i], 1e-4, "seed " + seed + " " + vs + " at " + i + "," + z + " label " + a[z * w * h + i]);
		}
	}
}
