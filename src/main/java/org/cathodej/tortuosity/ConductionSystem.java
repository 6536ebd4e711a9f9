package org.cathodej.tortuosity;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

/**
 * The finite-volume conduction system on the spanning conducting voxels, indexed compactly (raster order z, y, x).
 * Face conductance between face neighbours = harmonic mean of their conductivities x face area / voxel spacing;
 * the two faces normal to the axis carry fixed potentials 1 (inlet, coordinate 0) and 0 (outlet) on the volume's
 * outer face, i.e. half a voxel from the centres of the first and last layer (conductance 2 sigma A / d); the other
 * faces carry no flux. The unknown is the deviation {@code e} from the linear potential
 * {@code x0(s) = 1 - (s + 1/2) / N}, which keeps float precision where it matters.
 * <p>
 * Memory: no per-voxel index. The class volume (with this axis' spanning marks) says which voxels are in the system
 * and their class; only the compact index of each slice's first system voxel is stored, and each thread recomputes
 * the indices of the three slices it works on ({@link Window}). For one conducting class the diagonal is a byte
 * code (neighbour counts) per voxel.
 */
final class ConductionSystem {

	final int w, h, d, axis, nAxis, threads;
	/** The class volume: which voxels are in the system (both spanning bits) and their class. */
	final ConductionClasses v;
	/** First compact index of each slice; offset[d] = n. The only index the system stores. */
	final int[] offset;
	final int n;
	/** Face conductances per class pair (k1 * k + k2) along x, y, z; Dirichlet conductance per class. */
	final float[][] g = new float[3][];
	final double[] gd;
	final int k1;
	/**
	 * The diagonal: for one conducting class a code per voxel (27 nx + 9 ny + 3 nz + Dirichlet faces, n. = number
	 * of neighbours along x, y, z) into {@link #diagByCode}, else a float per voxel. Read it with {@link #diag(int)}.
	 */
	final byte[] code;
	final float[] diagByCode, diagonal;
	/** Compact indices of the inlet and outlet layer and their classes. */
	final int[] inlet, outlet;
	private final byte[] inletClass, outletClass;
	final VoxelSize vs;

	/**
	 * Bytes a solve allocates besides the class volume, at its peak: per spanning voxel the diagonal (a byte code for
	 * one conducting class, else a float), and the larger of (a) while the preconditioner is built, its build peak,
	 * and (b) while solving, four float vectors of the conjugate gradients per spanning voxel and the coarse levels;
	 * and per thread the sliding windows (up to {@link AggregationMultigrid#WINDOW} slices of indices and seven of
	 * values).
	 */
	static long solverBytes(int w, int h, int d, VoxelSize vs, long spanning, int conductingClasses, FluxTortuosity.Preconditioning pre, int threads) {
		long diagonal = (conductingClasses == 1 ? 1 : 4) * spanning;
		long levels = pre == FluxTortuosity.Preconditioning.BLOCKS ? Multigrid.bytes(w, h, d)
			: pre == FluxTortuosity.Preconditioning.AGGREGATION ? AggregationMultigrid.estimateBytes(w, h, d, spanning, vs, conductingClasses) : 0;
		long build = pre == FluxTortuosity.Preconditioning.AGGREGATION ? AggregationMultigrid.estimateBuildBytes(w, h, d, spanning, vs, conductingClasses) : levels;
		long windows = 4L * w * h * (AggregationMultigrid.WINDOW + 7) * threads;
		return diagonal + Math.max(build, 16 * spanning + levels) + windows + 4L * (d + 1);
	}

	/** Sweep modes, see {@link #sweep}. */
	static final int APPLY = 0, SMOOTH = 1, RESTRICT = 2, GS_RED = 3, GS_BLACK = 4;

	ConductionSystem(ConductionClasses v, double[] sigma, VoxelSize vs, int axis, long spanning, int threads, Progress progress) {
		this.v = v;
		this.w = v.w;
		this.h = v.h;
		this.d = v.d;
		this.axis = axis;
		this.nAxis = v.extent(axis);
		// thread start-up costs more than it saves on small systems
		this.threads = spanning < (1 << 15) ? 1 : threads;
		this.vs = vs;
		if (spanning > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("More than 2^31 spanning voxels: crop or bin the volume");
		this.n = (int) spanning;
		k1 = sigma.length;
		for (int b = 0; b < 3; b++) {
			double f = vs.faceArea(b) / vs.along(b);
			g[b] = new float[k1 * k1];
			for (int p = 1; p < k1; p++)
				for (int q = 1; q < k1; q++)
					g[b][p * k1 + q] = (float) (f * 2 * sigma[p] * sigma[q] / (sigma[p] + sigma[q]));
		}
		gd = new double[k1];
		for (int p = 1; p < k1; p++) gd[p] = 2 * sigma[p] * vs.faceArea(axis) / vs.along(axis);
		offset = new int[d + 1];
		Parallel.forEach(d, threads, z -> {
			int cnt = 0;
			for (byte b : v.cls[z]) cnt += in(b);
			offset[z + 1] = cnt;
		});
		for (int z = 0; z < d; z++) offset[z + 1] += offset[z];
		if (offset[d] != n) throw new IllegalStateException("spanning count " + n + " != " + offset[d]);
		inletClass = new byte[layerSize(0)];
		inlet = layer(0, inletClass);
		outletClass = new byte[layerSize(nAxis - 1)];
		outlet = layer(nAxis - 1, outletClass);
		code = k1 == 2 ? new byte[n] : null;
		diagonal = k1 == 2 ? null : new float[n];
		diagByCode = new float[81];
		if (k1 == 2)
			for (int a = 0; a < 81; a++) {
				// summed in the order x-, x+, y-, y+, z-, z+, inlet, outlet, as for several classes
				double sum = 0;
				for (int b = 0; b < a / 27; b++) sum += g[0][3];
				for (int b = 0; b < a / 9 % 3; b++) sum += g[1][3];
				for (int b = 0; b < a / 3 % 3; b++) sum += g[2][3];
				for (int b = 0; b < a % 3; b++) sum += gd[1];
				diagByCode[a] = (float) sum;
			}
		Parallel.forEachBlock(d, threads, (from, to) -> {
			Window win = new Window();
			for (int z = from; z < to; z++) diagonal(z, win);
		});
		progress.report(1, "System built");
	}

	/** 1 if the class byte marks a voxel of the system (reached from both faces), else 0. */
	static int in(byte b) {
		return ((b & ConductionClasses.SPANNING) + ConductionClasses.FROM_INLET) >> 8;
	}

	static int cls(byte b) {
		return b & ConductionClasses.CLASS_MASK;
	}

	/**
	 * Compact indices of three consecutive slices (n: not in the system), recomputed from the class volume as one
	 * thread slides along z; {@link #slice} returns null outside the volume. 12 w h bytes per thread.
	 */
	final class Window {
		private final int[][] buf;
		private final int[] at;

		Window() {
			this(3);
		}

		/** A window of {@code depth} slices, for chained {@link Dense} windows that read ahead of each other. */
		Window(int depth) {
			buf = new int[depth][];
			at = new int[depth];
			java.util.Arrays.fill(at, -1);
		}

		int[] slice(int z) {
			if (z < 0 || z >= d) return null;
			int b = z % buf.length;
			if (at[b] != z) {
				if (buf[b] == null) buf[b] = new int[w * h];
				int[] out = buf[b];
				byte[] c = v.cls[z];
				int k = offset[z];
				for (int i = 0; i < out.length; i++) {
					int m = in(c[i]);
					out[i] = (k & -m) | (n & (m - 1));
					k += m;
				}
				at[b] = z;
			}
			return buf[b];
		}
	}

	/** Values of one slice for a {@link Dense} window: out[i] for the voxel i of slice z whose compact index is ix[i]. */
	interface SliceValues {
		void fill(int z, int[] ix, float[] out);
	}

	/**
	 * Three consecutive slices of values laid out densely (w h floats, 0 outside the system), computed by one thread
	 * as it slides along z: the sweeps read neighbours there without index look-ups or tests, and values derived
	 * from a compact vector (the smoother's intermediate vectors) need no vector of their own. 12 w h bytes per thread.
	 */
	final class Dense {
		final Window win;
		private final SliceValues values;
		private final float[][] buf = new float[3][];
		private final int[] at = { -1, -1, -1 };

		Dense(Window win, SliceValues values) {
			this.win = win;
			this.values = values;
		}

		float[] slice(int z) {
			if (z < 0 || z >= d) return null;
			int b = z % 3;
			if (at[b] != z) {
				if (buf[b] == null) buf[b] = new float[w * h];
				values.fill(z, win.slice(z), buf[b]);
				at[b] = z;
			}
			return buf[b];
		}
	}

	/** A compact vector as {@link SliceValues}. */
	SliceValues of(float[] vec) {
		return (z, ix, out) -> {
			for (int i = 0; i < out.length; i++) {
				int k = ix[i];
				out[i] = k == n ? 0 : vec[k];
			}
		};
	}

	/** Runs one {@link #sweep} per slice on the system's threads, each sliding its own window; dots per slice into part. */
	void sweepAll(int mode, SliceValues in, float[] out, float[] r, float om, double[] part) {
		Parallel.forEachBlock(d, threads, (from, to) -> {
			Dense t = new Dense(new Window(), in);
			for (int z = from; z < to; z++) {
				if (mode != APPLY) sweep(mode, z, t, out, r, om, null, 0, 0);
				else if (part != null) part[z] = applySlice(z, t, out);
				else applySlice(z, t, out);
			}
		});
	}

	int coord(int x, int y, int z) {
		return axis == 0 ? x : axis == 1 ? y : z;
	}

	/** Linear start potential of layer s. */
	double x0(int s) {
		return 1 - (s + 0.5) / nAxis;
	}

	private int layerSize(int s) {
		int count = 0;
		for (int z = 0; z < d; z++) {
			byte[] c = v.cls[z];
			for (int y = 0, i = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++)
					if (coord(x, y, z) == s) count += in(c[i]);
		}
		return count;
	}

	private int[] layer(int s, byte[] classes) {
		int[] l = new int[classes.length];
		int count = 0;
		for (int z = 0; z < d; z++) {
			byte[] c = v.cls[z];
			int k = offset[z];
			for (int y = 0, i = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++) {
					if (in(c[i]) == 0) continue;
					if (coord(x, y, z) == s) {
						classes[count] = (byte) cls(c[i]);
						l[count++] = k;
					}
					k++;
				}
		}
		return l;
	}

	/** Diagonal of voxel k. */
	float diag(int k) {
		return code != null ? diagByCode[code[k]] : diagonal[k];
	}

	private void diagonal(int z, Window win) {
		int[] ix = win.slice(z), lo = win.slice(z - 1), hi = win.slice(z + 1);
		byte[] c = v.cls[z], cl = z > 0 ? v.cls[z - 1] : null, ch = z < d - 1 ? v.cls[z + 1] : null;
		float[] gx = g[0], gy = g[1], gz = g[2];
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int k = ix[i];
				if (k == n) continue;
				int co = coord(x, y, z), faces = (co == 0 ? 1 : 0) + (co == nAxis - 1 ? 1 : 0);
				boolean xl = x > 0 && ix[i - 1] != n, xh = x < w - 1 && ix[i + 1] != n, yl = y > 0 && ix[i - w] != n,
					yh = y < h - 1 && ix[i + w] != n, zl = lo != null && lo[i] != n, zh = hi != null && hi[i] != n;
				if (code != null) {
					code[k] = (byte) (faces + 27 * ((xl ? 1 : 0) + (xh ? 1 : 0)) + 9 * ((yl ? 1 : 0) + (yh ? 1 : 0))
						+ 3 * ((zl ? 1 : 0) + (zh ? 1 : 0)));
					continue;
				}
				int kc = cls(c[i]), ck = kc * k1;
				double s = 0;
				if (xl) s += gx[ck + cls(c[i - 1])];
				if (xh) s += gx[ck + cls(c[i + 1])];
				if (yl) s += gy[ck + cls(c[i - w])];
				if (yh) s += gy[ck + cls(c[i + w])];
				if (zl) s += gz[ck + cls(cl[i])];
				if (zh) s += gz[ck + cls(ch[i])];
				for (int a = 0; a < faces; a++) s += gd[kc];
				diagonal[k] = (float) s;
			}
	}

	/**
	 * Gauss-Seidel on the voxels of one colour of slice z ((x + y + z) even = red = 0) into the dense slice o:
	 * o = (r + the neighbours' share of t) / D there, o = t on the other colour, 0 outside the system. The same
	 * arithmetic as {@link #sweep} in the GS modes, so chained {@link Dense} windows can run several half-sweeps in
	 * one pass over the volume.
	 */
	void gsSlice(int colour, int z, Dense t, float[] r, float[] o) {
		float[] tl = t.slice(z - 1), tc = t.slice(z), th = t.slice(z + 1);
		int[] ix = t.win.slice(z);
		byte[] c = v.cls[z], cl = z > 0 ? v.cls[z - 1] : null, ch = z < d - 1 ? v.cls[z + 1] : null;
		float cx = g[0][3], cy = g[1][3], cz = g[2][3];
		// the other colour and the absent voxels (0 in t) keep t; then only every second voxel of a row
		System.arraycopy(tc, 0, o, 0, o.length);
		for (int y = 0; y < h; y++) {
			boolean yl = y > 0, yh = y < h - 1;
			for (int x = (y + z + colour) & 1, i = y * w + x; x < w; x += 2, i += 2) {
				int k = ix[i];
				if (k == n) continue;
				if (code != null) {
					float sx = (x > 0 ? tc[i - 1] : 0) + (x < w - 1 ? tc[i + 1] : 0), sy = (yl ? tc[i - w] : 0) + (yh ? tc[i + w] : 0);
					float sz = (tl != null ? tl[i] : 0) + (th != null ? th[i] : 0);
					o[i] = (r[k] + cx * sx + cy * sy + cz * sz) / diagByCode[code[k]];
					continue;
				}
				o[i] = (r[k] + neighbourShare(i, x, y, c, cl, ch, tl, tc, th)) / diagonal[k];
			}
		}
	}

	/**
	 * Several classes: sum over the face neighbours of voxel i (column x, row y of a slice with classes c, the
	 * slices below and above cl, ch) of their conductance times their value in the dense slices tl, tc, th (null
	 * outside the volume). Absent neighbours hold 0 there, so only the volume's edges need tests.
	 */
	private float neighbourShare(int i, int x, int y, byte[] c, byte[] cl, byte[] ch, float[] tl, float[] tc, float[] th) {
		float[] gx = g[0], gy = g[1], gz = g[2];
		int ck = cls(c[i]) * k1;
		float m = 0;
		if (x > 0) m += gx[ck + cls(c[i - 1])] * tc[i - 1];
		if (x < w - 1) m += gx[ck + cls(c[i + 1])] * tc[i + 1];
		if (y > 0) m += gy[ck + cls(c[i - w])] * tc[i - w];
		if (y < h - 1) m += gy[ck + cls(c[i + w])] * tc[i + w];
		if (tl != null) m += gz[ck + cls(cl[i])] * tl[i];
		if (th != null) m += gz[ck + cls(ch[i])] * th[i];
		return m;
	}

	/** out = A in; the sum of in * out per slice into part. */
	void apply(float[] in, float[] out, double[] part) {
		sweepAll(APPLY, of(in), out, null, 0, part);
	}

	/**
	 * One pass over slice z with the operator A, t being the values of the window:
	 * APPLY: see {@link #applySlice}; SMOOTH: out = t + om (r - A t) / D; RESTRICT: adds r - A t into the coarse
	 * vector cb at cbase + (y / 2) cw + x / 2; GS_RED, GS_BLACK: Gauss-Seidel on the voxels of one colour ((x + y + z) even = red),
	 * out = (r + the neighbours' share) / D there, out = t elsewhere: with out the vector behind t this is in place,
	 * as a colour only reads the other colour. Absent neighbours hold 0 in the window, and their conductance is 0 for
	 * several classes (insulating or not spanning), so only the volume's edges need tests.
	 */
	void sweep(int mode, int z, Dense t, float[] out, float[] r, float om, float[] cb, int cbase, int cw) {
		float[] tl = t.slice(z - 1), tc = t.slice(z), th = t.slice(z + 1);
		int[] ix = t.win.slice(z);
		byte[] c = v.cls[z], cl = z > 0 ? v.cls[z - 1] : null, ch = z < d - 1 ? v.cls[z + 1] : null;
		float[] dgv = diagonal, dt = diagByCode;
		byte[] cd = code;
		boolean single = k1 == 2;
		float cx = g[0][3], cy = g[1][3], cz = g[2][3];
		boolean gs = mode == GS_RED || mode == GS_BLACK;
		int colour = mode == GS_BLACK ? 1 : 0;
		for (int y = 0, i = 0; y < h; y++) {
			boolean yl = y > 0, yh = y < h - 1;
			int crow = cbase + (y >> 1) * cw;
			for (int x = 0; x < w; x++, i++) {
				int k = ix[i];
				if (k == n) continue;
				float vk = tc[i], o; // o = (A t)_k, in the operation order of the former code (same float results)
				if (gs && ((x + y + z) & 1) != colour) {
					out[k] = vk;
					continue;
				}
				float dgk = single ? dt[cd[k]] : dgv[k];
				if (single) {
					float sx = (x > 0 ? tc[i - 1] : 0) + (x < w - 1 ? tc[i + 1] : 0), sy = (yl ? tc[i - w] : 0) + (yh ? tc[i + w] : 0);
					float sz = (tl != null ? tl[i] : 0) + (th != null ? th[i] : 0);
					if (mode == RESTRICT) {
						cb[crow + (x >> 1)] += r[k] - dgk * vk + cx * sx + cy * sy + cz * sz;
						continue;
					}
					if (gs) {
						out[k] = (r[k] + cx * sx + cy * sy + cz * sz) / dgk;
						continue;
					}
					o = dgk * vk - cx * sx - cy * sy - cz * sz;
				} else {
					float m = neighbourShare(i, x, y, c, cl, ch, tl, tc, th);
					if (mode == RESTRICT) {
						cb[crow + (x >> 1)] += r[k] - dgk * vk + m;
						continue;
					}
					if (gs) {
						out[k] = (r[k] + m) / dgk;
						continue;
					}
					o = dgk * vk - m;
				}
				out[k] = vk + om * (r[k] - o) / dgk;
			}
		}
	}

	/** The APPLY mode of {@link #sweep}: out = A t on slice z, returns t . out (a loop of its own: the hot one of the conjugate gradients). */
	private double applySlice(int z, Dense t, float[] out) {
		float[] tl = t.slice(z - 1), tc = t.slice(z), th = t.slice(z + 1);
		int[] ix = t.win.slice(z);
		byte[] c = v.cls[z], cl = z > 0 ? v.cls[z - 1] : null, ch = z < d - 1 ? v.cls[z + 1] : null;
		float cx = g[0][3], cy = g[1][3], cz = g[2][3];
		double dot = 0;
		for (int y = 0, i = 0; y < h; y++) {
			boolean yl = y > 0, yh = y < h - 1;
			for (int x = 0; x < w; x++, i++) {
				int k = ix[i];
				if (k == n) continue;
				float vk = tc[i];
				if (code != null) {
					float sx = (x > 0 ? tc[i - 1] : 0) + (x < w - 1 ? tc[i + 1] : 0), sy = (yl ? tc[i - w] : 0) + (yh ? tc[i + w] : 0);
					float sz = (tl != null ? tl[i] : 0) + (th != null ? th[i] : 0);
					float o = diagByCode[code[k]] * vk - cx * sx - cy * sy - cz * sz;
					out[k] = o;
					dot += vk * o;
				} else {
					float o = diagonal[k] * vk - neighbourShare(i, x, y, c, cl, ch, tl, tc, th);
					out[k] = o;
					dot += (double) vk * o;
				}
			}
		}
		return dot;
	}

	/**
	 * The residual r - A t of the red voxels of slice z ((x + y + z) even; after a black Gauss-Seidel half-sweep the
	 * black ones' is 0) added into cb at cbase plus their aggregate ({@link FineAggregates#of}), in raster order.
	 */
	void restrictRed(int z, Dense t, float[] r, float[] cb, int cbase, FineAggregates agg) {
		float[] tl = t.slice(z - 1), tc = t.slice(z), th = t.slice(z + 1);
		int[] ix = t.win.slice(z);
		byte[] c = v.cls[z], cl = z > 0 ? v.cls[z - 1] : null, ch = z < d - 1 ? v.cls[z + 1] : null;
		float cx = g[0][3], cy = g[1][3], cz = g[2][3];
		for (int y = 0; y < h; y++) {
			boolean yl = y > 0, yh = y < h - 1;
			int arow = agg.row(y, z);
			for (int x = (y + z) & 1, i = y * w + x; x < w; x += 2, i += 2) {
				int k = ix[i];
				if (k == n) continue;
				float vk = tc[i];
				if (code != null) {
					float sx = (x > 0 ? tc[i - 1] : 0) + (x < w - 1 ? tc[i + 1] : 0), sy = (yl ? tc[i - w] : 0) + (yh ? tc[i + w] : 0);
					float sz = (tl != null ? tl[i] : 0) + (th != null ? th[i] : 0);
					cb[cbase + agg.of(arow, x, k)] += r[k] - diagByCode[code[k]] * vk + cx * sx + cy * sy + cz * sz;
				} else cb[cbase + agg.of(arow, x, k)] += r[k] - diagonal[k] * vk + neighbourShare(i, x, y, c, cl, ch, tl, tc, th);
			}
		}
	}

	/**
	 * r = b - A (x0 + e) in double (e may be null = 0), stored as float; per-slice sums of b^2 into {@code bb} and
	 * of r^2 into {@code rr}.
	 */
	void residual(float[] e, float[] r, double[] bb, double[] rr) {
		Parallel.forEachBlock(d, threads, (from, to) -> {
			Window win = new Window();
			for (int z = from; z < to; z++) residual(e, r, z, win, bb, rr);
		});
	}

	private void residual(float[] e, float[] r, int z, Window win, double[] bb, double[] rr) {
		int[] ix = win.slice(z), lo = win.slice(z - 1), hi = win.slice(z + 1);
		byte[] c = v.cls[z], cl = z > 0 ? v.cls[z - 1] : null, ch = z < d - 1 ? v.cls[z + 1] : null;
		float[] gx = g[0], gy = g[1], gz = g[2];
		double sb = 0, sr = 0;
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int k = ix[i];
				if (k == n) continue;
				int kc = cls(c[i]), ck = kc * k1, j;
				int co = coord(x, y, z);
				double xk = x0(co) + ev(e, k);
				// sum_nb G (x_nb - x_k): the linear part cancels exactly along the axis for equal conductances
				double s = 0;
				if (x > 0 && (j = ix[i - 1]) != n) s += gx[ck + cls(c[i - 1])] * (x0(coord(x - 1, y, z)) + ev(e, j) - xk);
				if (x < w - 1 && (j = ix[i + 1]) != n) s += gx[ck + cls(c[i + 1])] * (x0(coord(x + 1, y, z)) + ev(e, j) - xk);
				if (y > 0 && (j = ix[i - w]) != n) s += gy[ck + cls(c[i - w])] * (x0(coord(x, y - 1, z)) + ev(e, j) - xk);
				if (y < h - 1 && (j = ix[i + w]) != n) s += gy[ck + cls(c[i + w])] * (x0(coord(x, y + 1, z)) + ev(e, j) - xk);
				if (lo != null && (j = lo[i]) != n) s += gz[ck + cls(cl[i])] * (x0(coord(x, y, z - 1)) + ev(e, j) - xk);
				if (hi != null && (j = hi[i]) != n) s += gz[ck + cls(ch[i])] * (x0(coord(x, y, z + 1)) + ev(e, j) - xk);
				double b = 0;
				if (co == 0) {
					b = gd[kc];
					s += gd[kc] * (1 - xk);
				}
				if (co == nAxis - 1) s += gd[kc] * (0 - xk);
				r[k] = (float) s;
				sb += b * b;
				sr += s * s;
			}
		bb[z] = sb;
		rr[z] = sr;
	}

	private static double ev(float[] e, int j) {
		return e == null ? 0 : e[j];
	}

	/**
	 * Power dissipated by the potential x0 + e (potential difference 1), summed per slice in double: sum over the
	 * faces of g (difference)^2, the Dirichlet half faces included. It equals the current at the solution and exceeds
	 * it by exactly ||error||_A^2 elsewhere, so as an estimate of the current its error is quadratic in the solver's
	 * (the inlet and outlet currents' errors are linear).
	 */
	double power(float[] e) {
		double[] part = new double[d];
		Parallel.forEachBlock(d, threads, (from, to) -> {
			Window win = new Window();
			for (int z = from; z < to; z++) part[z] = power(e, z, win);
		});
		return PcgSolver.sum(part);
	}

	private double power(float[] e, int z, Window win) {
		int[] ix = win.slice(z), hi = win.slice(z + 1);
		byte[] c = v.cls[z], ch = z < d - 1 ? v.cls[z + 1] : null;
		double p = 0;
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int k = ix[i], j;
				if (k == n) continue;
				int kc = cls(c[i]), ck = kc * k1, co = coord(x, y, z);
				double xk = x0(co) + e[k], q;
				if (x < w - 1 && (j = ix[i + 1]) != n) p += g[0][ck + cls(c[i + 1])] * (q = xk - x0(coord(x + 1, y, z)) - e[j]) * q;
				if (y < h - 1 && (j = ix[i + w]) != n) p += g[1][ck + cls(c[i + w])] * (q = xk - x0(coord(x, y + 1, z)) - e[j]) * q;
				if (hi != null && (j = hi[i]) != n) p += g[2][ck + cls(ch[i])] * (q = xk - x0(coord(x, y, z + 1)) - e[j]) * q;
				if (co == 0) p += gd[kc] * (1 - xk) * (1 - xk);
				if (co == nAxis - 1) p += gd[kc] * xk * xk;
			}
		return p;
	}

	/** Current entering through the inlet face and leaving through the outlet face for deviation e. */
	double[] currents(float[] e) {
		double in = 0, out = 0, x0in = x0(0), x0out = x0(nAxis - 1);
		for (int a = 0; a < inlet.length; a++) in += gd[inletClass[a]] * (1 - (x0in + e[inlet[a]]));
		for (int a = 0; a < outlet.length; a++) out += gd[outletClass[a]] * (x0out + e[outlet[a]]);
		return new double[] { in, out };
	}
}
