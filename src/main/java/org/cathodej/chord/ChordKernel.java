package org.cathodej.chord;

import java.io.Serializable;

import org.cathodej.image.VoxelSize;
import org.cathodej.surface.ClassVolume;
import org.cathodej.surface.GeometryKernel;
import org.cathodej.task.Parallel;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabKernel;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Chord lengths streamed slab by slab, exactly as {@link ChordAnalyzer} measures the whole volume. Lines along x and
 * y lie in slices z = 0, spacing, ... and are complete within a slab. Along z every line keeps, per slab run, its
 * first and last run of one class (open: they may continue into the neighbouring slabs); runs strictly inside are
 * complete chords. The merge joins the last run of the lower part with the first run of the upper part when their
 * classes match; the final {@link #result} closes the two runs at the volume's ends as boundary chords. All counts
 * are integers, so results are bit-identical to the in-memory analysis for any slab split.
 */
public final class ChordKernel implements SlabKernel<ChordKernel.Partial>, Serializable {

	private static final long serialVersionUID = 1L;

	private final byte[] lut;
	private final int classes, spacing, threads;
	private final boolean keep;

	/** @param lut class of each label value (negative or beyond the table = other), as {@link ClassVolume#fromLookup} */
	public ChordKernel(byte[] lut, int classes, ChordOptions opt, int threads) {
		if (opt.spacing < 1) throw new IllegalArgumentException("Line spacing must be at least 1 voxel, got " + opt.spacing);
		this.lut = lut.clone();
		this.classes = classes;
		this.spacing = opt.spacing;
		this.keep = opt.keepBoundaryChords;
		this.threads = Math.max(1, threads);
	}

	/** Chord counts of a run of slices [z0, z0 + depth). */
	public static final class Partial implements Serializable {
		private static final long serialVersionUID = 1L;
		final int z0, depth;
		/** Complete chords and line statistics; z entries exclude the open first/last runs. */
		final long[][][] hist;
		final long[] lines;
		final long[][] voxels, boundaries;
		/** Per z line: class and length of the first and last run (equal lengths = depth when the line is one run). */
		final byte[] firstCls, lastCls;
		final int[] firstLen, lastLen;

		Partial(int z0, int depth, ChordAnalyzer.Acc a, int zLines) {
			this.z0 = z0;
			this.depth = depth;
			hist = a.hist;
			lines = a.lines;
			voxels = a.voxelsAxis;
			boundaries = a.boundAxis;
			firstCls = new byte[zLines];
			lastCls = new byte[zLines];
			firstLen = new int[zLines];
			lastLen = new int[zLines];
		}
	}

	@SuppressWarnings("unchecked")
	@Override
	public Partial partial(Slab slab) {
		RandomAccessibleInterval<? extends IntegerType<?>> img = (RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) slab
			.coreImg();
		ClassVolume cv = ClassVolume.fromLookup(img, GeometryKernel.toLut(lut), classes);
		int w = slab.width(), h = slab.height(), d = slab.coreDepth(), k1 = classes + 1, sp = spacing, n = w * h;
		int[] len = { w, h, slab.volumeDepth() };
		byte[][] cls = new byte[d][n];
		Parallel.forEach(d, threads, z -> cv.readSlice(z, cls[z], new int[n]));
		int nx = (w + sp - 1) / sp, ny = (h + sp - 1) / sp;
		Partial p = new Partial(slab.z0(), d, new ChordAnalyzer.Acc(k1, len), nx * ny);
		int t = Math.min(threads, Math.max(1, ny));
		ChordAnalyzer.Acc[] xy = new ChordAnalyzer.Acc[t], zs = new ChordAnalyzer.Acc[t];
		Parallel.forEach(t, t, g -> {
			ChordAnalyzer.Acc a = new ChordAnalyzer.Acc(k1, len);
			for (int z = (int) ((long) d * g / t); z < (int) ((long) d * (g + 1) / t); z++) {
				if ((slab.z0() + z) % sp != 0) continue;
				for (int y = 0; y < h; y += sp) a.line(0, cls[z], y * w, 1, w, keep);
				for (int x = 0; x < w; x += sp) a.line(1, cls[z], x, w, h, keep);
			}
			xy[g] = a;
			ChordAnalyzer.Acc b = new ChordAnalyzer.Acc(k1, len);
			zRuns(cls, p, b, (int) ((long) ny * g / t), (int) ((long) ny * (g + 1) / t), nx, w);
			zs[g] = b;
		});
		for (ChordAnalyzer.Acc[] accs : new ChordAnalyzer.Acc[][] { xy, zs })
			for (ChordAnalyzer.Acc a : accs) add(p, a.hist, a.lines, a.voxelsAxis, a.boundAxis);
		return p;
	}

	/** Runs along z of the lines in grid rows [r0, r1): interior runs into {@code a}, first/last runs into p. */
	private void zRuns(byte[][] cls, Partial p, ChordAnalyzer.Acc a, int r0, int r1, int nx, int w) {
		int d = cls.length, sp = spacing;
		long[] vox = a.voxelsAxis[2], bnd = a.boundAxis[2];
		for (int r = r0; r < r1; r++)
			for (int c = 0; c < nx; c++) {
				int li = r * nx + c, i = r * sp * w + c * sp, start = 0;
				byte cur = cls[0][i];
				vox[cur]++;
				for (int z = 1; z < d; z++) {
					byte v = cls[z][i];
					vox[v]++;
					if (v == cur) continue;
					bnd[cur]++;
					bnd[v]++;
					if (start == 0) {
						p.firstCls[li] = cur;
						p.firstLen[li] = z;
					} else a.chord(2, cur, z - start, false, keep);
					cur = v;
					start = z;
				}
				if (start == 0) {
					p.firstCls[li] = cur;
					p.firstLen[li] = d;
				}
				p.lastCls[li] = cur;
				p.lastLen[li] = d - start;
			}
	}

	private static void add(Partial p, long[][][] h, long[] lines, long[][] vox, long[][] bnd) {
		for (int a = 0; a < 3; a++) {
			p.lines[a] += lines[a];
			for (int c = 0; c < h[a].length; c++) {
				for (int n = 0; n < h[a][c].length; n++) p.hist[a][c][n] += h[a][c][n];
				p.voxels[a][c] += vox[a][c];
				p.boundaries[a][c] += bnd[a][c];
			}
		}
	}

	@Override
	public Partial merge(Partial a, Partial b) {
		if (a.z0 + a.depth != b.z0) throw new IllegalArgumentException("Slabs must be merged in order: " + (a.z0 + a.depth) + " then " + b.z0);
		int k1 = a.voxels[0].length;
		ChordAnalyzer.Acc acc = new ChordAnalyzer.Acc(k1, new int[] { a.hist[0][0].length - 1, a.hist[1][0].length - 1, a.hist[2][0].length - 1 });
		Partial m = new Partial(a.z0, a.depth + b.depth, acc, a.firstCls.length);
		add(m, a.hist, a.lines, a.voxels, a.boundaries);
		add(m, b.hist, b.lines, b.voxels, b.boundaries);
		long[][] zh = m.hist[2];
		long[] bnd = m.boundaries[2];
		for (int li = 0; li < a.firstCls.length; li++) {
			boolean aOne = a.firstLen[li] == a.depth, bOne = b.firstLen[li] == b.depth;
			byte ac = a.lastCls[li], bc = b.firstCls[li];
			m.firstCls[li] = a.firstCls[li];
			m.firstLen[li] = a.firstLen[li];
			m.lastCls[li] = b.lastCls[li];
			m.lastLen[li] = b.lastLen[li];
			if (ac == bc) {
				int joined = a.lastLen[li] + b.firstLen[li];
				if (aOne) m.firstLen[li] = joined;
				if (bOne) m.lastLen[li] = joined;
				if (!aOne && !bOne) count(zh, ac, joined);
			} else {
				bnd[ac]++;
				bnd[bc]++;
				if (!aOne) count(zh, ac, a.lastLen[li]);
				if (!bOne) count(zh, bc, b.firstLen[li]);
			}
		}
		return m;
	}

	/** A complete chord (not touching the volume's first or last slice). */
	private void count(long[][] zh, int cls, int n) {
		zh[cls][n]++;
	}

	/** The chord result of the whole volume from the merged partial of all slabs. */
	public ChordResult result(Partial all, VoxelSize vs, ChordOptions opt) {
		int[] len = { all.hist[0][0].length - 1, all.hist[1][0].length - 1, all.hist[2][0].length - 1 };
		if (all.z0 != 0 || all.depth != len[2])
			throw new IllegalArgumentException("The partial covers slices [" + all.z0 + ", " + (all.z0 + all.depth) + ") of " + len[2]);
		ChordAnalyzer.Acc last = new ChordAnalyzer.Acc(classes + 1, len);
		for (int li = 0; li < all.firstCls.length; li++) {
			last.chord(2, all.firstCls[li], all.firstLen[li], true, keep);
			if (all.firstLen[li] < all.depth) last.chord(2, all.lastCls[li], all.lastLen[li], true, keep);
		}
		last.lines[2] = all.firstCls.length;
		ChordResult res = new ChordResult(classes, len, vs, opt);
		res.add(all.hist, all.lines, all.voxels, all.boundaries, 0, 2);
		res.add(last.hist, last.lines, last.voxelsAxis, last.boundAxis, 0, 2);
		return res;
	}
}
