package org.cathodej.bench;

import java.util.Locale;

import org.cathodej.destripe.Destriper;
import org.cathodej.image.Psnr;
import org.cathodej.image.Slices;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.task.Progress;

import net.imglib2.img.planar.PlanarImg;

/**
 * Stripe removal quality, not speed: 32-bit BSE renderings of the bench phantom (noise 1000, blur 1 px) with and
 * without vertical curtains (amplitude 10000 = a quarter of the CAM-pore contrast, full height, fading by up to
 * 70 %, 5 per 100 columns) of widths 1..4, 1..9 and 1..17 px, three curtain seeds. For each filter setting it prints
 * the mean PSNR gain against the curtain-free rendering and the PSNR of a curtain-free slice after filtering (peak =
 * the clean slice's range). The rows' seconds are those of the whole comparison.
 */
public final class DestripeQualityBench implements BenchCase {

	@Override
	public String name() {
		return "destripe-quality";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "384x384x2" };
	}

	/** {stripe width, levels, sigma x 10, automatic, curtain length} */
	private static final int[][] SETTINGS = { { 4, 6, 10, 0, 0 }, { 8, 6, 10, 0, 0 }, { 16, 6, 10, 0, 0 }, { 0, 6, 10, 0, 0 }, { 0, 3, 5, 0, 0 }, { 4, 6, 10, 1, 0 },
		{ 4, 6, 10, 0, 48 } };

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		double[] widths = { 3, 8, 16 };
		long[] seeds = { 1, 2, 3 };
		for (double mw : widths) {
			double[] gain = new double[SETTINGS.length], free = new double[SETTINGS.length];
			int n = 0;
			long t0 = System.nanoTime();
			for (long seed : seeds) {
				FibSemRenderer.Params p = new FibSemRenderer.Params();
				p.float32 = true;
				p.noiseSigma = 1000;
				p.seed = seed;
				PlanarImg<?, ?> clean = FibSemRenderer.render(Phantoms.cathode(size), PhaseLabels.defaults(), p, threads, Progress.NONE).bse;
				p.stripeAmplitude = 10000;
				p.stripeMaxWidth = mw;
				PlanarImg<?, ?> striped = FibSemRenderer.render(Phantoms.cathode(size), PhaseLabels.defaults(), p, threads, Progress.NONE).bse;
				for (int k = 0; k < SETTINGS.length; k++) {
					Destriper.Params d = new Destriper.Params();
					d.stripeWidth = SETTINGS[k][0];
					d.levels = SETTINGS[k][1];
					d.sigma = SETTINGS[k][2] / 10.0;
					d.auto = SETTINGS[k][3] == 1;
					d.curtainLength = SETTINGS[k][4];
					d.threads = threads;
					PlanarImg<?, ?> fs = Destriper.run(PreprocessBench.real(striped), d, Progress.NONE).output;
					PlanarImg<?, ?> fc = Destriper.run(PreprocessBench.real(clean), d, Progress.NONE).output;
					for (int z = 0; z < size[2]; z++) {
						float[] c = plane(clean, z);
						gain[k] += Psnr.of(c, plane(fs, z)) - Psnr.of(c, plane(striped, z));
						free[k] += Psnr.of(c, plane(fc, z));
					}
				}
				n += size[2];
			}
			double seconds = (System.nanoTime() - t0) / 1e9;
			for (int k = 0; k < SETTINGS.length; k++) {
				int[] s = SETTINGS[k];
				String setting = s[3] == 1 ? "automatic" : s[4] > 0 ? String.format(Locale.ROOT, "stripe width %d, curtain length %d", s[0], s[4])
					: String.format(Locale.ROOT, "stripe width %d, %d levels, sigma %.1f", s[0], s[1], s[2] / 10.0);
				String result = String.format(Locale.ROOT, "curtains 1-%.0f px: %s: PSNR %+.1f dB, curtain-free slice %.1f dB", mw + 1, setting, gain[k] / n, free[k] / n);
				System.out.println(result);
				out.time(name(), result, size, threads, () -> null, String.format(Locale.ROOT, "%.1f s for all settings", seconds));
			}
		}
	}

	private static float[] plane(PlanarImg<?, ?> img, int z) {
		return (float[]) Slices.planeArray(img, z);
	}

}
