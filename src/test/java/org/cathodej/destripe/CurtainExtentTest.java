package org.cathodej.destripe;

import static org.junit.jupiter.api.Assertions.*;

import org.cathodej.image.Psnr;
import org.cathodej.image.Slices;
import org.cathodej.render.PartialCurtains;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;

/**
 * Automatic mode on synthetic stacks with known curtains (the rendered phantom of {@link DestriperTest}, 384 x 384 x 2):
 * partial-height curtains ({@link PartialCurtains}, 64-256 rows, 1-3 px, a quarter of the phase contrast) are found
 * and get a curtain length, and the automatic result gains at least 6 dB where the best manual setting does;
 * full-height curtains and a curtain-free stack keep the column-wide filter (curtain length 0).
 */
class CurtainExtentTest {

	static Destriper.Result automatic(PlanarImg<?, ?> st) {
		Destriper.Params p = new Destriper.Params();
		p.auto = true;
		p.threads = 2;
		return Destriper.run(DestriperTest.real(st), p, Progress.NONE);
	}

	static double meanGain(PlanarImg<?, ?> clean, PlanarImg<?, ?> striped, PlanarImg<?, ?> out) {
		double g = 0;
		for (int z = 0; z < DestriperTest.D; z++) {
			float[] c = DestriperTest.slice(clean, z);
			g += (Psnr.of(c, DestriperTest.slice(out, z)) - Psnr.of(c, DestriperTest.slice(striped, z))) / DestriperTest.D;
		}
		return g;
	}

	@Test
	void partialCurtainsFoundAndRemoved() {
		PlanarImg<?, ?> clean = DestriperTest.cleanAndStriped(5, 1)[0];
		int w = DestriperTest.W, h = DestriperTest.H;
		PlanarImg<?, ?> striped = PlanarImgs.floats(w, h, DestriperTest.D);
		for (int z = 0; z < DestriperTest.D; z++) {
			PartialCurtains pc = new PartialCurtains();
			pc.amplitude = 10000; // a quarter of the CAM-pore contrast
			pc.seed = z + 1;
			float[] s = DestriperTest.slice(clean, z).clone(), c = pc.of(w, h);
			for (int i = 0; i < s.length; i++) s[i] += c[i];
			Slices.writeFloats(striped, z, s);
		}
		Destriper.Result auto = automatic(striped);
		double gain = meanGain(clean, striped, auto.output), best = -Double.MAX_VALUE;
		String bestAt = "";
		for (int len : new int[] { 32, 48, 64 }) {
			Destriper.Params p = new Destriper.Params();
			p.curtainLength = len;
			double g = meanGain(clean, striped, Destriper.run(DestriperTest.real(striped), p, Progress.NONE).output);
			if (g > best) {
				best = g;
				bestAt = "curtain length " + len;
			}
		}
		System.out.printf("partial curtains: automatic width %d, curtain length %d (%s): %+.2f dB; best manual (%s) %+.2f dB%n", auto.stripeWidth, auto.curtainLength,
			auto.curtainExtent, gain, bestAt, best);
		assertTrue(auto.curtainLength >= AutoParameters.MIN_LENGTH, "partial-height curtains not found: " + auto.curtainExtent);
		assertTrue(auto.curtainLength <= 128, "curtain length " + auto.curtainLength + " for curtains of 64-256 rows");
		assertTrue(best < 6 || gain >= 6, "automatic " + gain + " dB where the manual best gains " + best);
		assertTrue(gain > best - 1, "automatic " + gain + " dB, manual best " + best);
	}

	@Test
	void fullHeightAndCurtainFreeKeepTheColumnWideFilter() {
		PlanarImg<?, ?>[] cs = DestriperTest.cleanAndStriped(5, 10000);
		for (int k = 0; k < 2; k++) {
			Destriper.Result r = automatic(cs[k]);
			System.out.println((k == 0 ? "curtain-free" : "full-height curtains") + ": width " + r.stripeWidth + ", curtain length " + r.curtainLength + " (" + r.curtainExtent + ")");
			assertEquals(0, r.curtainLength, r.curtainExtent);
			assertNotNull(r.curtainExtent);
		}
	}

	/** Full-height curtains leave nothing outside the column means; curtains over a third of the column leave most. */
	@Test
	void extentOfKnownEstimates() {
		int w = 8, h = 90;
		float[] full = new float[w * h], part = new float[w * h];
		for (int y = 0; y < h; y++) {
			full[y * w + 2] = 5;
			if (y >= 30 && y < 60) part[y * w + 5] = -5;
		}
		CurtainExtent f = CurtainExtent.of(new float[][] { full }, w, h), p = CurtainExtent.of(new float[][] { part }, w, h);
		assertEquals(0, f.partialShare, 1e-9);
		assertEquals(90, f.runLength);
		assertEquals(1 - 1 / 3.0, p.partialShare, 1e-9); // column mean -5/3, energy 90 x 25/9 of 30 x 25
		assertEquals(30, p.runLength);
	}
}
