package org.cathodej.tortuosity;

import java.util.ArrayList;
import java.util.List;

import org.cathodej.task.Parallel;

/**
 * Aggregation multigrid V-cycle used as the preconditioner of the conjugate gradients. Coarse levels aggregate
 * 2x2x2 blocks with piecewise-constant interpolation, so every coarse operator (Galerkin, P^T A P) is again a
 * 7-point conductance stencil on a grid of half the size: the conductance between two blocks is the sum of the fine
 * face conductances between them. Smoothers: damped Jacobi on the fine level (one step before and one after the coarse
 * correction), red-black Gauss-Seidel on the coarse levels (red then black before, black then red after), so the
 * cycle is symmetric; the coarse correction is scaled by {@link #OVER_CORRECTION}
 * (piecewise-constant aggregation makes the Galerkin operator too stiff); the coarsest level is solved exactly
 * (Cholesky).
 */
final class Multigrid implements Preconditioner {

	static final float OVER_CORRECTION = 1.6f;
	static final int COARSEST = 512;

	/**
	 * A dense coarse level: conductances to the +x, +y, +z neighbour, solution and right-hand side. The diagonal is
	 * summed on the fly ({@link #diag}); the Dirichlet conductances, dense while the levels are built, are then kept
	 * only on the two faces normal to the axis.
	 */
	static final class Level {
		final int w, h, d, axis, nAxis;
		final float[] cx, cy, cz, x, b;
		float[] dir, dirFirst, dirLast;

		Level(int w, int h, int d, int axis) {
			this.w = w;
			this.h = h;
			this.d = d;
			this.axis = axis;
			this.nAxis = ConductionClasses.extent(w, h, d, axis);
			int n = w * h * d;
			cx = new float[n];
			cy = new float[n];
			cz = new float[n];
			dir = new float[n];
			x = new float[n];
			b = new float[n];
		}

		private int face(int xx, int y, int z) {
			return axis == 0 ? z * h + y : axis == 1 ? z * w + xx : y * w + xx;
		}

		/** Keeps the Dirichlet conductances of the first and last layer along the axis only. */
		void compactDirichlet() {
			int faces = axis == 0 ? h * d : axis == 1 ? w * d : w * h;
			dirFirst = new float[faces];
			dirLast = new float[faces];
			int wh = w * h;
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int xx = 0; xx < w; xx++) {
						int a = axis == 0 ? xx : axis == 1 ? y : z, i = z * wh + y * w + xx;
						if (a == 0) dirFirst[face(xx, y, z)] = dir[i];
						else if (a == nAxis - 1) dirLast[face(xx, y, z)] = dir[i];
					}
			dir = null;
		}

		/** Diagonal of cell i = (xx, y, z): its Dirichlet and face conductances (0 for a cell outside the system). */
		float diag(int i, int xx, int y, int z) {
			int a = axis == 0 ? xx : axis == 1 ? y : z;
			float s = (dir != null ? dir[i] : a == 0 ? dirFirst[face(xx, y, z)] : a == nAxis - 1 ? dirLast[face(xx, y, z)] : 0) + cx[i] + cy[i]
				+ cz[i];
			if (xx > 0) s += cx[i - 1];
			if (y > 0) s += cy[i - w];
			if (z > 0) s += cz[i - w * h];
			return s;
		}
	}

	final ConductionSystem s;
	final List<Level> levels = new ArrayList<>();
	private double[] chol; // coarsest level, Cholesky factor (row-major lower)
	private int[] cholMap;
	final int threads;

	/**
	 * Bytes the levels keep while solving: five floats per coarse voxel (20/8 + 20/64 + ... = 2.9 per fine voxel) plus
	 * the coarsest level's dense Cholesky factor; the dense Dirichlet floats exist only while the levels are built,
	 * before the vectors of the conjugate gradients.
	 */
	static long bytes(int w, int h, int d) {
		long b = 0, n;
		do {
			w = half(w);
			h = half(h);
			d = half(d);
			n = (long) w * h * d;
			b += 20 * n + 8 * (w * h + h * d + w * d);
		} while (n > COARSEST);
		return b + 8 * n * n;
	}

	Multigrid(ConductionSystem s) {
		this.s = s;
		this.threads = s.threads;
		Level l = fromFine();
		levels.add(l);
		while ((long) l.w * l.h * l.d > COARSEST) {
			l = coarsen(l);
			levels.add(l);
		}
		factorCoarsest(l);
		for (Level lv : levels) lv.compactDirichlet();
	}

	private static int half(int n) {
		return (n + 1) / 2;
	}

	private Level fromFine() {
		int w = s.w, h = s.h, d = s.d, k1 = s.k1;
		Level c = new Level(half(w), half(h), half(d), s.axis);
		int cw = c.w, cwh = c.w * c.h;
		float[] gx = s.g[0], gy = s.g[1], gz = s.g[2];
		Parallel.forEach(c.d, threads, Z -> {
			for (int z = 2 * Z; z < Math.min(d, 2 * Z + 2); z++) {
				byte[] cl = s.v.cls[z], ch = z < d - 1 ? s.v.cls[z + 1] : null;
				for (int y = 0, i = 0; y < h; y++)
					for (int x = 0; x < w; x++, i++) {
						if (ConductionSystem.in(cl[i]) == 0) continue;
						int C = Z * cwh + (y >> 1) * cw + (x >> 1), kc = ConductionSystem.cls(cl[i]), ck = kc * k1;
						if ((x & 1) == 1 && x < w - 1 && ConductionSystem.in(cl[i + 1]) != 0) c.cx[C] += gx[ck + ConductionSystem.cls(cl[i + 1])];
						if ((y & 1) == 1 && y < h - 1 && ConductionSystem.in(cl[i + w]) != 0) c.cy[C] += gy[ck + ConductionSystem.cls(cl[i + w])];
						if ((z & 1) == 1 && ch != null && ConductionSystem.in(ch[i]) != 0) c.cz[C] += gz[ck + ConductionSystem.cls(ch[i])];
						int a = s.coord(x, y, z);
						if (a == 0) c.dir[C] += (float) s.gd[kc];
						if (a == s.nAxis - 1) c.dir[C] += (float) s.gd[kc];
					}
			}
		});
		return c;
	}

	private Level coarsen(Level f) {
		Level c = new Level(half(f.w), half(f.h), half(f.d), f.axis);
		int fw = f.w, fwh = f.w * f.h, cw = c.w, cwh = c.w * c.h;
		Parallel.forEach(c.d, threads, Z -> {
			for (int Y = 0; Y < c.h; Y++)
				for (int X = 0; X < c.w; X++) {
					int C = Z * cwh + Y * cw + X;
					float sx = 0, sy = 0, sz = 0, sd = 0;
					for (int z = 2 * Z; z < Math.min(f.d, 2 * Z + 2); z++)
						for (int y = 2 * Y; y < Math.min(f.h, 2 * Y + 2); y++)
							for (int x = 2 * X; x < Math.min(fw, 2 * X + 2); x++) {
								int i = z * fwh + y * fw + x;
								sd += f.dir[i];
								if ((x & 1) == 1) sx += f.cx[i];
								if ((y & 1) == 1) sy += f.cy[i];
								if ((z & 1) == 1) sz += f.cz[i];
							}
					c.cx[C] = sx;
					c.cy[C] = sy;
					c.cz[C] = sz;
					c.dir[C] = sd;
				}
		});
		return c;
	}

	private void factorCoarsest(Level l) {
		int n = l.w * l.h * l.d, wh = l.w * l.h;
		cholMap = new int[n];
		int m = 0;
		float[] dg = new float[n];
		for (int i = 0; i < n; i++) {
			dg[i] = l.diag(i, i % l.w, i / l.w % l.h, i / wh);
			cholMap[i] = dg[i] > 0 ? m++ : -1;
		}
		double[] a = new double[m * m];
		for (int i = 0; i < n; i++) {
			int p = cholMap[i];
			if (p < 0) continue;
			a[p * m + p] = dg[i];
			int x = i % l.w;
			int[] nb = { x < l.w - 1 ? i + 1 : -1, i + l.w < n && (i % wh) / l.w < l.h - 1 ? i + l.w : -1, i + wh < n ? i + wh : -1 };
			float[] g = { l.cx[i], l.cy[i], l.cz[i] };
			for (int b = 0; b < 3; b++) {
				if (nb[b] < 0 || g[b] == 0) continue;
				int q = cholMap[nb[b]];
				if (q < 0) continue;
				a[p * m + q] -= g[b];
				a[q * m + p] -= g[b];
			}
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
		int n = l.w * l.h * l.d, m = (int) Math.round(Math.sqrt(chol.length));
		double[] y = new double[m];
		for (int i = 0; i < n; i++)
			if (cholMap[i] >= 0) y[cholMap[i]] = l.b[i];
		for (int i = 0; i < m; i++) {
			double v = y[i];
			for (int k = 0; k < i; k++) v -= chol[i * m + k] * y[k];
			y[i] = v / chol[i * m + i];
		}
		for (int i = m - 1; i >= 0; i--) {
			double v = y[i];
			for (int k = i + 1; k < m; k++) v -= chol[k * m + i] * y[k];
			y[i] = v / chol[i * m + i];
		}
		for (int i = 0; i < n; i++) l.x[i] = cholMap[i] >= 0 ? (float) y[cholMap[i]] : 0;
	}

	/** Fine-level smoother: damped Jacobi, one step before and one after the coarse correction. */
	static final float OMEGA = 0.8f;

	/**
	 * out = M^-1 r: one V-cycle from 0. The fine smoother's intermediate vectors (z = omega D^-1 r and
	 * z + P x_coarse) are not stored: each thread recomputes them slice by slice in its window ({@link ConductionSystem.Dense}).
	 */
	@Override
	public void apply(float[] r, float[] out) {
		Level c = levels.get(0);
		int cw = c.w, cwh = c.w * c.h, n = s.n, w = s.w, h = s.h;
		float om = OMEGA;
		byte[] code = s.code;
		float[] dt = s.diagByCode, dgv = s.diagonal;
		ConductionSystem.SliceValues pre = (zz, ix, o) -> {
			for (int i = 0; i < o.length; i++) {
				int k = ix[i];
				o[i] = k == n ? 0 : om * r[k] / (code != null ? dt[code[k]] : dgv[k]);
			}
		};
		// restrict the residual of the pre-smoothed z
		Parallel.forEachBlock(c.d, threads, (from, to) -> {
			ConductionSystem.Dense t = s.new Dense(s.new Window(), pre);
			for (int Z = from; Z < to; Z++) {
				java.util.Arrays.fill(c.b, Z * cwh, (Z + 1) * cwh, 0f);
				for (int zz = 2 * Z; zz < Math.min(s.d, 2 * Z + 2); zz++)
					s.sweep(ConductionSystem.RESTRICT, zz, t, null, r, 0, c.b, Z * cwh, cw);
			}
		});
		cycle(0);
		// prolong, then post-smooth
		ConductionSystem.SliceValues prolonged = (zz, ix, o) -> {
			int base = (zz >> 1) * cwh;
			for (int y = 0, i = 0; y < h; y++) {
				int row = base + (y >> 1) * cw;
				for (int x = 0; x < w; x++, i++) {
					int k = ix[i];
					o[i] = k == n ? 0 : om * r[k] / (code != null ? dt[code[k]] : dgv[k]) + OVER_CORRECTION * c.x[row + (x >> 1)];
				}
			}
		};
		s.sweepAll(ConductionSystem.SMOOTH, prolonged, out, r, om, null);
	}

	private void cycle(int li) {
		Level l = levels.get(li);
		if (li == levels.size() - 1) {
			solveCoarsest(l);
			return;
		}
		java.util.Arrays.fill(l.x, 0f);
		smooth(l, 0);
		smooth(l, 1);
		Level c = levels.get(li + 1);
		restrict(l, c);
		cycle(li + 1);
		int wh = l.w * l.h, cwh = c.w * c.h;
		Parallel.forEach(l.d, threads, z -> {
			for (int y = 0; y < l.h; y++)
				for (int x = 0; x < l.w; x++)
					if (l.diag(z * wh + y * l.w + x, x, y, z) > 0) l.x[z * wh + y * l.w + x] += OVER_CORRECTION * c.x[(z >> 1) * cwh + (y >> 1) * c.w + (x >> 1)];
		});
		smooth(l, 1);
		smooth(l, 0);
	}

	private void smooth(Level l, int colour) {
		int w = l.w, h = l.h, wh = w * h;
		Parallel.forEach(l.d, threads, z -> {
			for (int y = 0; y < h; y++)
				for (int x = (y + z + colour) & 1; x < w; x += 2) {
					int i = z * wh + y * w + x;
					float dg = l.diag(i, x, y, z);
					if (dg <= 0) continue;
					float v = l.b[i] + l.cx[i] * (x < w - 1 ? l.x[i + 1] : 0) + l.cy[i] * (y < h - 1 ? l.x[i + w] : 0)
						+ l.cz[i] * (z < l.d - 1 ? l.x[i + wh] : 0);
					if (x > 0) v += l.cx[i - 1] * l.x[i - 1];
					if (y > 0) v += l.cy[i - w] * l.x[i - w];
					if (z > 0) v += l.cz[i - wh] * l.x[i - wh];
					l.x[i] = v / dg;
				}
		});
	}

	private void restrict(Level f, Level c) {
		int w = f.w, h = f.h, wh = w * h, cwh = c.w * c.h;
		Parallel.forEach(c.d, threads, Z -> {
			java.util.Arrays.fill(c.b, Z * cwh, (Z + 1) * cwh, 0f);
			for (int z = 2 * Z; z < Math.min(f.d, 2 * Z + 2); z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						int i = z * wh + y * w + x;
						float dg = f.diag(i, x, y, z);
						if (dg <= 0) continue;
						float v = f.b[i] - dg * f.x[i] + f.cx[i] * (x < w - 1 ? f.x[i + 1] : 0) + f.cy[i] * (y < h - 1 ? f.x[i + w] : 0)
							+ f.cz[i] * (z < f.d - 1 ? f.x[i + wh] : 0);
						if (x > 0) v += f.cx[i - 1] * f.x[i - 1];
						if (y > 0) v += f.cy[i - w] * f.x[i - w];
						if (z > 0) v += f.cz[i - wh] * f.x[i - wh];
						c.b[Z * cwh + (y >> 1) * c.w + (x >> 1)] += v;
					}
		});
	}
}
