package org.cathodej.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;

import org.cathodej.destripe.Destriper;
import org.cathodej.image.Psnr;
import org.cathodej.image.Slices;
import org.cathodej.render.PartialCurtains;
import org.cathodej.task.Progress;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;

/**
 * Remove Stripes on real texture (shared/data): (a) four 384 x 384 crops of the least-curtained real FIB-SEM
 * cross-section with added partial-height curtains ({@link PartialCurtains}, 64-256 rows, 1-3 px, fading to 30 %,
 * 5 per 100 columns) of amplitude 10, 20 and 40 grey levels (8, 16 and 31 % of the particle-to-pore-back contrast): PSNR
 * gain, curtain energy removed inside the particles, PSNR of the crops without curtains after the same filter;
 * (b) the real nano-CT slices (no curtains) after the filter; (c) the real curtained SEM image: before / after /
 * removed figure (target/destripe-real.png, copied to docs/figures/remove-stripes-real-curtains.png). Rows' seconds are for the whole setting.
 */
public final class DestripeRealBench implements BenchCase {

	static final String FIBSEM = "real-sem/nmc_fibsem_crosssection_grey.tif", CURTAINED = "real-sem/nmc_sem_curtained_754x1012_uint16.tif";
	static final String[] NANOCT = { "real-nmc-nanoct/1501.tif", "real-nmc-nanoct/1504.tif", "real-nmc-nanoct/103.tif", "real-nmc-nanoct/1098.tif" };
	static final int[][] CROPS = { { 0, 160 }, { 512, 160 }, { 0, 545 }, { 512, 545 } };
	static final int CROP = 384;

	/**
	 * {stripe width, curtain length, automatic}: the default (column-wide), local windows, then automatic mode (curtain
	 * length 0: it detects partial-height curtains and chooses length and width; 48: it chooses the width).
	 */
	static final int[][] SETTINGS = { { 4, 0, 0 }, { 4, 16, 0 }, { 4, 32, 0 }, { 4, 48, 0 }, { 4, 64, 0 }, { 8, 48, 0 }, { 4, 0, 1 }, { 4, 48, 1 } };
	/** Amplitudes of the added curtains, grey levels (particle-to-pore-back contrast about 127). */
	static final double[] AMPLITUDES = { 10, 20, 40 };

	@Override
	public String name() {
		return "destripe-real";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "384x384x4" };
	}

	static Destriper.Params params(int[] s, int threads) {
		Destriper.Params p = new Destriper.Params();
		p.stripeWidth = s[0];
		p.curtainLength = s[1];
		p.auto = s[2] == 1;
		p.threads = threads;
		return p;
	}

	static String label(int[] s) {
		if (s[2] == 1) return s[1] > 0 ? "automatic, curtain length " + s[1] : "automatic";
		return "stripe width " + s[0] + (s[1] > 0 ? ", curtain length " + s[1] : ", column-wide");
	}

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		if (SharedData.dir() == null) {
			System.out.println("destripe-real: shared/data not found, skipped");
			return;
		}
		SharedData.Grey fib = SharedData.open(FIBSEM);
		float[][] clean = new float[CROPS.length][];
		for (int k = 0; k < CROPS.length; k++) clean[k] = fib.crop(CROPS[k][0], CROPS[k][1], CROP, CROP).pixels;
		float[][] nano = new float[NANOCT.length][];
		for (int k = 0; k < NANOCT.length; k++) nano[k] = SharedData.open(NANOCT[k]).crop(0, 0, CROP, CROP).pixels;
		for (int[] s : SETTINGS) {
			long t0 = System.nanoTime();
			Destriper.Params p = params(s, threads);
			float[][] keptFib = filter(clean, p);
			String chosenFib = chosen;
			float[][] keptNano = filter(nano, p);
			String chosenNano = chosen;
			StringBuilder sb = new StringBuilder(label(s) + ":");
			for (double amp : AMPLITUDES) {
				float[][] striped = withCurtains(clean, amp);
				float[][] f = filter(striped, p);
				sb.append(String.format(Locale.ROOT, " amplitude %.0f: PSNR %+.1f dB, inside particles %.0f %% removed%s;", amp, meanGain(clean, striped, f),
					100 * removedInParticles(clean, striped, f), p.auto ? " (" + chosen + ")" : ""));
			}
			sb.append(String.format(Locale.ROOT, " curtain-free FIB-SEM crops %.1f dB (structure lost %.4f%s), nano-CT %.1f dB%s", meanPsnr(clean, keptFib),
				lost(clean, keptFib), p.auto ? ", " + chosenFib : "", meanPsnr(nano, keptNano), p.auto ? " (" + chosenNano + ")" : ""));
			double sec = (System.nanoTime() - t0) / 1e9;
			System.out.println(sb);
			out.time(name(), sb.toString(), size, threads, () -> null, String.format(Locale.ROOT, "%.1f s", sec));
		}
		curtainedFigure(threads, Paths.get("target", "destripe-real.png"));
	}

	static float[][] withCurtains(float[][] clean, double amplitude) {
		float[][] s = new float[clean.length][];
		for (int k = 0; k < clean.length; k++) {
			PartialCurtains c = new PartialCurtains();
			c.amplitude = amplitude;
			c.seed = k + 1;
			float[] add = c.of(CROP, CROP);
			s[k] = clean[k].clone();
			for (int i = 0; i < add.length; i++) s[k][i] += add[i];
		}
		return s;
	}

	/** The setting used by the last {@link #filter} call (automatic mode: the chosen one). */
	private static String chosen;

	/** The slices (CROP x CROP) filtered as one stack. */
	static float[][] filter(float[][] slices, Destriper.Params p) {
		PlanarImg<?, ?> st = PlanarImgs.floats(CROP, CROP, slices.length);
		for (int z = 0; z < slices.length; z++) Slices.writeFloats(st, z, slices[z]);
		Destriper.Result res = Destriper.run(PreprocessBench.real(st), p, Progress.NONE);
		PlanarImg<?, ?> o = res.output;
		chosen = "width " + res.stripeWidth + (res.curtainLength > 0 ? ", curtain length " + res.curtainLength : ", column-wide, " + res.levels + " levels, sigma " + res.sigma);
		float[][] r = new float[slices.length][];
		for (int z = 0; z < slices.length; z++) r[z] = Slices.readFloats(PreprocessBench.real(o), z, null);
		return r;
	}

	static double meanGain(float[][] clean, float[][] striped, float[][] filtered) {
		double g = 0;
		for (int k = 0; k < clean.length; k++) g += Psnr.of(clean[k], filtered[k]) - Psnr.of(clean[k], striped[k]);
		return g / clean.length;
	}

	static double meanPsnr(float[][] clean, float[][] filtered) {
		double g = 0;
		for (int k = 0; k < clean.length; k++) g += Psnr.of(clean[k], filtered[k]);
		return g / clean.length;
	}

	/** Structure lost: energy of (filtered - clean) of curtain-free slices over their variance energy. */
	static double lost(float[][] clean, float[][] filtered) {
		double e = 0, v = 0;
		for (int k = 0; k < clean.length; k++) {
			double mean = 0;
			for (float x : clean[k]) mean += x;
			mean /= clean[k].length;
			for (int i = 0; i < clean[k].length; i++) {
				e += (double) (filtered[k][i] - clean[k][i]) * (filtered[k][i] - clean[k][i]);
				v += (clean[k][i] - mean) * (clean[k][i] - mean);
			}
		}
		return e / v;
	}

	/** 1 - residual curtain energy / added curtain energy, over the particle pixels ({@link #particles}). */
	static double removedInParticles(float[][] clean, float[][] striped, float[][] filtered) {
		double added = 0, left = 0;
		for (int k = 0; k < clean.length; k++) {
			boolean[] m = particles(clean[k]);
			for (int i = 0; i < m.length; i++) {
				if (!m[i]) continue;
				added += (double) (striped[k][i] - clean[k][i]) * (striped[k][i] - clean[k][i]);
				left += (double) (filtered[k][i] - clean[k][i]) * (filtered[k][i] - clean[k][i]);
			}
		}
		return 1 - left / added;
	}

	/**
	 * Particle pixels of a FIB-SEM crop: the NMC particles are the flat mid-grey phase (between the dark binder and the
	 * bright pore backs), so: grey within 12 levels of the histogram's mode between the 20th and 80th percentiles.
	 */
	static boolean[] particles(float[] c) {
		float[] s = c.clone();
		Arrays.sort(s);
		float lo = s[s.length / 5], hi = s[s.length * 4 / 5];
		int[] hist = new int[256];
		for (float v : c)
			if (v >= lo && v <= hi) hist[Math.max(0, Math.min(255, Math.round(v)))]++;
		int mode = 0;
		for (int g = 1; g < 256; g++)
			if (hist[g] > hist[mode]) mode = g;
		boolean[] m = new boolean[c.length];
		for (int i = 0; i < c.length; i++) m[i] = Math.abs(c[i] - mode) <= 12;
		return m;
	}

	/** Before | after | removed of a 400 x 400 crop of the real curtained image: the default column-wide filter (top) and automatic mode (bottom). */
	public static void curtainedFigure(int threads, Path png) throws Exception {
		SharedData.Grey g = SharedData.open(CURTAINED);
		PlanarImg<?, ?> st = PlanarImgs.floats(g.w, g.h, 1);
		Slices.writeFloats(st, 0, g.pixels);
		int x0 = 450, y0 = 110, n = 400;
		ByteProcessor fig = new ByteProcessor(3 * n, 2 * n);
		float[] sorted = g.pixels.clone();
		Arrays.sort(sorted);
		float lo = sorted[sorted.length * 2 / 5], hi = sorted[sorted.length - 1 - sorted.length / 1000]; // the bright particles (60 % of the image) spread over the grey range
		int row = 0;
		for (int[] s : new int[][] { { 4, 0, 0 }, { 4, 0, 1 } }) {
			Destriper.Result res = Destriper.run(PreprocessBench.real(st), params(s, threads), Progress.NONE);
			System.out.println("figure row " + (row + 1) + ": " + label(s) + ", stripe width " + res.stripeWidth + ", curtain length " + res.curtainLength + " (" + res.curtainExtent + ")");
			float[] o = Slices.readFloats(PreprocessBench.real(res.output), 0, null);
			float[] rem = new float[o.length];
			for (int i = 0; i < o.length; i++) rem[i] = g.pixels[i] - o[i];
			paste(fig, g.pixels, g.w, x0, y0, n, 0, row * n, lo, hi);
			paste(fig, o, g.w, x0, y0, n, n, row * n, lo, hi);
			float r = (hi - lo) / 3; // removed: +-1/3 of the display range, mid-grey = 0
			paste(fig, rem, g.w, x0, y0, n, 2 * n, row * n, -r, r);
			row++;
		}
		png.toAbsolutePath().getParent().toFile().mkdirs();
		new FileSaver(new ImagePlus("destripe-real", fig)).saveAsPng(png.toString());
		System.out.println("figure: " + png.toAbsolutePath());
	}

	private static void paste(ByteProcessor fig, float[] img, int w, int x0, int y0, int n, int fx, int fy, float lo, float hi) {
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				double v = (img[(y0 + y) * w + x0 + x] - lo) / (hi - lo) * 255;
				fig.set(fx + x, fy + y, (int) Math.max(0, Math.min(255, Math.round(v))));
			}
	}
}
