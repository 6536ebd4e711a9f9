package org.cathodej.connectivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

class ComponentLabelerTest {

	/** Random binary volume with the given foreground density. */
	static byte[][] random(int w, int h, int d, double density, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		byte[][] v = new byte[d][w * h];
		for (byte[] s : v) for (int i = 0; i < s.length; i++) s[i] = r.nextDouble() < density ? (byte) 1 : 0;
		return v;
	}

	/**
	 * Reference: breadth-first flood fill from every unlabelled foreground voxel in raster order (z, y, x), so the
	 * labels are numbered like the labeller's.
	 */
	static int[][] floodFill(byte[][] v, int w, int h, int d, int conn) {
		int[][] lab = new int[d][w * h];
		int next = 0;
		ArrayDeque<int[]> q = new ArrayDeque<>();
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					if (v[z][x + y * w] == 0 || lab[z][x + y * w] != 0) continue;
					lab[z][x + y * w] = ++next;
					q.add(new int[] { x, y, z });
					while (!q.isEmpty()) {
						int[] c = q.poll();
						for (int dz = -1; dz <= 1; dz++)
							for (int dy = -1; dy <= 1; dy++)
								for (int dx = -1; dx <= 1; dx++) {
									int m = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
									if (m == 0 || (conn == 6 && m > 1)) continue;
									int X = c[0] + dx, Y = c[1] + dy, Z = c[2] + dz;
									if (X < 0 || Y < 0 || Z < 0 || X >= w || Y >= h || Z >= d) continue;
									int j = X + Y * w;
									if (v[Z][j] != 0 && lab[Z][j] == 0) {
										lab[Z][j] = next;
										q.add(new int[] { X, Y, Z });
									}
								}
					}
				}
		return lab;
	}

	private static void compare(byte[][] v, int w, int h, int d, Connectivity conn, int threads) {
		int[][] ref = floodFill(v, w, h, d, conn.neighbours());
		Clusters c = ComponentLabeler.label(SliceMask.ofBytes(v), w, h, d, conn, threads, Progress.NONE);
		int max = 0;
		long[] sizes = new long[w * h * d + 1];
		for (int z = 0; z < d; z++) {
			assertArrayEquals(ref[z], c.slice(z), "slice " + z + ", conn " + conn + ", threads " + threads);
			for (int l : ref[z]) {
				max = Math.max(max, l);
				sizes[l]++;
			}
		}
		assertEquals(max, c.count());
		for (int k = 1; k <= max; k++) assertEquals(sizes[k], c.size(k));
		// faces by brute force
		for (int k = 1; k <= max; k++) {
			int f = 0;
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						if (ref[z][x + y * w] == k) {
							if (x == 0) f |= Face.X_MIN.bit();
							if (x == w - 1) f |= Face.X_MAX.bit();
							if (y == 0) f |= Face.Y_MIN.bit();
							if (y == h - 1) f |= Face.Y_MAX.bit();
							if (z == 0) f |= Face.Z_MIN.bit();
							if (z == d - 1) f |= Face.Z_MAX.bit();
						}
			assertEquals(f, c.faces(k), "faces of cluster " + k);
		}
	}

	@Test
	void matchesFloodFillOnRandomVolumes6And26() {
		long seed = 20261122;
		for (double density : new double[] { 0.2, 0.35, 0.5, 0.7 })
			for (Connectivity conn : Connectivity.values())
				for (int threads : new int[] { 1, 2, 3, 5 }) {
					byte[][] v = random(23, 17, 19, density, seed++);
					compare(v, 23, 17, 19, conn, threads);
				}
	}

	@Test
	void degenerateShapes() {
		long seed = 7;
		int[][] dims = { { 1, 1, 1 }, { 1, 1, 9 }, { 9, 1, 1 }, { 1, 9, 1 }, { 8, 8, 1 }, { 2, 2, 2 }, { 31, 1, 7 } };
		for (int[] s : dims)
			for (Connectivity conn : Connectivity.values())
				for (int threads : new int[] { 1, 4 }) compare(random(s[0], s[1], s[2], 0.5, seed++), s[0], s[1], s[2], conn, threads);
	}

	@Test
	void diagonalNeighboursJoinOnlyWith26() {
		int w = 5, h = 5, d = 5;
		byte[][] v = new byte[d][w * h];
		for (int i = 0; i < 5; i++) v[i][i + i * w] = 1; // a body diagonal
		Clusters c6 = ComponentLabeler.label(SliceMask.ofBytes(v), w, h, d, Connectivity.SIX, 2, Progress.NONE);
		Clusters c26 = ComponentLabeler.label(SliceMask.ofBytes(v), w, h, d, Connectivity.TWENTY_SIX, 2, Progress.NONE);
		assertEquals(5, c6.count());
		assertEquals(1, c26.count());
		assertTrue(c26.spans(1, 0) && c26.spans(1, 1) && c26.spans(1, 2));
		assertFalse(c6.spans(1, 2));
		assertEquals(5, c26.spanningVoxels(2));
		assertEquals(0, c6.spanningVoxels(2));
	}

	@Test
	void emptyAndFullVolumes() {
		byte[][] empty = new byte[4][12];
		Clusters c = ComponentLabeler.label(SliceMask.ofBytes(empty), 3, 4, 4, Connectivity.SIX, 2, Progress.NONE);
		assertEquals(0, c.count());
		assertEquals(0, c.largestSize());
		assertEquals(0, c.largest());
		byte[][] full = new byte[4][12];
		for (byte[] s : full) java.util.Arrays.fill(s, (byte) 1);
		c = ComponentLabeler.label(SliceMask.ofBytes(full), 3, 4, 4, Connectivity.SIX, 3, Progress.NONE);
		assertEquals(1, c.count());
		assertEquals(48, c.size(1));
		assertEquals(63, c.faces(1));
	}

	@Test
	void selectionKeepsTheSpanningClustersOnly() {
		byte[][] v = random(15, 12, 10, 0.45, 5);
		Clusters c = ComponentLabeler.label(SliceMask.ofBytes(v), 15, 12, 10, Connectivity.SIX, 2, Progress.NONE);
		boolean[] keep = c.spanning(2);
		assertArrayEquals(keep, c.touchingBoth(Face.Z_MIN, Face.Z_MAX));
		long kept = 0;
		net.imglib2.RandomAccess<net.imglib2.type.numeric.integer.IntType> ra = c.asImg().randomAccess();
		for (int z = 0; z < 10; z++) {
			byte[] m = c.select(z, keep, null);
			for (int y = 0; y < 12; y++)
				for (int x = 0; x < 15; x++) {
					int l = c.label(x, y, z);
					ra.setPosition(new int[] { x, y, z });
					assertEquals(l, ra.get().get());
					assertEquals(l != 0 && keep[l] ? 1 : 0, m[x + y * 15]);
					kept += m[x + y * 15];
				}
		}
		assertEquals(c.spanningVoxels(2), kept);
		assertTrue(kept > 0, "the seeded volume has a z-spanning cluster");
	}

	@Test
	void reusedBufferGivesTheSameLabels() {
		byte[][] v = random(9, 8, 7, 0.4, 11), w = random(9, 8, 7, 0.6, 12);
		Clusters a = ComponentLabeler.label(SliceMask.ofBytes(v), 9, 8, 7, Connectivity.TWENTY_SIX, 2, Progress.NONE);
		int[][] buf = new int[7][];
		for (int z = 0; z < 7; z++) buf[z] = a.slice(z);
		Clusters b = ComponentLabeler.label(SliceMask.ofBytes(w), 9, 8, 7, Connectivity.TWENTY_SIX, 2, Progress.NONE, buf);
		int[][] ref = floodFill(w, 9, 8, 7, 26);
		for (int z = 0; z < 7; z++) assertArrayEquals(ref[z], b.slice(z));
	}

	@Test
	void cancellationStopsTheScan() {
		byte[][] v = random(16, 16, 16, 0.5, 3);
		int[] reports = { 0 };
		Progress cancelAfterFirstReport = new Progress() {
			@Override
			public void report(double fraction, String status) {
				reports[0]++;
			}

			@Override
			public boolean isCancelled() {
				return reports[0] > 0;
			}
		};
		org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
			() -> ComponentLabeler.label(SliceMask.ofBytes(v), 16, 16, 16, Connectivity.SIX, 2, cancelAfterFirstReport));
	}

	@Test
	void histogramCountsEveryCluster() {
		byte[][] v = random(20, 20, 20, 0.3, 99);
		Clusters c = ComponentLabeler.label(SliceMask.ofBytes(v), 20, 20, 20, Connectivity.SIX, 2, Progress.NONE);
		long n = 0, vox = 0;
		for (long[] row : c.sizeHistogram()) {
			n += row[0];
			vox += row[1];
		}
		assertEquals(c.count(), n);
		assertEquals(c.totalVoxels(), vox);
	}
}
