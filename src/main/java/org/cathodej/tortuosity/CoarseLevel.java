package org.cathodej.tortuosity;

import java.util.Arrays;

import org.cathodej.task.Parallel;

/**
 * One coarse level of the {@link AggregationMultigrid}: cells (aggregates) numbered in the raster order of this
 * level's blocks, a symmetric M-matrix (a_ij = -g_ij, g_ij > 0), stored as its upper triangle (j > i) from the start. Kept per cell: the diagonal (4 bytes), the row length (1,
 * {@link #compactRows}), the parent in the next level (4), x and b (4 each, or lent by the preconditioner's output
 * vector); per stored conductance 8 bytes (column offset and value), or 4 with a {@link #palette}. The smoother is symmetric Gauss-Seidel (forward before the coarse correction, backward after)
 * in a fixed number of chunks of block slabs, run in parallel; its result does not depend on the thread count.
 */
final class CoarseLevel {

	final int n, bw, bh, bd;
	/** First cell of each block of this level's grid; first[blocks] = n. */
	final int[] first;
	/**
	 * Row starts while the level is built (the aggregation reads rows in any order); afterwards, where no row holds
	 * more than 255 conductances, {@link #compactRows} replaces them by a byte per row and an int per block slab, as
	 * every pass reads the rows in order from a slab's first ({@link #start}, {@link #length}): 1 byte per cell
	 * instead of 4.
	 */
	int[] ptr;
	private byte[] rowLength;
	private int[] slabStart;
	int[] col;
	/** The stored conductances; null where {@link #palette} holds them. */
	float[] val;
	/**
	 * Where the level has at most 256 distinct conductances and every column lies fewer than 2^24 cells after its
	 * row (one conducting class on the first level: a conductance is 1 to 4 voxel faces along one axis), the distinct
	 * values: col[e], the column minus the row, then has 24 bits and the value's number takes the top 8 bits,
	 * 4 bytes per stored conductance instead of 8 (read through {@link #col(int, int)} and {@link #g}).
	 */
	float[] palette;
	/** The bits of col[e] that hold the column minus the row. */
	private int columnMask = -1;
	final float[] diag;
	/**
	 * The cycle's unknowns and right-hand side, from x[xo] and b[bo] on: arrays of their own ({@link #own}), or
	 * parts of the preconditioner's output vector that {@link AggregationMultigrid#apply} lends them.
	 */
	float[] x, b;
	int xo, bo;
	/** Bytes of the arrays of their own x and b. */
	private long vectorBytes;
	/** Dirichlet part of the diagonal, while the levels are built. */
	float[] dir;
	/**
	 * Several conducting classes, while the levels are built: the largest conductivity among each cell's voxels (as
	 * their face conductance along x); null for one class.
	 */
	float[] sigma;
	/** Block slabs of this level per block slab of the next: 2, or 1 where the next does not aggregate across z. */
	int zStep = 2;
	/** Whether the next level does not aggregate this one's cells across some axis (anisotropic voxels). */
	boolean semi;
	/** Cell of the next level each cell belongs to (null on the coarsest). */
	int[] parent;

	CoarseLevel(int n, int bw, int bh, int bd, int[] first) {
		this.n = n;
		this.bw = bw;
		this.bh = bh;
		this.bd = bd;
		this.first = first;
		dir = new float[n];
		diag = new float[n];
	}

	/**
	 * Rows being assembled for one slab of blocks: each row a chain of entries in a growing pool, merged in
	 * first-seen order (a fixed order, so the sums do not depend on the thread count).
	 */
	static final class RowBuilder {
		final int base, n;
		final int[] len, head, tail;
		int[] col = new int[1024], next = new int[1024];
		float[] val = new float[1024];
		int used;

		RowBuilder(int base, int n) {
			this.base = base;
			this.n = n;
			len = new int[n];
			head = new int[n];
			tail = new int[n];
			Arrays.fill(head, -1);
		}

		/**
		 * Adds conductance g between cells i and j to the row of the lower one (which must be a row of this slab);
		 * nothing within one cell.
		 */
		void addPair(int i, int j, float g) {
			if (i < j) add(i, j, g);
			else add(j, i, g);
		}

		/** Drops the pool's unused room (the slab is done). */
		void trim() {
			col = Arrays.copyOf(col, used);
			next = Arrays.copyOf(next, used);
			val = Arrays.copyOf(val, used);
		}

		private void add(int i, int j, float g) {
			if (i == j) return;
			int r = i - base;
			for (int a = head[r]; a >= 0; a = next[a])
				if (col[a] == j) {
					val[a] += g;
					return;
				}
			if (used == col.length) {
				col = Arrays.copyOf(col, 2 * used);
				next = Arrays.copyOf(next, 2 * used);
				val = Arrays.copyOf(val, 2 * used);
			}
			col[used] = j;
			val[used] = g;
			next[used] = -1;
			if (head[r] < 0) head[r] = used;
			else next[tail[r]] = used;
			tail[r] = used++;
			len[r]++;
		}
	}

	/**
	 * Copies the slabs' rows (upper triangle: each conductance once, in the row of its lower cell) into the sparse
	 * rows; diagonal = Dirichlet part + the conductances of both ends, summed in a fixed order. Returns the bytes of
	 * this level and its builders at the peak (rows allocated, builders not yet freed).
	 */
	long setRows(RowBuilder[] rows) {
		ptr = new int[n + 1];
		for (RowBuilder rb : rows)
			for (int r = 0; r < rb.n; r++) ptr[rb.base + r + 1] = rb.len[r];
		for (int i = 0; i < n; i++) ptr[i + 1] += ptr[i];
		int m = ptr[n];
		col = new int[m];
		long pools = 0;
		for (RowBuilder rb : rows) pools += 12L * rb.col.length + 12L * rb.n;
		Palette pal = new Palette();
		float[] v = null;
		for (int z = 0; z < rows.length; z++) {
			RowBuilder rb = rows[z];
			rows[z] = null; // free the slab's pool as soon as it is copied
			for (int r = 0; r < rb.n; r++)
				for (int a = rb.head[r], o = ptr[rb.base + r]; a >= 0; a = rb.next[a], o++) {
					int off = rb.col[a] - rb.base - r, code = pal == null || off >= 1 << 24 ? -1 : pal.code(rb.val[a]);
					if (code < 0 && pal != null) {
						v = pal.decode(col, o);
						pal = null;
					}
					if (pal == null) {
						col[o] = off;
						v[o] = rb.val[a];
					} else col[o] = off | code << 24;
				}
		}
		val = v;
		palette = pal == null ? null : pal.values();
		columnMask = pal == null ? -1 : 0xFFFFFF;
		long peak = 8L * n + 4 + (pal == null ? 8L : 4L) * m + (parent != null ? 4L * n : 0) + pools;
		sumDiagonal();
		return peak;
	}

	/** Column of stored conductance e, in row i. */
	int col(int i, int e) {
		return i + (col[e] & columnMask);
	}

	/** Stored conductance e. */
	float g(int e) {
		return palette == null ? val[e] : palette[col[e] >>> 24];
	}

	/** The distinct conductances of a level being built, numbered in first-seen order (an open-addressing table). */
	private static final class Palette {
		private final int[] bits = new int[1024], number = new int[1024];
		private final float[] values = new float[256];
		private int size, lastKey, lastCode;

		/** The values of the first o entries of col as floats (col.length of them), their numbers cleared from col. */
		float[] decode(int[] col, int o) {
			float[] v = new float[col.length];
			for (int q = 0; q < o; q++) {
				v[q] = values[col[q] >>> 24];
				col[q] &= 0xFFFFFF;
			}
			return v;
		}

		/** Number of value v, added if new; -1 if the palette is full. */
		int code(float v) {
			int key = Float.floatToRawIntBits(v), h = (key * 0x9E3779B1) >>> 22;
			if (key == lastKey && size > 0) return lastCode;
			while (number[h] != 0 && bits[h] != key) h = (h + 1) & 1023;
			if (number[h] == 0) {
				if (size == 256) return -1;
				bits[h] = key;
				values[size] = v;
				number[h] = ++size;
			}
			lastKey = key;
			return lastCode = number[h] - 1;
		}


		float[] values() {
			return java.util.Arrays.copyOf(values, size);
		}
	}

	/** diag = Dirichlet part + the conductances of both ends, summed in a fixed order. */
	void sumDiagonal() {
		System.arraycopy(dir, 0, diag, 0, n);
		for (int i = 0, e = 0; i < n; i++)
			for (int end = e + length(i); e < end; e++) {
				diag[i] += g(e);
				diag[col(i, e)] += g(e);
			}
	}

	/** Replaces the row starts by row lengths and slab starts where every row holds at most 255 conductances. */
	void compactRows() {
		if (ptr == null) return;
		for (int i = 0; i < n; i++)
			if (ptr[i + 1] - ptr[i] > 255) return;
		rowLength = new byte[n];
		for (int i = 0; i < n; i++) rowLength[i] = (byte) (ptr[i + 1] - ptr[i]);
		slabStart = new int[bd + 1];
		for (int z = 0; z <= bd; z++) slabStart[z] = ptr[cellOfSlab(z)];
		ptr = null;
	}

	/** First stored conductance of the first cell of block slab z (z may be bd or more: the end). */
	int start(int z) {
		return ptr != null ? ptr[cellOfSlab(z)] : slabStart[Math.min(z, bd)];
	}

	/** Stored conductances of row i (small enough to be inlined everywhere). */
	int length(int i) {
		return rowLength != null ? rowLength[i] & 255 : ptrLength(i);
	}

	private int ptrLength(int i) {
		return ptr[i + 1] - ptr[i];
	}

	/** Whether cells i and j are of one material: comparable conductivities ({@link AggregationMultigrid#comparable}). */
	boolean sameMaterial(int i, int j) {
		return sigma == null || AggregationMultigrid.comparable(sigma[i], sigma[j]);
	}

	/** Bytes of the arrays kept only while the levels are built. */
	long buildBytes() {
		return (sigma == null ? 0 : 4L * n) + (dir == null ? 0 : 4L * n);
	}

	/** Gives x and b (as chosen) arrays of their own. */
	void own(boolean ownX, boolean ownB) {
		if (ownX) {
			x = new float[n];
			xo = 0;
		}
		if (ownB) {
			b = new float[n];
			bo = 0;
		}
		vectorBytes = 4L * n * ((ownX ? 1 : 0) + (ownB ? 1 : 0));
	}

	/** c.dir = P^T dir: the Dirichlet parts summed per cell of the next level, cells in ascending order. */
	void restrictDirichlet(CoarseLevel c) {
		for (int i = 0; i < n; i++) c.dir[parent[i]] += dir[i];
	}

	/** The exact solver of this level (the coarsest): full symmetric rows made from the upper triangle for it. */
	EnvelopeCholesky factor() {
		int[] fp = new int[n + 1];
		for (int i = 0, e = 0; i < n; i++)
			for (int end = e + length(i); e < end; e++) {
				fp[i + 1]++;
				fp[col(i, e) + 1]++;
			}
		for (int i = 0; i < n; i++) fp[i + 1] += fp[i];
		int[] fc = new int[fp[n]], at = Arrays.copyOf(fp, n);
		float[] fv = new float[fp[n]];
		for (int i = 0, e = 0; i < n; i++)
			for (int end = e + length(i); e < end; e++) {
				int j = col(i, e);
				fc[at[i]] = j;
				fv[at[i]++] = g(e);
				fc[at[j]] = i;
				fv[at[j]++] = g(e);
			}
		return new EnvelopeCholesky(n, fp, fc, fv, diag);
	}

	long bytes() {
		return 4L * n + (ptr != null ? 4L * (n + 1) : n + 4L * (bd + 1)) + vectorBytes + (palette == null ? 8L : 4L) * col.length + 4L * (palette == null ? 0 : palette.length) + (parent != null ? 4L * n : 0) + 4L * first.length;
	}

	/** Chunks of block slabs the smoother and restriction run in: fixed by the level's shape, never by the threads. */
	static final int CHUNKS = 8;

	/**
	 * First block slab of each chunk: the level in {@link #CHUNKS} runs of whole block slabs, each starting at an
	 * even slab (so each chunk restricts into its own slabs of the next level); one chunk for small levels. The last
	 * entry is bd. Chunks may hold no cells (slabs without conducting voxels).
	 */
	int[] chunkSlabs() {
		int c = n < (1 << 15) || bd < 2 * CHUNKS ? 1 : CHUNKS;
		int[] cs = new int[c + 1];
		for (int k = 0; k <= c; k++) cs[k] = Math.min(bd, 2 * (int) ((long) (bd + 1) / 2 * k / c));
		return cs;
	}

	/** First cell of block slab z (z may be bd: then n). */
	private int cellOfSlab(int z) {
		return first[Math.min(z, bd) * bw * bh];
	}

	/**
	 * Symmetric Gauss-Seidel half, in place on x: forward (cells ascending) or backward, within each chunk; between
	 * chunks the values from before the sweep are used (hybrid Gauss-Seidel), so the chunks run in parallel and the
	 * result does not depend on the thread count. Forward then backward is a symmetric smoother. acc: n floats.
	 */
	void gaussSeidel(boolean forward, float[] acc, int threads) {
		int[] cs = chunkSlabs();
		int c = cs.length - 1;
		float[][] next = new float[c][];
		// before any update: the lower couplings from the previous chunk into acc, the next chunk's first slab saved
		Parallel.forEach(c, threads, k -> {
			int lo = cellOfSlab(cs[k]), hi = cellOfSlab(cs[k + 1]);
			Arrays.fill(acc, lo, hi, 0f);
			if (k > 0) scatterFrom(cs[k] - 1, cs[k], lo, hi, acc);
			if (k < c - 1) next[k] = Arrays.copyOfRange(x, xo + hi, xo + cellOfSlab(cs[k + 1] + 1));
		});
		Parallel.forEach(c, threads, k -> {
			int lo = cellOfSlab(cs[k]), hi = cellOfSlab(cs[k + 1]);
			float[] xn = next[k];
			if (forward) {
				for (int i = lo, e = start(cs[k]); i < hi; i++) {
					float v = b[bo + i] + acc[i];
					int end = e + length(i);
					for (int a = e; a < end; a++) {
						int j = col(i, a);
						v += g(a) * (j < hi ? x[xo + j] : xn[j - hi]);
					}
					float xi = v / diag[i];
					x[xo + i] = xi;
					for (; e < end; e++) {
						int j = col(i, e);
						if (j < hi) acc[j] += g(e) * xi;
					}
				}
				return;
			}
			scatterFrom(cs[k], cs[k + 1], lo, hi, acc);
			for (int i = hi - 1, end = start(cs[k + 1]); i >= lo; i--) {
				float v = b[bo + i] + acc[i];
				int e0 = end - length(i);
				for (int e = e0; e < end; e++) {
					int j = col(i, e);
					v += g(e) * (j < hi ? x[xo + j] : xn[j - hi]);
				}
				x[xo + i] = v / diag[i];
				end = e0;
			}
		});
	}

	/** acc[c] += g_jc x_j for the rows j of block slabs [from, to) and their columns c in [lo, hi). */
	private void scatterFrom(int from, int to, int lo, int hi, float[] acc) {
		for (int j = cellOfSlab(from), last = cellOfSlab(to), e = start(from); j < last; j++) {
			float xj = x[xo + j];
			for (int end = e + length(j); e < end; e++) {
				int c = col(j, e);
				if (c >= lo && c < hi) acc[c] += g(e) * xj;
			}
		}
	}

	/** c.b = P^T (b - A x), in parallel over the chunks (each restricts into its own slabs of c); acc: n floats. */
	void restrictTo(CoarseLevel c, float[] acc, int threads) {
		int[] cs = chunkSlabs();
		int cwh = c.bw * c.bh;
		Parallel.forEach(cs.length - 1, threads, k -> {
			int lo = cellOfSlab(cs[k]), hi = cellOfSlab(cs[k + 1]);
			for (int i = lo; i < hi; i++) acc[i] = b[bo + i] - diag[i] * x[xo + i];
			if (k > 0) scatterFrom(cs[k] - 1, cs[k], lo, hi, acc);
			for (int i = lo, e = start(cs[k]); i < hi; i++)
				for (int end = e + length(i); e < end; e++) {
					int j = col(i, e);
					acc[i] += g(e) * x[xo + j];
					if (j < hi) acc[j] += g(e) * x[xo + i];
				}
			// this chunk's slabs zStep Z .. zStep Z + zStep - 1 are the next level's slabs Z
			Arrays.fill(c.b, c.bo + c.first[cs[k] / zStep * cwh], c.bo + c.first[(cs[k + 1] + zStep - 1) / zStep * cwh], 0f);
			for (int i = lo; i < hi; i++) c.b[c.bo + parent[i]] += acc[i];
		});
	}

	/** x += alpha P c.x. */
	void prolongFrom(CoarseLevel c, float alpha, int threads) {
		Parallel.forEachBlock(n, chunkSlabs().length > 2 ? threads : 1, (from, to) -> {
			for (int i = from; i < to; i++) x[xo + i] += alpha * c.x[c.xo + parent[i]];
		});
	}

}
