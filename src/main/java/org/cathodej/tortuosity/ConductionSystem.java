package org.cathodej.tortuosity;

import java.util.Arrays;

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
 * and their class; only the compact index of each row's first system voxel is stored, and loops walk rows in raster
 * order ({@link Rows}). The diagonal is recomputed on the fly (from neighbour counts for one conducting class).
 */
final class ConductionSystem {

	final int w, h, d, axis, nAxis, threads;
	/** The class volume: which voxels are in the system (both spanning bits) and their class. */
	final ClassVolume v;
	/** Compact index of the first system voxel of each row (index z * h + y); rowStart[d * h] = n. */
	final int[] rowStart;
	/** First compact index of each slice; offset[d] = n. */
	final int[] offset;
	final int n;
	/** Face conductances per class pair (k1 * k + k2) along x, y, z; Dirichlet conductance per class. */
	final float[][] g = new float[3][];
	final double[] gd;
	final int k1;
	/** One conducting class: diagonal by neighbour counts, index 27 nx + 9 ny + 3 nz + Dirichlet faces. */
	private final float[] diagByCount = new float[81];
	/** Compact indices of the inlet and outlet layer and their classes. */
	final int[] inlet, outlet;
	private final byte[] inletClass, outletClass;
	final VoxelSize vs;

	/** Bytes per spanning voxel the solver allocates (five float vectors of the conjugate gradients). */
	static final int BYTES_PER_ACTIVE = 20;

	/** Sweep modes, see {@link #sweep}. */
	static final int APPLY = 0, SMOOTH = 1, JACOBI = 2, RESTRICT = 3, DIAGONAL = 4;

	ConductionSystem(ClassVolume v, double[] sigma, VoxelSize vs, int axis, long spanning, int threads, Progress progress) {
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
		if (k1 == 2)
			for (int c = 0; c < 81; c++) {
				// summed in the order x-, x+, y-, y+, z-, z+, inlet, outlet (as the general case does)
				double s = 0;
				for (int a = 0; a < c / 27; a++) s += g[0][3];
				for (int a = 0; a < c / 9 % 3; a++) s += g[1][3];
				for (int a = 0; a < c / 3 % 3; a++) s += g[2][3];
				for (int a = 0; a < c % 3; a++) s += gd[1];
				diagByCount[c] = (float) s;
			}

		rowStart = new int[d * h + 1];
		Parallel.forEach(d, threads, z -> {
			byte[] c = v.cls[z];
			for (int y = 0, i = 0; y < h; y++) {
				int cnt = 0;
				for (int x = 0; x < w; x++, i++) cnt += in(c[i]);
				rowStart[z * h + y + 1] = cnt;
			}
		});
		for (int r = 0; r < d * h; r++) rowStart[r + 1] += rowStart[r];
		if (rowStart[d * h] != n) throw new IllegalStateException("spanning count " + n + " != " + rowStart[d * h]);
		offset = new int[d + 1];
		for (int z = 0; z <= d; z++) offset[z] = rowStart[z * h];
		inletClass = new byte[layerSize(0)];
		inlet = layer(0, inletClass);
		outletClass = new byte[layerSize(nAxis - 1)];
		outlet = layer(nAxis - 1, outletClass);
		progress.report(1, "System built");
	}

	/** 1 if the class byte marks a voxel of the system (reached from both faces), else 0. */
	static int in(byte b) {
		return ((b & ClassVolume.SPANNING) + ClassVolume.FROM_INLET) >> 8;
	}

	static int cls(byte b) {
		return b & ClassVolume.CLASS_MASK;
	}

	/**
	 * Compact indices of row y of slice z and of its four face-neighbour rows, at index x + 1 (-1: not in the system,
	 * in the one-voxel padding, or outside the volume). Rows must be visited in order y = 0 .. h - 1.
	 */
	final class Rows {
		int[] cur, south, north;
		final int[] lo, hi;
		private final int z;

		Rows(int z) {
			this.z = z;
			cur = empty();
			south = empty();
			north = empty();
			lo = empty();
			hi = empty();
		}

		private int[] empty() {
			int[] a = new int[w + 2];
			Arrays.fill(a, -1);
			return a;
		}

		void at(int y) {
			if (y == 0) fill(cur, 0, z);
			else {
				int[] t = south;
				south = cur;
				cur = north;
				north = t;
			}
			if (y < h - 1) fill(north, y + 1, z);
			else Arrays.fill(north, -1);
			if (z > 0) fill(lo, y, z - 1);
			if (z < d - 1) fill(hi, y, z + 1);
		}

		private void fill(int[] out, int y, int zz) {
			byte[] c = v.cls[zz];
			int k = rowStart[zz * h + y];
			for (int x = 1, i = y * w; x <= w; x++, i++) {
				int b = in(c[i]);
				out[x] = (k & -b) | (b - 1);
				k += b;
			}
		}
	}

	int coord(int x, int y, int z) {
		return axis == 0 ? x : axis == 1 ? y : z;
	}

	/** Number of Dirichlet faces (0, 1, or 2 for a one-layer volume) of a voxel at coordinate s along the axis. */
	private int dirichletFaces(int s) {
		return (s == 0 ? 1 : 0) + (s == nAxis - 1 ? 1 : 0);
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
			for (int y = 0, i = 0; y < h; y++) {
				int k = rowStart[z * h + y];
				for (int x = 0; x < w; x++, i++) {
					if (in(c[i]) == 0) continue;
					if (coord(x, y, z) == s) {
						classes[count] = (byte) cls(c[i]);
						l[count++] = k;
					}
					k++;
				}
			}
		}
		return l;
	}

	/** The diagonal as an array (for the Jacobi preconditioner; the multigrid path recomputes it on the fly). */
	float[] diagonal() {
		float[] diag = new float[n];
		Parallel.forEach(d, threads, z -> sweep(DIAGONAL, z, diag, diag, null, 0, null, 0, 0));
		return diag;
	}

	/** out = A in on slice z; returns the slice's sum of in * out. */
	double apply(float[] in, float[] out, int z) {
		return sweep(APPLY, z, in, out, null, 0, null, 0, 0);
	}

	/**
	 * One pass over slice z with the operator A (diagonal D recomputed on the fly):
	 * APPLY: out = A in, returns in . out; SMOOTH: out = in + om (r - A in) / D; JACOBI: out = om r / D (pass in = r);
	 * RESTRICT: adds r - A in into the coarse vector cb at cbase + (y / 2) cw + x / 2; DIAGONAL: out = D (pass in = out).
	 */
	double sweep(int mode, int z, float[] in, float[] out, float[] r, float om, float[] cb, int cbase, int cw) {
		Rows rows = new Rows(z);
		byte[] c = v.cls[z], cl = z > 0 ? v.cls[z - 1] : null, ch = z < d - 1 ? v.cls[z + 1] : null;
		float[] gx = g[0], gy = g[1], gz = g[2];
		boolean single = k1 == 2;
		float cx = gx[3], cy = gy[3], cz = gz[3];
		double dot = 0;
		for (int y = 0; y < h; y++) {
			rows.at(y);
			int[] cu = rows.cur, so = rows.south, no = rows.north, lo = rows.lo, hi = rows.hi;
			int ndRow = axis == 2 ? dirichletFaces(z) : axis == 1 ? dirichletFaces(y) : 0;
			int crow = cbase + (y >> 1) * cw;
			for (int x = 0, i = y * w; x < w; x++, i++) {
				int k = cu[x + 1];
				if (k < 0) continue;
				int nd = axis == 0 ? dirichletFaces(x) : ndRow, j;
				float dg, sx = 0, sy = 0, sz = 0, m = 0; // m = sum of G_kj in_j (several classes)
				if (single) {
					int count = nd;
					if ((j = cu[x]) >= 0) {
						sx += in[j];
						count += 27;
					}
					if ((j = cu[x + 2]) >= 0) {
						sx += in[j];
						count += 27;
					}
					if ((j = so[x + 1]) >= 0) {
						sy += in[j];
						count += 9;
					}
					if ((j = no[x + 1]) >= 0) {
						sy += in[j];
						count += 9;
					}
					if ((j = lo[x + 1]) >= 0) {
						sz += in[j];
						count += 3;
					}
					if ((j = hi[x + 1]) >= 0) {
						sz += in[j];
						count += 3;
					}
					dg = diagByCount[count];
				} else {
					int ck = cls(c[i]) * k1;
					double s = 0;
					float gg;
					if ((j = cu[x]) >= 0) {
						s += gg = gx[ck + cls(c[i - 1])];
						m += gg * in[j];
					}
					if ((j = cu[x + 2]) >= 0) {
						s += gg = gx[ck + cls(c[i + 1])];
						m += gg * in[j];
					}
					if ((j = so[x + 1]) >= 0) {
						s += gg = gy[ck + cls(c[i - w])];
						m += gg * in[j];
					}
					if ((j = no[x + 1]) >= 0) {
						s += gg = gy[ck + cls(c[i + w])];
						m += gg * in[j];
					}
					if ((j = lo[x + 1]) >= 0) {
						s += gg = gz[ck + cls(cl[i])];
						m += gg * in[j];
					}
					if ((j = hi[x + 1]) >= 0) {
						s += gg = gz[ck + cls(ch[i])];
						m += gg * in[j];
					}
					for (int a = 0; a < nd; a++) s += gd[cls(c[i])];
					dg = (float) s;
				}
				switch (mode) {
					case APPLY: {
						float vk = in[k], o = single ? dg * vk - cx * sx - cy * sy - cz * sz : dg * vk - m;
						out[k] = o;
						dot += single ? vk * o : (double) vk * o;
						break;
					}
					case SMOOTH: {
						float vk = in[k], o = single ? dg * vk - cx * sx - cy * sy - cz * sz : dg * vk - m;
						out[k] = vk + om * (r[k] - o) / dg;
						break;
					}
					case JACOBI:
						out[k] = om * r[k] / dg;
						break;
					case RESTRICT:
						cb[crow + (x >> 1)] += single ? r[k] - dg * in[k] + cx * sx + cy * sy + cz * sz : r[k] - dg * in[k] + m;
						break;
					default:
						out[k] = dg;
				}
			}
		}
		return dot;
	}

	/**
	 * r = b - A (x0 + e) in double (e may be null = 0), stored as float; per-slice sums of b^2 into {@code bb} and
	 * of r^2 into {@code rr}.
	 */
	void residual(float[] e, float[] r, int z, double[] bb, double[] rr) {
		Rows rows = new Rows(z);
		byte[] c = v.cls[z], cl = z > 0 ? v.cls[z - 1] : null, ch = z < d - 1 ? v.cls[z + 1] : null;
		float[] gx = g[0], gy = g[1], gz = g[2];
		double sb = 0, sr = 0;
		for (int y = 0; y < h; y++) {
			rows.at(y);
			int[] cu = rows.cur, so = rows.south, no = rows.north, lo = rows.lo, hi = rows.hi;
			for (int x = 0, i = y * w; x < w; x++, i++) {
				int k = cu[x + 1];
				if (k < 0) continue;
				int kc = cls(c[i]), ck = kc * k1, j;
				int co = coord(x, y, z);
				double xk = x0(co) + ev(e, k);
				// sum_nb G (x_nb - x_k): the linear part cancels exactly along the axis for equal conductances
				double s = 0;
				if ((j = cu[x]) >= 0) s += gx[ck + cls(c[i - 1])] * (x0(coord(x - 1, y, z)) + ev(e, j) - xk);
				if ((j = cu[x + 2]) >= 0) s += gx[ck + cls(c[i + 1])] * (x0(coord(x + 1, y, z)) + ev(e, j) - xk);
				if ((j = so[x + 1]) >= 0) s += gy[ck + cls(c[i - w])] * (x0(coord(x, y - 1, z)) + ev(e, j) - xk);
				if ((j = no[x + 1]) >= 0) s += gy[ck + cls(c[i + w])] * (x0(coord(x, y + 1, z)) + ev(e, j) - xk);
				if ((j = lo[x + 1]) >= 0) s += gz[ck + cls(cl[i])] * (x0(coord(x, y, z - 1)) + ev(e, j) - xk);
				if ((j = hi[x + 1]) >= 0) s += gz[ck + cls(ch[i])] * (x0(coord(x, y, z + 1)) + ev(e, j) - xk);
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
		}
		bb[z] = sb;
		rr[z] = sr;
	}

	private static double ev(float[] e, int j) {
		return e == null ? 0 : e[j];
	}

	/** Current entering through the inlet face and leaving through the outlet face for deviation e. */
	double[] currents(float[] e) {
		double in = 0, out = 0, x0in = x0(0), x0out = x0(nAxis - 1);
		for (int a = 0; a < inlet.length; a++) in += gd[inletClass[a]] * (1 - (x0in + e[inlet[a]]));
		for (int a = 0; a < outlet.length; a++) out += gd[outletClass[a]] * (x0out + e[outlet[a]]);
		return new double[] { in, out };
	}
}
