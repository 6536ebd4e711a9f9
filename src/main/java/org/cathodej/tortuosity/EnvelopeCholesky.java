package org.cathodej.tortuosity;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Exact solver of the coarsest level: reverse Cuthill-McKee ordering, then a Cholesky factor stored as the envelope
 * of each row (from its first non-zero to the diagonal), in double. For the 3D-like coarse graphs of a few thousand
 * cells the envelope is small, so factor and solves cost little next to a cycle.
 */
final class EnvelopeCholesky {

	private final int m;
	private final int[] order, start, firstCol;
	private final double[] l;

	/** @param ptr, col, val full symmetric rows (a_ij = -val), diag the diagonal */
	EnvelopeCholesky(int m, int[] ptr, int[] col, float[] val, float[] diag) {
		this.m = m;
		order = reverseCuthillMcKee(m, ptr, col);
		int[] pos = new int[m];
		for (int p = 0; p < m; p++) pos[order[p]] = p;
		firstCol = new int[m];
		start = new int[m + 1];
		for (int p = 0; p < m; p++) {
			int i = order[p], f = p;
			for (int e = ptr[i]; e < ptr[i + 1]; e++) f = Math.min(f, pos[col[e]]);
			firstCol[p] = f;
			start[p + 1] = start[p] + p - f + 1;
		}
		l = new double[start[m]];
		for (int p = 0; p < m; p++) {
			int i = order[p];
			l[start[p] + p - firstCol[p]] = diag[i];
			for (int e = ptr[i]; e < ptr[i + 1]; e++) {
				int q = pos[col[e]];
				if (q < p) l[start[p] + q - firstCol[p]] -= val[e];
			}
		}
		factor();
	}

	/** Bytes of the factor and its index arrays. */
	long bytes() {
		return 8L * l.length + 12L * m;
	}

	private void factor() {
		for (int p = 0; p < m; p++) {
			int fp = firstCol[p], sp = start[p] - fp;
			for (int q = fp; q <= p; q++) {
				int fq = firstCol[q], sq = start[q] - fq;
				double v = l[sp + q];
				for (int k = Math.max(fp, fq); k < q; k++) v -= l[sp + k] * l[sq + k];
				if (q < p) l[sp + q] = v / l[sq + q];
				else l[sp + p] = Math.sqrt(Math.max(v, 1e-300));
			}
		}
	}

	/** x = A^-1 b. */
	void solve(float[] b, float[] x) {
		double[] y = new double[m];
		for (int p = 0; p < m; p++) {
			int fp = firstCol[p], sp = start[p] - fp;
			double v = b[order[p]];
			for (int k = fp; k < p; k++) v -= l[sp + k] * y[k];
			y[p] = v / l[sp + p];
		}
		for (int p = m - 1; p >= 0; p--) {
			int fp = firstCol[p], sp = start[p] - fp;
			double v = y[p] / l[sp + p];
			y[p] = v;
			for (int k = fp; k < p; k++) y[k] -= l[sp + k] * v;
		}
		for (int p = 0; p < m; p++) x[order[p]] = (float) y[p];
	}

	/** Breadth-first order from the first cell of each connected part, neighbours by degree, reversed. */
	static int[] reverseCuthillMcKee(int m, int[] ptr, int[] col) {
		int[] out = new int[m];
		boolean[] seen = new boolean[m];
		int n = 0;
		Integer[] nb = new Integer[0];
		for (int s = 0; s < m; s++) {
			if (seen[s]) continue;
			// the first unvisited cell in raster order lies on the boundary of its part: a good enough start
			int root = s;
			ArrayDeque<Integer> q = new ArrayDeque<>();
			q.add(root);
			seen[root] = true;
			while (!q.isEmpty()) {
				int i = q.poll();
				out[n++] = i;
				int c = 0;
				nb = Arrays.copyOf(nb, Math.max(nb.length, ptr[i + 1] - ptr[i]));
				for (int e = ptr[i]; e < ptr[i + 1]; e++)
					if (!seen[col[e]]) {
						seen[col[e]] = true;
						nb[c++] = col[e];
					}
				Arrays.sort(nb, 0, c, (a, b) -> ptr[a + 1] - ptr[a] != ptr[b + 1] - ptr[b] ? (ptr[a + 1] - ptr[a]) - (ptr[b + 1] - ptr[b]) : a - b);
				for (int a = 0; a < c; a++) q.add(nb[a]);
			}
		}
		for (int a = 0, b = m - 1; a < b; a++, b--) {
			int t = out[a];
			out[a] = out[b];
			out[b] = t;
		}
		return out;
	}
}
