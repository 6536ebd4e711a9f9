package org.cathodej.filter;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RankTest {

	@Test
	void selectMatchesSorting() {
		SplittableRandom r = new SplittableRandom(1);
		for (int t = 0; t < 200; t++) {
			int n = 1 + r.nextInt(40);
			float[] a = new float[n];
			for (int i = 0; i < n; i++) a[i] = r.nextInt(6); // many ties
			float[] s = a.clone();
			Arrays.sort(s);
			int k = r.nextInt(n);
			assertEquals(s[k], Rank.select(a.clone(), n, k));
		}
	}

	/** The sliding window against sorting every window from scratch, with ties, signed zeros and NaN. */
	@Test
	void runningMedianMatchesBruteForce() {
		SplittableRandom r = new SplittableRandom(2);
		float[] pool = { -0f, 0f, 1, 2, 2, 3, Float.NaN, -5 };
		for (int t = 0; t < 60; t++) {
			int w = 1 + r.nextInt(30), h = 1 + r.nextInt(4), rad = r.nextInt(6);
			float[] a = new float[w * h];
			for (int i = 0; i < a.length; i++) a[i] = t % 2 == 0 ? pool[r.nextInt(pool.length)] : (float) (r.nextDouble() * 2 - 1);
			if (t == 1) for (int i = 0; i < a.length; i++) a[i] = i % w; // a ramp passes unchanged r pixels from the edges
			float[] got = new float[a.length];
			Rank.medianAlongRows(a, w, h, rad, got);
			float[] win = new float[2 * rad + 1];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					for (int k = -rad; k <= rad; k++) win[k + rad] = a[y * w + Gauss.mirror(x + k, w)];
					Arrays.sort(win);
					assertEquals(0, Float.compare(win[rad], got[y * w + x]), "w=" + w + " r=" + rad + " x=" + x + " y=" + y);
				}
			if (t == 1) for (int i = 0; i < a.length; i++)
				if (i % w >= rad && i % w < w - rad) assertEquals(a[i], got[i]);
		}
	}
}
