package org.cathodej.surface;

import java.util.function.IntPredicate;

import org.cathodej.image.Slices;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/** Counts voxel faces between two voxel sets of a label image, per face normal (x, y, z). */
public final class FaceCounter {

	private FaceCounter() {}

	/** {x, y, z} counts of faces shared by an a-voxel and a b-voxel (in either order). */
	public static long[] count(RandomAccessibleInterval<? extends IntegerType<?>> img, IntPredicate a, IntPredicate b, int threads,
		Progress progress) {
		Slices.requireVolume(img);
		int w = Slices.width(img), h = Slices.height(img), d = Slices.depth(img), n = w * h;
		int t = Math.max(1, Math.min(threads, d));
		long[][] part = new long[t][3];
		Parallel.forEach(t, t, k -> {
			int z0 = (int) ((long) d * k / t), z1 = (int) ((long) d * (k + 1) / t);
			int[] buf = new int[n], prevBuf = new int[n];
			byte[] cur = new byte[n], prev = new byte[n]; // 1 = a, 2 = b, 0 = neither
			long cx = 0, cy = 0, cz = 0;
			if (z0 > 0) code(Slices.readInts(img, z0 - 1, prevBuf), prev, a, b);
			for (int z = z0; z < z1; z++) {
				progress.checkCancelled();
				code(Slices.readInts(img, z, buf), cur, a, b);
				for (int y = 0, i = 0; y < h; y++)
					for (int x = 0; x < w; x++, i++) {
						int c = cur[i];
						if (c == 0) continue;
						if (x > 0 && (cur[i - 1] | c) == 3) cx++;
						if (y > 0 && (cur[i - w] | c) == 3) cy++;
						if (z > 0 && (prev[i] | c) == 3) cz++;
					}
				byte[] s = prev;
				prev = cur;
				cur = s;
			}
			part[k][0] = cx;
			part[k][1] = cy;
			part[k][2] = cz;
		});
		long[] r = new long[3];
		for (long[] p : part) for (int i = 0; i < 3; i++) r[i] += p[i];
		return r;
	}

	private static void code(int[] v, byte[] out, IntPredicate a, IntPredicate b) {
		for (int i = 0; i < out.length; i++) out[i] = a.test(v[i]) ? (byte) 1 : b.test(v[i]) ? (byte) 2 : 0;
	}

	/**
	 * Faces between every pair of values of a planar byte volume with values 0..values-1: result[axis][u * values + v]
	 * for u < v counts the faces normal to the axis between a u-voxel and a v-voxel (either order); u >= v entries
	 * are 0.
	 */
	public static long[][] pairCounts(byte[][] planes, int w, int h, int values, int threads, Progress progress) {
		int d = planes.length, n = w * h, m = values;
		int t = Math.max(1, Math.min(threads, d));
		long[][][] part = new long[t][3][m * m];
		Parallel.forEach(t, t, k -> {
			int z0 = (int) ((long) d * k / t), z1 = (int) ((long) d * (k + 1) / t);
			long[] cx = part[k][0], cy = part[k][1], cz = part[k][2];
			for (int z = z0; z < z1; z++) {
				progress.checkCancelled();
				byte[] cur = planes[z], prev = z > 0 ? planes[z - 1] : null;
				for (int y = 0, i = 0; y < h; y++)
					for (int x = 0; x < w; x++, i++) {
						int c = cur[i];
						if (x > 0) {
							int o = cur[i - 1];
							if (o != c) cx[o < c ? o * m + c : c * m + o]++;
						}
						if (y > 0) {
							int o = cur[i - w];
							if (o != c) cy[o < c ? o * m + c : c * m + o]++;
						}
						if (prev != null) {
							int o = prev[i];
							if (o != c) cz[o < c ? o * m + c : c * m + o]++;
						}
					}
			}
		});
		long[][] r = new long[3][m * m];
		for (long[][] p : part) for (int a = 0; a < 3; a++) for (int i = 0; i < m * m; i++) r[a][i] += p[a][i];
		return r;
	}
}
