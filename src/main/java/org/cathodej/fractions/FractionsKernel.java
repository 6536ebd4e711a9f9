package org.cathodej.fractions;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabKernel;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Phase fractions streamed slab by slab: each slab is counted by {@link PhaseFractions#count} (no halo); partials
 * hold integer counts only (phases, other labels, x and y profiles, the slab's z profile), so the merged
 * {@link PhaseFractions.Counts} are bit-identical to the in-memory count for any slab split.
 */
public final class FractionsKernel implements SlabKernel<FractionsKernel.Partial>, Serializable {

	private static final long serialVersionUID = 1L;

	private final int pore, cam, ise, threads;

	public FractionsKernel(PhaseLabels pl, int threads) {
		this.pore = pl.pore();
		this.cam = pl.cam();
		this.ise = pl.ise();
		this.threads = threads;
	}

	/** Counts of a run of consecutive slices [z0, z0 + profZ.length). */
	public static final class Partial implements Serializable {
		private static final long serialVersionUID = 1L;
		final int z0;
		final long[] phase;
		final TreeMap<Integer, Long> other;
		final long[][] profX, profY, profZ;

		Partial(int z0, long[] phase, TreeMap<Integer, Long> other, long[][] profX, long[][] profY, long[][] profZ) {
			this.z0 = z0;
			this.phase = phase;
			this.other = other;
			this.profX = profX;
			this.profY = profY;
			this.profZ = profZ;
		}

		/** The counts of the whole run, as {@link PhaseFractions#count} gives them. */
		public PhaseFractions.Counts counts() {
			long total = (long) profX.length * profY.length * profZ.length;
			return new PhaseFractions.Counts(total, phase.clone(), new TreeMap<>(other), new long[][][] { profX, profY, profZ });
		}
	}

	@SuppressWarnings("unchecked")
	@Override
	public Partial partial(Slab slab) {
		PhaseFractions.Counts c = PhaseFractions.count((RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) slab
			.coreImg(), new PhaseLabels(pore, cam, ise), threads, Progress.NONE);
		return new Partial(slab.z0(), c.phase, c.otherLabels, c.profile[0], c.profile[1], c.profile[2]);
	}

	@Override
	public Partial merge(Partial a, Partial b) {
		if (a.z0 + a.profZ.length != b.z0)
			throw new IllegalArgumentException("Slabs must be merged in order: [" + a.z0 + ", " + (a.z0 + a.profZ.length) + ") then " + b.z0);
		long[] phase = new long[4];
		for (int k = 0; k < 4; k++) phase[k] = a.phase[k] + b.phase[k];
		TreeMap<Integer, Long> other = new TreeMap<>(a.other);
		for (Map.Entry<Integer, Long> e : b.other.entrySet()) other.merge(e.getKey(), e.getValue(), Long::sum);
		long[][] z = new long[a.profZ.length + b.profZ.length][];
		System.arraycopy(a.profZ, 0, z, 0, a.profZ.length);
		System.arraycopy(b.profZ, 0, z, a.profZ.length, b.profZ.length);
		return new Partial(a.z0, phase, other, add(a.profX, b.profX), add(a.profY, b.profY), z);
	}

	private static long[][] add(long[][] a, long[][] b) {
		long[][] s = new long[a.length][4];
		for (int i = 0; i < a.length; i++)
			for (int k = 0; k < 4; k++) s[i][k] = a[i][k] + b[i][k];
		return s;
	}
}
