package org.cathodej.destripe;

import org.cathodej.filter.Rank;

/**
 * Partial-height curtains (they start under a dense or porous feature and fade along the milling direction): the
 * stripe layer (slice minus its running median across the stripes, half-width {@code width}) estimated locally along
 * the stripes, as its running median along the column over 2 x {@code length} + 1 pixels. A median window keeps a
 * curtain's start and end sharp and ignores pores and particle tips shorter than half the window.
 *
 * <p>Shrinkage: where the layer holds texture (carbon binder, pore backs) rather than a curtain, the window's median
 * is not zero but is no stronger than the window's spread allows. Each estimate e is compared with t = 2 x the
 * standard error of a median of the window (1.2533 x its robust scale / sqrt(window)) and shrunk by the
 * non-negative garrote e (1 - t^2 / e^2), 0 below t: strong curtains keep almost all of their estimate, weak evidence
 * none. As in the column-wide filter the median across the stripes is taken again of the slice minus the
 * estimate, here {@link #PASSES} times in all, so that strong curtains (and neighbouring ones, several in one window
 * across) do not bias the median next to them.
 */
final class LocalCurtains {

	/** Multiple of the median's standard error below which an estimate is dropped. */
	static final double EVIDENCE = 2;
	/** Median passes; on the real-texture bench (destripe-real) 2 -> 4 passes gained 0.8 dB, more changed little. */
	static final int PASSES = 4;
	/** Standard error of a median of n Gaussian samples = 1.2533 sigma / sqrt(n); MAD-to-sigma factor. */
	static final double MEDIAN_SE = 1.2533, MAD = 1.4826;

	private final int w, h, width, length;

	LocalCurtains(int w, int h, int width, int length) {
		if (2 * length + 1 > h) throw new IllegalArgumentException("curtain length must be at most " + (h - 1) / 2 + " pixels for slices " + h + " pixels long along the stripes, got " + length);
		this.w = w;
		this.h = h;
		this.width = width;
		this.length = length;
	}

	/** The curtain estimate of a w x h slice whose stripes run along its columns (subtract it to destripe). */
	float[] estimate(float[] src) {
		float[] est = pass(src, src), guide = new float[src.length];
		for (int k = 1; k < PASSES; k++) {
			for (int i = 0; i < src.length; i++) guide[i] = src[i] - est[i];
			est = pass(src, guide);
		}
		return est;
	}

	/** Shrunk running median along the columns of src minus the running median of guide across them. */
	private float[] pass(float[] src, float[] guide) {
		float[] layer = new float[w * h];
		Rank.medianAlongRows(guide, w, h, width, layer);
		for (int i = 0; i < layer.length; i++) layer[i] = src[i] - layer[i];
		float[] t = Destriper.transpose(layer, w, h), med = new float[t.length], mad = new float[t.length];
		Rank.medianAlongRows(t, h, w, length, med);
		for (int i = 0; i < t.length; i++) t[i] = Math.abs(t[i] - med[i]);
		Rank.medianAlongRows(t, h, w, length, mad);
		// a Huber step from the median (higher efficiency) was tried: its lower threshold let texture through (-1 to -3 dB)
		double factor = EVIDENCE * MEDIAN_SE * MAD / Math.sqrt(2 * length + 1);
		for (int i = 0; i < med.length; i++) med[i] = garrote(med[i], (float) (factor * mad[i]));
		return Destriper.transpose(med, h, w);
	}

	/** e (1 - t^2 / e^2) where |e| > t, else 0. */
	static float garrote(float e, float t) {
		if (!(Math.abs(e) > t)) return 0;
		return e - t * t / e;
	}
}
