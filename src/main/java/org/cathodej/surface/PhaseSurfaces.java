package org.cathodej.surface;

import java.util.ArrayList;
import java.util.List;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.GeometryCounts.Estimator;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Surface of each phase and interface of each phase pair of a three-phase label volume, by marching cubes (raw),
 * Crofton (13 directions, unbiased) and voxel faces (exact count). Pair interfaces by marching cubes follow Eq. 1,
 * S_a-b = (S_a + S_b - S_c) / 2, with S_c the mesh of everything outside a and b (the third phase when the three
 * fill the volume), for every {@link MarchingCubesVariant}. Crofton and face pairs are counted directly.
 */
public final class PhaseSurfaces {

	/** Pairs in table order: pore-CAM, pore-ISE, CAM-ISE (phase ordinals). */
	public static final int[][] PAIRS = { { 0, 1 }, { 0, 2 }, { 1, 2 } };

	public final GeometryCounts counts;
	/** [phase][estimator ordinal] area (unit^2). */
	public final double[][] surface = new double[3][3];
	/** [phase][estimator ordinal] density S_V (1/unit). */
	public final double[][] surfaceDensity = new double[3][3];
	/** [pair][estimator ordinal] area (unit^2), pairs as {@link #PAIRS}. */
	public final double[][] interfaceArea = new double[3][3];
	public final double[][] interfaceDensity = new double[3][3];
	/** Volume fraction of each phase, and of other labels. */
	public final double[] fraction = new double[3];
	public final double otherFraction;
	public final List<String> notes = new ArrayList<>();

	private PhaseSurfaces(GeometryCounts g) {
		counts = g;
		long n = g.totalVoxels();
		for (int p = 0; p < 3; p++) {
			fraction[p] = g.voxelCount(p) / (double) n;
			for (Estimator e : Estimator.values()) {
				surface[p][e.ordinal()] = g.surfaceArea(GeometryCounts.set(p), e);
				surfaceDensity[p][e.ordinal()] = g.surfaceDensity(GeometryCounts.set(p), e);
			}
			if (g.voxelCount(p) == 0) notes.add("No " + Phase.values()[p].displayName() + " voxels: its surfaces are 0.");
		}
		for (int q = 0; q < 3; q++) {
			int a = GeometryCounts.set(PAIRS[q][0]), b = GeometryCounts.set(PAIRS[q][1]);
			for (Estimator e : Estimator.values()) {
				interfaceArea[q][e.ordinal()] = g.interfaceArea(a, b, e);
				interfaceDensity[q][e.ordinal()] = g.interfaceDensity(a, b, e);
			}
		}
		otherFraction = g.voxelCount(3) / (double) n;
		if (g.voxelCount(3) > 0)
			notes.add(String.format(java.util.Locale.ROOT,
				"%.3g %% of the voxels carry none of the three phase labels; they count as 'other' (phase surfaces include the surface against them).",
				100 * otherFraction));
	}

	/** The surfaces of counts already made (e.g. merged from streamed slabs). */
	public static PhaseSurfaces of(GeometryCounts g) {
		return new PhaseSurfaces(g);
	}

	public static PhaseSurfaces measure(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl, VoxelSize vs, int threads,
		Progress progress) {
		return measure(labels, pl, vs, MarchingCubesVariant.SYMMETRIC, threads, progress);
	}

	/** As above, with the marching-cubes areas (phase surfaces and Eq. 1 interfaces) by the given variant. */
	public static PhaseSurfaces measure(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl, VoxelSize vs,
		MarchingCubesVariant variant, int threads, Progress progress) {
		ClassVolume cv = ClassVolume.fromPhases(labels, pl);
		return new PhaseSurfaces(GeometryScanner.scan(cv, vs, threads, progress).withMarchingCubes(variant));
	}

	/**
	 * Share of the CAM surface facing ISE, pore, and anything else (other labels; 0 for a pure three-label image) by
	 * the given estimator; all 0 when there is no CAM surface.
	 */
	public double[] camCoverage(Estimator e) {
		double s = surface[1][e.ordinal()];
		if (!(s > 0)) return new double[3];
		double ise = interfaceArea[2][e.ordinal()] / s, pore = interfaceArea[0][e.ordinal()] / s;
		double rest = 1 - ise - pore;
		return new double[] { ise, pore, rest > 1e-9 ? rest : 0 };
	}

	/** Rows of the areas table: the three phase surfaces (phase ordinals), then the interfaces in {@link #PAIRS} order. */
	public static final int ROWS = 6;

	/** S_V of a row ({@link #ROWS}) by an estimator, in 1/unit. */
	public double density(int row, Estimator e) {
		return row < 3 ? surfaceDensity[row][e.ordinal()] : interfaceDensity[row - 3][e.ordinal()];
	}

	/**
	 * Area per CAM mass of a row ({@link #ROWS}) in m^2/g: S_V (1/um) / (CAM volume fraction x CAM density in g/cm^3),
	 * since 1/um per g/cm^3 is exactly m^2/g. 0 without CAM voxels, and when {@code micronsPerUnit} is NaN (the voxel
	 * unit is no length, so there is no mass to refer to).
	 */
	public double areaPerCamMass(int row, Estimator e, double micronsPerUnit, double camDensity) {
		double phiCam = fraction[1];
		if (Double.isNaN(micronsPerUnit) || !(phiCam > 0)) return 0;
		return density(row, e) / micronsPerUnit / (phiCam * camDensity);
	}

	/** Exact number of shared voxel faces of a row ({@link #ROWS}): a phase against everything else, or a pair. */
	public long voxelFaces(int row) {
		long n = 0;
		int all = (1 << (counts.classes() + 1)) - 1;
		for (int a = 0; a < 3; a++) {
			int d = CroftonDirections.AXIS[a];
			if (row < 3) n += counts.transitions(d, GeometryCounts.set(row), all & ~GeometryCounts.set(row));
			else n += counts.transitions(d, GeometryCounts.set(PAIRS[row - 3][0]), GeometryCounts.set(PAIRS[row - 3][1]));
		}
		return n;
	}
}
