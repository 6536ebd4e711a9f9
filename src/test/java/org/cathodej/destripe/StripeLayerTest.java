package org.cathodej.destripe;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.jtransforms.fft.FloatFFT_1D;
import org.junit.jupiter.api.Test;

class StripeLayerTest {

	/** The cosine-basis smoothing equals the FFT of the full reflection (period 2h) damped by exp(-k^2 / 2 sigma^2). */
	@Test
	void smoothingIsTheGaussianDampingOfTheReflectedColumn() {
		SplittableRandom r = new SplittableRandom(3);
		for (int h : new int[] { 7, 64, 301 })
			for (double sigma : new double[] { 0.5, 1, 3 }) {
				float[] col = new float[h], got = new float[h];
				for (int y = 0; y < h; y++) col[y] = (float) (r.nextDouble() * 10 - 5);
				new StripeLayer(1, h, 1, sigma).smooth(col, got);
				int n = 2 * h;
				float[] buf = new float[n];
				for (int y = 0; y < n; y++) buf[y] = col[y < h ? y : n - 1 - y];
				FloatFFT_1D fft = new FloatFFT_1D(n);
				fft.realForward(buf);
				buf[0] *= 1; // k = 0 passes
				buf[1] *= (float) Math.exp(-(n / 2.0) * (n / 2.0) / (2 * sigma * sigma));
				for (int k = 1; k < n / 2; k++) {
					float g = (float) Math.exp(-k * k / (2 * sigma * sigma));
					buf[2 * k] *= g;
					buf[2 * k + 1] *= g;
				}
				fft.realInverse(buf, true);
				for (int y = 0; y < h; y++) assertEquals(buf[y], got[y], 1e-4, "h=" + h + " sigma=" + sigma + " y=" + y);
			}
	}

	/**
	 * A column = fading stripe offset + Gaussian noise + a 12 px outlier (a pore crossing the column): the robust
	 * profile is the smoothing of the column without the pore (the damping also shapes the stripe's fade), the plain
	 * smoothing is pulled by the pore.
	 */
	@Test
	void robustProfileIgnoresPoresButFollowsTheStripe() {
		int h = 400;
		SplittableRandom r = new SplittableRandom(5);
		float[] col = new float[h], noPore = new float[h], est = new float[h], plain = new float[h], tmp = new float[h], stripe = new float[h];
		for (int y = 0; y < h; y++) {
			noPore[y] = (float) (3000 * (1 - 0.6 * y / (h - 1.0)) + 300 * gauss(r));
			col[y] = noPore[y] + (y >= 100 && y < 112 ? -20000 : 0);
		}
		StripeLayer sl = new StripeLayer(1, h, 1, 1);
		sl.profile(col, est, tmp);
		sl.smooth(col, plain);
		sl.smooth(noPore, stripe);
		double robustErr = 0, plainErr = 0;
		for (int y = 0; y < h; y++) {
			robustErr = Math.max(robustErr, Math.abs(est[y] - stripe[y]));
			plainErr = Math.max(plainErr, Math.abs(plain[y] - stripe[y]));
		}
		assertTrue(robustErr < 150, "robust profile off by " + robustErr);
		assertTrue(plainErr > 500, "plain smoothing off by only " + plainErr);
	}

	/**
	 * Narrow stripes on smooth structure with a particle (disk, +3000): the layer holds the stripes and (almost)
	 * nothing of the structure; the median's bias where the particle's rim meets the slope is an outlier along the
	 * column, which the cleaning drops. Columns within the median's reach of the slice edge see a mirrored slope and
	 * are left out.
	 */
	@Test
	void layerHoldsNarrowStripesNotWideStructure() {
		int w = 120, h = 90;
		float[] img = new float[w * h], stripes = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				float s = x == 30 || x == 31 ? 500 : x == 77 ? -400 : 0;
				stripes[y * w + x] = s;
				boolean disk = (x - 60) * (x - 60) + (y - 45) * (y - 45) < 30 * 30;
				img[y * w + x] = (float) (1000 * Math.sin(x / 15.0) * Math.cos(y / 20.0) + (disk ? 3000 : 0)) + s;
			}
		float[] layer = new StripeLayer(w, h, 4, 1).of(img, img);
		for (int y = 0; y < h; y++)
			for (int x = 4; x < w - 4; x++) assertEquals(stripes[y * w + x], layer[y * w + x], 100, "x=" + x + " y=" + y);
	}

	private static double gauss(SplittableRandom r) {
		return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
	}
}
