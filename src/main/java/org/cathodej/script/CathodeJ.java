package org.cathodej.script;

import java.util.List;

import org.cathodej.chord.ChordAnalyzer;
import org.cathodej.chord.ChordOptions;
import org.cathodej.chord.ChordResult;
import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.fractions.PhaseFractions;
import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.phase.PhaseVolumes;
import org.cathodej.pores.PoreAnalysis;
import org.cathodej.segment.ThresholdSegmentation;
import org.cathodej.surface.ClassVolume;
import org.cathodej.surface.MarchingCubesVariant;
import org.cathodej.surface.PhaseSurfaces;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.tortuosity.Conductivities;
import org.cathodej.tortuosity.FluxResult;
import org.cathodej.tortuosity.FluxTortuosity;
import org.cathodej.tortuosity.RandomWalkResult;
import org.cathodej.tortuosity.RandomWalkTortuosity;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

/**
 * CathodeJ's analyses for scripts, on ImgLib2 images (an ImagePlus wraps as one with
 * {@code ImageJFunctions.wrap(imp)}; PyImageJ's {@code ij.py.to_java} gives one from a NumPy array).
 * <p>
 * Label images hold one value per phase: by default pore 0, CAM 1, ISE 2 (give a {@link PhaseLabels} when yours
 * differ). Lengths are in the unit of the {@link VoxelSize}. Each method returns the algorithm's result object, the
 * same numbers the Fiji command puts in its tables; options not given take the command's defaults. Inputs are never
 * modified. Every method uses all processors and cannot be cancelled; for a progress callback or Esc, call the
 * algorithm class named in the method's comment with a {@link Progress} of your own.
 */
public final class CathodeJ {

	private CathodeJ() {}

	/** A voxel size: spacing along x, y, z in {@code unit} (e.g. "µm"). */
	public static VoxelSize voxelSize(double x, double y, double z, String unit) {
		return new VoxelSize(x, y, z, unit);
	}

	/** Cubic voxels of {@code size} µm. */
	public static VoxelSize voxelSize(double size) {
		return new VoxelSize(size, size, size, "\u00b5m");
	}

	/** Label values of pore, CAM and ISE, when they are not 0, 1, 2. */
	public static PhaseLabels phaseLabels(int pore, int cam, int ise) {
		return new PhaseLabels(pore, cam, ise);
	}

	/**
	 * A synthetic cathode (CAM spheres in ISE with pores) of the given size, 0.1 µm voxels and the generator's
	 * default composition; {@code result.volume.toImg()} is its label image. Same seed, same volume.
	 */
	public static SyntheticCathode.Result syntheticCathode(int width, int height, int depth, long seed) {
		SyntheticCathode.Params p = new SyntheticCathode.Params();
		p.width = width;
		p.height = height;
		p.depth = depth;
		p.seed = seed;
		return syntheticCathode(p);
	}

	/** A synthetic cathode with all the generator's settings ({@link SyntheticCathode.Params}). */
	public static SyntheticCathode.Result syntheticCathode(SyntheticCathode.Params params) {
		return SyntheticCathode.generate(params, Progress.NONE);
	}

	/** Voxel counts per phase and profiles along x, y, z; {@code fraction(i)} for pore 0, CAM 1, ISE 2. */
	public static PhaseFractions.Counts fractions(RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		return fractions(labels, PhaseLabels.defaults());
	}

	public static PhaseFractions.Counts fractions(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl) {
		return PhaseFractions.count(labels, pl, Parallel.defaultThreads(), Progress.NONE);
	}

	/** Phase surfaces and interface areas (symmetric marching cubes, Crofton, voxel faces). */
	public static PhaseSurfaces surfaces(RandomAccessibleInterval<? extends IntegerType<?>> labels, VoxelSize vs) {
		return surfaces(labels, PhaseLabels.defaults(), vs, MarchingCubesVariant.SYMMETRIC);
	}

	public static PhaseSurfaces surfaces(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl, VoxelSize vs,
		MarchingCubesVariant variant) {
		return PhaseSurfaces.measure(labels, pl, vs, variant, Parallel.defaultThreads(), Progress.NONE);
	}

	/**
	 * Chord lengths of each phase along x, y, z (lines every 2 voxels, boundary chords discarded);
	 * {@code distribution(phase, axis)} gives n, mean and median in calibrated units.
	 */
	public static ChordResult chords(RandomAccessibleInterval<? extends IntegerType<?>> labels, VoxelSize vs) {
		return chords(labels, PhaseLabels.defaults(), vs, new ChordOptions());
	}

	public static ChordResult chords(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl, VoxelSize vs,
		ChordOptions options) {
		return ChordAnalyzer.measure(ClassVolume.fromPhases(labels, pl), vs, options, Parallel.defaultThreads(), Progress.NONE);
	}

	/**
	 * Connectivity and CAM utilisation with transport along z, collector at z = 0, 6-connectivity; the result's
	 * {@code activeFraction()} is the share of CAM reachable by electrons and ions.
	 */
	public static CamUtilisation.Result connectivity(RandomAccessibleInterval<? extends IntegerType<?>> labels, VoxelSize vs) {
		return connectivity(labels, PhaseLabels.defaults(), vs, new CamUtilisation.Options());
	}

	/** As above with the transport axis, collector side, connectivity etc. of {@code options}. */
	public static CamUtilisation.Result connectivity(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl,
		VoxelSize vs, CamUtilisation.Options options) {
		return CamUtilisation.compute(labels, pl, vs, options, null, Progress.NONE);
	}

	/**
	 * Flux-based tortuosity factor of one conducting phase ("pore", "CAM" or "ISE") along {@code axes} ("x", "xz",
	 * "xyz", ...): one {@link FluxResult} per axis with {@code kappa}, {@code sigmaEff} and the solver's convergence.
	 */
	public static List<FluxResult> tortuosityFlux(RandomAccessibleInterval<? extends IntegerType<?>> labels, VoxelSize vs,
		String phase, String axes) {
		PhaseLabels pl = PhaseLabels.defaults();
		return tortuosityFlux(labels, Conductivities.singlePhase(pl.valueOf(Phase.parse(phase))), vs, axes, new FluxTortuosity.Options());
	}

	/** As above for any conductivity per label value (multi-phase), with the solver's {@code options}. */
	public static List<FluxResult> tortuosityFlux(RandomAccessibleInterval<? extends IntegerType<?>> labels, Conductivities cond,
		VoxelSize vs, String axes, FluxTortuosity.Options options) {
		return FluxTortuosity.compute(labels, cond, vs, axisIndices(axes), options, Progress.NONE);
	}

	/**
	 * Random-walk tortuosity of one phase ("pore", "CAM" or "ISE"), seeded (same seed, same numbers on any number of
	 * threads); {@code tau[0..3]} are x, y, z and the total.
	 */
	public static RandomWalkResult randomWalk(RandomAccessibleInterval<? extends IntegerType<?>> labels, VoxelSize vs, String phase,
		int walkers, long steps, long seed) {
		RandomWalkTortuosity.Options o = new RandomWalkTortuosity.Options();
		o.walkers = walkers;
		o.steps = steps;
		o.seed = seed;
		o.samples = (int) Math.min(o.samples, steps);
		return randomWalk(labels, PhaseLabels.defaults(), vs, phase, o);
	}

	public static RandomWalkResult randomWalk(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl, VoxelSize vs,
		String phase, RandomWalkTortuosity.Options options) {
		return RandomWalkTortuosity.compute(labels, pl.valueOf(Phase.parse(phase)), vs, options, Progress.NONE);
	}

	/** Pore sizes (local thickness), pore classes by neighbouring phase, isolated voids and cracks. */
	public static PoreAnalysis.Result pores(RandomAccessibleInterval<? extends IntegerType<?>> labels, VoxelSize vs) {
		return pores(labels, PhaseLabels.defaults(), vs, new PoreAnalysis.Options());
	}

	public static PoreAnalysis.Result pores(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl, VoxelSize vs,
		PoreAnalysis.Options options) {
		return PoreAnalysis.run(labels, pl, vs, options, Parallel.defaultThreads(), Progress.NONE);
	}

	/**
	 * Three-phase threshold segmentation of a BSE stack (CAM brightest), optionally with an SE stack for the pores
	 * (null when there is none); {@link #phaseImage} turns the result into a label image.
	 */
	public static ThresholdSegmentation.Result segmentThreshold(RandomAccessibleInterval<? extends RealType<?>> bse,
		RandomAccessibleInterval<? extends RealType<?>> se, VoxelSize vs) {
		return segmentThreshold(bse, se, vs, new ThresholdSegmentation.Params());
	}

	public static ThresholdSegmentation.Result segmentThreshold(RandomAccessibleInterval<? extends RealType<?>> bse,
		RandomAccessibleInterval<? extends RealType<?>> se, VoxelSize vs, ThresholdSegmentation.Params params) {
		return ThresholdSegmentation.segment(bse, se, vs, params, Progress.NONE);
	}

	/** The label image (values of {@code pl}) of a segmentation of {@code like}'s size. */
	public static RandomAccessibleInterval<? extends IntegerType<?>> phaseImage(ThresholdSegmentation.Result segmentation,
		RandomAccessibleInterval<?> like, PhaseLabels pl) {
		@SuppressWarnings("unchecked")
		RandomAccessibleInterval<? extends IntegerType<?>> img = (RandomAccessibleInterval<? extends IntegerType<?>>) PhaseVolumes
			.fromPhases(segmentation.phase, (int) like.dimension(0), (int) like.dimension(1), pl);
		return img;
	}

	/** "x", "yz", "xyz" or "all" as axis indices 0 = x, 1 = y, 2 = z. */
	static int[] axisIndices(String axes) {
		String a = axes.trim().toLowerCase();
		if (a.equals("all")) a = "xyz";
		if (a.isEmpty()) throw new IllegalArgumentException("No axis given; use x, y, z, a combination such as \"xz\", or \"all\"");
		int[] out = new int[a.length()];
		for (int i = 0; i < a.length(); i++) {
			out[i] = "xyz".indexOf(a.charAt(i));
			if (out[i] < 0 || a.indexOf(a.charAt(i)) != i)
				throw new IllegalArgumentException("Axes must be x, y, z (each at most once) or \"all\", got \"" + axes + "\"");
		}
		return out;
	}
}
