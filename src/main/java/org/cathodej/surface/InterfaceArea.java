package org.cathodej.surface;

import java.util.function.IntPredicate;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * An estimator of the area of the interface between two sets of voxels of a label image, as other analyses
 * (connectivity) consume it: {@link #CROFTON} and {@link #MARCHING_CUBES} (the sweep of {@link GeometryScanner}),
 * {@link #VOXEL_FACES} (counted voxel faces x 2/3).
 */
public interface InterfaceArea {

	/** Cauchy-Crofton over 13 directions: the unbiased estimator. */
	InterfaceArea CROFTON = new SweepInterfaceArea(GeometryCounts.Estimator.CROFTON13, "Crofton 13 directions");
	/** Marching cubes (iso-level 1/2). */
	InterfaceArea MARCHING_CUBES = new SweepInterfaceArea(GeometryCounts.Estimator.MARCHING_CUBES, "marching cubes");

	/** Name written into results and provenance, e.g. "voxel faces x 2/3". */
	String name();

	/**
	 * Area (in the squared unit of {@code vs}) of the interface between voxels whose value passes {@code a} and
	 * voxels whose value passes {@code b}; the two tests must not both pass for one value.
	 */
	double area(RandomAccessibleInterval<? extends IntegerType<?>> img, IntPredicate a, IntPredicate b, VoxelSize vs, int threads,
		Progress progress);

	/**
	 * Areas of several interfaces at once: result[i] = area between voxels passing {@code a[i]} and those passing
	 * {@code b[i]}, for label values 0..maxValue. The default measures each pair separately; estimators with a
	 * shared sweep override it.
	 */
	default double[] areas(RandomAccessibleInterval<? extends IntegerType<?>> img, int maxValue, IntPredicate[] a, IntPredicate[] b,
		VoxelSize vs, int threads, Progress progress) {
		double[] r = new double[a.length];
		for (int i = 0; i < a.length; i++) r[i] = area(img, a[i], b[i], vs, threads, progress);
		return r;
	}

	/**
	 * Counts the faces shared by an a-voxel and a b-voxel, each weighted by its physical area, times 2/3: the
	 * expected over-estimate of face counting for an isotropic random surface is 3/2. Faces on the image border are
	 * not counted.
	 */
	InterfaceArea VOXEL_FACES = new InterfaceArea() {
		@Override
		public String name() {
			return "voxel faces x 2/3";
		}

		@Override
		public double area(RandomAccessibleInterval<? extends IntegerType<?>> img, IntPredicate a, IntPredicate b, VoxelSize vs,
			int threads, Progress progress) {
			long[] n = FaceCounter.count(img, a, b, threads, progress);
			return 2.0 / 3.0 * (n[0] * vs.faceArea(0) + n[1] * vs.faceArea(1) + n[2] * vs.faceArea(2));
		}

		@Override
		public String toString() {
			return name();
		}
	};
}
