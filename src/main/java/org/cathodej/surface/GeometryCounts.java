package org.cathodej.surface;

import org.cathodej.image.VoxelSize;

/**
 * What one sweep over a {@link ClassVolume} counts, from which every surface and interface estimate follows:
 * voxels per class, class-pair transitions along the 13 lattice directions (directions {@link CroftonDirections#AXIS} are the x,
 * y, z axes, i.e. shared voxel faces) and the 2x2x2 configuration histograms of each class and of each union of two classes.
 * Only pairs of voxels inside the volume are counted: nothing is closed at the volume's outer faces.
 */
public final class GeometryCounts {

	public enum Estimator {
		/** Marching cubes, iso-level 1/2, no smoothing; over-estimates curved surfaces by ~8-10 %. */
		MARCHING_CUBES("MC"),
		/** Cauchy-Crofton intercept counting over 13 directions; unbiased for isotropic surfaces. */
		CROFTON13("Crofton13"),
		/** Voxel faces; exact for axis-aligned planes, ~+50 % on isotropic surfaces. */
		FACE_COUNT("faces");

		public final String shortName;

		Estimator(String s) { shortName = s; }
	}

	final int width, height, depth, classes;
	final VoxelSize vs;
	final long[] voxels; // per class, index K = other
	final long[][] pairs; // [direction][a * (K+1) + b], a != b, ordered as met (a at p, b at p + d)
	final int[] subsets; // class bit masks of the MC histograms
	final long[][] configs; // [subset][256]
	private final MarchingCubesVariant mcVariant;

	GeometryCounts(int width, int height, int depth, int classes, VoxelSize vs, long[] voxels, long[][] pairs, int[] subsets, long[][] configs) {
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.classes = classes;
		this.vs = vs;
		this.voxels = voxels;
		this.pairs = pairs;
		this.subsets = subsets;
		this.configs = configs;
		this.mcVariant = MarchingCubesVariant.SYMMETRIC;
	}

	private GeometryCounts(GeometryCounts g, MarchingCubesVariant v) {
		this.width = g.width;
		this.height = g.height;
		this.depth = g.depth;
		this.classes = g.classes;
		this.vs = g.vs;
		this.voxels = g.voxels;
		this.pairs = g.pairs;
		this.subsets = g.subsets;
		this.configs = g.configs;
		this.mcVariant = v;
	}

	/** The same counts, with marching-cubes areas by the given variant (a sweep gives {@link MarchingCubesVariant#SYMMETRIC}). */
	public GeometryCounts withMarchingCubes(MarchingCubesVariant v) {
		return v == mcVariant ? this : new GeometryCounts(this, v);
	}

	public MarchingCubesVariant marchingCubesVariant() { return mcVariant; }

	public int classes() { return classes; }
	public VoxelSize voxelSize() { return vs; }
	public int[] dimensions() { return new int[] { width, height, depth }; }

	/** Voxels of class k (k = classes() for other). */
	public long voxelCount(int k) { return voxels[k]; }

	private long setVoxels(int set) {
		long n = 0;
		for (int k = 0; k <= classes; k++) if ((set >> k & 1) != 0) n += voxels[k];
		return n;
	}

	public long totalVoxels() { return (long) width * height * depth; }

	/** Volume of the whole image (unit^3). */
	public double volume() { return totalVoxels() * vs.voxelVolume(); }

	/** Unordered transitions between class a and class b along direction d (a != b; other = classes()). */
	public long classTransitions(int d, int a, int b) {
		if (a == b) return 0;
		int k1 = classes + 1;
		return pairs[d][a * k1 + b] + pairs[d][b * k1 + a];
	}

	/** Transitions along d between a voxel in set A and one in set B (bit masks over classes incl. other = bit K). */
	public long transitions(int d, int setA, int setB) {
		if ((setA & setB) != 0) throw new IllegalArgumentException("The two voxel sets overlap");
		long n = 0;
		int k1 = classes + 1;
		for (int a = 0; a < k1; a++) {
			if ((setA >> a & 1) == 0) continue;
			for (int b = 0; b < k1; b++)
				if ((setB >> b & 1) != 0) n += pairs[d][a * k1 + b] + pairs[d][b * k1 + a];
		}
		return n;
	}

	/** Lattice pairs (p, p + d) with both voxels in the volume. */
	public long latticePairs(int d) {
		int[] o = CroftonDirections.DIRS[d];
		return (long) (width - Math.abs(o[0])) * (height - Math.abs(o[1])) * (depth - Math.abs(o[2]));
	}

	int allBits() { return (1 << (classes + 1)) - 1; }

	/** Interface between two disjoint voxel sets (class bit masks) by the given estimator (unit^2). */
	public double interfaceArea(int setA, int setB, Estimator e) {
		if ((setA & setB) != 0) throw new IllegalArgumentException("The two voxel sets overlap");
		switch (e) {
			case FACE_COUNT: {
				double s = 0;
				for (int a = 0; a < 3; a++) s += transitions(CroftonDirections.AXIS[a], setA, setB) * vs.faceArea(a);
				return s;
			}
			case CROFTON13: {
				double[] w = croftonWeights();
				double s = 0;
				for (int d = 0; d < CroftonDirections.N; d++)
					s += w[d] * transitions(d, setA, setB) / CroftonDirections.length(d, vs);
				return 2 * s * vs.voxelVolume();
			}
			default: {
				// Eq. 1 generalised: S_AB = (S_A + S_B - S_C) / 2 with C = everything outside A u B (the third phase), by
				// the mesh of C itself as scikit-image users compute it; the symmetric rule gives C and A u B equal areas
				if (setVoxels(setA) == 0 || setVoxels(setB) == 0) return 0;
				int c = mcVariant == MarchingCubesVariant.SYMMETRIC ? setA | setB : allBits() & ~(setA | setB);
				double v = 0.5 * (mcArea(setA) + mcArea(setB) - mcArea(c));
				return Math.max(0, v);
			}
		}
	}

	/** Surface of a voxel set (class bit mask) against everything else, by the given estimator (unit^2). */
	public double surfaceArea(int set, Estimator e) {
		if (e == Estimator.MARCHING_CUBES) return mcArea(set);
		return interfaceArea(set, allBits() & ~set, e);
	}

	/** The volume an estimator's density refers to (unit^3): voxel-centre hull for MC, the whole image otherwise. */
	public double samplingVolume(Estimator e) {
		if (e == Estimator.MARCHING_CUBES) return (double) (width - 1) * (height - 1) * (depth - 1) * vs.voxelVolume();
		return volume();
	}

	/**
	 * Surface density S_V (1/unit) of the interface between two sets: MC area over the voxel-centre hull; Crofton
	 * and face counts from intercepts per unit length of the lattice lines inside the volume (edge-corrected).
	 */
	public double interfaceDensity(int setA, int setB, Estimator e) {
		switch (e) {
			case FACE_COUNT: {
				double s = 0;
				for (int a = 0; a < 3; a++) {
					int d = CroftonDirections.AXIS[a];
					long m = latticePairs(d);
					if (m > 0) s += transitions(d, setA, setB) / (m * vs.along(a));
				}
				return s;
			}
			case CROFTON13: {
				double[] w = croftonWeights();
				double s = 0;
				for (int d = 0; d < CroftonDirections.N; d++) {
					long m = latticePairs(d);
					if (m > 0) s += w[d] * transitions(d, setA, setB) / (m * CroftonDirections.length(d, vs));
				}
				return 2 * s;
			}
			default:
				double v = samplingVolume(e);
				return v > 0 ? interfaceArea(setA, setB, e) / v : 0;
		}
	}

	public double surfaceDensity(int set, Estimator e) {
		if (e == Estimator.MARCHING_CUBES) {
			double v = samplingVolume(e);
			return v > 0 ? mcArea(set) / v : 0;
		}
		return interfaceDensity(set, allBits() & ~set, e);
	}

	private double[] weights;
	private double[] mcTable;

	synchronized double[] croftonWeights() {
		if (weights == null) weights = CroftonDirections.weights(vs);
		return weights;
	}

	synchronized double[] mcTable() {
		if (mcTable == null) mcTable = mcVariant.table(vs.x(), vs.y(), vs.z());
		return mcTable;
	}

	/** Configuration histogram of a set (class bit mask), or null if the sweep did not record it. */
	public long[] configurationHistogram(int set) {
		set &= allBits();
		int comp = allBits() & ~set;
		for (int i = 0; i < subsets.length; i++) if (subsets[i] == set) return configs[i].clone();
		for (int i = 0; i < subsets.length; i++)
			if (subsets[i] == comp) {
				long[] h = new long[256];
				for (int c = 0; c < 256; c++) h[c] = configs[i][255 - c];
				return h;
			}
		return null;
	}

	/** Raw marching-cubes area of a set (class bit mask), open at the volume's outer faces. */
	public double mcArea(int set) {
		set &= allBits();
		if (set == 0 || set == allBits()) return 0;
		long[] h = configurationHistogram(set);
		if (h == null)
			throw new IllegalArgumentException("Marching-cubes histogram of class set " + Integer.toBinaryString(set)
				+ " was not recorded; " + (subsets.length == 0 ? "the sweep recorded transitions only (Crofton, faces)"
					: "only single classes, unions of two classes and their complements are"));
		double[] t = mcTable();
		double s = 0;
		for (int c = 1; c < 255; c++) s += h[c] * t[c];
		return s;
	}

	/** Bit mask of a single class. */
	public static int set(int... classes) {
		int m = 0;
		for (int c : classes) m |= 1 << c;
		return m;
	}
}
