package org.cathodej.destripe;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.cathodej.filter.Gauss;
import org.cathodej.image.Slices;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.jtransforms.fft.FloatFFT_1D;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

/**
 * Curtaining (stripe) removal by combined wavelet-Fourier filtering (after Münch et al., Opt. Express 17, 8567,
 * 2009): the slice is mirror-padded, decomposed with a periodised orthogonal wavelet transform over a number of
 * levels; in every level the detail band that carries the stripes (for vertical stripes: high-pass across x,
 * low-pass along y) is Fourier-transformed along the stripe direction and multiplied by 1 - exp(-k^2 / (2 sigma^2))
 * (k = frequency index in that band), which removes what is constant along the stripes; then the transform is
 * inverted and the padding cropped.
 *
 * <p>Per slice it reports the stripe energy before and after (energy of the fine part of the profile of column
 * means, i.e. minus its Gaussian smoothing of 4 px across the stripes, times the column length) and the structure
 * energy lost (energy of everything removed beyond the stripe energy removed), relative to the slice's variance
 * energy (sum of squared deviations from the mean).
 * An automatic mode picks sigma and levels on a few sample slices: least remaining stripe energy such that the
 * structure energy lost stays below {@link Params#maxStructureLoss} of the variance energy.
 */
public final class Destriper {

	private Destriper() {}

	public enum Direction {
		/** Stripes run along y (curtains from the top edge): the default for FIB-SEM. */
		VERTICAL,
		HORIZONTAL;

		public static Direction parse(String s) {
			try {
				return valueOf(s.trim().toUpperCase(Locale.ROOT));
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("Unknown stripe direction '" + s + "'; expected vertical or horizontal");
			}
		}
	}

	public static final class Params {
		public Direction direction = Direction.VERTICAL;
		public String wavelet = "db5";
		/** Decomposition levels (capped so that the coarsest band keeps at least 4 samples). */
		public int levels = 3;
		/**
		 * Damping width in frequency-index units of each band (= cycles per padded slice height at every level);
		 * 0.5 removes little more than what is exactly constant along the stripes.
		 */
		public double sigma = 0.5;
		/** Choose sigma and levels automatically (per stack). */
		public boolean auto = false;
		/** Auto mode: largest allowed structure-energy loss as a fraction of the slice's variance energy. */
		public double maxStructureLoss = 0.001;
		public int threads = Parallel.defaultThreads();
	}

	/** Per-slice energies; see the class comment. */
	public static final class SliceStats {
		public double stripeBefore, stripeAfter, structureLost, variance;

		public double stripeRemovedFraction() { return stripeBefore > 0 ? 1 - stripeAfter / stripeBefore : 0; }
		public double structureLostFraction() { return variance > 0 ? structureLost / variance : 0; }
	}

	public static final class Result {
		public final PlanarImg<?, ?> output;
		public final int levels;
		public final double sigma;
		public final String wavelet;
		public final SliceStats[] stats;

		Result(PlanarImg<?, ?> output, int levels, double sigma, String wavelet, SliceStats[] stats) {
			this.output = output;
			this.levels = levels;
			this.sigma = sigma;
			this.wavelet = wavelet;
			this.stats = stats;
		}
	}

	/** The largest useful number of levels for a w x h slice and a wavelet. */
	public static int maxLevels(int w, int h) {
		int n = Math.min(w, h), l = 0;
		while ((n >> (l + 1)) >= 4 && l < 12) l++;
		return Math.max(1, l);
	}

	public static Result run(RandomAccessibleInterval<? extends RealType<?>> stack, Params p, Progress progress) {
		Slices.requireVolume(stack);
		Progress pr = progress == null ? Progress.NONE : progress;
		int w = Slices.width(stack), h = Slices.height(stack), d = Slices.depth(stack);
		if (w < 8 || h < 8) throw new IllegalArgumentException("Stripe removal needs slices of at least 8x8 pixels, got " + w + "x" + h);
		if (!(p.sigma > 0)) throw new IllegalArgumentException("sigma must be > 0, got " + p.sigma);
		if (p.levels < 1) throw new IllegalArgumentException("levels must be >= 1, got " + p.levels);
		Wavelet wv = Wavelet.of(p.wavelet);
		int levels = Math.min(p.levels, maxLevels(w, h));
		double sigma = p.sigma;
		if (p.auto) {
			double[] best = choose(stack, wv, p, pr.range(0, 0.3));
			levels = (int) best[0];
			sigma = best[1];
		}
		Object t = stack.getType();
		int bytes = t instanceof UnsignedByteType ? 1 : t instanceof UnsignedShortType ? 2 : 4;
		MemoryBudget.require((long) w * h * d * bytes, "Destriped stack of " + w + "x" + h + "x" + d, bytes);
		PlanarImg<?, ?> out = bytes == 1 ? PlanarImgs.unsignedBytes(w, h, d) : bytes == 2 ? PlanarImgs.unsignedShorts(w, h, d) : PlanarImgs.floats(w, h, d);
		SliceStats[] stats = new SliceStats[d];
		final int lv = levels;
		final double sg = sigma;
		Progress pf = pr.range(p.auto ? 0.3 : 0, 1);
		int[] done = { 0 };
		Parallel.forEach(d, p.threads, z -> {
			pf.checkCancelled();
			float[] in = Slices.readFloats(stack, z, null);
			float[] o = filter(in, w, h, wv, lv, sg, p.direction);
			stats[z] = stats(in, o, w, h, p.direction);
			Object a = Slices.planeArray(out, z);
			if (a instanceof float[]) System.arraycopy(o, 0, a, 0, o.length);
			else if (a instanceof short[]) {
				short[] s = (short[]) a;
				for (int i = 0; i < o.length; i++) s[i] = (short) Math.max(0, Math.min(65535, Math.round(o[i])));
			} else {
				byte[] b = (byte[]) a;
				for (int i = 0; i < o.length; i++) b[i] = (byte) Math.max(0, Math.min(255, Math.round(o[i])));
			}
			synchronized (done) {
				pf.report(++done[0] / (double) d, "Removing stripes " + done[0] + "/" + d);
			}
		});
		return new Result(out, levels, sigma, wv.name(), stats);
	}

	/** Candidate grid for the automatic mode. */
	static final double[] AUTO_SIGMAS = { 0.5, 1, 2, 3, 4, 6, 8 };

	/** {levels, sigma} chosen on up to 3 sample slices (central crop of at most 512 x 512). */
	static double[] choose(RandomAccessibleInterval<? extends RealType<?>> stack, Wavelet wv, Params p, Progress pr) {
		int w = Slices.width(stack), h = Slices.height(stack), d = Slices.depth(stack);
		int cw = Math.min(w, 512), ch = Math.min(h, 512), x0 = (w - cw) / 2, y0 = (h - ch) / 2;
		int ns = Math.min(3, d);
		float[][] samples = new float[ns][];
		for (int k = 0; k < ns; k++) {
			int z = ns == 1 ? 0 : (int) Math.round((d - 1) * (k + 0.5) / ns);
			float[] s = Slices.readFloats(stack, z, null), c = new float[cw * ch];
			for (int y = 0; y < ch; y++) System.arraycopy(s, (y0 + y) * w + x0, c, y * cw, cw);
			samples[k] = c;
		}
		int maxL = Math.min(8, maxLevels(cw, ch));
		int nc = maxL * AUTO_SIGMAS.length;
		double[] stripe = new double[nc], lost = new double[nc];
		double[] var = new double[1];
		for (float[] s : samples) var[0] += stats(s, s, cw, ch, p.direction).variance;
		Parallel.forEach(nc, p.threads, c -> {
			pr.checkCancelled();
			int l = 1 + c / AUTO_SIGMAS.length;
			double sg = AUTO_SIGMAS[c % AUTO_SIGMAS.length];
			for (float[] s : samples) {
				SliceStats st = stats(s, filter(s, cw, ch, wv, l, sg, p.direction), cw, ch, p.direction);
				stripe[c] += st.stripeAfter;
				lost[c] += st.structureLost;
			}
		});
		int best = -1;
		for (int c = 0; c < nc; c++) {
			if (lost[c] > p.maxStructureLoss * var[0]) continue;
			if (best < 0 || stripe[c] < stripe[best] * (1 - 1e-9) || (stripe[c] <= stripe[best] * (1 + 1e-9) && lost[c] < lost[best])) best = c;
		}
		if (best < 0) { // nothing within the bound: the gentlest filter
			best = 0;
			for (int c = 1; c < nc; c++)
				if (lost[c] < lost[best]) best = c;
		}
		pr.report(1, "Chose stripe filter parameters");
		return new double[] { 1 + best / AUTO_SIGMAS.length, AUTO_SIGMAS[best % AUTO_SIGMAS.length] };
	}

	/** Filters one w x h slice; returns a new array. */
	public static float[] filter(float[] img, int w, int h, Wavelet wv, int levels, double sigma, Direction dir) {
		return filter(img, w, h, wv, levels, sigma, dir, 0);
	}

public static float[] filter(float[] img, int w, int h, Wavelet wv, int levels, double sigma, Direction dir, int robustIterations) {
		boolean vertical = dir == Direction.VERTICAL;
		// work in a frame where the stripes run along the second axis (columns)
		int ww = vertical ? w : h, hh = vertical ? h : w;
		float[] src = vertical ? img : transpose(img, w, h);
		int L = Math.max(1, Math.min(levels, maxLevels(ww, hh)));
		int unit = 1 << L, margin = 2 * wv.length();
		// across the stripes: mirror margins for the wavelet; along them: the full reflection (period 2h), so the
		// periodic FFT sees a continuous signal and a stripe that fades along its length stays low-frequency
		int pw = roundUp(ww + 2 * margin, unit), ph = roundUp(2 * hh, unit);
		int ox = (pw - ww) / 2, oy = 0;
		float[] a = new float[pw * ph];
		for (int y = 0; y < ph; y++) {
			int sy = Gauss.mirror(y - oy, hh) * ww;
			for (int x = 0; x < pw; x++) a[y * pw + x] = src[sy + Gauss.mirror(x - ox, ww)];
		}
		float[] line = new float[Math.max(pw, ph)], tmp = new float[Math.max(pw, ph)];
		Map<Integer, FloatFFT_1D> ffts = new HashMap<>();
		int maxN = Math.max(pw, ph);
		float[] col = new float[maxN], est = new float[maxN];
		int cw = pw, ch = ph;
		for (int l = 0; l < L; l++) {
			rows(a, pw, cw, ch, wv, line, tmp, true);
			cols(a, pw, cw, ch, wv, line, tmp, true);
			// band high across x, low along y: columns [cw/2, cw), rows [0, ch/2)
			int n = ch / 2;
			FloatFFT_1D fft = ffts.computeIfAbsent(n, FloatFFT_1D::new);
			float[] damp = damping(n, sigma);
			for (int x = cw / 2; x < cw; x++) {
				for (int y = 0; y < n; y++) col[y] = a[y * pw + x];
				lowPass(col, est, n, fft, damp, line); // what the damping 1 - exp(-k^2/2 sigma^2) removes
				for (int y = 0; y < n; y++) a[y * pw + x] = col[y] - est[y];
			}
			cw /= 2;
			ch /= 2;
		}
		for (int l = L - 1; l >= 0; l--) {
			cw *= 2;
			ch *= 2;
			cols(a, pw, cw, ch, wv, line, tmp, false);
			rows(a, pw, cw, ch, wv, line, tmp, false);
		}
		float[] out = new float[ww * hh];
		for (int y = 0; y < hh; y++) System.arraycopy(a, (y + oy) * pw + ox, out, y * ww, ww);
		return vertical ? out : transpose(out, ww, hh);
	}

	/** out = column low-passed along its length: inverse FFT of FFT(in) * (1 - damp). */
	private static void lowPass(float[] in, float[] out, int n, FloatFFT_1D fft, float[] damp, float[] buf) {
		System.arraycopy(in, 0, buf, 0, n);
		fft.realForward(buf);
		buf[0] *= 1 - damp[0];
		if (n > 1) buf[1] *= 1 - damp[n / 2];
		for (int k = 1; k < (n + 1) / 2; k++) {
			buf[2 * k] *= 1 - damp[k];
			buf[2 * k + 1] *= 1 - damp[k];
		}
		fft.realInverse(buf, true);
		System.arraycopy(buf, 0, out, 0, n);
	}

	private static float[] damping(int n, double sigma) {
		float[] f = new float[n / 2 + 1];
		for (int k = 0; k <= n / 2; k++) f[k] = (float) (1 - Math.exp(-k * k / (2 * sigma * sigma)));
		return f;
	}

	private static void rows(float[] a, int stride, int cw, int ch, Wavelet wv, float[] line, float[] tmp, boolean fwd) {
		for (int y = 0; y < ch; y++) {
			System.arraycopy(a, y * stride, line, 0, cw);
			if (fwd) wv.forward(line, cw, tmp);
			else wv.inverse(line, cw, tmp);
			System.arraycopy(line, 0, a, y * stride, cw);
		}
	}

	private static void cols(float[] a, int stride, int cw, int ch, Wavelet wv, float[] line, float[] tmp, boolean fwd) {
		for (int x = 0; x < cw; x++) {
			for (int y = 0; y < ch; y++) line[y] = a[y * stride + x];
			if (fwd) wv.forward(line, ch, tmp);
			else wv.inverse(line, ch, tmp);
			for (int y = 0; y < ch; y++) a[y * stride + x] = line[y];
		}
	}

	private static int roundUp(int v, int unit) {
		return (v + unit - 1) / unit * unit;
	}

	static float[] transpose(float[] a, int w, int h) {
		float[] t = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) t[x * h + y] = a[y * w + x];
		return t;
	}

	/** Stripe and structure energies of input and output; see the class comment. */
	public static SliceStats stats(float[] in, float[] out, int w, int h, Direction dir) {
		boolean vertical = dir == Direction.VERTICAL;
		float[] i2 = vertical ? in : transpose(in, w, h), o2 = vertical ? out : transpose(out, w, h);
		int ww = vertical ? w : h, hh = vertical ? h : w;
		SliceStats s = new SliceStats();
		double mean = 0;
		for (float v : i2) mean += v;
		mean /= i2.length;
		for (float v : i2) s.variance += (v - mean) * (v - mean);
		s.stripeBefore = stripeEnergy(i2, ww, hh);
		s.stripeAfter = stripeEnergy(o2, ww, hh);
		double removed = 0;
		for (int i = 0; i < i2.length; i++) removed += (double) (i2[i] - o2[i]) * (i2[i] - o2[i]);
		s.structureLost = Math.max(0, removed - Math.max(0, s.stripeBefore - s.stripeAfter));
		return s;
	}

	/** h * sum over columns of (column mean - its Gaussian (4 px) smoothing across columns)^2. */
	static double stripeEnergy(float[] a, int w, int h) {
		float[] p = new float[w];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) p[x] += a[y * w + x];
		for (int x = 0; x < w; x++) p[x] /= h;
		float[] sm = Gauss.blur2D(p, w, 1, 4, 0, null);
		double e = 0;
		for (int x = 0; x < w; x++) e += (double) (p[x] - sm[x]) * (p[x] - sm[x]);
		return e * h;
	}
}
