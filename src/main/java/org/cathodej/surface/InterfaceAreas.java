package org.cathodej.surface;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.LabelLut;
import org.cathodej.surface.GeometryCounts.Estimator;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Area of the interface between two voxel sets, for other analyses (e.g. active CAM against spanning ISE). All three
 * estimators come from one sweep; surfaces are open at the volume's outer faces.
 *
 * <pre>
 * // classes: a per-voxel image, e.g. 1 = active CAM, 2 = spanning ISE, anything else = other
 * InterfaceAreas.Result r = InterfaceAreas.between(classImage, 1, 2, voxelSize, threads, progress);
 * double s = r.crofton;          // unbiased estimate (unit^2); r.marchingCubes, r.faces beside it
 * // or two disjoint masks (non-zero = member):
 * r = InterfaceAreas.between(maskA, maskB, voxelSize, threads, progress);
 * </pre>
 */
public final class InterfaceAreas {

	private InterfaceAreas() {}

	/** Areas (unit^2) of one interface by the three estimators, plus the two sets' own surfaces. */
	public static final class Result {
		/** Cauchy-Crofton, 13 directions: counts A-B neighbour pairs directly. */
		public final double crofton;
		/** Marching cubes by S_AB = (S_A + S_B - S_{A u B}) / 2. */
		public final double marchingCubes;
		/** Shared voxel faces (exact count times face area). */
		public final double faces;
		/** Crofton surfaces of A and of B (against everything else). */
		public final double surfaceA, surfaceB;
		/** Crofton interface density S_V (1/unit). */
		public final double croftonDensity;
		public final long voxelsA, voxelsB;

		Result(GeometryCounts g) {
			int a = GeometryCounts.set(0), b = GeometryCounts.set(1);
			crofton = g.interfaceArea(a, b, Estimator.CROFTON13);
			marchingCubes = g.interfaceArea(a, b, Estimator.MARCHING_CUBES);
			faces = g.interfaceArea(a, b, Estimator.FACE_COUNT);
			surfaceA = g.surfaceArea(a, Estimator.CROFTON13);
			surfaceB = g.surfaceArea(b, Estimator.CROFTON13);
			croftonDensity = g.interfaceDensity(a, b, Estimator.CROFTON13);
			voxelsA = g.voxelCount(0);
			voxelsB = g.voxelCount(1);
		}
	}

	/** Interface between the voxels whose value is {@code valueA} and those whose value is {@code valueB}. */
	public static Result between(RandomAccessibleInterval<? extends IntegerType<?>> classImage, int valueA, int valueB, VoxelSize vs,
		int threads, Progress progress) {
		return new Result(GeometryScanner.scan(ClassVolume.fromLabels(classImage, valueA, valueB), vs, threads, progress));
	}

	/** Interface between two disjoint masks (non-zero = member). */
	public static Result between(RandomAccessibleInterval<? extends IntegerType<?>> maskA, RandomAccessibleInterval<? extends IntegerType<?>> maskB,
		VoxelSize vs, int threads, Progress progress) {
		return new Result(GeometryScanner.scan(ClassVolume.fromMasks(maskA, maskB), vs, threads, progress));
	}

	/**
	 * Everything at once for a label image with a per-label class mapping (lut.classOf(label) = class 0..K-1, negative =
	 * other): then {@code counts.interfaceArea(GeometryCounts.set(a), GeometryCounts.set(b), estimator)} for any pair.
	 */
	public static GeometryCounts measure(RandomAccessibleInterval<? extends IntegerType<?>> labels, LabelLut lut, int classes, VoxelSize vs,
		int threads, Progress progress) {
		return measure(labels, lut, classes, vs, true, threads, progress);
	}

	/** As above; {@code marchingCubes = false} records transitions only (Crofton and face estimators), faster. */
	public static GeometryCounts measure(RandomAccessibleInterval<? extends IntegerType<?>> labels, LabelLut lut, int classes, VoxelSize vs,
		boolean marchingCubes, int threads, Progress progress) {
		return GeometryScanner.scan(ClassVolume.fromLookup(labels, lut, classes), vs, marchingCubes, threads, progress);
	}
}
