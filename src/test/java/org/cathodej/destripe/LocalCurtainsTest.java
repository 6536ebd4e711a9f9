package org.cathodej.destripe;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.cathodej.bench.SharedData;
import org.cathodej.image.Psnr;
import org.cathodej.render.PartialCurtains;
import org.junit.jupiter.api.Test;

class LocalCurtainsTest {

	static final Wavelet DB5 = Wavelet.of("db5");

	static float[] filter(float[] img, int w, int h, int width, int length) {
		return Destriper.filter(img, w, h, DB5, 6, 1, Destriper.Direction.VERTICAL, width, length);
	}

	/**
	 * One 2-px curtain of amplitude 10 noise s.d. from row 60 to 159 of a flat noisy 128 x 220 slice: the local
	 * estimate removes it where it is (residual mean under 1 s.d.), leaves the rows above and below it alone, and
	 * the column-wide filter cannot do both.
	 */
	@Test
	void partialCurtainRemovedWhereItIs() {
		int w = 128, h = 220;
		Random rnd = new Random(3);
		float[] img = new float[w * h];
		for (int i = 0; i < img.length; i++) img[i] = (float) (100 + 1 * rnd.nextGaussian());
		float[] striped = img.clone();
		for (int y = 60; y < 160; y++)
			for (int x = 50; x < 52; x++) striped[y * w + x] += 10;
		float[] local = filter(striped, w, h, 4, 24), wide = filter(striped, w, h, 4, 0);
		double in = 0, out = 0, far = 0, wideOut = 0;
		for (int y = 0; y < h; y++)
			for (int x = 50; x < 52; x++) {
				int i = y * w + x;
				if (y >= 60 && y < 160) in += (local[i] - img[i]) / 200;
				else {
					out += Math.abs(local[i] - img[i]) / 240;
					wideOut += Math.abs(wide[i] - img[i]) / 240;
					if (y < 60 - 16 || y >= 160 + 16) far = Math.max(far, Math.abs(local[i] - img[i]));
				}
			}
		System.out.printf("partial curtain: residual inside %.3f, mean change outside %.3f (column-wide filter %.3f), largest 16+ rows away %.3f%n", in, out, wideOut, far);
		assertTrue(Math.abs(in) < 1, "residual inside " + in);
		// a running median is biased by up to about the noise s.d. within a few rows of a step; beyond, changes stay within half of it (noise passing the shrinkage)
		assertTrue(out < 0.3, "rows outside the curtain changed by " + out + " on average");
		assertTrue(far < 0.5, "rows 16+ px from the curtain changed by " + far);
		assertTrue(wideOut > 3 * out, "column-wide filter expected to smear the curtain over the column, got " + wideOut);
	}

	@Test
	void garroteShrinksWeakEvidenceToZero() {
		assertEquals(0, LocalCurtains.garrote(1, 2));
		assertEquals(0, LocalCurtains.garrote(-2, 2));
		assertEquals(4 - 1, LocalCurtains.garrote(4, 2), 1e-6);
		assertEquals(-(4 - 1), LocalCurtains.garrote(-4, 2), 1e-6);
		assertEquals(0, LocalCurtains.garrote(Float.NaN, 2));
	}

	/**
	 * Real texture (shared/data): two 256 x 256 crops of the least-curtained real FIB-SEM cross-section with added
	 * partial-height curtains (amplitude 40 grey levels, 64-256 rows, fading): curtain_length 48 gains at least 5.5 dB
	 * (6 dB on the bench stack), more than the column-wide filter, and the crops without curtains stay above 40 dB.
	 */
	@Test
	void realTextureWithPartialCurtains() {
		assumeTrue(SharedData.dir() != null, "shared/data not found above the working directory: real-texture test skipped");
		SharedData.Grey fib = SharedData.open("real-sem/nmc_fibsem_crosssection_grey.tif");
		int n = 256;
		int[][] at = { { 100, 200 }, { 600, 600 } };
		for (int k = 0; k < at.length; k++) {
			float[] clean = fib.crop(at[k][0], at[k][1], n, n).pixels, striped = clean.clone();
			PartialCurtains pc = new PartialCurtains();
			pc.amplitude = 40;
			pc.seed = k + 1;
			float[] c = pc.of(n, n);
			for (int i = 0; i < c.length; i++) striped[i] += c[i];
			double before = Psnr.of(clean, striped), local = Psnr.of(clean, filter(striped, n, n, 4, 48));
			double wide = Psnr.of(clean, filter(striped, n, n, 4, 0)), kept = Psnr.of(clean, filter(clean, n, n, 4, 48));
			System.out.printf("real crop %d: PSNR %.2f -> %.2f dB local, %.2f dB column-wide; curtain-free crop %.2f dB%n", k, before, local, wide, kept);
			assertTrue(local >= before + 5.5, "gain " + (local - before)); // the bench stack of four 384-px crops gains >= 6 dB
			assertTrue(local > wide, "local " + local + " vs column-wide " + wide);
			assertTrue(kept > 40, "curtain-free crop " + kept);
		}
	}
}
