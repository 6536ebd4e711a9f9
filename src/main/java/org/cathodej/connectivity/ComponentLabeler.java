package org.cathodej.connectivity;

import java.util.function.IntPredicate;

import org.cathodej.image.Slices;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * 3D connected-component labelling with 6- or 26-connectivity: one raster scan with union-find over provisional
 * labels (stored directly in the output int arrays, so the labels need 4 bytes per voxel plus 4 bytes per
 * provisional label), run in parallel on contiguous blocks of slices whose seams are then merged, then a relabelling
 * pass to consecutive labels in raster order. No recursion, no queue.
 */
public final class ComponentLabeler {

	private ComponentLabeler() {}

	/** Clusters of the voxels of {@code img} whose value passes {@code test}. */
	public static Clusters label(RandomAccessibleInterval<? extends IntegerType<?>> img, IntPredicate test, Connectivity conn,
		int threads, Progress progress) {
		Slices.requireVolume(img);
		return label(SliceMask.of(img, test), Slices.width(img), Slices.height(img), Slices.depth(img), conn, threads, progress);
	}

	/** Clusters of the voxels of {@code img} equal to {@code value}. */
	public static Clusters label(RandomAccessibleInterval<? extends IntegerType<?>> img, int value, Connectivity conn, int threads,
		Progress progress) {
		return label(img, value, conn, threads, progress, null);
	}

	/** Clusters of the voxels of {@code img} equal to {@code value}, written into {@code buffer} (null allocates). */
	public static Clusters label(RandomAccessibleInterval<? extends IntegerType<?>> img, int value, Connectivity conn, int threads,
		Progress progress, int[][] buffer) {
		Slices.requireVolume(img);
		return label(SliceMask.ofValue(img, value), Slices.width(img), Slices.height(img), Slices.depth(img), conn, threads, progress,
			buffer);
	}

	/**
	 * Clusters of a binary volume of w x h x d voxels given slice by slice.
	 * @param threads worker threads; the result does not depend on it
	 */
	public static Clusters label(SliceMask mask, int w, int h, int d, Connectivity conn, int threads, Progress progress) {
		return label(mask, w, h, d, conn, threads, progress, null);
	}

	/**
	 * Like {@link #label(SliceMask, int, int, int, Connectivity, int, Progress)} but writes the labels into
	 * {@code buffer} (d arrays of exactly w*h ints, e.g. the slices of an earlier {@link Clusters} that is no longer
	 * needed) instead of allocating new arrays; null allocates.
	 */
	public static Clusters label(SliceMask mask, int w, int h, int d, Connectivity conn, int threads, Progress progress,
		int[][] buffer) {
		if (w < 1 || h < 1 || d < 1) throw new IllegalArgumentException("Empty volume " + w + "x" + h + "x" + d);
		if ((long) w * h > Integer.MAX_VALUE) throw new IllegalArgumentException("A slice larger than 2^31 voxels is not supported");
		Progress p = progress == null ? Progress.NONE : progress;
		int n = w * h;
		int[][] lab = labelArrays(buffer, w, h, d);

		int chunks = Math.max(1, Math.min(Math.max(1, threads), d));
		int[] z0 = new int[chunks + 1];
		for (int k = 0; k <= chunks; k++) z0[k] = (int) ((long) d * k / chunks);
		UnionFind[] local = new UnionFind[chunks];
		boolean six = conn == Connectivity.SIX;
		int[] done = { 0 };
		Parallel.forEach(chunks, chunks, k -> {
			UnionFind uf = new UnionFind(1024);
			for (int z = z0[k]; z < z0[k + 1]; z++) {
				p.checkCancelled();
				mask.read(z, lab[z]);
				int[] prev = z > z0[k] ? lab[z - 1] : null;
				if (six) scan6(lab[z], prev, w, h, uf);
				else scan26(lab[z], prev, w, h, uf);
				if (k == 0) p.report(0.8 * (z + 1) / (z0[1] - z0[0]), "Labelling clusters");
			}
			local[k] = uf;
		});

		// One union-find over all blocks, block k's labels shifted by off[k]; then merge across the block seams.
		long total = 0;
		int[] off = new int[chunks];
		for (int k = 0; k < chunks; k++) {
			off[k] = (int) total;
			total += local[k].n;
		}
		if (total >= Integer.MAX_VALUE) throw new IllegalStateException("More than 2^31 provisional cluster labels");
		UnionFind g = chunks == 1 ? local[0] : joinBlocks(local, off, (int) total, lab, z0, w, h, six);
		int count = g.flatten();
		int[] map = g.parent;
		p.report(0.85, "Relabelling clusters");

		// Final labels; per-block sizes when the table is small enough, else a sequential count.
		long[] sizes = new long[count + 1];
		boolean perBlock = (long) count * chunks <= (1 << 22);
		long[][] blockSizes = perBlock ? new long[chunks][] : null;
		Parallel.forEach(chunks, chunks, k -> {
			long[] s = perBlock ? new long[count + 1] : null;
			int o = off[k];
			for (int z = z0[k]; z < z0[k + 1]; z++) {
				if ((z & 15) == 0) p.checkCancelled();
				int[] l = lab[z];
				for (int i = 0; i < n; i++) {
					int v = l[i];
					if (v != 0) {
						v = map[v + o];
						l[i] = v;
						if (s != null) s[v]++;
					}
				}
			}
			if (perBlock) blockSizes[k] = s;
		});
		if (perBlock) {
			for (long[] s : blockSizes) for (int i = 1; i <= count; i++) sizes[i] += s[i];
		} else {
			for (int z = 0; z < d; z++) for (int i = 0; i < n; i++) sizes[lab[z][i]]++;
			sizes[0] = 0;
		}
		byte[] faces = faceFlags(lab, w, h, d, count);
		p.report(1, "Clusters labelled");
		return new Clusters(w, h, d, conn, lab, count, sizes, faces);
	}

	/** The label slices: {@code buffer} checked (d arrays of w*h ints), or new ones within the memory budget. */
	private static int[][] labelArrays(int[][] buffer, int w, int h, int d) {
		int n = w * h;
		if (buffer != null) {
			if (buffer.length != d) throw new IllegalArgumentException("Label buffer has " + buffer.length + " slices, expected " + d);
			for (int[] b : buffer) if (b.length != n) throw new IllegalArgumentException("Label buffer slices must hold w*h ints");
			return buffer;
		}
		MemoryBudget.require(4L * n * d, "Cluster labels of " + w + "x" + h + "x" + d + " voxels", 4.5);
		int[][] lab = new int[d][];
		for (int z = 0; z < d; z++) lab[z] = new int[n];
		return lab;
	}

	/** One union-find over all blocks (block k's labels shifted by off[k]), merged across the block seams. */
	private static UnionFind joinBlocks(UnionFind[] local, int[] off, int total, int[][] lab, int[] z0, int w, int h, boolean six) {
		int chunks = local.length;
		int[] parent = new int[total + 1];
		for (int k = 0; k < chunks; k++) {
			int[] lp = local[k].parent;
			for (int i = 1, o = off[k]; i <= local[k].n; i++) parent[o + i] = o + lp[i];
			local[k] = null;
		}
		UnionFind g = new UnionFind(parent, total);
		for (int k = 1; k < chunks; k++) {
			if (z0[k] == z0[k + 1]) continue;
			mergeSeam(lab[z0[k]], off[k], lab[z0[k] - 1], off[k - 1], w, h, six, g);
		}
		return g;
	}

	private static void scan6(int[] cur, int[] prev, int w, int h, UnionFind uf) {
		for (int y = 0, i = 0; y < h; y++) {
			for (int x = 0; x < w; x++, i++) {
				if (cur[i] == 0) continue;
				int l = x > 0 ? cur[i - 1] : 0;
				if (y > 0) {
					int b = cur[i - w];
					if (b != 0 && b != l) l = l == 0 ? b : uf.union(l, b);
				}
				if (prev != null) {
					int c = prev[i];
					if (c != 0 && c != l) l = l == 0 ? c : uf.union(l, c);
				}
				cur[i] = l == 0 ? uf.make() : l;
			}
		}
	}

	private static void scan26(int[] cur, int[] prev, int w, int h, UnionFind uf) {
		for (int y = 0, i = 0; y < h; y++) {
			for (int x = 0; x < w; x++, i++) {
				if (cur[i] == 0) continue;
				boolean left = x > 0, right = x < w - 1, up = y > 0, down = y < h - 1;
				int l = left ? cur[i - 1] : 0;
				if (l != 0) {
					// The left voxel already joined every backward neighbour in columns x-1 and x; only column x+1 is new.
					if (right) {
						if (up) l = join(l, cur[i - w + 1], uf);
						if (prev != null)
							for (int dy = up ? -1 : 0; dy <= (down ? 1 : 0); dy++) l = join(l, prev[i + dy * w + 1], uf);
					}
					cur[i] = l;
					continue;
				}
				if (up) {
					int r = i - w;
					if (left) l = join(l, cur[r - 1], uf);
					l = join(l, cur[r], uf);
					if (right) l = join(l, cur[r + 1], uf);
				}
				if (prev != null) {
					for (int dy = up ? -1 : 0; dy <= (down ? 1 : 0); dy++) {
						int r = i + dy * w;
						if (left) l = join(l, prev[r - 1], uf);
						l = join(l, prev[r], uf);
						if (right) l = join(l, prev[r + 1], uf);
					}
				}
				cur[i] = l == 0 ? uf.make() : l;
			}
		}
	}

	private static int join(int l, int b, UnionFind uf) {
		if (b == 0 || b == l) return l;
		return l == 0 ? b : uf.union(l, b);
	}

	/** Unions across the seam between slice {@code cur} (labels + offCur) and the slice below it. */
	static void mergeSeam(int[] cur, int offCur, int[] prev, int offPrev, int w, int h, boolean six, UnionFind g) {
		for (int y = 0, i = 0; y < h; y++) {
			for (int x = 0; x < w; x++, i++) {
				if (cur[i] == 0) continue;
				int a = cur[i] + offCur;
				if (six) {
					if (prev[i] != 0) g.union(a, prev[i] + offPrev);
					continue;
				}
				for (int dy = y > 0 ? -1 : 0; dy <= (y < h - 1 ? 1 : 0); dy++)
					for (int dx = x > 0 ? -1 : 0; dx <= (x < w - 1 ? 1 : 0); dx++) {
						int b = prev[i + dy * w + dx];
						if (b != 0) g.union(a, b + offPrev);
					}
			}
		}
	}

	private static byte[] faceFlags(int[][] lab, int w, int h, int d, int count) {
		byte[] f = new byte[count + 1];
		int n = w * h;
		for (int z = 0; z < d; z++) {
			int[] l = lab[z];
			int zb = (z == 0 ? Face.Z_MIN.bit() : 0) | (z == d - 1 ? Face.Z_MAX.bit() : 0);
			if (zb != 0) for (int i = 0; i < n; i++) f[l[i]] |= zb;
			for (int x = 0; x < w; x++) {
				f[l[x]] |= Face.Y_MIN.bit();
				f[l[x + (h - 1) * w]] |= Face.Y_MAX.bit();
			}
			for (int y = 0; y < h; y++) {
				f[l[y * w]] |= Face.X_MIN.bit();
				f[l[y * w + w - 1]] |= Face.X_MAX.bit();
			}
		}
		f[0] = 0;
		return f;
	}
}
