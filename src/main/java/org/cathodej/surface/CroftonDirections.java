package org.cathodej.surface;

import org.cathodej.image.VoxelSize;

/**
 * The 13 lattice directions of a 3x3x3 neighbourhood (3 axes, 6 face diagonals, 4 body diagonals) and their
 * Crofton weights: the share of the unit sphere closer to +-d than to any other direction, computed for the actual
 * (possibly anisotropic) voxel size. Surface area by the Cauchy-Crofton formula is then
 * S = 2 sum_d w_d N_d V_voxel / |d|, where N_d counts phase changes between lattice neighbours along d.
 */
public final class CroftonDirections {

	private CroftonDirections() {}

	/** Index offsets (dx, dy, dz); the first 4 lie in an x-y plane (dz = 0), the other 9 have dz = 1. */
	public static final int[][] DIRS = {
		{ 1, 0, 0 }, { 0, 1, 0 }, { 1, 1, 0 }, { 1, -1, 0 },
		{ 0, 0, 1 }, { 1, 0, 1 }, { -1, 0, 1 }, { 0, 1, 1 }, { 0, -1, 1 },
		{ 1, 1, 1 }, { 1, -1, 1 }, { -1, 1, 1 }, { -1, -1, 1 } };

	public static final int N = DIRS.length;

	/** Index in {@link #DIRS} of the x, y and z axis. */
	public static final int[] AXIS = { 0, 1, 4 };

	/** Physical length of direction d. */
	public static double length(int d, VoxelSize vs) {
		double x = DIRS[d][0] * vs.x(), y = DIRS[d][1] * vs.y(), z = DIRS[d][2] * vs.z();
		return Math.sqrt(x * x + y * y + z * z);
	}

	/**
	 * Spherical Voronoi weights (summing to 1) of the 13 directions, by quadrature on the positive octant of the
	 * sphere (sampled through the three cube faces with the exact solid-angle element) mirrored to the other octants,
	 * so the weights respect every mirror symmetry exactly and every axis permutation when the voxel is isotropic.
	 */
	public static double[] weights(VoxelSize vs) {
		String key = vs.x() + "," + vs.y() + "," + vs.z();
		synchronized (CACHE) {
			double[] w = CACHE.get(key);
			if (w == null) {
				w = weights(vs.x(), vs.y(), vs.z(), 240);
				CACHE.put(key, w);
			}
			return w.clone();
		}
	}

	private static final java.util.Map<String, double[]> CACHE = new java.util.LinkedHashMap<String, double[]>(16, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(java.util.Map.Entry<String, double[]> e) {
			return size() > 16;
		}
	};

	static double[] weights(double sx, double sy, double sz, int n) {
		double[][] u = new double[N][3];
		for (int d = 0; d < N; d++) {
			double x = DIRS[d][0] * sx, y = DIRS[d][1] * sy, z = DIRS[d][2] * sz;
			double l = Math.sqrt(x * x + y * y + z * z);
			u[d][0] = x / l;
			u[d][1] = y / l;
			u[d][2] = z / l;
		}
		double[] w = new double[N];
		double[] p = new double[3];
		double[] dot = new double[N];
		// 8 sign patterns of the octant, so the quadrature is exactly mirror symmetric
		for (int sgn = 0; sgn < 8; sgn++) {
			for (int face = 0; face < 3; face++) {
				for (int i = 0; i < n; i++) {
					double a = (i + 0.5) / n;
					for (int j = 0; j < n; j++) {
						double b = (j + 0.5) / n;
						double r2 = 1 + a * a + b * b, r = Math.sqrt(r2);
						double dOmega = 1 / (r2 * r);
						// point on the cube face 'face' = 1, the other two coordinates a, b (in axis order)
						int ax1 = face == 0 ? 1 : 0, ax2 = face == 2 ? 1 : 2;
						p[face] = 1 / r;
						p[ax1] = a / r;
						p[ax2] = b / r;
						double px = (sgn & 1) != 0 ? -p[0] : p[0], py = (sgn & 2) != 0 ? -p[1] : p[1], pz = (sgn & 4) != 0 ? -p[2] : p[2];
						double best = -1;
						for (int d = 0; d < N; d++) {
							dot[d] = Math.abs(px * u[d][0] + py * u[d][1] + pz * u[d][2]);
							if (dot[d] > best) best = dot[d];
						}
						int ties = 0;
						for (int d = 0; d < N; d++) if (dot[d] >= best - 1e-12) ties++;
						for (int d = 0; d < N; d++) if (dot[d] >= best - 1e-12) w[d] += dOmega / ties;
					}
				}
			}
		}
		double s = 0;
		for (double x : w) s += x;
		for (int d = 0; d < N; d++) w[d] /= s;
		return w;
	}
}
