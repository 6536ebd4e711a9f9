package org.cathodej.pores;

import java.util.Arrays;
import java.util.function.IntPredicate;

import org.cathodej.distance.EuclideanDistance;
import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.image.Planes;
import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Local thickness (Hildebrand-Ruegsegger) of one phase, as a DIAMETER: the value at a voxel is the diameter of the
 * largest ball that contains the voxel and fits inside the phase.
 * <p>
 * Discrete convention. d(c) is the exact Euclidean distance from the centre of voxel c to the centre of the
 * nearest voxel outside the phase (calibrated units). The ball of c covers the voxels whose centres are closer to
 * c than d(c) (so it never covers an outside voxel; in practice closer than d(c) - 1e-6 max(d), against float
 * rounding). Its diameter is {@code 2 (d(c) + g(c)) - s/2}: g(c) (at most half a voxel per axis) is the sub-voxel
 * offset of the distance maximum from c's centre, estimated where c is a maximum of d along an axis from its two
 * face neighbours (see {@link #value}); s is the voxel size across the wall (the voxel size when isotropic; for
 * anisotropic voxels estimated from how d falls along each axis). The constant s/2 puts the wall between the
 * exact value for slabs (wall half a voxel from the last centre: slabs of n voxels read n + s/2) and for voxelised
 * balls (whose largest inscribed ball, dented by the voxel corners, is about one voxel narrower than the ball's
 * nominal diameter: they read about 2R - s/2), so both are within half a voxel.
 * <p>
 * Scheme (fast, exact for this convention): distance transform; distance ridge (a voxel c is dropped when a
 * 26-neighbour n covers every voxel c's ball covers, r_in(c) + |n - c| < d(n), r_in(c) = distance to c's farthest
 * covered voxel, and n's value is not smaller); ridge balls sorted by decreasing value and painted slice by slice,
 * row span by row span, where a per-row "next unpainted voxel" union-find lets every voxel be written once (the
 * first, largest, ball to reach it wins), tiles of fully painted voxels let discs be skipped, and painting stops as
 * soon as a slice is complete. Slices run in parallel.
 */
public final class LocalThickness {

	/** The thickness map and a few counts. */
	public static final class Result {
		/** Local thickness (diameter, calibrated units) in the phase, 0 elsewhere; float, one array per slice. */
		public final PlanarImg<FloatType, FloatArray> thickness;
		public final long phaseVoxels;
		public final long ridgeVoxels;
		/** Largest local thickness (calibrated units). */
		public final double max;

		Result(PlanarImg<FloatType, FloatArray> thickness, long phaseVoxels, long ridgeVoxels, double max) {
			this.thickness = thickness;
			this.phaseVoxels = phaseVoxels;
			this.ridgeVoxels = ridgeVoxels;
			this.max = max;
		}
	}

	/** Bytes per voxel this step needs at most beyond its input (distance/thickness floats, ridge lists). */
	public static final double BYTES_PER_VOXEL = 4 + 0.3 * 28;

	private static final int TILE = 8;

	private LocalThickness() {}

	/**
	 * Local thickness of the voxels whose label satisfies {@code phase}.
	 * @param edge {@link Edge#BACKGROUND}: the volume border is a wall (balls stay inside the volume); {@link Edge#OPEN}:
	 *        balls may extend beyond the border (the phase is assumed to continue)
	 */
	public static Result compute(RandomAccessibleInterval<? extends IntegerType<?>> labels, IntPredicate phase,
		VoxelSize voxelSize, Edge edge, int threads, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		Slices.requireVolume(labels);
		int w = Slices.width(labels), h = Slices.height(labels);
		MemoryBudget.require((long) (BYTES_PER_VOXEL * Slices.voxels(labels)),
			"Local thickness of " + w + "x" + h + "x" + Slices.depth(labels) + " voxels", BYTES_PER_VOXEL);
		PlanarImg<FloatType, FloatArray> d2 = EuclideanDistance.squared(labels, phase, voxelSize, edge, threads, p.range(0, 0.4));
		return fromSquaredDistance(Planes.floats(d2), w, h, voxelSize, threads, p.range(0.4, 1));
	}

	/**
	 * Local thickness from a squared distance map (as made by {@link EuclideanDistance}), computed IN PLACE: the planes
	 * hold the thickness afterwards. Voxels with squared distance 0 are outside the phase.
	 */
	public static Result fromSquaredDistance(float[][] planes, int w, int h, VoxelSize vs, int threads, Progress progress) {
		return fromSquaredDistance(planes, w, h, vs, true, threads, progress);
	}

	/**
	 * As above; {@code containmentTable = false} always uses the triangle bound, which otherwise serves only when the
	 * lattice containment table would be too big (the tests run both).
	 */
	static Result fromSquaredDistance(float[][] planes, int w, int h, VoxelSize vs, boolean containmentTable, int threads,
		Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		double maxD2 = maxSquaredDistance(planes, threads);
		Geometry g = new Geometry(planes, w, h, vs, new Lattice(maxD2, vs, containmentTable));
		Painted r = paint(g, 0, planes.length, threads, p);
		return new Result(Planes.floats(planes, w, h), r.phaseVoxels, r.ridgeVoxels, r.max);
	}

	/**
	 * The streamed form: slices [from, to) of a window of the squared distance map painted in place, where the window
	 * holds at least {@link #haloSlices} slices on each side of them (fewer only at the volume's ends) and
	 * {@code lattice} was made from the whole map's largest squared distance. Every ball that reaches the painted
	 * slices is centred within the window and its ridge test sees the same neighbours as in the whole volume, so the
	 * slices are bit-identical to {@link #fromSquaredDistance}'s.
	 */
	static Painted paintWindow(float[][] window, int from, int to, int w, int h, VoxelSize vs, Lattice lattice, int threads) {
		return paint(new Geometry(window, w, h, vs, lattice), from, to, threads, Progress.NONE);
	}

	/**
	 * Slices of distance map needed on each side of painted slices: balls reach less than ceil(maxD / hz) slices from
	 * their centre, and the ridge test of a centre reads its neighbours' values, which read their neighbours.
	 */
	static int haloSlices(double maxD2, VoxelSize vs) {
		return (int) Math.ceil(Math.sqrt(maxD2) / vs.z()) + 2;
	}

	/** Phase voxels, ridge voxels (centred in the painted slices) and the largest value of painted slices. */
	static final class Painted {
		final long phaseVoxels, ridgeVoxels;
		final double max;

		Painted(long phaseVoxels, long ridgeVoxels, double max) {
			this.phaseVoxels = phaseVoxels;
			this.ridgeVoxels = ridgeVoxels;
			this.max = max;
		}
	}

	/** The ridge of every slice of g, its balls painted into slices [from, to). */
	private static Painted paint(Geometry g, int from, int to, int threads, Progress p) {
		// 1. distance ridge, per slice
		Ridge ridge = new Ridge(g.d);
		Parallel.forEach(g.d, threads, z -> {
			p.checkCancelled();
			ridge.collect(g, z);
		});
		p.report(0.25, "Local thickness: ridge");
		long total = 0, ridgeCount = 0;
		for (int z = from; z < to; z++) {
			total += ridge.phaseCount[z];
			ridgeCount += ridge.xy[z].length;
		}
		// 2. ridge balls by decreasing value, grouped by centre slice
		Balls balls = ridge.sorted(g);
		p.report(0.35, "Local thickness: painting");
		// 3. paint, slice by slice
		int n = to - from;
		int[] done = { 0 };
		double[] maxT = new double[n];
		Parallel.forEach(n, threads, k -> {
			p.checkCancelled();
			int z = from + k;
			if (ridge.phaseCount[z] == 0) return;
			maxT[k] = balls.paint(g, z, ridge.phaseCount[z]);
			synchronized (done) {
				p.report(0.35 + 0.65 * ++done[0] / n, "Local thickness: painting");
			}
		});
		double max = 0;
		for (double v : maxT) max = Math.max(max, v);
		return new Painted(total, ridgeCount, max);
	}

	/**
	 * What depends on the largest distance only (built once for a streamed run): the lattice containment table, or
	 * (when too big or switched off) the lattice norms for the triangle bound.
	 */
	static final class Lattice {
		final double maxD2;
		final Containment cont;
		final double[] norms;

		Lattice(double maxD2, VoxelSize vs, boolean containmentTable) {
			this.maxD2 = maxD2;
			Geometry probe = new Geometry(new float[0][], 0, 0, vs, maxD2);
			cont = containmentTable ? Containment.build(maxD2, vs.x(), vs.y(), vs.z(), probe.off) : null;
			norms = cont == null ? latticeNorms(maxD2, vs.x(), vs.y(), vs.z()) : null;
		}
	}

	/** Largest squared distance of the map; an infinite one means the phase fills the volume. */
	private static double maxSquaredDistance(float[][] planes, int threads) {
		double[] maxPer = new double[planes.length];
		Parallel.forEach(planes.length, threads, z -> {
			float m0 = 0;
			for (float v : planes[z]) {
				if (v == Float.POSITIVE_INFINITY)
					throw new IllegalArgumentException("The phase fills the whole volume: its local thickness is unbounded.");
				if (v > m0) m0 = v;
			}
			maxPer[z] = m0;
		});
		double maxD2 = 0;
		for (double v : maxPer) maxD2 = Math.max(maxD2, v);
		return maxD2;
	}

	/** The distance map, the voxel geometry and the constants every step shares. */
	private static final class Geometry {
		final float[][] planes;
		final int w, h, d;
		final double hx, hy, hz, wallCorrection, maxD;
		final double[] hs;
		/** 26 neighbour offsets, their in-slice index shifts and lengths. */
		final int[][] off = new int[26][];
		final int[] shift = new int[26];
		final double[] len = new double[26];
		/**
		 * Balls shrink by delta (absolute) so float rounding of d never lets a ball reach an outside voxel centre that
		 * lies exactly at distance d; an absolute margin keeps the ridge argument exact.
		 */
		final double delta, eps;
		/** How much larger d(n) must be than d(c) for n's value to be surely not smaller (sub-voxel gain and wall constant). */
		final double valueSlack;
		/** Exact containment table, or (when too big or switched off) the lattice norms for the triangle bound. */
		final Containment cont;
		final double[] norms;

		Geometry(float[][] planes, int w, int h, VoxelSize vs, Lattice lattice) {
			this(planes, w, h, vs, lattice.maxD2, lattice.cont, lattice.norms);
		}

		/** The offsets and constants only (no tables). */
		Geometry(float[][] planes, int w, int h, VoxelSize vs, double maxD2) {
			this(planes, w, h, vs, maxD2, null, null);
		}

		private Geometry(float[][] planes, int w, int h, VoxelSize vs, double maxD2, Containment cont, double[] norms) {
			this.planes = planes;
			this.w = w;
			this.h = h;
			this.d = planes.length;
			hx = vs.x();
			hy = vs.y();
			hz = vs.z();
			hs = new double[] { hx, hy, hz };
			wallCorrection = Math.min(hx, Math.min(hy, hz));
			int m = 0;
			for (int dz = -1; dz <= 1; dz++)
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						if (dx == 0 && dy == 0 && dz == 0) continue;
						off[m] = new int[] { dx, dy, dz };
						shift[m] = dy * w + dx;
						len[m++] = Math.sqrt(dx * dx * hx * hx + dy * dy * hy * hy + dz * dz * hz * hz);
					}
			maxD = Math.sqrt(maxD2);
			delta = 1e-6 * maxD;
			eps = 1e-9 * Math.max(maxD, wallCorrection);
			this.cont = cont;
			this.norms = norms;
			double hmax = Math.max(hx, Math.max(hy, hz));
			valueSlack = Math.sqrt(hx * hx + hy * hy + hz * hz) / 2 + (hmax - wallCorrection) / 4 + 1e-9 * hmax;
		}

		float value(int x, int y, int z) {
			return LocalThickness.value(planes, w, h, x, y, z, hs, wallCorrection);
		}

		/**
		 * thr[k] = squared distance n = c + e_k must exceed for n's ball to cover every voxel c's ball covers: exactly,
		 * from the lattice containment table, or by the triangle bound rIn(c) + |e_k| (rIn(c) = distance of c's
		 * farthest covered voxel).
		 */
		void thresholds(float c2, double[] thr) {
			double rc = Math.sqrt(c2) - delta;
			int row = cont == null ? -1 : cont.row(rc * rc);
			if (row >= 0) {
				for (int k = 0; k < 26; k++) {
					double t = Math.sqrt(cont.far[row * 26 + k]) + eps + delta;
					thr[k] = t * t;
				}
			} else {
				double rIn = innerRadius(norms, rc);
				for (int k = 0; k < 26; k++) {
					double t = rIn + len[k] + eps + delta;
					thr[k] = t * t;
				}
			}
		}
	}

	/** The distance ridge per slice: centre index, squared distance and value of each ridge voxel; phase voxels per slice. */
	private static final class Ridge {
		final int[][] xy;
		final float[][] d2, value;
		final long[] phaseCount;

		Ridge(int d) {
			xy = new int[d][];
			d2 = new float[d][];
			value = new float[d][];
			phaseCount = new long[d];
		}

		/**
		 * Slice z: c is dropped when a 26-neighbour n covers every voxel c's ball covers ({@link Geometry#thresholds})
		 * and n's value is not smaller.
		 */
		void collect(Geometry g, int z) {
			int w = g.w, h = g.h;
			float[] a = g.planes[z];
			int[] rxy = new int[64];
			float[] rd = new float[64], rv = new float[64];
			int n = 0;
			long cnt = 0;
			float lastC2 = -1;
			double[] thr = new double[26];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int i = y * w + x;
					float c2 = a[i];
					if (c2 <= 0) continue;
					cnt++;
					if (c2 != lastC2) {
						lastC2 = c2;
						g.thresholds(c2, thr);
					}
					float vc = ridgeValue(g, x, y, z, c2, thr);
					if (Float.isNaN(vc)) continue;
					if (n == rd.length) {
						rxy = Arrays.copyOf(rxy, 2 * n);
						rd = Arrays.copyOf(rd, 2 * n);
						rv = Arrays.copyOf(rv, 2 * n);
					}
					rxy[n] = i;
					rv[n] = vc;
					rd[n++] = c2;
				}
			xy[z] = Arrays.copyOf(rxy, n);
			d2[z] = Arrays.copyOf(rd, n);
			value[z] = Arrays.copyOf(rv, n);
			phaseCount[z] = cnt;
		}

		/** The value of voxel (x, y, z) when it is on the ridge, NaN when a neighbour's ball replaces its ball (NaN, not
		 * -1: no value can then be mistaken for the marker). */
		private static float ridgeValue(Geometry g, int x, int y, int z, float c2, double[] thr) {
			int w = g.w, h = g.h, d = g.d, i = y * w + x;
			float vc = Float.NaN;
			boolean interior = x > 0 && y > 0 && z > 0 && x < w - 1 && y < h - 1 && z < d - 1;
			for (int k = 0; k < 26; k++) {
				int nx = x + g.off[k][0], ny = y + g.off[k][1], nz = z + g.off[k][2];
				if (!interior && (nx < 0 || ny < 0 || nz < 0 || nx >= w || ny >= h || nz >= d)) continue;
				float n2 = g.planes[nz][i + g.shift[k]];
				if (n2 > c2 && n2 > thr[k]) {
					// n's ball covers c's; it replaces c if its value is not smaller (certain when d(n) exceeds
					// d(c) by more than the largest possible sub-voxel gain and wall-constant difference)
					if (Math.sqrt(n2) - Math.sqrt(c2) >= g.valueSlack) return Float.NaN;
					if (Float.isNaN(vc)) vc = g.value(x, y, z);
					if (g.value(nx, ny, nz) >= vc) return Float.NaN;
				}
			}
			return Float.isNaN(vc) ? g.value(x, y, z) : vc;
		}

		/** The ridge balls sorted by decreasing value (key = float bits of the value << 32 | index); frees the lists. */
		Balls sorted(Geometry g) {
			int d = xy.length;
			long ridgeTotal = 0;
			for (int[] s : xy) ridgeTotal += s.length;
			if (ridgeTotal > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Too many ridge voxels: " + ridgeTotal);
			int r = (int) ridgeTotal;
			int[] rz = new int[r], rxy = new int[r];
			float[] rd2 = new float[r], rval = new float[r];
			long[] keys = new long[r];
			int k0 = 0;
			for (int z = 0; z < d; z++) {
				for (int i = 0; i < xy[z].length; i++, k0++) {
					rz[k0] = z;
					rxy[k0] = xy[z][i];
					rd2[k0] = d2[z][i];
					rval[k0] = value[z][i];
					keys[k0] = ((long) Float.floatToIntBits(rval[k0]) << 32) | k0;
				}
				xy[z] = null;
				d2[z] = null;
				value[z] = null;
			}
			Arrays.parallelSort(keys);
			Balls b = new Balls(r, d);
			for (int rank = 0; rank < r; rank++) { // rank 0 = largest ball
				int i = (int) keys[r - 1 - rank];
				b.z[rank] = rz[i];
				b.xy[rank] = rxy[i];
				b.value[rank] = rval[i];
				double rr = Math.sqrt(rd2[i]) - g.delta;
				b.reach2[rank] = rr * rr;
			}
			b.groupBySlice();
			return b;
		}
	}

	/** Ridge balls in rank order (largest value first), with their ranks grouped by centre slice. */
	private static final class Balls {
		final int[] z, xy;
		final float[] value;
		final double[] reach2;
		/** byZ[start[cz] .. start[cz + 1]) = ranks of the balls centred in slice cz, ascending. */
		final int[] start, byZ;

		Balls(int r, int d) {
			z = new int[r];
			xy = new int[r];
			value = new float[r];
			reach2 = new double[r];
			start = new int[d + 1];
			byZ = new int[r];
		}

		int count() {
			return z.length;
		}

		void groupBySlice() {
			int r = z.length, d = start.length - 1;
			for (int rank = 0; rank < r; rank++) start[z[rank] + 1]++;
			for (int s = 0; s < d; s++) start[s + 1] += start[s];
			int[] fill = Arrays.copyOf(start, d);
			for (int rank = 0; rank < r; rank++) byZ[fill[z[rank]]++] = rank;
		}

		/** Ranks (ascending) of the balls that reach slice sz. */
		private int[] candidates(Geometry g, int sz) {
			int zReach = (int) Math.ceil(g.maxD / g.hz);
			int[] cand = new int[256];
			int nc = 0;
			for (int cz = Math.max(0, sz - zReach); cz <= Math.min(g.d - 1, sz + zReach); cz++) {
				double dz = (cz - sz) * g.hz, dz2 = dz * dz;
				for (int j = start[cz]; j < start[cz + 1]; j++) {
					int rank = byZ[j];
					if (!(dz2 < reach2[rank])) continue;
					if (nc == cand.length) cand = Arrays.copyOf(cand, 2 * nc);
					cand[nc++] = rank;
				}
			}
			Arrays.sort(cand, 0, nc);
			return Arrays.copyOf(cand, nc);
		}

		/**
		 * Paints slice sz in place: each phase voxel gets the value of the first (largest) ball that reaches it. A per-row
		 * "next unpainted voxel" union-find writes every voxel once; TILE x TILE counts of unpainted voxels let a ball
		 * skip a disc that is already painted; painting stops when the slice is complete. Returns the slice's maximum.
		 */
		float paint(Geometry g, int sz, long phaseVoxels) {
			int w = g.w, h = g.h;
			float[] out = g.planes[sz];
			Slice s = new Slice(out, w, h, phaseVoxels);
			for (int rank : candidates(g, sz)) {
				if (s.remaining == 0) break;
				double dz = (z[rank] - sz) * g.hz;
				s.disc(g, xy[rank], reach2[rank] - dz * dz, value[rank]);
			}
			if (s.remaining > 0) throw new IllegalStateException("Local thickness: " + s.remaining + " voxels of slice " + sz + " not covered");
			float sliceMax = 0;
			for (float v : out) if (v > sliceMax) sliceMax = v;
			return sliceMax;
		}
	}

	/** The painting state of one slice: next-unpainted links per row, unpainted counts per tile, voxels left. */
	private static final class Slice {
		final float[] out;
		final int w, h, stride, tw;
		final int[] next, tiles;
		long remaining;

		Slice(float[] out, int w, int h, long phaseVoxels) {
			this.out = out;
			this.w = w;
			this.h = h;
			remaining = phaseVoxels;
			stride = w + 1;
			next = new int[stride * h];
			for (int i = 0; i < next.length; i++) next[i] = i;
			tw = (w + TILE - 1) / TILE;
			int th = (h + TILE - 1) / TILE;
			tiles = new int[tw * th];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if (out[y * w + x] > 0) tiles[(y / TILE) * tw + x / TILE]++;
		}

		/** Paints the unpainted voxels of the disc {|p - c|^2 < rho2} centred at in-slice index cxy with val. */
		void disc(Geometry g, int cxy, double rho2, float val) {
			int cy = cxy / w, cx = cxy - cy * w;
			int ky = reach(rho2, g.hy), kx0 = reach(rho2, g.hx);
			int y0 = Math.max(0, cy - ky), y1 = Math.min(h - 1, cy + ky);
			if (!open(y0, y1, Math.max(0, cx - kx0) / TILE, Math.min(w - 1, cx + kx0) / TILE)) return;
			int kx = kx0;
			for (int t = 0; t <= ky && remaining > 0; t++) {
				double dy = t * g.hy;
				double rem = rho2 - dy * dy;
				if (!(rem > 0)) break;
				while (kx > 0 && (kx * g.hx) * (kx * g.hx) >= rem) kx--;
				int x0 = Math.max(0, cx - kx), x1 = Math.min(w - 1, cx + kx);
				row(cy + t, x0, x1, val);
				if (t > 0) row(cy - t, x0, x1, val);
			}
		}

		/** Whether a tile of rows y0..y1, tile columns tx0..tx1 still has unpainted voxels. */
		private boolean open(int y0, int y1, int tx0, int tx1) {
			for (int ty = y0 / TILE; ty <= y1 / TILE; ty++)
				for (int tx = tx0; tx <= tx1; tx++)
					if (tiles[ty * tw + tx] != 0) return true;
			return false;
		}

		private void row(int y, int x0, int x1, float val) {
			if (y < 0 || y >= h) return;
			int base = y * stride, end = base + x1, trow = (y / TILE) * tw;
			int i = find(next, base + x0);
			while (i <= end) {
				int x = i - base;
				out[y * w + x] = val;
				tiles[trow + x / TILE]--;
				next[i] = i + 1;
				remaining--;
				i = find(next, i + 1);
			}
		}
	}

	/**
	 * For every radius class of lattice balls {q : |q|^2 < N} (q = (i hx, j hy, k hz)) and every 26-neighbour offset e,
	 * the largest |q - e|^2 over the ball: so "ball(c) inside ball(n)" is one comparison. Built for balls up to the
	 * largest distance; null when that would be too big (then the triangle bound is used).
	 */
	static final class Containment {
		/** Squared norms of the classes, ascending (each slightly shrunk so float rounding never drops a point). */
		final float[] keys;
		/** far[t * 26 + k] = max |q - e_k|^2 over lattice q with key(q) <= keys[t]. */
		final double[] far;

		private Containment(float[] keys, double[] far) {
			this.keys = keys;
			this.far = far;
		}

		/** Row of the ball {|q|^2 < r2}: the last class whose key is below r2 (0 = the centre only). */
		int row(double r2) {
			int lo = 0, hi = keys.length - 1;
			if (keys[hi] < r2) return -1; // beyond the table
			if (!(keys[0] < r2)) return -1;
			while (hi - lo > 1) {
				int mid = (lo + hi) >>> 1;
				if (keys[mid] < r2) lo = mid;
				else hi = mid;
			}
			return lo;
		}

		static Containment build(double maxD2, double hx, double hy, double hz, int[][] off) {
			double maxD = Math.sqrt(maxD2) * 1.01 + Math.max(hx, Math.max(hy, hz));
			long ni = (long) (maxD / hx) + 1, nj = (long) (maxD / hy) + 1, nk = (long) (maxD / hz) + 1;
			long box = (2 * ni + 1) * (2 * nj + 1) * (2 * nk + 1);
			if (box > 4_000_000L) return null;
			double lim = maxD * maxD;
			long[] pk = new long[(int) box];
			int n = 0;
			for (int k = (int) -nk; k <= nk; k++)
				for (int j = (int) -nj; j <= nj; j++)
					for (int i = (int) -ni; i <= ni; i++) {
						double q = (i * hx) * (i * hx) + (j * hy) * (j * hy) + (k * hz) * (k * hz);
						if (q > lim) continue;
						float key = (float) (q * (1 - 1e-6));
						int code = (int) ((((long) (k + nk)) * (2 * nj + 1) + (j + nj)) * (2 * ni + 1) + (i + ni));
						pk[n++] = ((long) Float.floatToIntBits(key) << 32) | code;
					}
			pk = Arrays.copyOf(pk, n);
			Arrays.sort(pk);
			int groups = 0;
			for (int a = 0; a < n; a++) if (a == 0 || (pk[a] >>> 32) != (pk[a - 1] >>> 32)) groups++;
			if ((long) groups * 26 > 4_000_000L) return null;
			float[] keys = new float[groups];
			double[] far = new double[groups * 26];
			double[] run = new double[26];
			Arrays.fill(run, 0);
			int g = -1;
			long wi = 2 * ni + 1, wj = 2 * nj + 1;
			for (int a = 0; a < n; a++) {
				int bits = (int) (pk[a] >>> 32);
				if (a == 0 || bits != (int) (pk[a - 1] >>> 32)) {
					if (g >= 0) System.arraycopy(run, 0, far, g * 26, 26);
					keys[++g] = Float.intBitsToFloat(bits);
				}
				long code = pk[a] & 0xffffffffL;
				int i = (int) (code % wi - ni), j = (int) ((code / wi) % wj - nj), k = (int) (code / (wi * wj) - nk);
				for (int e = 0; e < 26; e++) {
					double dx = (i - off[e][0]) * hx, dy = (j - off[e][1]) * hy, dz = (k - off[e][2]) * hz;
					double v = dx * dx + dy * dy + dz * dz;
					if (v > run[e]) run[e] = v;
				}
			}
			System.arraycopy(run, 0, far, g * 26, 26);
			return new Containment(keys, far);
		}
	}

	/**
	 * Sorted distinct squared lengths of lattice vectors (i hx, j hy, k hz) up to maxD2 (plus one step), or null when
	 * there would be too many (then balls are bounded by their radius only).
	 */
	static double[] latticeNorms(double maxD2, double hx, double hy, double hz) {
		double maxD = Math.sqrt(maxD2);
		long ni = (long) (maxD / hx) + 2, nj = (long) (maxD / hy) + 2, nk = (long) (maxD / hz) + 2;
		if (ni * nj * nk > 8_000_000L) return null;
		double[] v = new double[(int) (ni * nj * nk)];
		int n = 0;
		for (int k = 0; k < nk; k++)
			for (int j = 0; j < nj; j++)
				for (int i = 0; i < ni; i++) {
					double q = (i * hx) * (i * hx) + (j * hy) * (j * hy) + (k * hz) * (k * hz);
					if (q <= maxD2 * 1.01 + hx * hx) v[n++] = q;
				}
		v = Arrays.copyOf(v, n);
		Arrays.sort(v);
		int m = 0;
		for (int i = 0; i < n; i++) if (m == 0 || v[i] != v[m - 1]) v[m++] = v[i];
		return Arrays.copyOf(v, m);
	}

	/** Length of the longest lattice vector shorter than r (r itself when norms is null). */
	static double innerRadius(double[] norms, double r) {
		if (norms == null || r <= 0) return Math.max(0, r);
		double r2 = r * r;
		int lo = 0, hi = norms.length - 1; // norms[0] = 0 < r2
		if (norms[hi] < r2) return r;
		while (hi - lo > 1) {
			int mid = (lo + hi) >>> 1;
			if (norms[mid] < r2) lo = mid;
			else hi = mid;
		}
		return Math.sqrt(norms[lo]);
	}

	/**
	 * Diameter of the inscribed ball credited to voxel c: 2 (d(c) + g) - s/2, s = the voxel size across the wall
	 * (RMS of the voxel sizes weighted by how steeply d falls along each axis: the slab-normal size for a slab, the
	 * voxel size for isotropic voxels; the smallest voxel size when d is flat around c; never more than d(c), so the
	 * value is at least 1.5 d(c) > 0), g = how far the
	 * true distance maximum may lie off c's centre: per axis, when c is a maximum of d along that axis (neither face
	 * neighbour larger), the peak of a slope-1 tent through the two neighbours is (larger - smaller)/2 beyond c (at
	 * most half a voxel); g = the length of that offset vector. 0 on slopes and along flat ridges.
	 */
	static float value(float[][] planes, int w, int h, int x, int y, int z, double[] hs, double wallCorrection) {
		int i = y * w + x, d = planes.length;
		float[] pl = planes[z];
		double c = Math.sqrt(pl[i]);
		double g2 = 0, fw = 0, fh = 0;
		for (int a = 0; a < 3; a++) {
			float l, r;
			if (a == 0) {
				if (x == 0 || x == w - 1) continue;
				l = pl[i - 1];
				r = pl[i + 1];
			} else if (a == 1) {
				if (y == 0 || y == h - 1) continue;
				l = pl[i - w];
				r = pl[i + w];
			} else {
				if (z == 0 || z == d - 1) continue;
				l = planes[z - 1][i];
				r = planes[z + 1][i];
			}
			double dl = Math.sqrt(l), dr = Math.sqrt(r);
			double hi = Math.max(dl, dr), lo = Math.min(dl, dr);
			// how steeply d falls towards the nearer wall along this axis (1 = the wall is straight along it)
			double f = Math.max(0, Math.min(1, (c - lo) / hs[a]));
			fw += f * f;
			fh += f * f * hs[a] * hs[a];
			if (hi > c * (1 + 1e-6)) continue;
			double t = Math.min(hs[a] / 2, (hi - lo) / 2);
			g2 += t * t;
		}
		// the voxel across the wall is no larger than the distance c to the nearest outside voxel centre; without the
		// cap, at the volume border (axis skipped) with strongly anisotropic voxels s/2 could exceed 2 c: a negative value
		double sWall = Math.min(c, fw > 0 ? Math.sqrt(fh / fw) : wallCorrection);
		return (float) (2 * (c + Math.sqrt(g2)) - sWall / 2);
	}

	/** Largest k >= 0 with (k s)^2 < rem (rem > 0). */
	private static int reach(double rem, double s) {
		int k = (int) (Math.sqrt(rem) / s);
		while (k > 0 && (k * s) * (k * s) >= rem) k--;
		while (((k + 1) * s) * ((k + 1) * s) < rem) k++;
		return k;
	}

	private static int find(int[] next, int i) {
		while (next[i] != i) {
			int j = next[next[i]];
			next[i] = j;
			i = j;
		}
		return i;
	}
}
