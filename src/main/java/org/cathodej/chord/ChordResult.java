package org.cathodej.chord;

import org.cathodej.image.VoxelSize;

/**
 * Chord-length histograms (in voxels) per class and axis, with the line statistics of the Cauchy self-check.
 * Class index {@code classes()} is "other".
 */
public final class ChordResult {

	static final String[] AXES = { "x", "y", "z" };

	private final int classes;
	private final int[] lineLength;
	private final VoxelSize vs;
	private final ChordOptions options;
	final long[][][] hist; // [axis][class][n]
	final long[] lines = new long[3];
	final long[][] voxels, boundaries; // [axis][class] on the sampled lines

	ChordResult(int classes, int[] lineLength, VoxelSize vs, ChordOptions options) {
		this.classes = classes;
		this.lineLength = lineLength.clone();
		this.vs = vs;
		this.options = options;
		hist = new long[3][classes + 1][];
		for (int a = 0; a < 3; a++)
			for (int c = 0; c <= classes; c++) hist[a][c] = new long[lineLength[a] + 1];
		voxels = new long[3][classes + 1];
		boundaries = new long[3][classes + 1];
	}

	void add(long[][][] h, long[] nLines, long[][] vox, long[][] bnd, int axisFrom, int axisTo) {
		for (int a = axisFrom; a <= axisTo; a++) {
			lines[a] += nLines[a];
			for (int c = 0; c <= classes; c++) {
				for (int n = 0; n < h[a][c].length; n++) hist[a][c][n] += h[a][c][n];
				voxels[a][c] += vox[a][c];
				boundaries[a][c] += bnd[a][c];
			}
		}
	}

	public int classes() { return classes; }
	public VoxelSize voxelSize() { return vs; }
	public ChordOptions options() { return options; }

	/** Voxels per line along the axis (0 x, 1 y, 2 z). */
	public int lineLength(int axis) { return lineLength[axis]; }

	public long lines(int axis) { return lines[axis]; }

	/** Number of recorded chords of n voxels of class c along the axis (unweighted). */
	public long count(int c, int axis, int n) { return hist[axis][c][n]; }

	/** The recorded chords of class c along the axis, with weights and calibrated lengths. */
	public ChordDistribution distribution(int c, int axis) {
		int l = lineLength[axis];
		long[] h = hist[axis][c];
		double[] wt = new double[h.length];
		boolean ml = options.milesLantuejoul && !options.keepBoundaryChords;
		for (int n = 1; n < h.length; n++) {
			if (h[n] == 0) continue;
			// a complete chord of n voxels needs its two bounding voxels on the line: L - 1 - n placements of L - 1
			wt[n] = ml ? h[n] * (l - 1.0) / Math.max(1, l - 1 - n) : h[n];
		}
		return new ChordDistribution(AXES[axis], vs.along(axis), wt, h);
	}

	/** Fraction of the sampled line voxels that are class c, along the axis. */
	public double lineFraction(int c, int axis) {
		long tot = lines[axis] * (long) lineLength[axis];
		return tot > 0 ? voxels[axis][c] / (double) tot : 0;
	}

	/**
	 * Chords of class c per unit line length along the axis (N_L = phase-boundary points inside the volume / 2, per
	 * unit length of the sampled lines, L voxels = L * voxel size each), so that the Cauchy mean chord is
	 * lineFraction / N_L.
	 */
	public double chordsPerLength(int c, int axis) {
		double len = lines[axis] * (double) lineLength[axis] * vs.along(axis);
		return len > 0 ? 0.5 * boundaries[axis][c] / len : 0;
	}

	/** Cauchy mean chord phi / N_L along the axis (calibrated); 0 when the class has no boundary on the lines. */
	public double cauchyMean(int c, int axis) {
		double nl = chordsPerLength(c, axis);
		return nl > 0 ? lineFraction(c, axis) / nl : 0;
	}
}
