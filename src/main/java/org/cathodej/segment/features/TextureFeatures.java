package org.cathodej.segment.features;

import org.cathodej.filter.Gauss;

/**
 * In-plane texture features of one slice (borders mirrored, half-sample symmetric), used by {@link FeatureComputer}
 * for 2D and 3D settings alike, so they need no halo of neighbouring slices:
 * <ul>
 * <li>local binary pattern count: how many of 8 neighbours on a ring of radius r (axis and diagonal directions) of
 * the smoothed image are brighter than the centre (0-8; rotation invariant, insensitive to grey-level drift);</li>
 * <li>membrane projections (as in Trainable Weka Segmentation): the mean of the intensity along a line of half
 * length r through the pixel, in {@link #ORIENTATIONS} orientations, projected to its maximum, minimum and standard
 * deviation over the orientations (thin bright or dark walls, elongated pores, isotropic texture).</li>
 * </ul>
 */
final class TextureFeatures {

	/** Line orientations of the membrane projections, evenly spaced over 180 degrees. */
	static final int ORIENTATIONS = 8;

	private TextureFeatures() {}

	/** Ring radius (pixels) of the binary pattern at a box radius r (at least 1). */
	static int ringRadius(int r) {
		return Math.max(1, r);
	}

	/** Line half length (pixels) of the membrane projections at Gaussian sigma s pixels: round(2 s), at least 2. */
	static int lineHalfLength(double sigma) {
		return Math.max(2, (int) Math.round(2 * sigma));
	}

	/** Binary-pattern counts of plane g (w x h) into out[off...]; rx, ry ring radii along x and y. */
	static void binaryPatternCount(float[] g, int w, int h, int rx, int ry, float[] out, int off) {
		int dx = Math.max(1, (int) Math.round(rx / Math.sqrt(2))), dy = Math.max(1, (int) Math.round(ry / Math.sqrt(2)));
		int[] ox = { rx, -rx, 0, 0, dx, dx, -dx, -dx }, oy = { 0, 0, ry, -ry, dy, -dy, dy, -dy };
		for (int y = 0; y < h; y++) {
			int[] rows = new int[8];
			for (int k = 0; k < 8; k++) rows[k] = Gauss.mirror(y + oy[k], h) * w;
			for (int x = 0; x < w; x++) {
				float c = g[y * w + x];
				int n = 0;
				for (int k = 0; k < 8; k++)
					if (g[rows[k] + Gauss.mirror(x + ox[k], w)] > c) n++;
				out[off + y * w + x] = n;
			}
		}
	}

	/** Membrane projections of plane v (w x h), line half length r: maximum, minimum, s.d. into o[0..2][off...]. */
	static void membraneProjections(float[] v, int w, int h, int r, float[][] o, int off) {
		int n = 2 * r + 1;
		int[][] lx = new int[ORIENTATIONS][n], ly = new int[ORIENTATIONS][n];
		for (int a = 0; a < ORIENTATIONS; a++) {
			double t = Math.PI * a / ORIENTATIONS, c = Math.cos(t), s = Math.sin(t);
			for (int i = -r; i <= r; i++) {
				lx[a][i + r] = (int) Math.round(i * c);
				ly[a][i + r] = (int) Math.round(i * s);
			}
		}
		int[][] step = new int[ORIENTATIONS][n]; // flat offsets, valid away from the borders
		for (int a = 0; a < ORIENTATIONS; a++)
			for (int i = 0; i < n; i++) step[a][i] = ly[a][i] * w + lx[a][i];
		float[] mean = new float[ORIENTATIONS];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				boolean inside = x >= r && x < w - r && y >= r && y < h - r;
				int c = y * w + x;
				for (int a = 0; a < ORIENTATIONS; a++) {
					double sum = 0;
					if (inside) for (int i = 0; i < n; i++) sum += v[c + step[a][i]];
					else for (int i = 0; i < n; i++) sum += v[Gauss.mirror(y + ly[a][i], h) * w + Gauss.mirror(x + lx[a][i], w)];
					mean[a] = (float) (sum / n);
				}
				project(mean, o, off + c);
			}
	}

	private static void project(float[] m, float[][] o, int idx) {
		float max = m[0], min = m[0];
		double s = 0, s2 = 0;
		for (float q : m) {
			max = Math.max(max, q);
			min = Math.min(min, q);
			s += q;
			s2 += (double) q * q;
		}
		double mean = s / m.length;
		o[0][idx] = max;
		o[1][idx] = min;
		o[2][idx] = (float) Math.sqrt(Math.max(0, s2 / m.length - mean * mean));
	}
}
