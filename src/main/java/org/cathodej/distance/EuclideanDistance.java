package org.cathodej.distance;

import java.util.function.IntPredicate;

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
 * Exact Euclidean distance transform of planar 2D/3D volumes with anisotropic voxels, by separable 1D passes
 * (lower envelope of parabolas, Felzenszwalb-Huttenlocher; the same decomposition as Saito-Toriwaki): x and y
 * within each slice (slices in parallel), then z (rows in parallel).
 * <p>
 * Distances are measured between voxel centres in calibrated units ({@link VoxelSize}): for every foreground
 * voxel, the distance to the centre of the nearest background voxel; background voxels get 0. Results are
 * squared distances in float arrays, one per slice. Images of one slice (or one row) get no pass along z (y),
 * so a 2D image gets a 2D transform.
 */
public final class EuclideanDistance {

	/** What lies outside the volume. */
	public enum Edge {
		/** Outside counts as background: a voxel on the border is one voxel away from background. */
		BACKGROUND,
		/**
		 * Outside is unknown and ignored: only background voxels inside the volume count (voxels of a volume with no
		 * background at all get +Infinity).
		 */
		OPEN
	}

	private EuclideanDistance() {}

	/**
	 * Squared distance of every voxel where {@code foreground} holds (tested on the integer label) to the nearest
	 * voxel where it does not, in calibrated units squared. The input is not modified.
	 */
	public static PlanarImg<FloatType, FloatArray> squared(RandomAccessibleInterval<? extends IntegerType<?>> labels,
		IntPredicate foreground, VoxelSize voxelSize, Edge edge, int threads, Progress progress) {
		Slices.requireVolume(labels);
		int w = Slices.width(labels), h = Slices.height(labels), d = Slices.depth(labels);
		MemoryBudget.require(4L * w * h * d, "Distance transform of " + w + "x" + h + "x" + d + " voxels", 4);
		float[][] planes = new float[d][];
		Progress p = progress == null ? Progress.NONE : progress;
		Parallel.forEach(d, threads, z -> {
			p.checkCancelled();
			int[] buf = Slices.readInts(labels, z, null);
			float[] out = new float[w * h];
			for (int i = 0; i < out.length; i++) out[i] = foreground.test(buf[i]) ? Float.POSITIVE_INFINITY : 0f;
			planes[z] = out;
		});
		transformInPlace(planes, w, h, voxelSize, edge, threads, p);
		return Planes.floats(planes, w, h);
	}

	/** Like {@link #squared} but returns distances (square roots). */
	public static PlanarImg<FloatType, FloatArray> distance(RandomAccessibleInterval<? extends IntegerType<?>> labels,
		IntPredicate foreground, VoxelSize voxelSize, Edge edge, int threads, Progress progress) {
		PlanarImg<FloatType, FloatArray> img = squared(labels, foreground, voxelSize, edge, threads, progress);
		float[][] planes = Planes.floats(img);
		Parallel.forEach(planes.length, threads, z -> {
			float[] a = planes[z];
			for (int i = 0; i < a.length; i++) a[i] = (float) Math.sqrt(a[i]);
		});
		return img;
	}

	/**
	 * The generalised squared distance transform in place: on entry each plane holds 0 at background voxels and
	 * +Infinity at foreground voxels (any other finite value f acts as a seed at squared distance f); on exit each
	 * voxel holds min over voxels q of f(q) + |p - q|^2 in calibrated units.
	 * @param planes one float array of w*h values per slice, row-major
	 */
	public static void transformInPlace(float[][] planes, int w, int h, VoxelSize voxelSize, Edge edge, int threads,
		Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		int d = planes.length;
		boolean wall = edge == Edge.BACKGROUND;
		double sx = voxelSize.x() * voxelSize.x(), sy = voxelSize.y() * voxelSize.y(), sz = voxelSize.z() * voxelSize.z();
		int n = Math.max(w, Math.max(h, d));
		// pass 1 and 2: x and y inside each slice
		int[] done = { 0 };
		Parallel.forEach(d, threads, z -> {
			p.checkCancelled();
			inPlane(planes[z], w, h, sx, sy, wall, new Line(n));
			synchronized (done) {
				p.report(0.6 * ++done[0] / d, "Distance transform (x, y)");
			}
		});
		if (d < 2) return;
		// pass 3: z, one image row (all x of that row across the slices) at a time
		done[0] = 0;
		Parallel.forEach(h, threads, y -> {
			p.checkCancelled();
			Line line = new Line(n);
			float[] block = new float[w * d];
			int off = y * w;
			for (int z = 0; z < d; z++) System.arraycopy(planes[z], off, block, z * w, w);
			for (int x = 0; x < w; x++) line.run(block, x, w, d, sz, wall);
			for (int z = 0; z < d; z++) System.arraycopy(block, z * w, planes[z], off, w);
			synchronized (done) {
				if (++done[0] % 16 == 0) p.report(0.6 + 0.4 * done[0] / h, "Distance transform (z)");
			}
		});
	}

	/** Passes along x then y of one slice in place (squared voxel sizes sx, sy); no y pass for a single row. */
	static void inPlane(float[] a, int w, int h, double sx, double sy, boolean wall, Line line) {
		for (int y = 0; y < h; y++) line.run(a, y * w, 1, w, sx, wall);
		if (h > 1) for (int x = 0; x < w; x++) line.run(a, x, w, h, sy, wall);
	}

	/** 1D lower envelope of parabolas f(q) + s2 (p - q)^2, with optional zero-valued sites just outside the line. */
	static final class Line {
		private final int[] v;
		private final double[] fv, zb;
		private final double[] val;

		Line(int n) {
			v = new int[n + 2];
			fv = new double[n + 2];
			zb = new double[n + 3];
			val = new double[n];
		}

		void run(float[] a, int off, int stride, int n, double s2, boolean wall) {
			int k = -1;
			if (wall) k = add(k, -1, 0, s2);
			for (int q = 0, i = off; q < n; q++, i += stride) {
				float f = a[i];
				if (f != Float.POSITIVE_INFINITY) k = add(k, q, f, s2);
			}
			if (wall) k = add(k, n, 0, s2);
			if (k < 0) {
				for (int q = 0, i = off; q < n; q++, i += stride) a[i] = Float.POSITIVE_INFINITY;
				return;
			}
			int j = 0;
			for (int q = 0; q < n; q++) {
				while (zb[j + 1] < q) j++;
				double dq = q - v[j];
				val[q] = fv[j] + s2 * dq * dq;
			}
			for (int q = 0, i = off; q < n; q++, i += stride) a[i] = (float) val[q];
		}

		private int add(int k, int q, double f, double s2) {
			if (k < 0) {
				v[0] = q;
				fv[0] = f;
				zb[0] = Double.NEGATIVE_INFINITY;
				zb[1] = Double.POSITIVE_INFINITY;
				return 0;
			}
			double s;
			while (true) {
				int r = v[k];
				s = ((f + s2 * (double) q * q) - (fv[k] + s2 * (double) r * r)) / (2 * s2 * (q - r));
				if (s <= zb[k]) k--;
				else break;
			}
			k++;
			v[k] = q;
			fv[k] = f;
			zb[k] = s;
			zb[k + 1] = Double.POSITIVE_INFINITY;
			return k;
		}
	}
}
