package org.cathodej.fractions;

import java.util.TreeMap;

import org.cathodej.image.Slices;
import org.cathodej.phase.LabelLut;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Voxel counts per label value and per phase, and phase-count profiles along x, y and z, in one pass over the
 * volume (slices in parallel). Memory: one histogram and two short profiles per thread.
 */
public final class PhaseFractions {

	/** Counts of one volume. Phase index 0 pore, 1 CAM, 2 ISE, 3 other labels. */
	public static final class Counts {
		public final long total;
		/** Voxels per phase: pore, CAM, ISE, other. */
		public final long[] phase;
		/** Voxels per label value that is none of the three phases. */
		public final TreeMap<Integer, Long> otherLabels;
		/** profile[axis][index][phase]: voxels of each phase (4 incl. other) in each plane normal to the axis. */
		public final long[][][] profile;

		Counts(long total, long[] phase, TreeMap<Integer, Long> other, long[][][] profile) {
			this.total = total;
			this.phase = phase;
			this.otherLabels = other;
			this.profile = profile;
		}

		/** Volume fraction of phase i among all voxels (0 when absent, never NaN for a non-empty volume). */
		public double fraction(int i) {
			return total == 0 ? 0 : phase[i] / (double) total;
		}

		/** Fraction of phase i in plane {@code index} normal to {@code axis}. */
		public double profileFraction(int axis, int index, int i) {
			long[] c = profile[axis][index];
			long n = c[0] + c[1] + c[2] + c[3];
			return n == 0 ? 0 : c[i] / (double) n;
		}
	}

	private PhaseFractions() {}

	public static Counts count(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl, int threads, Progress progress) {
		Slices.requireVolume(labels);
		int w = Slices.width(labels), h = Slices.height(labels), d = Slices.depth(labels);
		int nt = Math.max(1, Math.min(threads, d));
		long[][] hist = new long[nt][LabelLut.MAX_LABEL + 2]; // last bin: values outside 0..65535
		long[][][] profX = new long[nt][w][4], profY = new long[nt][h][4];
		long[][] profZ = new long[d][4];
		LabelLut labelLut = pl.lut();
		byte[] lut = labelLut.toArray();
		int[] done = { 0 };
		Parallel.forEach(nt, nt, t -> {
			int from = (int) ((long) d * t / nt), to = (int) ((long) d * (t + 1) / nt);
			int[] buf = null;
			int[] colCounts = new int[w * 4]; // x profile of one slice (int: at most h per cell)
			int[] row = new int[4];
			long[] hi = hist[t];
			long[][] px = profX[t], py = profY[t];
			for (int z = from; z < to; z++) {
				progress.checkCancelled();
				long[] pz = profZ[z];
				Object plane = Slices.planeArray(labels, z);
				byte[] bytes = plane instanceof byte[] && labels.getType() instanceof net.imglib2.type.numeric.integer.UnsignedByteType
					? (byte[]) plane : null;
				if (bytes == null) buf = Slices.readInts(labels, z, buf);
				java.util.Arrays.fill(colCounts, 0);
				for (int y = 0; y < h; y++) {
					java.util.Arrays.fill(row, 0);
					int off = y * w;
					if (bytes != null) {
						for (int x = 0; x < w; x++) {
							int v = bytes[off + x] & 0xff;
							int ph = lut[v];
							if (ph < 0) {
								ph = 3;
								hi[v]++; // only labels outside the three phases need their own counts
							}
							colCounts[(x << 2) + ph]++;
							row[ph]++;
						}
					} else {
						for (int x = 0; x < w; x++) {
							int v = buf[off + x];
							int ph = labelLut.classOf(v);
							if (ph < 0) {
								ph = 3;
								hi[v >= 0 && v <= LabelLut.MAX_LABEL ? v : LabelLut.MAX_LABEL + 1]++;
							}
							colCounts[(x << 2) + ph]++;
							row[ph]++;
						}
					}
					long[] pyy = py[y];
					for (int k = 0; k < 4; k++) {
						pyy[k] += row[k];
						pz[k] += row[k];
					}
				}
				for (int x = 0; x < w; x++)
					for (int k = 0; k < 4; k++) px[x][k] += colCounts[(x << 2) + k];
				synchronized (done) {
					progress.report(++done[0] / (double) d, "counting slice " + (z + 1));
				}
			}
		});
		long[] hsum = new long[LabelLut.MAX_LABEL + 2];
		for (long[] hi : hist)
			for (int i = 0; i < hsum.length; i++) hsum[i] += hi[i];
		long[] phase = new long[4];
		for (long[] c : profZ)
			for (int k = 0; k < 4; k++) phase[k] += c[k];
		TreeMap<Integer, Long> other = new TreeMap<>();
		for (int v = 0; v <= LabelLut.MAX_LABEL; v++)
			if (hsum[v] > 0) other.put(v, hsum[v]);
		if (hsum[LabelLut.MAX_LABEL + 1] > 0) other.put(-1, hsum[LabelLut.MAX_LABEL + 1]);
		long[][][] profile = { sum(profX, w), sum(profY, h), profZ };
		return new Counts((long) w * h * d, phase, other, profile);
	}

	private static long[][] sum(long[][][] perThread, int n) {
		long[][] s = new long[n][4];
		for (long[][] t : perThread)
			for (int i = 0; i < n; i++)
				for (int k = 0; k < 4; k++) s[i][k] += t[i][k];
		return s;
	}
}
