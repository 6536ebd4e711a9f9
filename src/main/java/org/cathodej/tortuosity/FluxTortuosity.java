package org.cathodej.tortuosity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.Locale;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Tortuosity factor from steady-state conduction (finite volumes, harmonic-mean face conductances, fixed potentials
 * on the volume's faces normal to the axis, no flux elsewhere). An open block gives kappa = 1 exactly. Clusters that
 * do not connect the two faces carry no current and are left out of the system; a phase with no spanning path gives
 * kappa = infinity without solving.
 */
public final class FluxTortuosity {

	/** Solver settings. */
	public static final class Options implements java.io.Serializable, Cloneable {
		private static final long serialVersionUID = 1L;
		/** Relative residual ||b - A x|| / ||b|| to reach. */
		public double tolerance = 1e-4;
		/** Relative difference of inlet and outlet current to reach. */
		public double balanceTolerance = 1e-3;
		public int maxIterations = 100_000;
		public int threads = Parallel.defaultThreads();
		public boolean layers = false, potential = false, currentDensity = false;
		/** Preconditioner of the conjugate gradients; see {@link Preconditioning}. */
		public Preconditioning preconditioning = Preconditioning.AGGREGATION;

		/** A copy of every setting (e.g. to change the thread count of one solve). */
		public Options copy() {
			try {
				return (Options) clone();
			} catch (CloneNotSupportedException e) {
				throw new AssertionError(e);
			}
		}
	}

	/** How the conjugate gradients are preconditioned (systems of at most 4096 voxels always use Jacobi). */
	public enum Preconditioning {
		/**
		 * Default: multigrid W-cycle on the actual conducting domain ({@link AggregationMultigrid}); iteration counts
		 * stay about the same for tortuous, low-fraction and high-contrast phases.
		 */
		AGGREGATION,
		/**
		 * The former multigrid V-cycle on 2x2x2 blocks of the whole grid ({@link Multigrid}): a little less memory,
		 * but its iteration count grows with the tortuosity (kept for comparison).
		 */
		BLOCKS,
		/** Diagonal scaling only: many iterations; for tests. */
		JACOBI
	}

	private FluxTortuosity() {}

	/**
	 * Solves along each of the given axes (0 = x, 1 = y, 2 = z); axes with the same spanning voxels share one multigrid
	 * hierarchy (the results are those of separate calls, bit for bit). When the progress is cancelled (Esc) after at least
	 * one axis is solved, the solved axes are returned (fewer results than axes); before that, the cancellation is thrown.
	 * @param cond conductivity per label; labels not listed are insulating
	 */
	public static List<FluxResult> compute(RandomAccessibleInterval<? extends IntegerType<?>> labels, Conductivities cond,
		VoxelSize vs, int[] axes, Options opt, Progress progress) {
		ConductionClasses v = ConductionClasses.read(labels, cond, opt.threads, progress.range(0, 0.02));
		double[] sigma = cond.classConductivity();
		List<FluxResult> out = new ArrayList<>();
		Hierarchy kept = new Hierarchy();
		for (int a = 0; a < axes.length; a++) {
			Progress p = progress.range(0.02 + 0.98 * a / axes.length, 0.02 + 0.98 * (a + 1) / axes.length)
				.named("along " + FluxResult.axisName(axes[a]) + " (" + (a + 1) + " of " + axes.length + "): ");
			kept.keep = a < axes.length - 1;
			try {
				out.add(solveAxis(v, sigma, vs, axes[a], opt, p, kept));
			} catch (CancellationException e) {
				if (out.isEmpty()) throw e;
				return out; // Esc: the axes already solved are kept; the caller sees fewer results than axes
			}
		}
		return out;
	}

	/**
	 * The multigrid hierarchy of the previous axis and the voxels it was built on: the next axis reuses it when its
	 * spanning voxels are the same (they usually are: the conducting network touches all six faces), as only the
	 * Dirichlet faces differ ({@link AggregationMultigrid#AggregationMultigrid(AggregationMultigrid, ConductionSystem)}).
	 */
	static final class Hierarchy {
		/** Whether another axis follows (else nothing is kept). */
		boolean keep;
		AggregationMultigrid mg;
		long[] voxels;

		/** The kept hierarchy if it fits the spanning voxels just marked in v, else null (and it is dropped). */
		AggregationMultigrid fitting(ConductionClasses v) {
			if (mg != null && !v.sameSpanning(voxels)) mg = null;
			return mg;
		}

		/** Keeps {@code built} for the next axis; {@code sameVoxels}: built on the voxels kept already. */
		void keep(ConductionClasses v, AggregationMultigrid built, boolean sameVoxels) {
			if (!keep) {
				mg = null;
				voxels = null;
				return;
			}
			if (!sameVoxels) voxels = v.spanningBits(voxels);
			mg = built;
		}

		/** Bytes kept besides the hierarchy: a bit per voxel. */
		long bitsBytes(ConductionClasses v) {
			return keep ? ConductionClasses.spanningBitsBytes((long) v.w * v.h * v.d) : 0;
		}
	}

	static FluxResult solveAxis(ConductionClasses v, double[] sigma, VoxelSize vs, int axis, Options opt, Progress progress, Hierarchy kept) {
		if (axis < 0 || axis > 2) throw new IllegalArgumentException("axis must be 0 (x), 1 (y) or 2 (z): " + axis);
		progress.report(0, "finding the conducting clusters");
		progress.checkCancelled();
		long t0 = System.nanoTime();
		FluxResult r = new FluxResult();
		r.axis = axis;
		double voxels = (double) v.w * v.h * v.d;
		long spanning = v.markSpanning(axis, progress.range(0, 0.05));
		r.spanningVoxels = spanning;
		long total = 0;
		for (int k = 1; k <= v.nClasses; k++) {
			total += v.count[k];
			r.sigmaMeanTotal += sigma[k] * v.count[k] / voxels;
			r.sigmaMeanSpanning += sigma[k] * v.spanningCount[k] / voxels;
		}
		r.phiTotal = total / voxels;
		r.phiSpanning = spanning / voxels;
		String ax = FluxResult.axisName(axis);
		if (spanning == 0) {
			r.sigmaEff = 0;
			r.kappa = r.kappaSpanning = Double.POSITIVE_INFINITY;
			r.converged = true;
			r.message = total == 0 ? "No conducting voxels: kappa is infinite along " + ax
				: "No conducting path connects the two faces normal to " + ax + ": kappa is infinite";
			r.seconds = (System.nanoTime() - t0) / 1e9;
			return r;
		}
		Preconditioning pre = spanning > 4096 ? opt.preconditioning : Preconditioning.JACOBI;
		// everything the solve allocates, checked before any of it (the class volume exists already: 1 byte per voxel)
		long bytes = ConductionSystem.solverBytes(v.w, v.h, v.d, vs, spanning, sigma.length - 1, pre, opt.threads);
		AggregationMultigrid reused = pre == Preconditioning.AGGREGATION ? kept.fitting(v) : null;
		if (reused != null) bytes -= reused.bytes(); // alive already
		else if (pre == Preconditioning.AGGREGATION) bytes += kept.bitsBytes(v);
		MemoryBudget.require(bytes, "Tortuosity (Flux) solver for " + v.w + "x" + v.h + "x" + v.d + " voxels (" + spanning + " conducting)",
			1 + bytes / voxels);
		ConductionSystem s = new ConductionSystem(v, sigma, vs, axis, spanning, opt.threads, progress.range(0.05, 0.1));
		Preconditioner mg = pre == Preconditioning.JACOBI ? null : pre == Preconditioning.BLOCKS ? new Multigrid(s)
			: reused != null ? new AggregationMultigrid(reused, s) : new AggregationMultigrid(s);
		if (pre == Preconditioning.AGGREGATION) kept.keep(v, (AggregationMultigrid) mg, reused != null);
		long t1 = System.nanoTime();
		PcgSolver.Outcome o = PcgSolver.solve(s, mg, opt.tolerance, opt.balanceTolerance, opt.maxIterations, progress.range(0.1, 0.95));
		r.iterations = o.iterations;
		r.setupSeconds = (t1 - t0) / 1e9;
		r.relResidual = o.relResidual;
		r.balance = o.balance;
		r.currentIn = o.currentIn;
		r.currentOut = o.currentOut;
		r.converged = o.converged;
		// the dissipated power (= current at potential difference 1) has an error quadratic in the solver's
		double current = s.power(o.e);
		double length = s.nAxis * vs.along(axis);
		double area = 1;
		for (int b = 0; b < 3; b++)
			if (b != axis) area *= v.extent(b) * vs.along(b);
		r.sigmaEff = current * length / area; // potential difference 1
		r.kappa = r.sigmaMeanTotal / r.sigmaEff;
		r.kappaSpanning = r.sigmaMeanSpanning / r.sigmaEff;
		if (o.stalled && o.converged)
			r.message = String.format(Locale.ROOT, "Residual stalled at %.2e (float precision) after %d iterations; the current balance %.2e "
				+ "meets its tolerance", o.relResidual, o.iterations, o.balance);
		else if (!o.converged)
			r.message = String.format(Locale.ROOT, "Not converged after %d iterations (residual %.2e, balance %.2e)", o.iterations,
				o.relResidual, o.balance);
		if (opt.layers || opt.potential || opt.currentDensity) fields(s, o.e, current / area, opt, r, opt.layers ? v.layerCounts(axis) : null);
		r.seconds = (System.nanoTime() - t0) / 1e9;
		progress.report(1, "Tortuosity along " + ax + " done");
		return r;
	}

	/** Potential, current-density magnitude and the per-layer profile from the solution. */
	private static void fields(ConductionSystem s, float[] e, double meanJ, Options opt, FluxResult r, long[] phase) {
		int w = s.w, h = s.h, d = s.d;
		long vox = (long) w * h * d;
		int images = (opt.potential ? 1 : 0) + (opt.currentDensity ? 1 : 0);
		if (images > 0) MemoryBudget.require(4L * images * vox, "Tortuosity (Flux) output images", 4.0 * images);
		PlanarImg<FloatType, FloatArray> pot = opt.potential ? PlanarImgs.floats(w, h, d) : null;
		PlanarImg<FloatType, FloatArray> cur = opt.currentDensity ? PlanarImgs.floats(w, h, d) : null;
		VoxelSize vs = s.vs;
		double[] area = { vs.faceArea(0), vs.faceArea(1), vs.faceArea(2) };
		SliceCurrents[] slices = new SliceCurrents[d];
		Parallel.forEachBlock(d, s.threads, (from, to) -> {
			ConductionSystem.Window win = s.new Window();
			for (int z = from; z < to; z++) {
				float[] pz = pot == null ? null : pot.getPlane(z).getCurrentStorageArray();
				float[] cz = cur == null ? null : cur.getPlane(z).getCurrentStorageArray();
				slices[z] = sliceCurrents(s, win, z, e, meanJ, area, pz, cz);
			}
		});
		r.potential = pot;
		r.currentDensity = cur;
		if (opt.layers) r.layers = layerRows(slices, phase, s.nAxis, vs.along(s.axis), vox);
	}

	/**
	 * One slice z: potential (NaN outside the conducting network) into pz and current-density magnitude (relative to
	 * the mean) into cz when not null; returns the slice's per-layer sums of the axial current density.
	 */
	private static SliceCurrents sliceCurrents(ConductionSystem s, ConductionSystem.Window win, int z, float[] e, double meanJ, double[] area,
		float[] pz, float[] cz) {
		int w = s.w, h = s.h, axis = s.axis;
		SliceCurrents sc = new SliceCurrents(s, win, z, e);
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int k = sc.ix[i];
				if (k == s.n) {
					if (pz != null) pz[i] = Float.NaN;
					continue;
				}
				int c = s.coord(x, y, z);
				double xk = s.x0(c) + e[k];
				if (pz != null) pz[i] = (float) xk;
				double[] f = sc.faceFluxes(x, y, i, c, xk);
				double m2 = 0, ja = 0;
				for (int b = 0; b < 3; b++) {
					double jb = 0.5 * (f[2 * b] + f[2 * b + 1]) / area[b] / meanJ;
					m2 += jb * jb;
					if (b == axis) ja = jb;
				}
				if (cz != null) cz[i] = (float) Math.sqrt(m2);
				sc.sum[c] += ja;
				sc.sq[c] += ja * ja;
				sc.max[c] = Math.max(sc.max[c], ja);
				sc.cnt[c]++;
			}
		return sc;
	}

	/** One slice's neighbourhood in the solution and its per-layer count, sum, sum of squares and max of the axial current density. */
	private static final class SliceCurrents {
		final ConductionSystem s;
		final float[] e;
		final int z;
		final int[] ix, lo, hi;
		final byte[] cl, clo, chi;
		final double[] sum, sq, max;
		final long[] cnt;

		SliceCurrents(ConductionSystem s, ConductionSystem.Window win, int z, float[] e) {
			this.s = s;
			this.e = e;
			this.z = z;
			ix = win.slice(z);
			lo = win.slice(z - 1);
			hi = win.slice(z + 1);
			cl = s.v.cls[z];
			clo = z > 0 ? s.v.cls[z - 1] : null;
			chi = z < s.d - 1 ? s.v.cls[z + 1] : null;
			int lay = s.nAxis;
			sum = new double[lay];
			sq = new double[lay];
			max = new double[lay];
			cnt = new long[lay];
		}

		/** Flux in + direction through the -face and the +face of each axis of the conducting voxel i = (x, y) at axial layer c. */
		double[] faceFluxes(int x, int y, int i, int c, double xk) {
			int w = s.w, h = s.h, axis = s.axis;
			int kc = ConductionSystem.cls(cl[i]), ck = kc * s.k1;
			double[] f = new double[6];
			int j;
			if (x > 0 && (j = ix[i - 1]) != s.n) f[0] = s.g[0][ck + ConductionSystem.cls(cl[i - 1])] * (s.x0(s.coord(x - 1, y, z)) + e[j] - xk);
			if (x < w - 1 && (j = ix[i + 1]) != s.n) f[1] = s.g[0][ck + ConductionSystem.cls(cl[i + 1])] * (xk - s.x0(s.coord(x + 1, y, z)) - e[j]);
			if (y > 0 && (j = ix[i - w]) != s.n) f[2] = s.g[1][ck + ConductionSystem.cls(cl[i - w])] * (s.x0(s.coord(x, y - 1, z)) + e[j] - xk);
			if (y < h - 1 && (j = ix[i + w]) != s.n) f[3] = s.g[1][ck + ConductionSystem.cls(cl[i + w])] * (xk - s.x0(s.coord(x, y + 1, z)) - e[j]);
			if (lo != null && (j = lo[i]) != s.n) f[4] = s.g[2][ck + ConductionSystem.cls(clo[i])] * (s.x0(s.coord(x, y, z - 1)) + e[j] - xk);
			if (hi != null && (j = hi[i]) != s.n) f[5] = s.g[2][ck + ConductionSystem.cls(chi[i])] * (xk - s.x0(s.coord(x, y, z + 1)) - e[j]);
			if (c == 0) f[2 * axis] = s.gd[kc] * (1 - xk);
			if (c == s.nAxis - 1) f[2 * axis + 1] = s.gd[kc] * xk;
			return f;
		}
	}

	/** The per-layer profile: the slices' sums gathered in slice order (the same order on any number of threads). */
	private static List<FluxResult.LayerRow> layerRows(SliceCurrents[] slices, long[] phase, int na, double step, long vox) {
		List<FluxResult.LayerRow> rows = new ArrayList<>();
		double layerVox = (double) vox / na;
		for (int c = 0; c < na; c++) {
			double su = 0, sqq = 0, mx = 0;
			long cn = 0;
			for (SliceCurrents sc : slices) {
				su += sc.sum[c];
				sqq += sc.sq[c];
				mx = Math.max(mx, sc.max[c]);
				cn += sc.cnt[c];
			}
			FluxResult.LayerRow row = new FluxResult.LayerRow();
			row.layer = c;
			row.position = (c + 0.5) * step;
			row.spanningFraction = cn / layerVox;
			row.phaseFraction = phase[c] / layerVox;
			row.meanCurrent = su / layerVox;
			row.meanCurrentInPhase = cn > 0 ? su / cn : 0;
			row.sdCurrentInPhase = cn > 1 ? Math.sqrt(Math.max(0, (sqq - su * su / cn) / (cn - 1))) : 0;
			row.maxCurrent = mx;
			rows.add(row);
		}
		return rows;
	}

}
