package org.cathodej.segment.features;

/**
 * How the feature stack of a volume is computed in pieces of bounded memory: slabs of whole slices, or, when a
 * slice is so large that only a few slices fit the budget, slabs cut into in-plane tiles. Each tile is computed with
 * a margin of {@link FeatureComputer#haloXY} pixels on the sides inside the slice and only its core is kept, so the
 * features are those of whole slices to the bit. The plan minimises the recomputed margins: a slab of S slices
 * reads S + 2 halo slices and a tile of core a x b computes (a + 2 m) x (b + 2 m) pixels, and the Gaussians and the
 * input reads of the margins are done again by the neighbouring slab or tile.
 */
public final class FeatureTiles {

	/** Tiles narrower than this (core, pixels) are not considered: their margins would dominate. */
	static final int MIN_TILE = 32;
	private static final int MAX_SPLITS = 64;

	private final FeatureComputer whole;
	private final int w, h, nx, ny, slab, margin;
	private final long bytes;

	private FeatureTiles(FeatureComputer whole, int w, int h, int nx, int ny, int slab, int margin, long bytes) {
		this.whole = whole;
		this.w = w;
		this.h = h;
		this.nx = nx;
		this.ny = ny;
		this.slab = slab;
		this.margin = margin;
		this.bytes = bytes;
	}

	/** Whole slices in slabs of {@code slab} slices (no tiles). */
	public static FeatureTiles slices(FeatureComputer fc, int w, int h, int slab) {
		return new FeatureTiles(fc, w, h, 1, 1, slab, 0, fc.slabBytes(slab));
	}

	/** An nx x ny grid of tiles with the computer's margins, in slabs of {@code slab} slices (for tests and tools). */
	public static FeatureTiles grid(FeatureComputer fc, int w, int h, int nx, int ny, int slab) {
		int m = fc.haloXY();
		long px = (long) padded(ceilDiv(w, nx), w, nx, m) * padded(ceilDiv(h, ny), h, ny, m);
		return new FeatureTiles(fc, w, h, nx, ny, slab, m, fc.slabBytes(slab) / ((long) w * h) * px);
	}

	/**
	 * The plan of least recomputation whose working memory ({@link FeatureComputer#slabBytes} of a tile with its
	 * margins) fits {@code budget}; whole slices when nothing else does better (at least one slice per slab).
	 * @param w slice width and {@code h} height of the volume {@code fc} was made for
	 */
	public static FeatureTiles plan(FeatureComputer fc, int w, int h, int d, long budget) {
		return plan(fc, w, h, d, budget, 0);
	}

	/**
	 * As {@link #plan(FeatureComputer, int, int, int, long)} when the input slices a slab reads (with its halo)
	 * are also held in memory, {@code inputBytesPerSlice} each (streamed inputs: all channels of one slice).
	 */
	public static FeatureTiles plan(FeatureComputer fc, int w, int h, int d, long budget, long inputBytesPerSlice) {
		int m = fc.haloXY(), hz = fc.halo();
		int whole = Math.max(1, slabFor(fc, (long) w * h, w, h, d, budget, inputBytesPerSlice));
		FeatureTiles best = new FeatureTiles(fc, w, h, 1, 1, whole, 0, fc.slabBytes(whole) + input(whole, hz, d, inputBytesPerSlice));
		double bestCost = cost(w, h, 1, 1, 0, best.slab, hz, d);
		for (int nx = 1; nx <= MAX_SPLITS; nx++)
			for (int ny = 1; ny <= MAX_SPLITS; ny++) {
				if (nx * ny == 1) continue;
				int tw = ceilDiv(w, nx), th = ceilDiv(h, ny);
				if ((nx > 1 && tw < Math.max(MIN_TILE, m)) || (ny > 1 && th < Math.max(MIN_TILE, m))) continue;
				long px = (long) padded(tw, w, nx, m) * padded(th, h, ny, m);
				int s = slabFor(fc, px, w, h, d, budget, inputBytesPerSlice);
				if (s < 1) continue;
				double c = cost(w, h, nx, ny, m, s, hz, d);
				if (c < bestCost - 1e-9) {
					bestCost = c;
					best = new FeatureTiles(fc, w, h, nx, ny, s, m, fc.slabBytes(s) / ((long) w * h) * px + input(s, hz, d, inputBytesPerSlice));
				}
			}
		return best;
	}

	/** The most slices (up to d) whose slab for a tile of px pixels fits budget (slabBytes is linear in the area); 0: none. */
	private static int slabFor(FeatureComputer fc, long px, int w, int h, int d, long budget, long inputBytesPerSlice) {
		long plane = (long) w * h;
		int s = 0;
		while (s < d && s < 4096 && fc.slabBytes(s + 1) / plane * px + input(s + 1, fc.halo(), d, inputBytesPerSlice) <= budget) s++;
		return s;
	}

	/** Input slices held for a slab of s slices: the slab, its halo and one more (read ahead). */
	private static long input(int s, int hz, int d, long bytesPerSlice) {
		return bytesPerSlice * Math.min(d, s + 2L * hz + 1);
	}

	/** Computed pixels x read slices per kept voxel: the recomputation factor of the plan. */
	private static double cost(int w, int h, int nx, int ny, int m, int s, int hz, int d) {
		double xy = (double) padded(ceilDiv(w, nx), w, nx, m) * padded(ceilDiv(h, ny), h, ny, m) / ((double) ceilDiv(w, nx) * ceilDiv(h, ny));
		return xy * Math.min(d, s + 2.0 * hz) / Math.min(d, s);
	}

	private static int padded(int core, int full, int n, int m) {
		return n == 1 ? full : Math.min(full, core + 2 * m);
	}

	private static int ceilDiv(int a, int b) {
		return (a + b - 1) / b;
	}

	/** Slices per slab. */
	public int slabSlices() { return slab; }
	/** Working memory of the largest tile's slab. */
	public long slabBytes() { return bytes; }
	/** Tiles along x and along y. */
	public int columns() { return nx; }
	public int rows() { return ny; }
	/** Number of tiles per slab (1: whole slices). */
	public int count() { return nx * ny; }

	/** Core of tile i: {x0, y0, x1, y1} (exclusive ends); the cores cover the slice once. */
	public int[] core(int i) {
		int tw = ceilDiv(w, nx), th = ceilDiv(h, ny);
		int x0 = (i % nx) * tw, y0 = (i / nx) * th;
		return new int[] { x0, y0, Math.min(w, x0 + tw), Math.min(h, y0 + th) };
	}

	/** Tile i with its margins, clipped to the slice: {x0, y0, x1, y1}. */
	public int[] padded(int i) {
		int[] c = core(i);
		return new int[] { Math.max(0, c[0] - margin), Math.max(0, c[1] - margin), Math.min(w, c[2] + margin), Math.min(h, c[3] + margin) };
	}

	/** The computer of tile i with its margins, wanting its core (the whole-slice computer when there is one tile). */
	public FeatureComputer computer(int i) {
		if (count() == 1) return whole;
		int[] p = padded(i), c = core(i);
		return whole.tile(p[0], p[1], p[2] - p[0], p[3] - p[1], new int[] { c[0] - p[0], c[1] - p[1], c[2] - p[0], c[3] - p[1] });
	}

	@Override
	public String toString() {
		return count() == 1 ? "slabs of " + slab + " slices" : nx + " x " + ny + " tiles (margin " + margin + " px) in slabs of " + slab + " slices";
	}
}
