package org.cathodej.tortuosity;

import java.util.Arrays;

/**
 * One coarse level of the {@link AggregationMultigrid}: cells (aggregates) numbered in the raster order of this
 * level's blocks, a symmetric M-matrix (a_ij = -g_ij, g_ij > 0). Full rows while the levels are built, then only the
 * upper triangle (j > i) is kept: 12 bytes per cell (x, b, diagonal), 4 per row start, 4 to the next level, 8 per
 * stored conductance. The smoother is symmetric Gauss-Seidel (forward before the coarse correction, backward after),
 * sequential, so its result does not depend on the thread count.
 */
final class CoarseLevel {

	final int n, bw, bh, bd;
	/** First cell of each block of this level's grid; first[blocks] = n. */
	final int[] first;
	int[] ptr, col;
	float[] val;
	final float[] diag, x, b;
	/** Dirichlet part of the diagonal, while the levels are built. */
	float[] dir;
	/** Cell of the next level each cell belongs to (null on the coarsest). */
	int[] parent;
	private boolean upper;

	CoarseLevel(int n, int bw, int bh, int bd, int[] first) {
		this.n = n;
		this.bw = bw;
		this.bh = bh;
		this.bd = bd;
		this.first = first;
		x = new float[n];
		b = new float[n];
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

		/** Adds conductance g between cells i (a row of this slab) and j; nothing within one cell. */
		void add(int i, int j, float g) {
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

	/** Copies the slabs' rows into full sparse rows; diagonal = Dirichlet part + the row's conductances. */
	void setRows(RowBuilder[] rows) {
		ptr = new int[n + 1];
		for (RowBuilder rb : rows)
			for (int r = 0; r < rb.n; r++) ptr[rb.base + r + 1] = rb.len[r];
		for (int i = 0; i < n; i++) ptr[i + 1] += ptr[i];
		col = new int[ptr[n]];
		val = new float[ptr[n]];
		for (int z = 0; z < rows.length; z++) {
			RowBuilder rb = rows[z];
			rows[z] = null; // free the slab's pool as soon as it is copied
			for (int r = 0; r < rb.n; r++) {
				int i = rb.base + r, o = ptr[i];
				for (int a = rb.head[r]; a >= 0; a = rb.next[a], o++) {
					col[o] = rb.col[a];
					val[o] = rb.val[a];
				}
				float d = dir[i];
				for (int a = ptr[i]; a < ptr[i + 1]; a++) d += val[a];
				diag[i] = d;
			}
		}
	}

	/** Keeps only the upper triangle of the rows (the levels are built). */
	void keepUpper() {
		int o = 0;
		int[] np = new int[n + 1];
		for (int i = 0; i < n; i++) {
			for (int e = ptr[i]; e < ptr[i + 1]; e++)
				if (col[e] > i) {
					col[o] = col[e];
					val[o++] = val[e];
				}
			np[i + 1] = o;
		}
		ptr = np;
		col = Arrays.copyOf(col, o);
		val = Arrays.copyOf(val, o);
		dir = null;
		upper = true;
	}

	long bytes() {
		return 16L * n + 4 + 8L * col.length + (parent != null ? 4L * n : 0) + 4L * first.length;
	}

	/**
	 * Symmetric Gauss-Seidel half: forward (rows in order) or backward, in place on x. acc (n floats of scratch) holds
	 * the lower-triangle part of each row, pushed as cells are updated (forward) or gathered from the old x (backward).
	 */
	void gaussSeidel(boolean forward, float[] acc) {
		Arrays.fill(acc, 0, n, 0f);
		if (forward) {
			for (int i = 0; i < n; i++) {
				float v = b[i] + acc[i];
				for (int e = ptr[i]; e < ptr[i + 1]; e++) v += val[e] * x[col[e]];
				float xi = v / diag[i];
				x[i] = xi;
				for (int e = ptr[i]; e < ptr[i + 1]; e++) acc[col[e]] += val[e] * xi;
			}
			return;
		}
		for (int j = 0; j < n; j++)
			for (int e = ptr[j]; e < ptr[j + 1]; e++) acc[col[e]] += val[e] * x[j];
		for (int i = n - 1; i >= 0; i--) {
			float v = b[i] + acc[i];
			for (int e = ptr[i]; e < ptr[i + 1]; e++) v += val[e] * x[col[e]];
			x[i] = v / diag[i];
		}
	}

	/** c.b = P^T (b - A x), using acc (n floats) for the residual. */
	void restrictTo(CoarseLevel c, float[] acc) {
		for (int i = 0; i < n; i++) acc[i] = b[i] - diag[i] * x[i];
		for (int i = 0; i < n; i++)
			for (int e = ptr[i]; e < ptr[i + 1]; e++) {
				acc[i] += val[e] * x[col[e]];
				acc[col[e]] += val[e] * x[i];
			}
		Arrays.fill(c.b, 0f);
		for (int i = 0; i < n; i++) c.b[parent[i]] += acc[i];
	}

	/** x += alpha P c.x. */
	void prolongFrom(CoarseLevel c, float alpha) {
		for (int i = 0; i < n; i++) x[i] += alpha * c.x[parent[i]];
	}

	boolean isUpper() {
		return upper;
	}
}
