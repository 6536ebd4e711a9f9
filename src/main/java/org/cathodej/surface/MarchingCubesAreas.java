package org.cathodej.surface;

import java.util.ArrayList;
import java.util.List;

import org.cathodej.image.VoxelSize;

/**
 * Marching-cubes surface area per 2x2x2 configuration, for binary masks at iso-level 1/2 (halfway between outside
 * and inside), so every mesh vertex sits at the midpoint of a cube edge whose two corners differ.
 *
 * <p>Construction (no copied tables): on each cube face the iso-line joins the cut edges; each closed iso-polygon
 * of the cube is triangulated without extra vertices, taking its largest-area triangulation (see {@link #triangulate}). A face whose diagonal corners agree (1,0,1,0) is
 * ambiguous: it can join either pair of cut edges. CathodeJ resolves this <em>symmetrically</em>: the area of a
 * configuration is the mean over all 2^m ways of joining its m ambiguous faces. A configuration and its complement
 * have the same cut edges and the same candidate joinings, so a phase and its complement get identical areas; the
 * rule is also invariant under every mirroring and axis permutation of the cube (with the voxel size permuted
 * accordingly). The cube's body ambiguity (two corners opposite through the cube) is resolved as separate sheets,
 * as in the original marching cubes. {@link #mesh} gives one concrete mesh (ambiguous faces joined around the
 * inside corners when fewer than half of the cube's corners are inside, else around the outside corners) for export.
 *
 * <p>Corner k of a cube is at (k&1, (k>>1)&1, (k>>2)&1); bit k of a configuration is set when corner k is inside.
 */
public final class MarchingCubesAreas {

	private MarchingCubesAreas() {}

	/** The 12 cube edges as corner pairs (c, c | axisBit). */
	static final int[][] EDGES;
	/** The 6 faces, each as 4 corners in cyclic order. */
	static final int[][] FACES;

	static {
		List<int[]> e = new ArrayList<>();
		for (int c = 0; c < 8; c++)
			for (int b = 1; b <= 4; b <<= 1)
				if ((c & b) == 0) e.add(new int[] { c, c | b });
		EDGES = e.toArray(new int[0][]);
		FACES = new int[6][];
		int f = 0;
		for (int a = 0; a < 3; a++) {
			int u = a == 0 ? 1 : 0, v = a == 2 ? 1 : 2;
			for (int s = 0; s < 2; s++) {
				int base = s << a;
				FACES[f++] = new int[] { base, base | (1 << u), base | (1 << u) | (1 << v), base | (1 << v) };
			}
		}
	}

	static int edgeIndex(int c1, int c2) {
		int lo = Math.min(c1, c2), hi = Math.max(c1, c2);
		for (int i = 0; i < EDGES.length; i++)
			if (EDGES[i][0] == lo && EDGES[i][1] == hi) return i;
		throw new IllegalStateException();
	}

	/** Area of each of the 256 configurations for the given voxel size (in its unit squared). */
	public static double[] table(VoxelSize vs) {
		return table(vs.x(), vs.y(), vs.z());
	}

	public static double[] table(double sx, double sy, double sz) {
		double[] t = new double[256];
		for (int c = 1; c < 255; c++) {
			List<int[][]> options = faceOptions(c);
			int m = 0;
			for (int[][] o : options) if (o.length > 1) m++;
			double sum = 0;
			for (int combo = 0; combo < (1 << m); combo++) {
				List<List<Integer>> cycles = cycles(options, combo);
				for (List<Integer> cyc : cycles) sum += triangulate(cyc, sx, sy, sz, null);
			}
			t[c] = sum / (1 << m);
		}
		return t;
	}

	/**
	 * For each face with cut edges: its possible segment sets. Each entry is an array of options; an option is a flat
	 * array of edge-index pairs {e1, e2, e3, e4} (one or two segments).
	 */
	static List<int[][]> faceOptions(int config) {
		List<int[][]> res = new ArrayList<>();
		for (int[] f : FACES) {
			boolean[] in = new boolean[4];
			for (int i = 0; i < 4; i++) in[i] = (config >> f[i] & 1) != 0;
			int[] cut = new int[4]; // edge index of side i (corner i -> i+1), or -1
			int n = 0;
			for (int i = 0; i < 4; i++) {
				if (in[i] != in[(i + 1) % 4]) {
					cut[i] = edgeIndex(f[i], f[(i + 1) % 4]);
					n++;
				} else cut[i] = -1;
			}
			if (n == 0) continue;
			if (n == 2) {
				int a = -1, b = -1;
				for (int i = 0; i < 4; i++) if (cut[i] >= 0) { if (a < 0) a = cut[i]; else b = cut[i]; }
				res.add(new int[][] { { a, b } });
			} else {
				// ambiguous: option 0 cuts off corners 0 and 2 (sides 3,0 and 1,2); option 1 corners 1 and 3
				int[] o0 = { cut[3], cut[0], cut[1], cut[2] };
				int[] o1 = { cut[0], cut[1], cut[2], cut[3] };
				// order the options so option 0 always cuts off the inside corners
				res.add(in[0] ? new int[][] { o0, o1 } : new int[][] { o1, o0 });
			}
		}
		return res;
	}

	/** Closed iso-polygons (as edge-index cycles) for one choice per ambiguous face (bit j of combo = option of the j-th). */
	static List<List<Integer>> cycles(List<int[][]> options, int combo) {
		int[][] nb = new int[12][2];
		int[] deg = new int[12];
		int j = 0;
		for (int[][] o : options) {
			int[] seg = o.length == 1 ? o[0] : o[(combo >> j++) & 1];
			for (int s = 0; s < seg.length; s += 2) {
				nb[seg[s]][deg[seg[s]]++] = seg[s + 1];
				nb[seg[s + 1]][deg[seg[s + 1]]++] = seg[s];
			}
		}
		boolean[] used = new boolean[12];
		List<List<Integer>> res = new ArrayList<>();
		for (int s = 0; s < 12; s++) {
			if (deg[s] == 0 || used[s]) continue;
			if (deg[s] != 2) throw new IllegalStateException("vertex of degree " + deg[s]);
			List<Integer> cyc = new ArrayList<>();
			int prev = -1, cur = s;
			while (!used[cur]) {
				used[cur] = true;
				cyc.add(cur);
				int next = nb[cur][0] != prev ? nb[cur][0] : nb[cur][1];
				if (nb[cur][0] == nb[cur][1]) next = nb[cur][0];
				prev = cur;
				cur = next;
			}
			res.add(cyc);
		}
		return res;
	}

	/**
	 * Triangulates a closed iso-polygon without extra vertices, choosing among all its triangulations the one of
	 * largest area (dynamic programming over diagonals). Planar polygons have one area whatever the choice; for the
	 * non-planar ones this reproduces the sphere over-estimate of the usual marching-cubes tables (~+8.5 %), and it
	 * depends only on the polygon's geometry, hence is symmetric. Appends triangles (9 coordinates) to {@code tris}.
	 */
	static double triangulate(List<Integer> cyc, double sx, double sy, double sz, List<double[]> tris) {
		return triangulate(cyc, sx, sy, sz, tris, null);
	}

	static double triangulate(List<Integer> cyc, double sx, double sy, double sz, List<double[]> tris, List<int[]> edges) {
		int n = cyc.size();
		double[][] p = new double[n][];
		for (int i = 0; i < n; i++) p[i] = vertex(cyc.get(i), sx, sy, sz);
		double[][] a = new double[n][n];
		int[][] split = new int[n][n];
		for (int len = 2; len < n; len++)
			for (int i = 0; i + len < n; i++) {
				int j = i + len;
				double best = -1;
				for (int k = i + 1; k < j; k++) {
					double v = a[i][k] + a[k][j] + tri(p[i], p[k], p[j]);
					if (v > best + 1e-15) {
						best = v;
						split[i][j] = k;
					}
				}
				a[i][j] = best;
			}
		if (tris != null) emit(p, split, 0, n - 1, tris, cyc, edges);
		return a[0][n - 1];
	}

	private static void emit(double[][] p, int[][] split, int i, int j, List<double[]> tris, List<Integer> cyc, List<int[]> edges) {
		if (j - i < 2) return;
		int k = split[i][j];
		tris.add(new double[] { p[i][0], p[i][1], p[i][2], p[k][0], p[k][1], p[k][2], p[j][0], p[j][1], p[j][2] });
		if (edges != null) edges.add(new int[] { cyc.get(i), cyc.get(k), cyc.get(j) });
		emit(p, split, i, k, tris, cyc, edges);
		emit(p, split, k, j, tris, cyc, edges);
	}

	static double tri(double[] a, double[] b, double[] c) {
		double ux = b[0] - a[0], uy = b[1] - a[1], uz = b[2] - a[2];
		double vx = c[0] - a[0], vy = c[1] - a[1], vz = c[2] - a[2];
		double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
		return 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
	}

	static double[] vertex(int edge, double sx, double sy, double sz) {
		int a = EDGES[edge][0], b = EDGES[edge][1];
		return new double[] { 0.5 * ((a & 1) + (b & 1)) * sx, 0.5 * ((a >> 1 & 1) + (b >> 1 & 1)) * sy,
			0.5 * ((a >> 2 & 1) + (b >> 2 & 1)) * sz };
	}

	/**
	 * One concrete triangulation of each configuration for mesh export, in a unit cube scaled by the voxel size:
	 * {@code mesh[c]} holds 9 coordinates per triangle (unoriented). Ambiguous faces join around the inside corners
	 * when fewer than 4 corners are inside, else around the outside corners (for exactly 4, around the inside).
	 */
	public static float[][] mesh(double sx, double sy, double sz) {
		return mesh(sx, sy, sz, null);
	}

	/**
	 * Like {@link #mesh(double, double, double)}; when {@code edgesOut} (length 256) is given, {@code edgesOut[c]}
	 * receives for each triangle the 3 cube edges (indices into {@link #EDGES}) its vertices lie on.
	 */
	public static float[][] mesh(double sx, double sy, double sz, int[][] edgesOut) {
		float[][] m = new float[256][];
		for (int c = 0; c < 256; c++) {
			if (c == 0 || c == 255) {
				m[c] = new float[0];
				if (edgesOut != null) edgesOut[c] = new int[0];
				continue;
			}
			List<int[][]> options = faceOptions(c);
			int inside = Integer.bitCount(c);
			int combo = 0, j = 0;
			for (int[][] o : options) {
				if (o.length > 1) {
					// option 0 cuts off the inside corners (separates them); option 1 joins them
					if (inside > 4) combo |= 1 << j;
					j++;
				}
			}
			List<double[]> tris = new ArrayList<>();
			List<int[]> edges = new ArrayList<>();
			for (List<Integer> cyc : cycles(options, combo)) triangulate(cyc, sx, sy, sz, tris, edges);
			float[] f = new float[tris.size() * 9];
			for (int t = 0; t < tris.size(); t++)
				for (int k = 0; k < 9; k++) f[t * 9 + k] = (float) tris.get(t)[k];
			m[c] = f;
			if (edgesOut != null) {
				int[] e = new int[edges.size() * 3];
				for (int t = 0; t < edges.size(); t++)
					for (int k = 0; k < 3; k++) e[t * 3 + k] = edges.get(t)[k];
				edgesOut[c] = e;
			}
		}
		return m;
	}

}
