package org.cathodej.destripe;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class WaveletTest {

	@Test
	void daubechiesFiltersAreOrthonormalWithVanishingMoments() {
		for (int n = 1; n <= 10; n++) {
			Wavelet w = Wavelet.of(n == 1 ? "haar" : "db" + n);
			double[] h = w.lowPass(), g = w.highPass();
			assertEquals(2 * n, h.length);
			double s = 0, s2 = 0;
			for (double v : h) {
				s += v;
				s2 += v * v;
			}
			assertEquals(Math.sqrt(2), s, 1e-10, "db" + n + " sum");
			assertEquals(1, s2, 1e-10, "db" + n + " norm");
			for (int k = 1; k < n; k++) {
				double c = 0;
				for (int i = 0; i + 2 * k < h.length; i++) c += h[i] * h[i + 2 * k];
				assertEquals(0, c, 1e-10, "db" + n + " shift " + k);
			}
			for (int m = 0; m < n; m++) {
				double mom = 0;
				for (int i = 0; i < g.length; i++) mom += g[i] * Math.pow(i, m);
				assertEquals(0, mom, 1e-6 * Math.pow(g.length, m), "db" + n + " moment " + m);
			}
		}
		double r3 = Math.sqrt(3), d = 4 * Math.sqrt(2);
		double[] db2 = Wavelet.of("db2").lowPass();
		double[] expect = { (1 + r3) / d, (3 + r3) / d, (3 - r3) / d, (1 - r3) / d };
		boolean fwd = Math.abs(db2[0] - expect[0]) < 1e-10;
		for (int i = 0; i < 4; i++) assertEquals(expect[fwd ? i : 3 - i], db2[i], 1e-10, "db2 closed form");
	}

	@Test
	void periodisedTransformReconstructsExactly() {
		java.util.Random r = new java.util.Random(4);
		for (String name : new String[] { "haar", "db2", "db5", "db10" })
			for (int n : new int[] { 2, 4, 6, 16, 30, 64 }) {
				Wavelet w = Wavelet.of(name);
				float[] x = new float[n], y = new float[n], tmp = new float[n];
				for (int i = 0; i < n; i++) y[i] = x[i] = (float) r.nextGaussian();
				w.forward(y, n, tmp);
				double e0 = 0, e1 = 0;
				for (int i = 0; i < n; i++) {
					e0 += x[i] * x[i];
					e1 += y[i] * y[i];
				}
				assertEquals(e0, e1, 1e-4 * e0, name + " n=" + n + " energy");
				w.inverse(y, n, tmp);
				for (int i = 0; i < n; i++) assertEquals(x[i], y[i], 1e-4, name + " n=" + n);
			}
		assertThrows(IllegalArgumentException.class, () -> Wavelet.of("sym4"));
	}
}
