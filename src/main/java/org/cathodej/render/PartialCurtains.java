package org.cathodej.render;

import java.util.SplittableRandom;

/**
 * Partial-height vertical curtains of known shape, added to a real slice to measure curtain removal against a known
 * truth: each starts at a random row, runs {@code minLength} .. {@code maxLength} rows down (the milling direction)
 * and fades linearly to 30 % of its amplitude, then stops; widths 1 .. {@code maxWidth} px; amplitude
 * {@code amplitude} x (0.5 .. 1) with a random sign; {@code per100Columns} curtains per 100 columns on average.
 * Deterministic for a seed.
 */
public final class PartialCurtains {

	public double amplitude = 10;
	public int maxWidth = 3, minLength = 64, maxLength = 256;
	public double per100Columns = 5;
	public long seed = 1;

	/** The curtains alone for a w x h slice (add them to the slice). */
	public float[] of(int w, int h) {
		if (minLength < 1 || maxLength < minLength || maxWidth < 1)
			throw new IllegalArgumentException("curtain lengths 1 <= min <= max and width >= 1 expected");
		SplittableRandom rnd = new SplittableRandom(seed);
		float[] c = new float[w * h];
		int n = (int) Math.round(per100Columns * w / 100.0);
		for (int k = 0; k < n; k++) {
			int width = 1 + rnd.nextInt(maxWidth), x0 = rnd.nextInt(Math.max(1, w - width + 1));
			int len = Math.min(h, minLength + rnd.nextInt(maxLength - minLength + 1)), y0 = rnd.nextInt(h - len + 1);
			double a = amplitude * (0.5 + 0.5 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
			for (int y = y0; y < y0 + len; y++) {
				float v = (float) (a * (1 - 0.7 * (y - y0) / len));
				for (int x = x0; x < Math.min(w, x0 + width); x++) c[y * w + x] += v;
			}
		}
		return c;
	}
}
