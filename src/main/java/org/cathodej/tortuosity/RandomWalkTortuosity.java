package org.cathodej.tortuosity;

import java.io.Serializable;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.volume.Slab;
import org.cathodej.volume.VolumeSource;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Tortuosity factor from lattice random walks in one phase. Walkers start uniformly in the phase and step to a
 * random face neighbour (axis chosen with probability proportional to 1/spacing^2, so that anisotropic voxels model
 * isotropic diffusion); a step into another phase is rejected (the walker stays). The volume is mirrored at its
 * faces, so walkers never stop at a boundary. tau = free-space MSD slope / measured MSD slope, with the slope fitted
 * on the late part of the curve; its standard error comes from the spread of the slope over independent walker
 * groups. Each walker has its own random stream derived from the seed, so results do not depend on the thread count.
 */
public final class RandomWalkTortuosity {

	public static final class Options {
		public int walkers = 2000;
		public long steps = 100_000;
		public long seed = 1;
		/** Number of MSD samples along the walk. */
		public int samples = 200;
		/** Fit window as fractions of the walk length. */
		public double fitFrom = 0.5, fitTo = 1.0;
		public int threads = Parallel.defaultThreads();
	}

	/** Independent walker groups for the standard error (fixed, so results do not depend on threads). */
	static final int GROUPS = 20;

	private RandomWalkTortuosity() {}

	/**
	 * The fixed inputs of a walk: phase mask, step probabilities, sample times and the options. Serializable, so the
	 * walkers can run anywhere (e.g. split over the tasks of a Spark job, {@link WalkerRunner}).
	 */
	public static final class Walk implements Serializable {
		private static final long serialVersionUID = 1L;
		/** Phase mask, 1 bit per voxel: bit x + w y of in[z]. */
		final long[][] in;
		final int w, h, groups, walkers, samples;
		final double[] cum;
		final long[] t;
		final double sInv, phi, fitFrom, fitTo;
		final long seed, steps;
		final VoxelSize vs;

		Walk(long[][] in, int w, int h, double[] cum, double sInv, double phi, VoxelSize vs, Options opt) {
			this.in = in;
			this.w = w;
			this.h = h;
			this.cum = cum;
			this.sInv = sInv;
			this.phi = phi;
			this.vs = vs;
			walkers = opt.walkers;
			steps = opt.steps;
			seed = opt.seed;
			samples = opt.samples;
			fitFrom = opt.fitFrom;
			fitTo = opt.fitTo;
			groups = Math.min(GROUPS, opt.walkers);
			t = new long[samples];
			for (int k = 0; k < samples; k++) t[k] = Math.max(1, Math.round((k + 1) * (double) steps / samples));
		}

		public int walkers() { return walkers; }

		/** First walker of group g (walker groups give the standard error; fixed by the walker count alone). */
		int groupStart(int g) {
			return (int) ((long) walkers * g / groups);
		}

		/** An empty sum of squared displacements: [group][axis][sample]. */
		public long[][][] emptySums() {
			return new long[groups][3][samples];
		}
	}

	/** Runs all walkers of a walk somewhere else (e.g. on a cluster) and returns their summed squared displacements. */
	public interface WalkerRunner {
		long[][][] runWalkers(Walk walk, Progress progress);
	}

	/**
	 * @param phaseLabel label value of the phase the walkers live in
	 */
	public static RandomWalkResult compute(RandomAccessibleInterval<? extends IntegerType<?>> labels, int phaseLabel, VoxelSize vs,
		Options opt, Progress progress) {
		return compute(labels, phaseLabel, vs, opt, null, progress);
	}

	/** As {@link #compute(RandomAccessibleInterval, int, VoxelSize, Options, Progress)}; {@code runner} (may be null) runs the walkers. */
	public static RandomWalkResult compute(RandomAccessibleInterval<? extends IntegerType<?>> labels, int phaseLabel, VoxelSize vs,
		Options opt, WalkerRunner runner, Progress progress) {
		return run(prepare(labels, phaseLabel, vs, opt), opt.threads, runner, progress);
	}

	/** The walkers of a prepared walk, by {@code runner} or here, and the result. */
	private static RandomWalkResult run(Walk walk, int threads, WalkerRunner runner, Progress progress) {
		long[][][] sq = runner != null ? runner.runWalkers(walk, progress) : runLocally(walk, threads, progress);
		RandomWalkResult res = finish(walk, sq);
		progress.report(1, "Random walk done");
		return res;
	}

	/** The phase mask and step table of a walk (checks the options; refuses a phase with no voxel). */
	public static Walk prepare(RandomAccessibleInterval<? extends IntegerType<?>> labels, int phaseLabel, VoxelSize vs, Options opt) {
		Slices.requireVolume(labels);
		check(opt);
		int w = Slices.width(labels), h = Slices.height(labels), d = Slices.depth(labels);
		requireMask(w, h, d);
		long[] phase = new long[1];
		long[][] in = mask(w, h, d, z -> Slices.readInts(labels, z, null), phaseLabel, opt.threads, phase);
		return walk(in, phase[0], w, h, phaseLabel, vs, opt);
	}

	/**
	 * As {@link #prepare(RandomAccessibleInterval, int, VoxelSize, Options)} for a volume read slice by slice from a
	 * source (a virtual stack, a slice folder, an HDF5 dataset): only the 1-bit mask is held, so volumes 8 (16-bit
	 * labels: 16) times larger than the heap can be walked, with the same numbers.
	 */
	public static Walk prepare(VolumeSource src, int phaseLabel, VoxelSize vs, Options opt) {
		check(opt);
		int w = src.width(), h = src.height(), d = src.depth();
		if (src.bitDepth() == 32) throw new IllegalArgumentException(src.description() + " is a 32-bit image; the random walk needs 8- or 16-bit labels.");
		requireMask(w, h, d);
		long[] phase = new long[1];
		long[][] in = mask(w, h, d, z -> Slab.ints(src.readPlanes(z, z + 1)[0]), phaseLabel, 1, phase);
		return walk(in, phase[0], w, h, phaseLabel, vs, opt);
	}

	/** As {@link #compute(RandomAccessibleInterval, int, VoxelSize, Options, WalkerRunner, Progress)} on a slice source. */
	public static RandomWalkResult compute(VolumeSource src, int phaseLabel, VoxelSize vs, Options opt, WalkerRunner runner, Progress progress) {
		return run(prepare(src, phaseLabel, vs, opt), opt.threads, runner, progress);
	}

	private static void requireMask(int w, int h, int d) {
		MemoryBudget.require(((long) w * h + 63) / 64 * 8 * d, "Random-walk phase mask (1 bit per voxel) of " + w + "x" + h + "x" + d + " voxels", 1 / 8.0);
	}

	/** The step table of a walk in the given mask. */
	private static Walk walk(long[][] in, long phaseVoxels, int w, int h, int phaseLabel, VoxelSize vs, Options opt) {
		int d = in.length;
		if (phaseVoxels == 0) throw new IllegalArgumentException("No voxel has label " + phaseLabel + ": nowhere to start the walkers");
		// step probabilities: axis b with probability proportional to 1 / d_b^2, either direction
		double[] inv = { 1 / (vs.x() * vs.x()), 1 / (vs.y() * vs.y()), 1 / (vs.z() * vs.z()) };
		double sInv = inv[0] + inv[1] + inv[2];
		double[] cum = new double[6];
		double acc = 0;
		for (int k = 0; k < 6; k++) {
			acc += inv[k / 2] / sInv / 2;
			cum[k] = acc;
		}
		cum[5] = 1;
		return new Walk(in, w, h, cum, sInv, phaseVoxels / ((double) w * h * d), vs, opt);
	}

	/** All walkers on {@code threads} threads of this JVM, one walker group per work item. */
	static long[][][] runLocally(Walk walk, int threads, Progress progress) {
		long[][][] sq = walk.emptySums();
		int[] done = new int[1];
		Parallel.forEach(walk.groups, threads, g -> {
			for (int wk = walk.groupStart(g); wk < walk.groupStart(g + 1); wk++) {
				progress.checkCancelled();
				walk(walk, wk, sq[g]);
				synchronized (done) {
					done[0]++;
					if ((done[0] & 15) == 0) progress.report(done[0] / (double) walk.walkers, "Walker " + done[0] + " of " + walk.walkers);
				}
			}
		});
		return sq;
	}

	/**
	 * The summed squared displacements of walkers {@code from} (inclusive) to {@code to} (exclusive), each in its
	 * walker group. Every walker has its own random stream (from the seed and its index) and the sums are integers,
	 * so the sums of any split of [0, walkers), {@link #add added} up in any order, are those of a single run.
	 */
	public static long[][][] walkers(Walk walk, int from, int to, Progress progress) {
		if (from < 0 || to > walk.walkers || from > to)
			throw new IllegalArgumentException("Walkers [" + from + ", " + to + ") are not within the " + walk.walkers + " walkers");
		long[][][] sq = walk.emptySums();
		int g = 0;
		for (int wk = from; wk < to; wk++) {
			progress.checkCancelled();
			while (wk >= walk.groupStart(g + 1)) g++;
			walk(walk, wk, sq[g]);
		}
		return sq;
	}

	/** Adds the sums {@code part} into {@code into}. */
	public static void add(long[][][] into, long[][][] part) {
		for (int g = 0; g < into.length; g++)
			for (int b = 0; b < 3; b++)
				for (int k = 0; k < into[g][b].length; k++) into[g][b][k] += part[g][b][k];
	}

	/** MSD curves, slopes and tau (with standard errors) from the summed squared displacements of all walkers. */
	public static RandomWalkResult finish(Walk walk, long[][][] sq) {
		RandomWalkResult res = new RandomWalkResult();
		res.phi = walk.phi;
		res.walkers = walk.walkers;
		res.steps = walk.steps;
		res.time = walk.t.clone();
		VoxelSize vs = walk.vs;
		double[] d2 = { vs.x() * vs.x(), vs.y() * vs.y(), vs.z() * vs.z() };
		res.msd = msd(sq, d2, walk.walkers);
		fit(res, sq, d2, 1 / walk.sInv, walk);
		return res;
	}

	private static void check(Options opt) {
		if (opt.walkers < 1) throw new IllegalArgumentException("Need at least one walker, got " + opt.walkers);
		if (opt.steps < 1) throw new IllegalArgumentException("Need at least one step, got " + opt.steps);
		if (opt.samples < 2) throw new IllegalArgumentException("Need at least 2 MSD samples, got " + opt.samples);
		if (!(opt.fitFrom >= 0 && opt.fitFrom < opt.fitTo && opt.fitTo <= 1))
			throw new IllegalArgumentException("Fit window must satisfy 0 <= from < to <= 1, got " + opt.fitFrom + " .. " + opt.fitTo);
	}

	/** in[z]: bit x + w y is set when the voxel has the phase label (1 bit per voxel); count[0] = how many do. */
	private static long[][] mask(int w, int h, int d, IntFunction<int[]> slice, int phaseLabel, int threads, long[] count) {
		long[][] in = new long[d][];
		long[] cnt = new long[d];
		Parallel.forEach(d, threads, z -> {
			int[] buf = slice.apply(z);
			long[] m = new long[(w * h + 63) / 64];
			long c = 0;
			for (int i = 0; i < w * h; i++)
				if (buf[i] == phaseLabel) {
					m[i >>> 6] |= 1L << i;
					c++;
				}
			in[z] = m;
			cnt[z] = c;
		});
		for (long c : cnt) count[0] += c;
		return in;
	}

	private static boolean bit(long[] plane, int i) {
		return (plane[i >>> 6] >>> i & 1L) != 0;
	}

	/**
	 * One walker (its own random stream from the seed and its index): a uniform start in the phase, then steps by the
	 * cumulative axis/direction probabilities;
	 * the squared unfolded displacement per axis (voxels^2) at each sample time t[k] is added to s[axis][k].
	 */
	private static void walk(Walk walk, int walker, long[][] s) {
		long[][] in = walk.in;
		int w = walk.w, h = walk.h;
		double[] cum = walk.cum;
		long[] t = walk.t;
		SplittableRandom rnd = new SplittableRandom(mix(walk.seed, walker));
		int d = in.length;
		int x, y, z;
		do {
			x = rnd.nextInt(w);
			y = rnd.nextInt(h);
			z = rnd.nextInt(d);
		} while (!bit(in[z], y * w + x));
		// unfolded displacement (u), folded position (f) and the orientation of the mirror copy (o)
		int ux = 0, uy = 0, uz = 0, ox = 1, oy = 1, oz = 1;
		long[] plane = in[z];
		long step = 0;
		for (int k = 0; k < t.length; k++) {
			long end = t[k];
			for (; step < end; step++) {
				double r = rnd.nextDouble();
				if (r < cum[1]) { // x
					int sgn = r < cum[0] ? 1 : -1, nf = x + sgn * ox;
					if (nf < 0 || nf >= w) {
						ox = -ox; // crossed a mirror: same voxel in the mirrored copy
						ux += sgn;
					} else if (bit(plane, y * w + nf)) {
						x = nf;
						ux += sgn;
					}
				} else if (r < cum[3]) { // y
					int sgn = r < cum[2] ? 1 : -1, nf = y + sgn * oy;
					if (nf < 0 || nf >= h) {
						oy = -oy;
						uy += sgn;
					} else if (bit(plane, nf * w + x)) {
						y = nf;
						uy += sgn;
					}
				} else { // z
					int sgn = r < cum[4] ? 1 : -1, nf = z + sgn * oz;
					if (nf < 0 || nf >= d) {
						oz = -oz;
						uz += sgn;
					} else if (bit(in[nf], y * w + x)) {
						z = nf;
						plane = in[z];
						uz += sgn;
					}
				}
			}
			s[0][k] += (long) ux * ux;
			s[1][k] += (long) uy * uy;
			s[2][k] += (long) uz * uz;
		}
	}

	/** MSD in calibrated units^2 per axis (rows 0..2) and in total (row 3), over all walkers. */
	private static double[][] msd(long[][][] sq, double[] d2, int walkers) {
		int ns = sq[0][0].length;
		double[][] msd = new double[4][ns];
		for (int k = 0; k < ns; k++) {
			for (int b = 0; b < 3; b++) {
				long sum = 0;
				for (long[][] g : sq) sum += g[b][k];
				msd[b][k] = sum * d2[b] / walkers;
				msd[3][k] += msd[b][k];
			}
		}
		return msd;
	}

	/**
	 * Slopes of the MSD over the fit window, tau = free-space slope / slope, and their standard errors from the
	 * spread of the slopes of the independent walker groups. {@code freeAxis}: free-space MSD per step along an axis.
	 */
	private static void fit(RandomWalkResult res, long[][][] sq, double[] d2, double freeAxis, Walk opt) {
		long[] t = res.time;
		int ns = t.length, groups = sq.length;
		int k0 = 0, k1 = ns - 1;
		while (k0 < ns - 1 && t[k0] < opt.fitFrom * opt.steps) k0++;
		while (k1 > 0 && t[k1] > opt.fitTo * opt.steps) k1--;
		if (k1 - k0 < 1) {
			k0 = Math.max(0, Math.min(k0, ns - 2));
			k1 = k0 + 1;
		}
		res.fitFirstStep = t[k0];
		res.fitLastStep = t[k1];
		res.tau = new double[4];
		res.tauError = new double[4];
		res.slope = new double[4];
		res.slopeError = new double[4];
		for (int b = 0; b < 4; b++) {
			double free = b < 3 ? freeAxis : 3 * freeAxis;
			double slope = slope(t, res.msd[b], k0, k1);
			double[] gs = new double[groups];
			for (int g = 0; g < groups; g++) gs[g] = slope(t, groupMsd(sq[g], d2, b, opt.groupStart(g + 1) - opt.groupStart(g)), k0, k1);
			double se = Double.NaN;
			if (groups > 1) {
				double mean = 0, var = 0;
				for (double v : gs) mean += v;
				mean /= groups;
				for (double v : gs) var += (v - mean) * (v - mean);
				se = Math.sqrt(var / (groups - 1) / groups);
			}
			res.slope[b] = slope;
			res.slopeError[b] = se;
			res.tau[b] = slope > 0 ? free / slope : Double.POSITIVE_INFINITY;
			res.tauError[b] = slope > 0 ? res.tau[b] * se / slope : Double.NaN;
		}
	}

	/** MSD of one walker group along axis b (b = 3: total). */
	private static double[] groupMsd(long[][] s, double[] d2, int b, int walkers) {
		int ns = s[0].length;
		double[] m = new double[ns];
		for (int k = 0; k < ns; k++) {
			double v = 0;
			for (int a = 0; a < 3; a++)
				if (b == 3 || a == b) v += s[a][k] * d2[a];
			m[k] = v / walkers;
		}
		return m;
	}

	/** Least-squares slope (with intercept) of m against t over samples k0..k1. */
	static double slope(long[] t, double[] m, int k0, int k1) {
		double st = 0, sm = 0;
		int n = k1 - k0 + 1;
		for (int k = k0; k <= k1; k++) {
			st += t[k];
			sm += m[k];
		}
		double mt = st / n, mm = sm / n, num = 0, den = 0;
		for (int k = k0; k <= k1; k++) {
			num += (t[k] - mt) * (m[k] - mm);
			den += (t[k] - mt) * (t[k] - mt);
		}
		return num / den;
	}

	/** Mirror an unfolded coordinate into [0, n). */
	static int fold(int c, int n) {
		int m = Math.floorMod(c, 2 * n);
		return m < n ? m : 2 * n - 1 - m;
	}

	/** A well-mixed seed for walker {@code i} (SplitMix64 finaliser). */
	static long mix(long seed, long i) {
		long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
