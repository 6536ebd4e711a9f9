package org.cathodej.connectivity;

import org.cathodej.image.Planes;
import org.cathodej.image.VoxelSize;

import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.util.Fraction;

/**
 * Connected clusters of a binary volume, as made by {@link ComponentLabeler}: one int label per voxel in planar
 * arrays (0 = background, clusters 1..{@link #count()} numbered in the raster order (z, y, x) of their first voxel,
 * so the numbering does not depend on the thread count), the size of every cluster and the image faces it touches.
 */
public final class Clusters {

	private final int width, height, depth;
	private final Connectivity connectivity;
	private final int[][] labels;
	private final int count;
	private final long[] sizes;
	private final byte[] faces;

	Clusters(int width, int height, int depth, Connectivity connectivity, int[][] labels, int count, long[] sizes, byte[] faces) {
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.connectivity = connectivity;
		this.labels = labels;
		this.count = count;
		this.sizes = sizes;
		this.faces = faces;
	}

	public int width() { return width; }
	public int height() { return height; }
	public int depth() { return depth; }
	public Connectivity connectivity() { return connectivity; }

	/** Number of clusters; labels run from 1 to count. */
	public int count() { return count; }

	/** The label array of slice z (row-major, index x + y*width). Shared, not copied: do not modify. */
	public int[] slice(int z) { return labels[z]; }

	/** Label of voxel (x, y, z), 0 for background. */
	public int label(int x, int y, int z) { return labels[z][x + y * width]; }

	/** Voxels in cluster k (1..count). */
	public long size(int k) { return sizes[k]; }

	/** Sizes indexed by label (index 0 unused, 0). Shared, not copied. */
	public long[] sizes() { return sizes; }

	/** Foreground voxels (sum of all cluster sizes). */
	public long totalVoxels() {
		long s = 0;
		for (int k = 1; k <= count; k++) s += sizes[k];
		return s;
	}

	/** Size of the largest cluster, 0 when there is none. */
	public long largestSize() {
		long m = 0;
		for (int k = 1; k <= count; k++) m = Math.max(m, sizes[k]);
		return m;
	}

	/** Label of the largest cluster (the first such in label order), 0 when there is none. */
	public int largest() {
		int best = 0;
		for (int k = 1; k <= count; k++) if (sizes[k] > (best == 0 ? 0 : sizes[best])) best = k;
		return best;
	}

	/** Bit set of the faces cluster k touches (see {@link Face#bit()}). */
	public int faces(int k) { return faces[k]; }

	/** Whether cluster k has a voxel on face f. */
	public boolean touches(int k, Face f) { return (faces[k] & f.bit()) != 0; }

	/** Whether cluster k touches both faces normal to {@code axis} (0 = x, 1 = y, 2 = z). */
	public boolean spans(int k, int axis) {
		int both = Face.of(axis, false).bit() | Face.of(axis, true).bit();
		return (faces[k] & both) == both;
	}

	/** Flags indexed by label: true for clusters touching face f. */
	public boolean[] touching(Face f) {
		boolean[] r = new boolean[count + 1];
		for (int k = 1; k <= count; k++) r[k] = touches(k, f);
		return r;
	}

	/** Flags indexed by label: true for clusters touching both faces normal to the axis. */
	public boolean[] spanning(int axis) {
		boolean[] r = new boolean[count + 1];
		for (int k = 1; k <= count; k++) r[k] = spans(k, axis);
		return r;
	}

	/** Flags indexed by label: true for clusters touching both faces a and b (e.g. inlet and outlet). */
	public boolean[] touchingBoth(Face a, Face b) {
		boolean[] r = new boolean[count + 1];
		for (int k = 1; k <= count; k++) r[k] = touches(k, a) && touches(k, b);
		return r;
	}

	/** Voxels in clusters spanning the axis. */
	public long spanningVoxels(int axis) {
		long s = 0;
		for (int k = 1; k <= count; k++) if (spans(k, axis)) s += sizes[k];
		return s;
	}

	/** Voxels in clusters touching face f. */
	public long touchingVoxels(Face f) {
		long s = 0;
		for (int k = 1; k <= count; k++) if (touches(k, f)) s += sizes[k];
		return s;
	}

	/** Writes slice z of the mask "voxel belongs to a cluster k with keep[k]" into {@code out} as 0/1. */
	public byte[] select(int z, boolean[] keep, byte[] out) {
		int[] l = labels[z];
		if (out == null || out.length < l.length) out = new byte[l.length];
		for (int i = 0; i < l.length; i++) out[i] = keep[l[i]] ? (byte) 1 : 0;
		return out;
	}

	/** The labels as a 3D ImgLib2 image sharing the arrays. */
	public PlanarImg<IntType, IntArray> asImg() {
		return Planes.ints(labels, width, height);
	}

	/**
	 * Sizes binned by powers of two: row b counts clusters with 2^b <= size < 2^(b+1) voxels. Rows up to the largest
	 * occupied bin.
	 */
	public long[][] sizeHistogram() {
		int bins = 64 - Long.numberOfLeadingZeros(Math.max(1, largestSize()));
		long[][] h = new long[bins][2]; // count, voxels
		for (int k = 1; k <= count; k++) {
			int b = 63 - Long.numberOfLeadingZeros(sizes[k]);
			h[b][0]++;
			h[b][1] += sizes[k];
		}
		return h;
	}

	/** Summary numbers in physical units. */
	public Summary summary(VoxelSize vs) {
		return new Summary(this, vs);
	}

	/** Count, largest cluster and spanning fractions of one labelled phase. */
	public static final class Summary {
		public final int clusters;
		public final long voxels, largestVoxels;
		public final double volume, largestVolume;
		/** Fraction of the phase volume in clusters touching both faces along x, y, z. */
		public final double[] spanningFraction = new double[3];

		Summary(Clusters c, VoxelSize vs) {
			double v = vs.voxelVolume();
			clusters = c.count();
			voxels = c.totalVoxels();
			largestVoxels = c.largestSize();
			volume = voxels * v;
			largestVolume = largestVoxels * v;
			for (int a = 0; a < 3; a++) spanningFraction[a] = voxels == 0 ? Double.NaN : c.spanningVoxels(a) / (double) voxels;
		}
	}
}
