package org.cathodej.tortuosity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cathodej.task.Parallel;

/**
 * Multigrid preconditioner on the actual conducting domain. Coarse unknowns are aggregates: connected pieces of the
 * system inside 2x2x2 blocks ({@link FineAggregates}, then the same on the coarse levels with blocks of blocks), so
 * particles that touch only elsewhere, dead ends and thin necks are never lumped together; coarse operators are the
 * Galerkin products P^T A P with piecewise-constant P, stored as sparse rows. Smoothers: red-black Gauss-Seidel on the
 * fine level, symmetric Gauss-Seidel on the coarse levels (forward before, backward after), W-cycle; the cycle is a
 * symmetric linear operator, and its arithmetic order does not depend on the thread count.
 */
final class AggregationMultigrid implements Preconditioner {

	static double THETA = Double.parseDouble(System.getProperty("amg.theta", "0.25"));
	static double THETA_C = Double.parseDouble(System.getProperty("amg.thetac", "0.25"));
	static float ALPHA = Float.parseFloat(System.getProperty("amg.alpha", "1.6"));
	static int GAMMA = Integer.getInteger("amg.gamma", 2);
	static int COARSEST = Integer.getInteger("amg.coarsest", 1000);

	/** One coarse level: symmetric sparse rows (off-diagonal conductances g_ij > 0 mean a_ij = -g_ij). */
	static final class Level {
		final int n, bw, bh, bd;
		final int[] first; // first cell of each block of this level's grid
		int[] ptr, col;
		float[] val, diag, dir, x, b;
		int[] parent; // aggregate on the next level

		Level(int n, int bw, int bh, int bd, int[] first) {
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
	}

	final ConductionSystem s;
	final FineAggregates fa;
	final List<Level> levels = new ArrayList<>();
	private double[] chol;

	AggregationMultigrid(ConductionSystem s) {
		this.s = s;
		boolean[] strong = new boolean[s.k1 * s.k1];
		for (int p = 1; p < s.k1; p++)
			for (int q = 1; q < s.k1; q++) {
				float gpq = s.g[0][p * s.k1 + q], gpp = s.g[0][p * s.k1 + p], gqq = s.g[0][q * s.k1 + q];
				strong[p * s.k1 + q] = gpq >= THETA * Math.sqrt((double) gpp * gqq);
			}
		fa = new FineAggregates(s, strong);
		Level l = fromFine();
		levels.add(l);
		while (l.n > COARSEST && l.bw * l.bh * l.bd > 1) {
			Level c = coarsen(l);
			if (c.n > 0.9 * l.n && c.bw * c.bh * c.bd > 1) {
				l = c; // too little reduction: keep going on the blocks, but the level is still needed
			}
			levels.add(c);
			l = c;
		}
		factorCoarsest(l);
		if (Boolean.getBoolean("amg.verbose")) {
			StringBuilder sb = new StringBuilder("AMG levels: fine " + s.n);
			for (Level lv : levels) sb.append(" -> ").append(lv.n).append(" (nnz/row ").append(String.format("%.1f", lv.ptr[lv.n] / (double) Math.max(1, lv.n))).append(")");
			System.out.println(sb);
		}
	}

	/**
	 * Rows of the coarse level being assembled for one slab of blocks: each row a chain of entries in a growing
	 * pool, merged in first-seen order (a fixed order, so the sums do not depend on the thread count).
	 */
	private static final class RowBuilder {
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

		void add(int row, int j, float g) {
			int r = row - base;
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

	private Level fromFine() {
		int bwh = fa.bw * fa.bh;
		Level c = new Level(fa.count, fa.bw, fa.bh, fa.bd, fa.first);
		RowBuilder[] rows = new RowBuilder[fa.bd];
		int w = s.w, h = s.h;
		Parallel.forEachBlock(fa.bd, s.threads, (from, to) -> {
			ConductionSystem.Window win = s.new Window();
			for (int Z = from; Z < to; Z++) {
				int base = fa.first[Z * bwh];
				RowBuilder rb = new RowBuilder(base, fa.first[(Z + 1) * bwh] - base);
				for (int z = 2 * Z; z < Math.min(s.d, 2 * Z + 2); z++) {
					int[] ix = win.slice(z), lo = win.slice(z - 1), hi = win.slice(z + 1);
					byte[] cz = s.v.cls[z], cl = z > 0 ? s.v.cls[z - 1] : null, ch = z < s.d - 1 ? s.v.cls[z + 1] : null;
					for (int y = 0, i = 0; y < h; y++) {
						int row = fa.row(y, z), rlo = fa.row(y - 1, z), rhi = fa.row(y + 1, z), zlo = fa.row(y, z - 1), zhi = fa.row(y, z + 1);
						for (int x = 0; x < w; x++, i++) {
							int k = ix[i], j;
							if (k == s.n) continue;
							int kc = ConductionSystem.cls(cz[i]), ck = kc * s.k1, I = fa.of(row, x, k);
							if (x > 0 && (j = ix[i - 1]) != s.n) link(rb, c, I, fa.of(row, x - 1, j), s.g[0][ck + ConductionSystem.cls(cz[i - 1])]);
							if (x < w - 1 && (j = ix[i + 1]) != s.n) link(rb, c, I, fa.of(row, x + 1, j), s.g[0][ck + ConductionSystem.cls(cz[i + 1])]);
							if (y > 0 && (j = ix[i - w]) != s.n) link(rb, c, I, fa.of(rlo, x, j), s.g[1][ck + ConductionSystem.cls(cz[i - w])]);
							if (y < h - 1 && (j = ix[i + w]) != s.n) link(rb, c, I, fa.of(rhi, x, j), s.g[1][ck + ConductionSystem.cls(cz[i + w])]);
							if (lo != null && (j = lo[i]) != s.n) link(rb, c, I, fa.of(zlo, x, j), s.g[2][ck + ConductionSystem.cls(cl[i])]);
							if (hi != null && (j = hi[i]) != s.n) link(rb, c, I, fa.of(zhi, x, j), s.g[2][ck + ConductionSystem.cls(ch[i])]);
							int a = s.coord(x, y, z);
							if (a == 0) c.dir[I] += (float) s.gd[kc];
							if (a == s.nAxis - 1) c.dir[I] += (float) s.gd[kc];
						}
					}
				}
				rows[Z] = rb;
			}
		});
		finish(c, rows);
		return c;
	}

	private static void link(RowBuilder rb, Level c, int I, int J, float g) {
		if (I == J) return;
		rb.add(I, J, g);
	}

	/** Compacts the slabs' rows into the level's sparse rows; diagonal = Dirichlet part + the row's conductances. */
	private static void finish(Level c, RowBuilder[] rows) {
		int[] ptr = new int[c.n + 1];
		for (RowBuilder rb : rows)
			for (int r = 0; r < rb.n; r++) ptr[rb.base + r + 1] = rb.len[r];
		for (int i = 0; i < c.n; i++) ptr[i + 1] += ptr[i];
		int[] col = new int[ptr[c.n]];
		float[] val = new float[ptr[c.n]];
		for (int z = 0; z < rows.length; z++) {
			RowBuilder rb = rows[z];
			rows[z] = null; // free the slab's pool as soon as it is copied
			for (int r = 0; r < rb.n; r++) {
				int i = rb.base + r, o = ptr[i];
				for (int a = rb.head[r]; a >= 0; a = rb.next[a], o++) {
					col[o] = rb.col[a];
					val[o] = rb.val[a];
				}
				float d = c.dir[i];
				for (int a = ptr[i]; a < ptr[i + 1]; a++) d += val[a];
				c.diag[i] = d;
			}
		}
		c.ptr = ptr;
		c.col = col;
		c.val = val;
	}

	/** Aggregates the level's cells inside 2x2x2 blocks of its blocks, joined by strong conductances. */
	private Level coarsen(Level f) {
		int bw = FineAggregates.half(f.bw), bh = FineAggregates.half(f.bh), bd = FineAggregates.half(f.bd), bwh = bw * bh, fwh = f.bw * f.bh;
		float[] maxOff = new float[f.n];
		for (int i = 0; i < f.n; i++)
			for (int a = f.ptr[i]; a < f.ptr[i + 1]; a++) maxOff[i] = Math.max(maxOff[i], f.val[a]);
		int[] owner = new int[f.n], lab = new int[f.n];
		int[] first = new int[bwh * bd + 1];
		Parallel.forEachBlock(bd, s.threads, (from, to) -> {
			for (int Z = from; Z < to; Z++)
				for (int Y = 0; Y < bh; Y++)
					for (int X = 0; X < bw; X++) {
						int S = Z * bwh + Y * bw + X;
						for (int q = 0; q < 8; q++) {
							int x = 2 * X + (q & 1), y = 2 * Y + (q >> 1 & 1), z = 2 * Z + (q >> 2);
							if (x >= f.bw || y >= f.bh || z >= f.bd) continue;
							int b = z * fwh + y * f.bw + x;
							for (int i = f.first[b]; i < f.first[b + 1]; i++) owner[i] = S;
						}
					}
		});
		Parallel.forEachBlock(bd, s.threads, (from, to) -> {
			int[] cells = new int[64];
			for (int Z = from; Z < to; Z++)
				for (int Y = 0; Y < bh; Y++)
					for (int X = 0; X < bw; X++) {
						int S = Z * bwh + Y * bw + X, m = 0;
						for (int q = 0; q < 8; q++) {
							int x = 2 * X + (q & 1), y = 2 * Y + (q >> 1 & 1), z = 2 * Z + (q >> 2);
							if (x >= f.bw || y >= f.bh || z >= f.bd) continue;
							int b = z * fwh + y * f.bw + x;
							for (int i = f.first[b]; i < f.first[b + 1]; i++) {
								if (m == cells.length) cells = Arrays.copyOf(cells, 2 * m);
								cells[m++] = i;
							}
						}
						first[S + 1] = label(f, cells, m, owner, S, maxOff, lab);
					}
		});
		for (int S = 0; S < bwh * bd; S++) first[S + 1] += first[S];
		Level c = new Level(first[bwh * bd], bw, bh, bd, first);
		int[] parent = new int[f.n];
		for (int i = 0; i < f.n; i++) parent[i] = first[owner[i]] + lab[i];
		f.parent = parent;
		RowBuilder[] rows = new RowBuilder[bd];
		Parallel.forEachBlock(bd, s.threads, (from, to) -> {
			for (int Z = from; Z < to; Z++) {
				int base = first[Z * bwh];
				RowBuilder rb = new RowBuilder(base, first[(Z + 1) * bwh] - base);
				int c0 = f.first[Math.min(2 * Z, f.bd) * fwh], c1 = f.first[Math.min(2 * Z + 2, f.bd) * fwh];
				for (int i = c0; i < c1; i++) {
					int I = parent[i];
					c.dir[I] += f.dir[i];
					for (int a = f.ptr[i]; a < f.ptr[i + 1]; a++) link(rb, c, I, parent[f.col[a]], f.val[a]);
				}
				rows[Z] = rb;
			}
		});
		finish(c, rows);
		return c;
	}

	/** Connected components of the cells of one block (strong conductances only), numbered in cell order into lab. */
	private static int label(Level f, int[] cells, int m, int[] owner, int S, float[] maxOff, int[] lab) {
		for (int a = 0; a < m; a++) lab[cells[a]] = a;
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int a = 0; a < m; a++) {
				int i = cells[a];
				for (int e = f.ptr[i]; e < f.ptr[i + 1]; e++) {
					int j = f.col[e];
					if (owner[j] != S || lab[j] == lab[i]) continue;
					if (f.val[e] < THETA_C * Math.sqrt((double) maxOff[i] * maxOff[j])) continue;
					int mn = Math.min(lab[i], lab[j]);
					lab[i] = lab[j] = mn;
					changed = true;
				}
			}
		}
		int count = 0;
		int[] map = new int[m];
		Arrays.fill(map, -1);
		for (int a = 0; a < m; a++) {
			int i = cells[a], r = lab[i];
			if (map[r] < 0) map[r] = count++;
			lab[i] = map[r];
		}
		return count;
	}

	private void factorCoarsest(Level l) {
		int m = l.n;
		double[] a = new double[m * m];
		for (int i = 0; i < m; i++) {
			a[i * m + i] = l.diag[i];
			for (int e = l.ptr[i]; e < l.ptr[i + 1]; e++) a[i * m + l.col[e]] -= l.val[e];
		}
		for (int j = 0; j < m; j++) {
			double sum = a[j * m + j];
			for (int k = 0; k < j; k++) sum -= a[j * m + k] * a[j * m + k];
			double djj = Math.sqrt(Math.max(sum, 1e-300));
			a[j * m + j] = djj;
			for (int i = j + 1; i < m; i++) {
				double v = a[i * m + j];
				for (int k = 0; k < j; k++) v -= a[i * m + k] * a[j * m + k];
				a[i * m + j] = v / djj;
			}
		}
		chol = a;
	}

	private void solveCoarsest(Level l) {
		int m = l.n;
		double[] y = new double[m];
		for (int i = 0; i < m; i++) {
			double v = l.b[i];
			for (int k = 0; k < i; k++) v -= chol[i * m + k] * y[k];
			y[i] = v / chol[i * m + i];
		}
		for (int i = m - 1; i >= 0; i--) {
			double v = y[i];
			for (int k = i + 1; k < m; k++) v -= chol[k * m + i] * y[k];
			y[i] = v / chol[i * m + i];
		}
		for (int i = 0; i < m; i++) l.x[i] = (float) y[i];
	}

	static long T_FINE, T_COARSE;

	static long bytes(int w, int h, int d, long n) {
		return FineAggregates.bytes(w, h, d, n) + 16 * n;
	}

	@Override
	public void apply(float[] r, float[] out) {
		long t0 = System.nanoTime();
		Level c = levels.get(0);
		// pre-smoothing from 0: red voxels r / D (computed in the window), then the black ones
		ConductionSystem.SliceValues red = (z, ix, o) -> {
			for (int y = 0, i = 0; y < s.h; y++)
				for (int x = 0; x < s.w; x++, i++) {
					int k = ix[i];
					o[i] = k == s.n || ((x + y + z) & 1) != 0 ? 0 : r[k] / s.diag(k);
				}
		};
		s.sweepAll(ConductionSystem.GS_BLACK, red, out, r, 1, null);
		int bwh = fa.bw * fa.bh;
		Parallel.forEachBlock(fa.bd, s.threads, (from, to) -> {
			ConductionSystem.Dense t = s.new Dense(s.new Window(), s.of(out));
			for (int Z = from; Z < to; Z++) {
				Arrays.fill(c.b, fa.first[Z * bwh], fa.first[(Z + 1) * bwh], 0f);
				for (int z = 2 * Z; z < Math.min(s.d, 2 * Z + 2); z++)
					s.sweep(ConductionSystem.RESTRICT_AGG, z, t, null, r, 0, c.b, 0, 0, fa);
			}
		});
		Arrays.fill(c.x, 0f);
		long t1 = System.nanoTime();
		for (int g = 0; g < GAMMA; g++) cycle(0);
		long t2 = System.nanoTime();
		T_COARSE += t2 - t1;
		T_FINE -= t2 - t1;
		float alpha = ALPHA;
		Parallel.forEachBlock(s.d, s.threads, (from, to) -> {
			ConductionSystem.Window win = s.new Window();
			for (int z = from; z < to; z++) {
				int[] ix = win.slice(z);
				for (int y = 0, i = 0; y < s.h; y++) {
					int row = fa.row(y, z);
					for (int x = 0; x < s.w; x++, i++) {
						int k = ix[i];
						if (k != s.n) out[k] += alpha * c.x[fa.of(row, x, k)];
					}
				}
			}
		});
		s.sweepAll(ConductionSystem.GS_BLACK, s.of(out), out, r, 1, null);
		s.sweepAll(ConductionSystem.GS_RED, s.of(out), out, r, 1, null);
		T_FINE += System.nanoTime() - t0;
	}

	/** One cycle on level li from its current x (W-cycle: GAMMA cycles on the next level). */
	private void cycle(int li) {
		Level l = levels.get(li);
		if (li == levels.size() - 1) {
			solveCoarsest(l);
			return;
		}
		gaussSeidel(l, true);
		Level c = levels.get(li + 1);
		Arrays.fill(c.b, 0f);
		for (int i = 0; i < l.n; i++) {
			float v = l.b[i] - l.diag[i] * l.x[i];
			for (int e = l.ptr[i]; e < l.ptr[i + 1]; e++) v += l.val[e] * l.x[l.col[e]];
			c.b[l.parent[i]] += v;
		}
		Arrays.fill(c.x, 0f);
		for (int g = 0; g < GAMMA; g++) cycle(li + 1);
		for (int i = 0; i < l.n; i++) l.x[i] += ALPHA * c.x[l.parent[i]];
		gaussSeidel(l, false);
	}

	private static void gaussSeidel(Level l, boolean forward) {
		for (int t = 0; t < l.n; t++) {
			int i = forward ? t : l.n - 1 - t;
			float v = l.b[i];
			for (int e = l.ptr[i]; e < l.ptr[i + 1]; e++) v += l.val[e] * l.x[l.col[e]];
			l.x[i] = v / l.diag[i];
		}
	}
}
