package org.cathodej.filter;

/** Rank statistics: selection of the k-th smallest value and a running median along rows. */
public final class Rank {

	private Rank() {}

	/** k-th smallest of a[0..n) (Hoare selection, expected linear time; reorders a). */
	public static float select(float[] a, int n, int k) {
		int lo = 0, hi = n - 1;
		while (hi > lo) {
			float pivot = a[(lo + hi) >>> 1];
			int i = lo, j = hi;
			while (i <= j) {
				while (a[i] < pivot) i++;
				while (a[j] > pivot) j--;
				if (i <= j) {
					float t = a[i];
					a[i] = a[j];
					a[j] = t;
					i++;
					j--;
				}
			}
			if (k <= j) hi = j;
			else if (k >= i) lo = i;
			else return a[k];
		}
		return a[k];
	}

	/**
	 * Median over x in [x - r, x + r] of every row of a w x h plane, edges mirrored as in {@link Gauss#mirror} (so a
	 * stripe at the edge is still a narrow feature, at the price of biasing a ramp within r of the edge), into dst (not
	 * src). A sorted window is slid along each row: O(r) per pixel. NaN counts as the largest value.
	 */
	public static void medianAlongRows(float[] src, int w, int h, int r, float[] dst) {
		if (src == dst) throw new IllegalArgumentException("dst must differ from src");
		int n = 2 * r + 1;
		float[] win = new float[n];
		for (int y = 0, row = 0; y < h; y++, row += w) {
			for (int k = 0; k < n; k++) win[k] = src[row + Gauss.mirror(k - r, w)];
			java.util.Arrays.sort(win);
			dst[row] = win[r];
			for (int x = 1; x < w; x++) {
				replace(win, src[row + Gauss.mirror(x - 1 - r, w)], src[row + Gauss.mirror(x + r, w)]);
				dst[row + x] = win[r];
			}
		}
	}

	/**
	 * Removes one occurrence of {@code out} from the window and inserts {@code in}, keeping it sorted in the order of
	 * {@link Float#compare} (that of Arrays.sort and binarySearch: -0 before 0, NaN last).
	 */
	private static void replace(float[] win, float out, float in) {
		int n = win.length, i = java.util.Arrays.binarySearch(win, out);
		if (Float.compare(in, out) > 0) {
			while (i + 1 < n && Float.compare(win[i + 1], in) < 0) {
				win[i] = win[i + 1];
				i++;
			}
		} else {
			while (i > 0 && Float.compare(win[i - 1], in) > 0) {
				win[i] = win[i - 1];
				i--;
			}
		}
		win[i] = in;
	}
}
