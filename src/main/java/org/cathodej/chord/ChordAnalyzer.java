package org.cathodej.chord;

import org.cathodej.image.VoxelSize;
import org.cathodej.surface.ClassVolume;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

/**
 * Chord lengths of every voxel class along x, y and z. A chord is a maximal run of one class on a line of voxels;
 * lines run along each axis at lateral positions 0, spacing, 2 spacing, ... in both lateral directions. Chords are
 * recorded as exact integer-length histograms (voxels), from which {@link ChordDistribution} derives calibrated
 * statistics and bins. Working memory: a few slices per thread plus one int per z-line.
 */
public final class ChordAnalyzer {

	private ChordAnalyzer() {}

	public static ChordResult measure(ClassVolume cv, VoxelSize vs, ChordOptions opt, int threads, Progress progress) {
		final int w = cv.width(), h = cv.height(), d = cv.depth(), k1 = cv.classes() + 1, sp = opt.spacing;
		if (sp < 1) throw new IllegalArgumentException("Line spacing must be at least 1 voxel, got " + sp);
		final int[] len = { w, h, d };
		final int nThreads = Math.max(1, threads);
		MemoryBudget.require((long) w * h * 5 * nThreads + 8L * w * h, "Chord lengths of " + w + "x" + h + "x" + d + " voxels", 0);
		final int area = w * h;
		// x and y lines: slices z = 0, sp, 2sp, ..., in blocks of consecutive slices
		final int nz = (d + sp - 1) / sp;
		final int blocks = Math.min(nz, nThreads * 4);
		final Acc[] xy = new Acc[blocks];
		final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
		Parallel.forEach(blocks, nThreads, bi -> {
			byte[] c = new byte[area];
			int[] ints = new int[area];
			Acc a = new Acc(k1, len);
			for (int i = (int) ((long) nz * bi / blocks); i < (int) ((long) nz * (bi + 1) / blocks); i++) {
				progress.checkCancelled();
				cv.readSlice(i * sp, c, ints);
				for (int y = 0; y < h; y += sp) a.line(0, c, y * w, 1, w, opt.keepBoundaryChords);
				for (int x = 0; x < w; x += sp) a.line(1, c, x, w, h, opt.keepBoundaryChords);
				progress.report(0.5 * done.incrementAndGet() / nz, "Chords along x and y");
			}
			xy[bi] = a;
		});
		// z lines: lateral grid split into row groups; each group reads its rows of every slice
		final int ny = (h + sp - 1) / sp, nx = (w + sp - 1) / sp;
		final int groups = Math.max(1, Math.min(ny, nThreads));
		final Acc[] zs = new Acc[groups];
		Parallel.forEach(groups, nThreads, g -> {
			int r0 = (int) ((long) ny * g / groups), r1 = (int) ((long) ny * (g + 1) / groups);
			int nl = (r1 - r0) * nx;
			Acc a = new Acc(k1, len);
			byte[] row = new byte[w];
			byte[][] scratch = new byte[1][];
			int[][] ints = new int[1][];
			byte[] prev = new byte[nl];
			int[] start = new int[nl];
			for (int z = 0; z < d; z++) {
				progress.checkCancelled();
				int li = 0;
				for (int r = r0; r < r1; r++) {
					readRow(cv, z, r * sp, row, scratch, ints, area);
					for (int x = 0; x < w; x += sp, li++) {
						byte v = row[x];
						a.voxels[v]++;
						if (z == 0) {
							prev[li] = v;
							start[li] = 0;
							continue;
						}
						if (v != prev[li]) {
							a.boundaries[prev[li]]++;
							a.boundaries[v]++;
							a.chord(2, prev[li], z - start[li], start[li] == 0, opt.keepBoundaryChords);
							prev[li] = v;
							start[li] = z;
						}
					}
				}
				if (g == 0 && (z & 7) == 0) progress.report(0.5 + 0.5 * z / d, "Chords along z");
			}
			for (int li = 0; li < nl; li++) a.chord(2, prev[li], d - start[li], true, opt.keepBoundaryChords);
			a.lines[2] = nl;
			zs[g] = a;
		});
		ChordResult res = new ChordResult(cv.classes(), len, vs, opt);
		for (Acc a : xy) res.add(a.hist, a.lines, a.voxelsAxis, a.boundAxis, 0, 1);
		for (Acc a : zs) {
			// z accumulators keep voxel and boundary counts in the flat arrays
			for (int c = 0; c < k1; c++) {
				a.voxelsAxis[2][c] += a.voxels[c];
				a.boundAxis[2][c] += a.boundaries[c];
			}
			res.add(a.hist, a.lines, a.voxelsAxis, a.boundAxis, 2, 2);
		}
		progress.report(1, "Chords: done");
		return res;
	}

	private static void readRow(ClassVolume cv, int z, int y, byte[] row, byte[][] scratch, int[][] ints, int area) {
		if (scratch[0] == null) {
			// whole-slice buffers for the slow path (non-planar images); the planar fast path reads rows only
			scratch[0] = new byte[area];
			ints[0] = new int[area];
		}
		cv.readRow(z, y, row, scratch[0], ints[0]);
	}

	/** Per-thread accumulator. */
	static final class Acc {
		final long[][][] hist; // [axis][class][length]
		final long[] lines = new long[3];
		final long[][] voxelsAxis, boundAxis;
		final long[] voxels, boundaries; // scratch for z
		final int k1;

		Acc(int k1, int[] len) {
			this.k1 = k1;
			hist = new long[3][k1][];
			for (int a = 0; a < 3; a++)
				for (int c = 0; c < k1; c++) hist[a][c] = new long[len[a] + 1];
			voxelsAxis = new long[3][k1];
			boundAxis = new long[3][k1];
			voxels = new long[k1];
			boundaries = new long[k1];
		}

		void chord(int axis, int cls, int n, boolean touches, boolean keep) {
			if (!touches || keep) hist[axis][cls][n]++;
		}

		/** One line of n voxels of c starting at off with stride. */
		void line(int axis, byte[] c, int off, int stride, int n, boolean keep) {
			lines[axis]++;
			long[] vox = voxelsAxis[axis], bnd = boundAxis[axis];
			int s = 0;
			byte cur = c[off];
			vox[cur]++;
			for (int i = 1; i < n; i++) {
				byte v = c[off + i * stride];
				vox[v]++;
				if (v != cur) {
					bnd[cur]++;
					bnd[v]++;
					chord(axis, cur, i - s, s == 0, keep);
					cur = v;
					s = i;
				}
			}
			chord(axis, cur, n - s, true, keep);
		}
	}
}
