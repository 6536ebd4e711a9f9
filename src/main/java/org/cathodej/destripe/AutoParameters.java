package org.cathodej.destripe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

import org.cathodej.image.Slices;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The automatic mode of {@link Destriper}: stripe width, then levels and sigma, chosen on up to 3 sample slices
 * (central crop of at most 512 x 512).
 *
 * <p>The structure a setting would lose is measured on the same samples turned by 90 degrees: the structure is the
 * same (assumed isotropic in the slice plane) but the curtains now run across the filter, which leaves them alone.
 * With E the energy a setting removes from a sample and E90 from the turned one, the error against the stripe-free
 * image is about (stripes) - (E - E90) + E90, so the choice maximises E - 2 E90, with E90 at most
 * {@link Destriper.Params#maxStructureLoss} of the samples' variance energy; ties go to the gentler setting. A
 * stripe-free stack thus gets the gentlest.
 *
 * <p>With curtain length 0 it first measures whether the curtains are partial-height ({@link #partialCurtains}); if so it
 * chooses curtain length and stripe width for {@link LocalCurtains}, else the column-wide filter as above (so
 * full-height curtains get the same setting as before the detection existed).
 */
final class AutoParameters {

	/** Candidates: stripe widths (0 = whole image) at 6 levels and sigma 1 first, then levels x sigmas at the chosen width. */
	static final int[] WIDTHS = { 2, 4, 8, 16, 0 };
	static final double[] SIGMAS = { 0.5, 1, 2, 4 };
	/**
	 * Weight of the structure loss E90 in the criterion E - weight x E90: 2 for the column-wide filter (class comment);
	 * 4 for the curtain length of local curtains, whose estimate takes more texture as the width grows than the turned
	 * samples show (destripe-real bench: at width 8 the crops without curtains lose 1.3x E90, and on single 256-px
	 * crops up to 4x). For the width of local curtains the weight grows with the width ({@link #localWidthWeight}).
	 */
	static final double COLUMN_WIDE_WEIGHT = 2, LOCAL_WEIGHT = 4;
	/** Partial-height detection: least share of the local estimate's energy outside its column means; shortest curtain length. */
	static final double PARTIAL_SHARE = 0.35;
	static final int MIN_LENGTH = 16;
	/** Curtain lengths tried: the typical run divided by these (longest, i.e. gentlest, first). */
	static final int[] RUN_FRACTIONS = { 2, 4, 8 };

	/** A setting of the filter. */
	static final class Setting {
		final int width, levels, length;
		final double sigma;
		/** The curtains' extent measured in automatic mode with curtain length 0 (null otherwise). */
		CurtainExtent extent;

		Setting(int width, int levels, double sigma) {
			this(width, levels, sigma, 0);
		}

		Setting(int width, int levels, double sigma, int length) {
			this.width = width;
			this.levels = levels;
			this.sigma = sigma;
			this.length = length;
		}
	}

	private final float[][] samples, turned;
	private final int cw, ch;
	private final double variance;
	private final Wavelet wv;
	private final Destriper.Params p;

	private AutoParameters(int w, int h, int d, IntFunction<float[]> slice, Wavelet wv, Destriper.Params p) {
		this.wv = wv;
		this.p = p;
		cw = Math.min(w, 512);
		ch = Math.min(h, 512);
		int x0 = (w - cw) / 2, y0 = (h - ch) / 2, ns = Math.min(3, d);
		samples = new float[ns][];
		turned = new float[ns][];
		double var = 0;
		for (int k = 0; k < ns; k++) {
			int z = ns == 1 ? 0 : (int) Math.round((d - 1) * (k + 0.5) / ns);
			float[] s = slice.apply(z), c = new float[cw * ch];
			for (int y = 0; y < ch; y++) System.arraycopy(s, (y0 + y) * w + x0, c, y * cw, cw);
			samples[k] = c;
			turned[k] = Destriper.transpose(c, cw, ch);
			var += Destriper.varianceEnergy(c);
		}
		variance = var;
	}

	static Setting choose(RandomAccessibleInterval<? extends RealType<?>> stack, Wavelet wv, Destriper.Params p, Progress pr) {
		return choose(Slices.width(stack), Slices.height(stack), Slices.depth(stack), z -> Slices.readFloats(stack, z, null), wv, p, pr);
	}

	/** As above, for a w x h x d stack whose slice z {@code slice} reads (only the sample slices are read). */
	static Setting choose(int w, int h, int d, IntFunction<float[]> slice, Wavelet wv, Destriper.Params p, Progress pr) {
		AutoParameters a = new AutoParameters(w, h, d, slice, wv, p);
		int maxL = Math.min(8, Destriper.maxLevels(a.cw, a.ch)), minL = Math.min(2, maxL); // one level removes too little
		if (p.curtainLength > 0) {
			Setting s = a.localWidth(Math.min(p.curtainLength, a.longestWindow()), maxL, pr);
			pr.report(1, "Chose stripe width");
			return s;
		}
		CurtainExtent[] extent = new CurtainExtent[1];
		Setting partial = a.partialCurtains(maxL, extent, pr.range(0, 0.3));
		if (partial != null) return partial;
		List<Setting> widths = new ArrayList<>();
		for (int wd : WIDTHS)
			if (2 * wd + 1 <= Math.min(a.cw, a.ch)) widths.add(new Setting(wd, Math.min(6, maxL), 1));
		int width = a.best(widths, s -> COLUMN_WIDE_WEIGHT, pr.range(0.3, 0.5)).width;
		List<Setting> grid = new ArrayList<>();
		for (int l = minL; l <= maxL; l++)
			for (double s : SIGMAS) grid.add(new Setting(width, l, s));
		Setting best = a.best(grid, s -> COLUMN_WIDE_WEIGHT, pr.range(0.5, 1));
		best.extent = extent[0];
		pr.report(1, "Chose stripe filter parameters");
		return best;
	}

	/** Half-length of the longest window along the stripes that fits the samples in both orientations. */
	private int longestWindow() {
		return (Math.min(cw, ch) - 1) / 2;
	}

	/**
	 * Local curtains: the stripe width (2, 4, 8 or 16 px) at the given curtain length, by E - {@link #LOCAL_WEIGHT} E90
	 * (levels and sigma unused).
	 */
	private Setting localWidth(int length, int levels, Progress pr) {
		List<Setting> widths = new ArrayList<>();
		for (int wd : WIDTHS)
			if (wd > 0 && 2 * wd + 1 <= Math.min(cw, ch)) widths.add(new Setting(wd, levels, p.sigma, length));
		return best(widths, s -> localWidthWeight(s.width), pr);
	}

	/**
	 * Weight of E90 for a local estimate of stripe width {@code width}: {@link #LOCAL_WEIGHT} x width / 8, at least
	 * {@link #COLUMN_WIDE_WEIGHT} (2 at widths 2 and 4, 4 at 8, 8 at 16). The texture the estimate takes beyond E90
	 * grows with the width; a flat 4 made weak curtains 3 px wide lose to width 2 (destripe-real bench, amplitude 10:
	 * width 2 chosen, +1.2 dB, where width 4 gains +2.0 to +2.6 dB).
	 */
	static double localWidthWeight(int width) {
		return Math.max(COLUMN_WIDE_WEIGHT, LOCAL_WEIGHT * width / 8.0);
	}

	/**
	 * Partial-height curtains, or null when the curtains are full-height or absent (then the column-wide filter is
	 * chosen as before): the local estimate at a detection window of an eighth of the samples' height (at least
	 * {@link #MIN_LENGTH} px) and the stripe width chosen there; partial when {@link CurtainExtent} finds at least
	 * {@link #PARTIAL_SHARE} of its energy outside the column means and runs of at least twice the window (texture
	 * gives runs of about the window); the curtain length is then chosen among the typical run / {@link #RUN_FRACTIONS}
	 * (steps of 8 px) by the same criterion.
	 */
	private Setting partialCurtains(int levels, CurtainExtent[] measured, Progress pr) {
		boolean vertical = p.direction == Destriper.Direction.VERTICAL;
		int along = vertical ? ch : cw, across = vertical ? cw : ch;
		int window = Math.min(longestWindow(), Math.max(MIN_LENGTH, along / 8));
		Setting s = localWidth(window, levels, pr.range(0, 0.6));
		float[][] est = new float[samples.length][];
		for (int k = 0; k < samples.length; k++)
			est[k] = new LocalCurtains(across, along, s.width, window).estimate(vertical ? samples[k] : turned[k]);
		CurtainExtent extent = CurtainExtent.of(est, across, along);
		measured[0] = extent;
		pr.report(0.7, "Measured the curtains' extent");
		if (!(extent.partialShare >= PARTIAL_SHARE && extent.runLength >= 2 * window)) return null;
		List<Setting> lengths = new ArrayList<>();
		for (int f : RUN_FRACTIONS) {
			int length = Math.max(MIN_LENGTH, Math.min(longestWindow(), (int) Math.round(extent.runLength / f / 8) * 8));
			if (lengths.isEmpty() || lengths.get(lengths.size() - 1).length != length) lengths.add(new Setting(s.width, levels, p.sigma, length));
		}
		Setting local = best(lengths, c -> LOCAL_WEIGHT, pr.range(0.7, 1));
		local.extent = extent;
		return local;
	}

	/** The best of the candidates (listed gentlest first within each width) by the criterion of the class comment. */
	private Setting best(List<Setting> candidates, ToDoubleFunction<Setting> weights, Progress pr) {
		int nc = candidates.size();
		double[] removed = new double[nc], lost = new double[nc];
		int[] done = { 0 };
		Parallel.forEach(nc, p.threads, c -> {
			pr.checkCancelled();
			Setting s = candidates.get(c);
			for (int k = 0; k < samples.length; k++) {
				removed[c] += Destriper.distance(samples[k], Destriper.filter(samples[k], cw, ch, wv, s.levels, s.sigma, p.direction, s.width, s.length));
				lost[c] += Destriper.distance(turned[k], Destriper.filter(turned[k], ch, cw, wv, s.levels, s.sigma, p.direction, s.width, s.length));
			}
			synchronized (done) {
				pr.report(++done[0] / (double) nc, "Trying stripe filter settings " + done[0] + "/" + nc);
			}
		});
		double[] score = new double[nc];
		for (int c = 0; c < nc; c++) score[c] = removed[c] - weights.applyAsDouble(candidates.get(c)) * lost[c];
		int best = -1;
		for (int c = 0; c < nc; c++) {
			if (lost[c] > p.maxStructureLoss * variance) continue;
			if (best < 0 || score[c] > score[best] + 1e-6 * variance) best = c;
		}
		if (best < 0) { // nothing within the bound: the one that loses least
			best = 0;
			for (int c = 1; c < nc; c++)
				if (lost[c] < lost[best]) best = c;
		}
		return candidates.get(best);
	}
}
