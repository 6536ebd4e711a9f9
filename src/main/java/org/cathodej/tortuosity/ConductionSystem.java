package org.cathodej.tortuosity;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

/**
 * The finite-volume conduction system on the spanning conducting voxels, indexed compactly (raster order z, y, x).
 * Face conductance between face neighbours = harmonic mean of their conductivities x face area / voxel spacing;
 * the two faces normal to the axis carry fixed potentials 1 (inlet, coordinate 0) and 0 (outlet) on the volume's
 * outer face, i.e. half a voxel from the centres of the first and last layer (conductance 2 sigma A / d); the other
 * faces carry no flux. The unknown is the deviation {@code e} from the linear potential
 * {@code x0(s) = 1 - (s + 1/2) / N}, which keeps float precision where it matters.
 */
final class ConductionSystem {

	final int w, h, d, axis, nAxis, threads;
	/** Compact index per voxel (one array per slice), -1 for voxels outside the system. */
	final int[][] idx;
	/** First compact index of each slice; offset[d] = n. */
	final int[] offset;
	final int n;
	final byte[] cls;
	final float[] diag;
	/** Face conductances per class pair (k1 * k + k2) along x, y, z; Dirichlet conductance per class. */
	final float[][] g = new float[3][];
	final double[] gd;
	final int k1;
	/** Compact indices of the inlet and outlet layer. */
	final int[] inlet, outlet;
	final VoxelSize vs;

	/** Bytes per spanning voxel the solver needs (class, diagonal, four float vectors) and per voxel (index). */
	static final int BYTES_PER_ACTIVE = 1 + 4 + 16, BYTES_PER_VOXEL = 4;

	ConductionSystem(ClassVolume v, double[] sigma, VoxelSize vs, int axis, long spanning, int threads, Progress progress) {
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
		MemoryBudget.require(spanning * BYTES_PER_ACTIVE + (long) w * h * d * BYTES_PER_VOXEL,
			"Tortuosity (Flux) solver for " + w + "x" + h + "x" + d + " voxels (" + spanning + " conducting)",
			BYTES_PER_VOXEL + BYTES_PER_ACTIVE * spanning / (double) ((long) w * h * d));
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

		// compact indices
		offset = new int[d + 1];
		int[] perSlice = new int[d];
		Parallel.forEach(d, threads, z -> {
			int c = 0;
			for (byte b : v.cls[z])
				if ((b & ClassVolume.SPANNING) == ClassVolume.SPANNING) c++;
			perSlice[z] = c;
		});
		for (int z = 0; z < d; z++) offset[z + 1] = offset[z] + perSlice[z];
		idx = new int[d][];
		cls = new byte[n];
		Parallel.forEach(d, threads, z -> {
			byte[] c = v.cls[z];
			int[] ix = new int[w * h];
			int k = offset[z];
			for (int i = 0; i < ix.length; i++) {
				byte b = c[i];
				if ((b & ClassVolume.SPANNING) == ClassVolume.SPANNING) {
					cls[k] = (byte) (b & ClassVolume.CLASS_MASK);
					ix[i] = k++;
				} else ix[i] = -1;
			}
			idx[z] = ix;
		});
		diag = new float[n];
		Parallel.forEach(d, threads, this::diagonal);
		inlet = layer(0);
		outlet = layer(nAxis - 1);
		progress.report(1, "System built");
	}

	private void diagonal(int z) {
		int[] ix = idx[z], lo = z > 0 ? idx[z - 1] : null, hi = z < d - 1 ? idx[z + 1] : null;
		float[] gx = g[0], gy = g[1], gz = g[2];
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int k = ix[i];
				if (k < 0) continue;
				int ck = cls[k] * k1, j;
				double s = 0;
				if (x > 0 && (j = ix[i - 1]) >= 0) s += gx[ck + cls[j]];
				if (x < w - 1 && (j = ix[i + 1]) >= 0) s += gx[ck + cls[j]];
				if (y > 0 && (j = ix[i - w]) >= 0) s += gy[ck + cls[j]];
				if (y < h - 1 && (j = ix[i + w]) >= 0) s += gy[ck + cls[j]];
				if (lo != null && (j = lo[i]) >= 0) s += gz[ck + cls[j]];
				if (hi != null && (j = hi[i]) >= 0) s += gz[ck + cls[j]];
				int c = coord(x, y, z);
				if (c == 0) s += gd[cls[k]];
				if (c == nAxis - 1) s += gd[cls[k]];
				diag[k] = (float) s;
			}
	}

	int coord(int x, int y, int z) {
		return axis == 0 ? x : axis == 1 ? y : z;
	}

	/** Linear start potential of layer s. */
	double x0(int s) {
		return 1 - (s + 0.5) / nAxis;
	}

	private int[] layer(int s) {
		int count = 0;
		for (int z = 0; z < d; z++)
			for (int y = 0, i = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++)
					if (idx[z][i] >= 0 && coord(x, y, z) == s) count++;
		int[] l = new int[count];
		count = 0;
		for (int z = 0; z < d; z++)
			for (int y = 0, i = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++)
					if (idx[z][i] >= 0 && coord(x, y, z) == s) l[count++] = idx[z][i];
		return l;
	}

	/**
	 * r = b - A (x0 + e) in double (e may be null = 0), stored as float; per-slice sums of b^2 into {@code bb} and
	 * of r^2 into {@code rr}.
	 */
	void residual(float[] e, float[] r, int z, double[] bb, double[] rr) {
		int[] ix = idx[z], lo = z > 0 ? idx[z - 1] : null, hi = z < d - 1 ? idx[z + 1] : null;
		float[] gx = g[0], gy = g[1], gz = g[2];
		double sb = 0, sr = 0;
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int k = ix[i];
				if (k < 0) continue;
				int ck = cls[k] * k1, j;
				int c = coord(x, y, z);
				double xk = x0(c) + (e == null ? 0 : e[k]);
				// sum_nb G (x_nb - x_k): the linear part cancels exactly along the axis for equal conductances
				double s = 0;
				if (x > 0 && (j = ix[i - 1]) >= 0) s += gx[ck + cls[j]] * (x0(coord(x - 1, y, z)) + ev(e, j) - xk);
				if (x < w - 1 && (j = ix[i + 1]) >= 0) s += gx[ck + cls[j]] * (x0(coord(x + 1, y, z)) + ev(e, j) - xk);
				if (y > 0 && (j = ix[i - w]) >= 0) s += gy[ck + cls[j]] * (x0(coord(x, y - 1, z)) + ev(e, j) - xk);
				if (y < h - 1 && (j = ix[i + w]) >= 0) s += gy[ck + cls[j]] * (x0(coord(x, y + 1, z)) + ev(e, j) - xk);
				if (lo != null && (j = lo[i]) >= 0) s += gz[ck + cls[j]] * (x0(coord(x, y, z - 1)) + ev(e, j) - xk);
				if (hi != null && (j = hi[i]) >= 0) s += gz[ck + cls[j]] * (x0(coord(x, y, z + 1)) + ev(e, j) - xk);
				double b = 0;
				if (c == 0) {
					b = gd[cls[k]];
					s += gd[cls[k]] * (1 - xk);
				}
				if (c == nAxis - 1) s += gd[cls[k]] * (0 - xk);
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

	/** out = A in on slice z; returns the slice's sum of in * out. */
	double apply(float[] in, float[] out, int z) {
		int[] ix = idx[z], lo = z > 0 ? idx[z - 1] : null, hi = z < d - 1 ? idx[z + 1] : null;
		float[] gx = g[0], gy = g[1], gz = g[2];
		double dot = 0;
		if (k1 == 2) { // one conducting class: constant conductances
			float cx = gx[3], cy = gy[3], cz = gz[3];
			for (int y = 0, i = 0; y < h; y++) {
				boolean yl = y > 0, yh = y < h - 1;
				for (int x = 0; x < w; x++, i++) {
					int k = ix[i];
					if (k < 0) continue;
					int j;
					float sx = 0, sy = 0, sz = 0;
					if (x > 0 && (j = ix[i - 1]) >= 0) sx += in[j];
					if (x < w - 1 && (j = ix[i + 1]) >= 0) sx += in[j];
					if (yl && (j = ix[i - w]) >= 0) sy += in[j];
					if (yh && (j = ix[i + w]) >= 0) sy += in[j];
					if (lo != null && (j = lo[i]) >= 0) sz += in[j];
					if (hi != null && (j = hi[i]) >= 0) sz += in[j];
					float v = in[k], o = diag[k] * v - cx * sx - cy * sy - cz * sz;
					out[k] = o;
					dot += v * o;
				}
			}
			return dot;
		}
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int k = ix[i];
				if (k < 0) continue;
				int ck = cls[k] * k1, j;
				float v = in[k], o = diag[k] * v;
				if (x > 0 && (j = ix[i - 1]) >= 0) o -= gx[ck + cls[j]] * in[j];
				if (x < w - 1 && (j = ix[i + 1]) >= 0) o -= gx[ck + cls[j]] * in[j];
				if (y > 0 && (j = ix[i - w]) >= 0) o -= gy[ck + cls[j]] * in[j];
				if (y < h - 1 && (j = ix[i + w]) >= 0) o -= gy[ck + cls[j]] * in[j];
				if (lo != null && (j = lo[i]) >= 0) o -= gz[ck + cls[j]] * in[j];
				if (hi != null && (j = hi[i]) >= 0) o -= gz[ck + cls[j]] * in[j];
				out[k] = o;
				dot += (double) v * o;
			}
		return dot;
	}

	/** Current entering through the inlet face and leaving through the outlet face for deviation e. */
	double[] currents(float[] e) {
		double in = 0, out = 0, x0in = x0(0), x0out = x0(nAxis - 1);
		for (int k : inlet) in += gd[cls[k]] * (1 - (x0in + e[k]));
		for (int k : outlet) out += gd[cls[k]] * (x0out + e[k]);
		return new double[] { in, out };
	}
}
