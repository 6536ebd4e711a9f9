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

	/** Automatic mode on one n x n slice: curtain length 0 = detected and chosen, else given (the stripe width is chosen). */
	static Destriper.Result automatic(float[] img, int n, int curtainLength) {
		net.imglib2.img.planar.PlanarImg<?, ?> st = net.imglib2.img.planar.PlanarImgs.floats(n, n, 1);
		org.cathodej.image.Slices.writeFloats(st, 0, img);
		Destriper.Params p = new Destriper.Params();
		p.auto = true;
		p.curtainLength = curtainLength;
		Destriper.Result r = Destriper.run(DestriperTest.real(st), p, org.cathodej.task.Progress.NONE);
		System.out.println("automatic, curtain length " + curtainLength + ": stripe width " + r.stripeWidth + ", curtain length " + r.curtainLength + " (" + r.curtainExtent + ")");
		return r;
	}

	/** Horizontal curtains are the transposed case; bad lengths get a clear message and leave the input alone. */
	@Test
	void horizontalAndBadInput() {
		int w = 40, h = 60;
		Random rnd = new Random(5);
		float[] img = new float[w * h];
		for (int i = 0; i < img.length; i++) img[i] = (float) (10 * rnd.nextGaussian() + (i % w == 7 && i / w > 20 ? 30 : 0));
		float[] v = filter(img, w, h, 4, 12), t = Destriper.transpose(img, w, h), copy = img.clone();
		float[] hz = Destriper.filter(t, h, w, DB5, 6, 1, Destriper.Direction.HORIZONTAL, 4, 12);
		assertArrayEquals(v, Destriper.transpose(hz, h, w));
		assertArrayEquals(copy, img);
		net.imglib2.img.planar.PlanarImg<?, ?> st = net.imglib2.img.planar.PlanarImgs.floats(w, h, 1);
		org.cathodej.image.Slices.writeFloats(st, 0, img);
		for (int[] bad : new int[][] { { 4, 30 }, { 4, -1 }, { 0, 8 } }) {
			Destriper.Params p = new Destriper.Params();
			p.stripeWidth = bad[0];
			p.curtainLength = bad[1];
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Destriper.run(DestriperTest.real(st), p, null));
			assertTrue(e.getMessage().contains("curtain length"), e.getMessage());
		}
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
	 * (6 dB on the bench stack), more than the column-wide filter, and the crops without curtains stay above 40 dB;
	 * the automatic mode finds the partial curtains and gains at least 5 dB (measured +6.0 and +5.6 dB); at the given
	 * curtain length 48 it gains; both keep the crops without added curtains above 40 dB.
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
			Destriper.Result found = automatic(striped, n, 0);
			double detected = Psnr.of(clean, DestriperTest.slice(found.output, 0)), detectedKept = Psnr.of(clean, DestriperTest.slice(automatic(clean, n, 0).output, 0));
			double auto = Psnr.of(clean, DestriperTest.slice(automatic(striped, n, 48).output, 0)), autoKept = Psnr.of(clean, DestriperTest.slice(automatic(clean, n, 48).output, 0));
			System.out.printf("real crop %d: PSNR %.2f -> %.2f dB local, %.2f dB column-wide, %.2f automatic, %.2f automatic at length 48; curtain-free crop %.2f dB, %.2f / %.2f automatic%n", k,
				before, local, wide, detected, auto, kept, detectedKept, autoKept);
			assertTrue(found.curtainLength > 0, "partial curtains not found: " + found.curtainExtent);
			assertTrue(detected >= before + 5, "automatic gain " + (detected - before));
			assertTrue(detectedKept > 40, "curtain-free crop, automatic " + detectedKept);
			// the width chosen at a given length (E - w E90, w = 4 at width 8) may still take 8 on crop 0 (+1.4 dB where 4 gains +5.9; documented)
			assertTrue(auto > before, "automatic gain at length 48 " + (auto - before));
			assertTrue(autoKept > 40, "curtain-free crop, automatic at length 48 " + autoKept);
			assertTrue(local >= before + 5.5, "gain " + (local - before)); // the bench stack of four 384-px crops gains >= 6 dB
			assertTrue(local > wide, "local " + local + " vs column-wide " + wide);
			assertTrue(kept > 40, "curtain-free crop " + kept);
		}
	}

	/**
	 * Weak curtains (amplitude 10 grey levels, 8 % of the particle-to-pore-back contrast) on the destripe-real bench
	 * stack (four 384 x 384 crops of the real FIB-SEM cross-section as one stack): the automatic mode finds them and
	 * takes a layer wide enough for the 3-px curtains (width 4; a flat E90 weight of 4 chose width 2, +1.2 dB), which
	 * gains more than width 2 at the same curtain length (measured +2.6 dB against +1.2 dB).
	 */
	@Test
	void weakCurtainsGetAWideEnoughLayer() {
		assumeTrue(SharedData.dir() != null, "shared/data not found above the working directory: real-texture test skipped");
		SharedData.Grey fib = SharedData.open("real-sem/nmc_fibsem_crosssection_grey.tif");
		int n = 384;
		int[][] at = { { 0, 160 }, { 512, 160 }, { 0, 545 }, { 512, 545 } };
		float[][] clean = new float[at.length][], striped = new float[at.length][];
		net.imglib2.img.planar.PlanarImg<?, ?> st = net.imglib2.img.planar.PlanarImgs.floats(n, n, at.length);
		for (int k = 0; k < at.length; k++) {
			clean[k] = fib.crop(at[k][0], at[k][1], n, n).pixels;
			PartialCurtains pc = new PartialCurtains();
			pc.amplitude = 10;
			pc.seed = k + 1;
			float[] c = pc.of(n, n);
			striped[k] = clean[k].clone();
			for (int i = 0; i < c.length; i++) striped[k][i] += c[i];
			org.cathodej.image.Slices.writeFloats(st, k, striped[k]);
		}
		Destriper.Params p = new Destriper.Params();
		p.auto = true;
		Destriper.Result r = Destriper.run(DestriperTest.real(st), p, org.cathodej.task.Progress.NONE);
		double auto = 0, narrow = 0;
		for (int k = 0; k < at.length; k++) {
			double before = Psnr.of(clean[k], striped[k]);
			auto += (Psnr.of(clean[k], DestriperTest.slice(r.output, k)) - before) / at.length;
			narrow += (Psnr.of(clean[k], filter(striped[k], n, n, 2, r.curtainLength)) - before) / at.length;
		}
		System.out.printf("weak curtains: automatic width %d, curtain length %d: %+.2f dB; width 2 at that length %+.2f dB%n", r.stripeWidth, r.curtainLength, auto, narrow);
		assertTrue(r.curtainLength > 0, "partial curtains not found: " + r.curtainExtent);
		assertTrue(r.stripeWidth >= 4, "stripe width " + r.stripeWidth);
		assertTrue(auto > narrow + 0.5, "automatic " + auto + " dB vs width 2 " + narrow + " dB");
	}
}
