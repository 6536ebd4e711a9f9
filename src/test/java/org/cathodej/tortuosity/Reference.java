package org.cathodej.tortuosity;

import java.util.ArrayDeque;

import org.cathodej.image.VoxelSize;

/**
 * Brute-force reference: the same finite-volume conduction problem assembled as a dense matrix over every
 * conducting voxel connected to either end face (dead ends included) and solved in double by Gaussian elimination.
 */
final class Reference {

	static double sigmaEff(int[][][] lab, double[] sigmaOfLabel, VoxelSize vs, int axis) {
		int d = lab.length, h = lab[0].length, w = lab[0][0].length;
		int[] ext = { w, h, d };
		int na = ext[axis];
		int[][][] id = new int[d][h][w];
		for (int[][] a : id) for (int[] b : a) java.util.Arrays.fill(b, -1);
		// BFS from both faces
		ArrayDeque<int[]> q = new ArrayDeque<>();
		int n = 0;
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int s = axis == 0 ? x : axis == 1 ? y : z;
					if ((s == 0 || s == na - 1) && sigmaOfLabel[lab[z][y][x]] > 0) {
						id[z][y][x] = n++;
						q.add(new int[] { x, y, z });
					}
				}
		int[][] dirs = { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0, -1 } };
		while (!q.isEmpty()) {
			int[] p = q.poll();
			for (int[] dd : dirs) {
				int x = p[0] + dd[0], y = p[1] + dd[1], z = p[2] + dd[2];
				if (x < 0 || y < 0 || z < 0 || x >= w || y >= h || z >= d) continue;
				if (id[z][y][x] >= 0 || sigmaOfLabel[lab[z][y][x]] <= 0) continue;
				id[z][y][x] = n++;
				q.add(new int[] { x, y, z });
			}
		}
		if (n == 0) return 0;
		double[][] a = new double[n][n + 1];
		double gdFactor = 2 * vs.faceArea(axis) / vs.along(axis);
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int k = id[z][y][x];
					if (k < 0) continue;
					double sk = sigmaOfLabel[lab[z][y][x]];
					for (int b = 0; b < 3; b++)
						for (int sgn = -1; sgn <= 1; sgn += 2) {
							int xx = x + (b == 0 ? sgn : 0), yy = y + (b == 1 ? sgn : 0), zz = z + (b == 2 ? sgn : 0);
							if (xx < 0 || yy < 0 || zz < 0 || xx >= w || yy >= h || zz >= d) continue;
							int j = id[zz][yy][xx];
							if (j < 0) continue;
							double sj = sigmaOfLabel[lab[zz][yy][xx]];
							double g = 2 * sk * sj / (sk + sj) * vs.faceArea(b) / vs.along(b);
							a[k][k] += g;
							a[k][j] -= g;
						}
					int s = axis == 0 ? x : axis == 1 ? y : z;
					if (s == 0) {
						a[k][k] += gdFactor * sk;
						a[k][n] += gdFactor * sk; // potential 1
					}
					if (s == na - 1) a[k][k] += gdFactor * sk;
				}
		double[] v = gauss(a, n);
		double current = 0;
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int k = id[z][y][x];
					int s = axis == 0 ? x : axis == 1 ? y : z;
					if (k >= 0 && s == 0) current += gdFactor * sigmaOfLabel[lab[z][y][x]] * (1 - v[k]);
				}
		double area = 1;
		for (int b = 0; b < 3; b++)
			if (b != axis) area *= ext[b] * vs.along(b);
		return current * na * vs.along(axis) / area;
	}

	static double[] gauss(double[][] a, int n) {
		for (int c = 0; c < n; c++) {
			int piv = c;
			for (int r = c + 1; r < n; r++)
				if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
			double[] t = a[c];
			a[c] = a[piv];
			a[piv] = t;
			for (int r = c + 1; r < n; r++) {
				double f = a[r][c] / a[c][c];
				if (f == 0) continue;
				for (int k = c; k <= n; k++) a[r][k] -= f * a[c][k];
			}
		}
		double[] x = new double[n];
		for (int r = n - 1; r >= 0; r--) {
			double s = a[r][n];
			for (int k = r + 1; k < n; k++) s -= a[r][k] * x[k];
			x[r] = s / a[r][r];
		}
		return x;
	}
}
