package org.cathodej.destripe;

import static org.junit.jupiter.api.Assertions.*;

import org.cathodej.image.Psnr;
import org.cathodej.image.Slices;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.render.TestVolumes;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;

class DestriperTest {

	static final int W = 384, H = 384, D = 2;
	static final double RMAX = 10;

	@SuppressWarnings("unchecked")
	static RandomAccessibleInterval<? extends RealType<?>> real(Object img) {
		return (RandomAccessibleInterval<? extends RealType<?>>) img;
	}

	static PlanarImg<?, ?>[] cleanAndStriped(long seed, double amplitude) {
		return cleanAndStriped(seed, amplitude, 3);
	}

	static PlanarImg<?, ?>[] cleanAndStriped(long seed, double amplitude, double maxWidth) {
		FibSemRenderer.Params p = new FibSemRenderer.Params();
		p.float32 = true;
		p.noiseSigma = 1000;
		p.seed = seed;
		PlanarImg<?, ?> lab = TestVolumes.blobs(W, H, D, seed, 1, RMAX);
		PlanarImg<?, ?> clean = FibSemRenderer.render(real2(lab), PhaseLabels.defaults(), p, 1, Progress.NONE).bse;
		p.stripeAmplitude = amplitude;
		p.stripeMaxWidth = maxWidth;
		PlanarImg<?, ?> striped = FibSemRenderer.render(real2(lab), PhaseLabels.defaults(), p, 1, Progress.NONE).bse;
		return new PlanarImg<?, ?>[] { clean, striped };
	}

	@SuppressWarnings("unchecked")
	static RandomAccessibleInterval<? extends net.imglib2.type.numeric.IntegerType<?>> real2(Object img) {
		return (RandomAccessibleInterval<? extends net.imglib2.type.numeric.IntegerType<?>>) img;
	}


	static float[] slice(PlanarImg<?, ?> img, int z) {
		return (float[]) Slices.planeArray(img, z);
	}

	/**
	 * Curtains of up to 25% of the phase contrast, 1-4 px wide, fading along their length: the default filter (stripe
	 * layer of 4 px, db5, 6 levels, sigma 1) and the automatic mode improve the PSNR against the curtain-free rendering
	 * by at least 6 dB and leave a stripe-free image nearly unchanged (> 40 dB).
	 */
	@Test
	void curtainingReducedAndStripeFreeImagesKept() {
		PlanarImg<?, ?>[] cs = cleanAndStriped(5, 10000);
		for (boolean auto : new boolean[] { false, true }) {
			Destriper.Params p = new Destriper.Params();
			p.auto = auto;
			Destriper.Result r = Destriper.run(real(cs[1]), p, Progress.NONE);
			Destriper.Result kept = Destriper.run(real(cs[0]), p, Progress.NONE);
			for (int z = 0; z < D; z++) {
				double before = Psnr.of(slice(cs[0], z), slice(cs[1], z)), after = Psnr.of(slice(cs[0], z), slice(r.output, z));
				double same = Psnr.of(slice(cs[0], z), slice(kept.output, z));
				System.out.printf("auto=%b levels=%d sigma=%.1f z=%d PSNR striped %.2f -> %.2f dB, stripe-free %.2f dB (levels %d sigma %.1f), stripe energy removed %.2f, lost %.4f%n",
					auto, r.levels, r.sigma, z, before, after, same, kept.levels, kept.sigma, r.stats[z].stripeRemovedFraction(), r.stats[z].structureLostFraction());
				assertTrue(after >= before + 6, "PSNR " + before + " -> " + after);
				assertTrue(same > 40, "stripe-free slice changed: PSNR " + same);
				assertTrue(r.stats[z].stripeRemovedFraction() > 0.8, "stripe energy removed " + r.stats[z].stripeRemovedFraction());
				assertTrue(kept.stats[z].stripeBefore < 0.2 * r.stats[z].stripeBefore, "stripe energy of a stripe-free slice");
			}
		}
	}

	/** Curtains of up to 50% of the phase contrast on other seeds: the defaults still gain at least 6 dB. */
	@Test
	void strongCurtains() {
		for (long seed : new long[] { 7, 11 }) {
			PlanarImg<?, ?>[] cs = cleanAndStriped(seed, 20000);
			Destriper.Result r = Destriper.run(real(cs[1]), new Destriper.Params(), Progress.NONE);
			double before = Psnr.of(slice(cs[0], 0), slice(cs[1], 0)), after = Psnr.of(slice(cs[0], 0), slice(r.output, 0));
			System.out.printf("strong curtains, seed %d: PSNR %.2f -> %.2f dB%n", seed, before, after);
			assertTrue(after >= before + 6, "PSNR " + before + " -> " + after);
		}
	}

	/** Curtains up to 9 px wide: the automatic mode widens the stripe layer and gains more than the default 4 px. */
	@Test
	void automaticModeWidensTheLayerForWideCurtains() {
		PlanarImg<?, ?>[] cs = cleanAndStriped(5, 10000, 8);
		Destriper.Params p = new Destriper.Params();
		Destriper.Result fixed = Destriper.run(real(cs[1]), p, Progress.NONE);
		p.auto = true;
		Destriper.Result auto = Destriper.run(real(cs[1]), p, Progress.NONE);
		double before = Psnr.of(slice(cs[0], 0), slice(cs[1], 0));
		double gainFixed = Psnr.of(slice(cs[0], 0), slice(fixed.output, 0)) - before, gainAuto = Psnr.of(slice(cs[0], 0), slice(auto.output, 0)) - before;
		System.out.printf("curtains 1-9 px: default %+.2f dB, automatic (width %d, %d levels, sigma %.1f) %+.2f dB%n", gainFixed, auto.stripeWidth, auto.levels, auto.sigma, gainAuto);
		assertTrue(auto.stripeWidth >= 8, "stripe width " + auto.stripeWidth);
		assertTrue(gainAuto > gainFixed + 1, gainAuto + " vs " + gainFixed);
	}

	/**
	 * The stripe layer is what sets the defaults apart from the whole-image filter: with the same wavelet, levels and
	 * sigma, filtering the whole image (stripe width 0, Münch's original) gains less and costs a stripe-free image more.
	 */
	@Test
	void stripeLayerBeatsTheWholeImageFilter() {
		PlanarImg<?, ?>[] cs = cleanAndStriped(5, 10000);
		float[] clean = slice(cs[0], 0), striped = slice(cs[1], 0);
		Wavelet wv = Wavelet.of("db5");
		Destriper.Direction v = Destriper.Direction.VERTICAL;
		double layer = Psnr.of(clean, Destriper.filter(striped, W, H, wv, 6, 1, v, 4)), whole = Psnr.of(clean, Destriper.filter(striped, W, H, wv, 6, 1, v, 0));
		double layerFree = Psnr.of(clean, Destriper.filter(clean, W, H, wv, 6, 1, v, 4)), wholeFree = Psnr.of(clean, Destriper.filter(clean, W, H, wv, 6, 1, v, 0));
		System.out.printf("6 levels: striped -> %.2f dB (layer) vs %.2f (whole); stripe-free %.2f vs %.2f%n", layer, whole, layerFree, wholeFree);
		assertTrue(layer > whole + 3, layer + " vs " + whole);
		assertTrue(layerFree > wholeFree + 10, layerFree + " vs " + wholeFree);
	}

	@Test
	void horizontalIsTheTransposeOfVertical() {
		PlanarImg<?, ?>[] cs = cleanAndStriped(6, 4000);
		float[] a = slice(cs[1], 0);
		Wavelet wv = Wavelet.of("db3");
		for (int width : new int[] { 0, 4 }) {
			float[] v = Destriper.filter(a, W, H, wv, 4, 2, Destriper.Direction.VERTICAL, width);
			float[] hz = Destriper.filter(Destriper.transpose(a, W, H), H, W, wv, 4, 2, Destriper.Direction.HORIZONTAL, width);
			float[] back = Destriper.transpose(hz, H, W);
			for (int i = 0; i < a.length; i++) assertEquals(v[i], back[i], 1e-2);
		}
	}

	@Test
	void constantColumnsAreTheOnlyThingRemovedFromAStripeImage() {
		// a pure stripe pattern (constant along y, zero mean across x) is removed almost entirely by the whole-image
		// filter; sparse narrow stripes on a flat background also by the stripe-layer filter
		float[] a = new float[W * H], b = new float[W * H];
		java.util.Random r = new java.util.Random(3);
		float[] col = new float[W], sparse = new float[W];
		for (int x = 0; x < W; x++) col[x] = (float) r.nextGaussian() * 100;
		for (int x = 0; x < W; x += 10 + r.nextInt(10)) sparse[x] = sparse[Math.min(W - 1, x + 1)] = (float) r.nextGaussian() * 100;
		for (int y = 0; y < H; y++) {
			System.arraycopy(col, 0, a, y * W, W);
			System.arraycopy(sparse, 0, b, y * W, W);
		}
		Wavelet wv = Wavelet.of("db5");
		assertTrue(energyRatio(a, Destriper.filter(a, W, H, wv, 6, 2, Destriper.Direction.VERTICAL)) < 0.02);
		// a 2 px stripe keeps about 2 / 2^levels of its energy in the coarsest (unfiltered) approximation band
		assertTrue(energyRatio(b, Destriper.filter(b, W, H, wv, 6, 2, Destriper.Direction.VERTICAL, 4)) < 0.05);
	}

	private static double energyRatio(float[] before, float[] after) {
		double e0 = 0, e1 = 0;
		for (int i = 0; i < before.length; i++) {
			e0 += before[i] * before[i];
			e1 += after[i] * after[i];
		}
		System.out.printf("remaining stripe energy %.4f%n", e1 / e0);
		return e1 / e0;
	}

	@Test
	void badInput() {
		PlanarImg<?, ?> tiny = net.imglib2.img.planar.PlanarImgs.floats(4, 40, 1);
		assertThrows(IllegalArgumentException.class, () -> Destriper.run(real(tiny), new Destriper.Params(), Progress.NONE));
		Destriper.Params p = new Destriper.Params();
		p.wavelet = "coif3";
		PlanarImg<?, ?> ok = net.imglib2.img.planar.PlanarImgs.floats(32, 32, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Destriper.run(real(ok), p, Progress.NONE));
		assertTrue(e.getMessage().contains("coif3"));
		Destriper.Params wide = new Destriper.Params();
		wide.stripeWidth = 16;
		e = assertThrows(IllegalArgumentException.class, () -> Destriper.run(real(ok), wide, Progress.NONE));
		assertTrue(e.getMessage().contains("stripe width"), e.getMessage());
		float[] withNaN = (float[]) Slices.planeArray(ok, 0);
		withNaN[100] = Float.NaN;
		e = assertThrows(IllegalArgumentException.class, () -> Destriper.run(real(ok), new Destriper.Params(), Progress.NONE));
		assertTrue(e.getMessage().contains("NaN"), e.getMessage());
	}

	/**
	 * The removed-stripes image is input minus output, voxel by voxel, and on a smooth image with added column
	 * offsets it is those offsets: its column means follow them (correlation > 0.95) and it adds back to the input.
	 */
	@Test
	void removedStripesAreInputMinusOutputAndShowTheCurtains() {
		int w = 128, h = 96, d = 2;
		java.util.Random rnd = new java.util.Random(3);
		float[] offset = new float[w];
		for (int x = 0; x < w; x++) offset[x] = rnd.nextDouble() < 0.15 ? (float) (200 * (rnd.nextDouble() - 0.5)) : 0;
		PlanarImg<net.imglib2.type.numeric.real.FloatType, ?> in = net.imglib2.img.planar.PlanarImgs.floats(w, h, d);
		for (int z = 0; z < d; z++) {
			float[] a = slice(in, z);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					a[y * w + x] = (float) (1000 + 300 * Math.sin(x / 9.0 + z) * Math.cos(y / 7.0)) + offset[x];
		}
		Destriper.Result r = Destriper.run(real(in), new Destriper.Params(), Progress.NONE);
		PlanarImg<?, ?> removed = r.removedStripes(real(in));
		for (int z = 0; z < d; z++) {
			float[] a = slice(in, z), b = slice(r.output, z), c = slice(removed, z);
			double[] mean = new double[w];
			for (int i = 0; i < a.length; i++) {
				assertEquals(a[i], b[i] + c[i], 1e-3, "input = output + removed at " + i);
				mean[i % w] += c[i] / h;
			}
			double sxy = 0, sxx = 0, syy = 0, mo = 0, mm = 0;
			for (int x = 0; x < w; x++) {
				mo += offset[x] / w;
				mm += mean[x] / w;
			}
			for (int x = 0; x < w; x++) {
				sxy += (offset[x] - mo) * (mean[x] - mm);
				sxx += (offset[x] - mo) * (offset[x] - mo);
				syy += (mean[x] - mm) * (mean[x] - mm);
			}
			double corr = sxy / Math.sqrt(sxx * syy);
			assertTrue(corr > 0.95, "column means of the removed image vs the added offsets: correlation " + corr);
		}
		assertThrows(IllegalArgumentException.class, () -> r.removedStripes(real(net.imglib2.img.planar.PlanarImgs.floats(w, h + 1, d))));
	}
}
