package org.cathodej.surface;

import java.util.concurrent.atomic.AtomicInteger;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

/**
 * One sweep over a {@link ClassVolume}, two slices at a time, giving {@link GeometryCounts}. Working memory is a few
 * slices per thread (no whole-volume buffers). Work is split into blocks of consecutive slices whose counts are
 * added in a fixed order, so results do not depend on the thread count.
 */
public final class GeometryScanner {

	private GeometryScanner() {}

	/**
	 * Counts transitions along the 13 directions and the 2x2x2 configuration histograms of every single class and
	 * every union of two classes.
	 */
	public static GeometryCounts scan(ClassVolume cv, VoxelSize vs, int threads, Progress progress) {
		return scan(cv, vs, true, threads, progress);
	}

	/**
	 * As {@link #scan(ClassVolume, VoxelSize, int, Progress)}; without {@code marchingCubes} only the transitions
	 * (Crofton and face counts), several times faster with many classes: the histograms cost a pass per class subset.
	 */
	public static GeometryCounts scan(ClassVolume cv, VoxelSize vs, boolean marchingCubes, int threads, Progress progress) {
		if (cv.width() < 2 || cv.height() < 2 || cv.depth() < 2)
			throw new IllegalArgumentException("Surface measurements need a 3D volume at least 2 voxels wide in x, y and z, got "
				+ cv.width() + "x" + cv.height() + "x" + cv.depth());
		return scanRange(cv, vs, marchingCubes, 0, cv.depth(), threads, progress);
	}

	/**
	 * The counts that slices [from, to) contribute: voxels and in-plane pairs of those slices, cross-plane pairs and
	 * 2x2x2 cubes between slice z and z + 1 for z in [from, to) (reading slice {@code to} when it exists). The counts
	 * of consecutive ranges add up exactly to those of their union (a slab split is bit-identical); the result's
	 * depth is to - from.
	 */
	public static GeometryCounts scanRange(ClassVolume cv, VoxelSize vs, boolean marchingCubes, int from, int to, int threads,
		Progress progress) {
		final int w = cv.width(), h = cv.height(), dpt = cv.depth(), k = cv.classes(), k1 = k + 1;
		if (from < 0 || to > dpt || to <= from) throw new IllegalArgumentException("Slice range [" + from + ", " + to + ") of " + dpt);
		final int nSub = marchingCubes ? k + k * (k - 1) / 2 : 0;
		final int[] subsets = new int[nSub];
		if (marchingCubes) {
			int s = 0;
			for (int a = 0; a < k; a++) subsets[s++] = 1 << a;
			for (int a = 0; a < k; a++)
				for (int b = a + 1; b < k; b++) subsets[s++] = (1 << a) | (1 << b);
		}
		final int area = w * h;
		final int nThreads = Math.max(1, threads);
		long perThread = (long) area * (2 + 4L + 2L * nSub);
		MemoryBudget.require(perThread * nThreads, "Surface areas of " + w + "x" + h + "x" + dpt + " voxels (slice buffers)", 0);

		final int range = to - from, chunks = Math.min(range, Math.max(1, nThreads * 8));
		final long[][] vox = new long[chunks][];
		final long[][][] pairs = new long[chunks][][];
		final long[][][] cfg = new long[chunks][][];
		final AtomicInteger done = new AtomicInteger();
		Parallel.forEach(chunks, nThreads, ci -> {
			int z0 = from + (int) ((long) range * ci / chunks), z1 = from + (int) ((long) range * (ci + 1) / chunks);
			long[] vc = new long[k1];
			long[][] pc = new long[CroftonDirections.N][k1 * k1];
			long[][] hc = new long[nSub][256];
			byte[] cur = new byte[area], next = new byte[area];
			int[] ints = new int[area];
			byte[][] sqCur = new byte[nSub][area], sqNext = new byte[nSub][area];
			byte[] in = new byte[area];
			cv.readSlice(z0, cur, ints);
			squares(cur, in, sqCur, subsets, w, h);
			for (int z = z0; z < z1; z++) {
				progress.checkCancelled();
				for (int i = 0; i < area; i++) vc[cur[i]]++;
				inPlane(cur, pc, w, h, k1);
				if (z + 1 < dpt) {
					cv.readSlice(z + 1, next, ints);
					squares(next, in, sqNext, subsets, w, h);
					crossPlane(cur, next, pc, w, h, k1);
					for (int t = 0; t < nSub; t++) cubes(sqCur[t], sqNext[t], hc[t], w, h);
					byte[] tmp = cur;
					cur = next;
					next = tmp;
					byte[][] t2 = sqCur;
					sqCur = sqNext;
					sqNext = t2;
				}
				int n = done.incrementAndGet();
				if ((n & 7) == 0) progress.report(n / (double) range, "Surface areas: slice " + n + "/" + range);
			}
			vox[ci] = vc;
			pairs[ci] = pc;
			cfg[ci] = hc;
		});
		long[] voxels = new long[k1];
		long[][] pairSum = new long[CroftonDirections.N][k1 * k1];
		long[][] cfgSum = new long[nSub][256];
		for (int ci = 0; ci < chunks; ci++) {
			for (int i = 0; i < k1; i++) voxels[i] += vox[ci][i];
			for (int d = 0; d < CroftonDirections.N; d++)
				for (int i = 0; i < k1 * k1; i++) pairSum[d][i] += pairs[ci][d][i];
			for (int t = 0; t < nSub; t++)
				for (int c = 0; c < 256; c++) cfgSum[t][c] += cfg[ci][t][c];
		}
		progress.report(1, "Surface areas: done");
		return new GeometryCounts(w, h, range, k, vs, voxels, pairSum, subsets, cfgSum);
	}

	/** 4-bit codes of the 2x2 squares with lower corner at index i (bits dx + 2 dy), per subset. */
	private static void squares(byte[] cls, byte[] in, byte[][] sq, int[] subsets, int w, int h) {
		int area = w * h;
		for (int t = 0; t < subsets.length; t++) {
			int m = subsets[t];
			for (int i = 0; i < area; i++) in[i] = (byte) ((m >> cls[i]) & 1);
			byte[] q = sq[t];
			for (int y = 0; y < h - 1; y++) {
				int row = y * w;
				for (int x = 0; x < w - 1; x++) {
					int i = row + x;
					q[i] = (byte) (in[i] | in[i + 1] << 1 | in[i + w] << 2 | in[i + w + 1] << 3);
				}
			}
		}
	}

	private static void cubes(byte[] lo, byte[] hi, long[] hist, int w, int h) {
		for (int y = 0; y < h - 1; y++) {
			int row = y * w;
			for (int x = 0; x < w - 1; x++) {
				int i = row + x;
				hist[lo[i] | hi[i] << 4]++;
			}
		}
	}

	private static void inPlane(byte[] c, long[][] pc, int w, int h, int k1) {
		long[] px = pc[0], py = pc[1], pxy = pc[2], pxmy = pc[3];
		for (int y = 0; y < h; y++) {
			int row = y * w;
			for (int x = 0; x < w - 1; x++) {
				int a = c[row + x], b = c[row + x + 1];
				if (a != b) px[a * k1 + b]++;
			}
			if (y + 1 < h) {
				for (int x = 0; x < w; x++) {
					int a = c[row + x], b = c[row + w + x];
					if (a != b) py[a * k1 + b]++;
				}
				for (int x = 0; x < w - 1; x++) {
					int a = c[row + x], b = c[row + w + x + 1];
					if (a != b) pxy[a * k1 + b]++;
				}
			}
			if (y > 0) {
				for (int x = 0; x < w - 1; x++) {
					int a = c[row + x], b = c[row - w + x + 1];
					if (a != b) pxmy[a * k1 + b]++;
				}
			}
		}
	}

	private static void crossPlane(byte[] c, byte[] n, long[][] pc, int w, int h, int k1) {
		for (int d = 4; d < CroftonDirections.N; d++) {
			int dx = CroftonDirections.DIRS[d][0], dy = CroftonDirections.DIRS[d][1];
			long[] p = pc[d];
			int x0 = Math.max(0, -dx), x1 = w - Math.max(0, dx), y0 = Math.max(0, -dy), y1 = h - Math.max(0, dy);
			int off = dx + dy * w;
			for (int y = y0; y < y1; y++) {
				int row = y * w;
				for (int x = x0; x < x1; x++) {
					int a = c[row + x], b = n[row + x + off];
					if (a != b) p[a * k1 + b]++;
				}
			}
		}
	}
}
