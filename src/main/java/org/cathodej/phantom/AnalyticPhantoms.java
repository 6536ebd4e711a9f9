package org.cathodej.phantom;

import java.util.SplittableRandom;

import org.cathodej.image.VoxelSize;

/**
 * Phantoms with known answers for tests and validation. Sizes in voxels; axis 0 = x, 1 = y, 2 = z.
 */
public final class AnalyticPhantoms {

	private AnalyticPhantoms() {}

	/** A ball of radius {@code r} voxels centred in the volume (voxel centres within r of the centre). */
	public static LabelVolume ball(int w, int h, int d, double r, int inside, int outside) {
		LabelVolume v = new LabelVolume(w, h, d, new VoxelSize(1, 1, 1, "voxel"), outside);
		v.paint(new Sphere(w / 2.0, h / 2.0, d / 2.0, r), inside, null);
		return v;
	}

	/** A slab {@code thickness} voxels thick normal to {@code axis}, starting at index {@code start}. */
	public static LabelVolume slab(int w, int h, int d, int axis, int start, int thickness, int inside, int outside) {
		LabelVolume v = new LabelVolume(w, h, d, new VoxelSize(1, 1, 1, "voxel"), outside);
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int c = axis == 0 ? x : axis == 1 ? y : z;
					if (c >= start && c < start + thickness) v.set(x, y, z, inside);
				}
		return v;
	}

	/**
	 * Straight square channels {@code width} voxels wide running along {@code axis}, on a lattice with period
	 * {@code period} in both lateral directions, the first at lateral offset {@code period - width) / 2}.
	 */
	public static LabelVolume channels(int w, int h, int d, int axis, int width, int period, int inside, int outside) {
		if (width < 1 || period < width) throw new IllegalArgumentException("need 1 <= channel width <= period");
		LabelVolume v = new LabelVolume(w, h, d, new VoxelSize(1, 1, 1, "voxel"), outside);
		int off = (period - width) / 2;
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int a = axis == 0 ? y : x, b = axis == 2 ? y : z;
					if ((a - off + period) % period < width && (b - off + period) % period < width
						&& a >= off && b >= off) v.set(x, y, z, inside);
				}
		return v;
	}

	/** Layers normal to {@code axis}: layer i is {@code thickness[i]} voxels of label {@code labels[i]}. */
	public static LabelVolume layers(int w, int h, int d, int axis, int[] thickness, int[] labels) {
		if (thickness.length != labels.length) throw new IllegalArgumentException("one label per layer");
		LabelVolume v = new LabelVolume(w, h, d, new VoxelSize(1, 1, 1, "voxel"), labels[labels.length - 1]);
		int n = axis == 0 ? w : axis == 1 ? h : d;
		int[] byIndex = new int[n];
		for (int i = 0, k = 0; i < thickness.length; i++)
			for (int t = 0; t < thickness[i] && k < n; t++) byIndex[k++] = labels[i];
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) v.set(x, y, z, byIndex[axis == 0 ? x : axis == 1 ? y : z]);
		return v;
	}

	/**
	 * Boolean model: balls of radius {@code r} voxels with centres from a Poisson process of intensity
	 * {@code lambda} per voxel volume, over the volume grown by r so that the boundary is unbiased. The expected
	 * void fraction is exp(-lambda 4/3 pi r^3); void chords are exponential with rate lambda pi r^2.
	 */
	public static LabelVolume booleanSpheres(int w, int h, int d, double lambda, double r, long seed, int inside, int outside) {
		LabelVolume v = new LabelVolume(w, h, d, new VoxelSize(1, 1, 1, "voxel"), outside);
		SplittableRandom rnd = new SplittableRandom(seed);
		double ex = w + 2 * r, ey = h + 2 * r, ez = d + 2 * r;
		long n = poisson(lambda * ex * ey * ez, rnd);
		for (long i = 0; i < n; i++)
			v.paint(new Sphere(rnd.nextDouble() * ex - r, rnd.nextDouble() * ey - r, rnd.nextDouble() * ez - r, r), inside, null);
		return v;
	}

	static long poisson(double mean, SplittableRandom rnd) {
		if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * SyntheticCathode.gaussian(rnd)));
		double l = Math.exp(-mean), p = 1;
		long k = 0;
		do {
			k++;
			p *= rnd.nextDouble();
		} while (p > l);
		return k - 1;
	}
}
