package org.cathodej.tortuosity;

import org.cathodej.task.Parallel;

/**
 * The first coarsening of a {@link ConductionSystem}: in each 2x2x2 block of voxels, the system voxels that are
 * connected inside the block by strong faces (same class, or classes of similar conductivity, along an axis that is
 * not much weaker than the others) form one aggregate.
 * Voxels of one block that meet only outside it (two particles touching elsewhere, dead ends, thin necks) stay in
 * different aggregates, so the coarse level keeps the conducting domain's topology. Aggregates are numbered in block
 * raster order; the aggregate of voxel k in block b is {@code first[b]} plus its number within the block (0..7, 4
 * bits): 0.5 bytes per voxel plus 0.5 per system voxel.
 */
final class FineAggregates {

	final int bw, bh, bd;
	/** First aggregate of each block; first[blocks] = number of aggregates. */
	final int[] first;
	/** Aggregate of each system voxel within its block (0..7), two per byte: voxel k in the low (k even) or high half of byte k / 2. */
	private final byte[] local;
	final int count;

	/** Bytes kept: an int per block and half a byte per system voxel. */
	static long bytes(int w, int h, int d, long n) {
		return 4L * ((long) half(w) * half(h) * half(d) + 1) + (n + 1) / 2;
	}

	static int half(int n) {
		return (n + 1) / 2;
	}

	/** strongFace: per axis b and class pair p, q at {@code (b k1 + p) k1 + q}, whether their faces join aggregates. */
	FineAggregates(ConductionSystem s, boolean[] strongFace) {
		bw = half(s.w);
		bh = half(s.h);
		bd = half(s.d);
		int bwh = bw * bh;
		first = new int[bwh * bd + 1];
		local = new byte[(s.n + 1) / 2];
		Parallel.forEachBlock(bd, s.threads, (from, to) -> {
			ConductionSystem.Window win = s.new Window();
			int[] k = new int[8], cls = new int[8], lab = new int[8];
			int lo = s.offset[2 * from], hi = s.offset[Math.min(s.d, 2 * to)];
			for (int Z = from; Z < to; Z++) {
				int[] i0 = win.slice(2 * Z), i1 = win.slice(2 * Z + 1);
				byte[] c0 = s.v.cls[2 * Z], c1 = 2 * Z + 1 < s.d ? s.v.cls[2 * Z + 1] : null;
				for (int Y = 0; Y < bh; Y++)
					for (int X = 0; X < bw; X++) {
						for (int p = 0; p < 8; p++) {
							int x = 2 * X + (p & 1), y = 2 * Y + (p >> 1 & 1);
							int[] ix = (p & 4) == 0 ? i0 : i1;
							byte[] c = (p & 4) == 0 ? c0 : c1;
							k[p] = ix == null || x >= s.w || y >= s.h ? s.n : ix[y * s.w + x];
							cls[p] = k[p] == s.n ? 0 : ConductionSystem.cls(c[y * s.w + x]);
						}
						int m = components(k, cls, s.n, s.k1, strongFace, lab);
						for (int p = 0; p < 8; p++)
							if (k[p] != s.n) setLocal(k[p], lab[p], lo, hi);
						first[Z * bwh + Y * bw + X + 1] = m;
					}
			}
		});
		for (int b = 0; b < bwh * bd; b++) first[b + 1] += first[b];
		count = first[bwh * bd];
	}

	/**
	 * Stores the number within its block of voxel k, of the voxels [lo, hi) this thread labels: a byte shared with
	 * another thread's voxel (at either end of the range) is updated under a lock.
	 */
	private void setLocal(int k, int lab, int lo, int hi) {
		if (k == lo && (k & 1) == 1 || k == hi - 1 && (k & 1) == 0) {
			synchronized (local) {
				local[k >> 1] |= (byte) (lab << ((k & 1) << 2));
			}
		} else local[k >> 1] |= (byte) (lab << ((k & 1) << 2));
	}

	/**
	 * Labels the connected components of the present corners of a 2x2x2 block (corner p = dx + 2 dy + 4 dz; absent
	 * where k[p] == absent) joined by strong faces (strongFace as for the constructor), numbered 0.. in corner order;
	 * returns their number.
	 */
	static int components(int[] k, int[] cls, int absent, int k1, boolean[] strongFace, int[] lab) {
		for (int p = 0; p < 8; p++) lab[p] = p;
		// propagate the smallest corner number along strong faces to a fixed point
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int p = 0; p < 8; p++) {
				if (k[p] == absent) continue;
				for (int axis = 0; axis < 3; axis++) {
					int q = p ^ (1 << axis);
					if (q < p || k[q] == absent || !strongFace[(axis * k1 + cls[p]) * k1 + cls[q]]) continue;
					int mn = Math.min(lab[p], lab[q]);
					if (lab[p] != mn || lab[q] != mn) {
						lab[p] = lab[q] = mn;
						changed = true;
					}
				}
			}
		}
		int m = 0;
		int[] map = new int[8];
		java.util.Arrays.fill(map, -1);
		for (int p = 0; p < 8; p++) {
			if (k[p] == absent) continue;
			int r = lab[p];
			if (map[r] < 0) map[r] = m++;
			lab[p] = map[r];
		}
		return m;
	}

	/** Block row base of fine row y of slice z, for {@link #of}. */
	int row(int y, int z) {
		return (z >> 1) * bw * bh + (y >> 1) * bw;
	}

	/** Aggregate of system voxel k at column x of the row with base {@code row}. */
	int of(int row, int x, int k) {
		return first[row + (x >> 1)] + (local[k >> 1] >> ((k & 1) << 2) & 15);
	}
}
