package org.cathodej.segment;

import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

/** Clean-up of phase volumes (one byte array per slice, phases 0..2): small islands and a majority filter. */
public final class Cleanup {

	private Cleanup() {}

	/**
	 * Finds the 6-connected components of equal phase (union-find); every component smaller than {@code minSize}
	 * voxels takes the phase most of its face neighbours outside it have (ties: the lower phase). Components are
	 * judged on the input, all at once.
	 * @return {islands merged, voxels changed}
	 */
	public static long[] mergeSmallIslands(byte[][] ph, int w, int h, long minSize, Progress progress) {
		int d = ph.length, plane = w * h;
		long n = (long) plane * d;
		if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("Island clean-up supports up to 2^31 voxels");
		int[] parent = new int[(int) n];
		for (int i = 0; i < n; i++) parent[i] = i;
		for (int z = 0; z < d; z++) {
			progress.checkCancelled();
			byte[] a = ph[z];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int i = y * w + x, gi = z * plane + i;
					if (x > 0 && a[i - 1] == a[i]) union(parent, gi, gi - 1);
					if (y > 0 && a[i - w] == a[i]) union(parent, gi, gi - w);
					if (z > 0 && ph[z - 1][i] == a[i]) union(parent, gi, gi - plane);
				}
		}
		int[] size = new int[(int) n];
		for (int i = 0; i < n; i++) size[find(parent, i)]++;
		// neighbour phase votes for small components
		java.util.HashMap<Integer, long[]> votes = new java.util.HashMap<>();
		for (int z = 0; z < d; z++) {
			byte[] a = ph[z];
			for (int i = 0; i < plane; i++) {
				int gi = z * plane + i, r = find(parent, gi);
				if (size[r] >= minSize) continue;
				long[] v = votes.computeIfAbsent(r, k -> new long[3]);
				int x = i % w, y = i / w;
				if (x > 0) vote(v, parent, r, gi - 1, a[i - 1]);
				if (x < w - 1) vote(v, parent, r, gi + 1, a[i + 1]);
				if (y > 0) vote(v, parent, r, gi - w, a[i - w]);
				if (y < h - 1) vote(v, parent, r, gi + w, a[i + w]);
				if (z > 0) vote(v, parent, r, gi - plane, ph[z - 1][i]);
				if (z < d - 1) vote(v, parent, r, gi + plane, ph[z + 1][i]);
			}
		}
		java.util.HashMap<Integer, Byte> target = new java.util.HashMap<>();
		long islands = 0;
		for (java.util.Map.Entry<Integer, long[]> e : votes.entrySet()) {
			long[] v = e.getValue();
			if (v[0] + v[1] + v[2] == 0) continue; // the whole volume is one small component
			int best = 0;
			for (int c = 1; c < 3; c++) if (v[c] > v[best]) best = c;
			target.put(e.getKey(), (byte) best);
			islands++;
		}
		long changed = 0;
		for (int z = 0; z < d; z++) {
			byte[] a = ph[z];
			for (int i = 0; i < plane; i++) {
				int r = find(parent, z * plane + i);
				if (size[r] >= minSize) continue;
				Byte t = target.get(r);
				if (t != null && t != a[i]) {
					a[i] = t;
					changed++;
				}
			}
		}
		progress.report(1, "islands merged");
		return new long[] { islands, changed };
	}

	private static void vote(long[] v, int[] parent, int root, int other, byte phase) {
		if (find(parent, other) != root && phase >= 0 && phase < 3) v[phase]++;
	}

	private static int find(int[] p, int i) {
		while (p[i] != i) {
			p[i] = p[p[i]];
			i = p[i];
		}
		return i;
	}

	private static void union(int[] p, int a, int b) {
		int ra = find(p, a), rb = find(p, b);
		if (ra != rb) {
			if (ra < rb) p[rb] = ra;
			else p[ra] = rb;
		}
	}

	/**
	 * One pass of a 3x3x3 majority (mode) filter (3x3 on single slices; the neighbourhood is cut at the borders):
	 * a voxel takes the most frequent phase of its neighbourhood when that phase has a strict majority over its own.
	 * @return voxels changed
	 */
	public static long majority(byte[][] ph, int w, int h, int threads) {
		int d = ph.length;
		byte[][] out = new byte[d][];
		long n = majority(ph, 0, d, w, h, threads, out);
		System.arraycopy(out, 0, ph, 0, d);
		return n;
	}

	/**
	 * The majority filter of slices [from, to) of ph (neighbours from all of ph: a slab with a one-slice halo gives
	 * its core exactly what the whole volume gives) into out[z - from]; ph is not changed.
	 * @return voxels changed in [from, to)
	 */
	public static long majority(byte[][] ph, int from, int to, int w, int h, int threads, byte[][] out) {
		int d = ph.length;
		long[] changed = new long[to - from];
		Parallel.forEach(to - from, threads, zi -> {
			int z = zi + from;
			byte[] o = ph[z].clone();
			int[] c = new int[3];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					c[0] = c[1] = c[2] = 0;
					for (int k = Math.max(0, z - 1); k <= Math.min(d - 1, z + 1); k++) {
						byte[] a = ph[k];
						for (int j = Math.max(0, y - 1); j <= Math.min(h - 1, y + 1); j++)
							for (int i = Math.max(0, x - 1); i <= Math.min(w - 1, x + 1); i++) {
								int v = a[j * w + i];
								if (v >= 0 && v < 3) c[v]++;
							}
					}
					int own = ph[z][y * w + x], best = own >= 0 && own < 3 ? own : 0;
					for (int v = 0; v < 3; v++) if (c[v] > c[best]) best = v;
					if (best != own && (own < 0 || own > 2 || c[best] > c[own])) {
						o[y * w + x] = (byte) best;
						changed[zi]++;
					}
				}
			out[zi] = o;
		});
		long n = 0;
		for (long c : changed) n += c;
		return n;
	}
}
