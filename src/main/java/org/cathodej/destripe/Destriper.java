package org.cathodej.destripe;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.cathodej.filter.Gauss;
import org.cathodej.filter.Rank;
import org.cathodej.image.Slices;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.jtransforms.fft.FloatFFT_1D;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Curtaining (stripe) removal by combined wavelet-Fourier filtering (after Münch et al., Opt. Express 17, 8567,
 * 2009): the slice is mirror-padded, decomposed with a periodised orthogonal wavelet transform over a number of
 * levels; in every level the detail band that carries the stripes (for vertical stripes: high-pass across x,
 * low-pass along y) is Fourier-transformed along the stripe direction and multiplied by 1 - exp(-k^2 / (2 sigma^2))
 * (k = frequency index in that band), which removes what is constant along the stripes; then the transform is
 * inverted and the padding cropped.
 *
 * <p>Stripe layer ({@link Params#stripeWidth} &gt; 0, the default): applied to a whole image, the filter also removes
 * the column means of real structure at every scale it reaches, and it cannot reach the coarse part of narrow
 * stripes without reaching coarse structure too. So the filter runs on the {@link StripeLayer} instead (the image
 * minus its running median across the stripes, cleaned of what is not constant-like along the columns), which holds
 * curtains up to stripeWidth pixels wide at all their scales but little structure. What the filter removes from the
 * layer is the stripe estimate. The median is taken twice: first of the slice, whose layer's robust column profiles
 * give a rough stripe estimate, then of the slice minus that estimate, so that strong curtains no longer bias the
 * median next to them.
 *
 * <p>Per slice it reports the stripe energy before and after (energy of the column means of the stripe layer, times
 * the column length; see {@link #stripeEnergy}) and the structure
 * energy lost (energy of everything removed beyond the stripe energy removed), relative to the slice's variance
 * energy (sum of squared deviations from the mean).
 * An automatic mode ({@link AutoParameters}) picks stripe width, levels and sigma on a few sample slices.
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
		public int levels = 6;
		/**
		 * Damping width in frequency-index units of each band (= cycles per padded slice height at every level);
		 * 0.5 removes little more than what is exactly constant along the stripes, larger values also curtains
		 * whose strength changes along their length.
		 */
		public double sigma = 1;
		/** Widest curtain (pixels across) separated into the stripe layer; 0 = filter the whole image (Münch's original). */
		public int stripeWidth = 4;
		/**
		 * Partial-height curtains: half-length (pixels along the stripes) of the window in which the stripe layer is
		 * estimated ({@link LocalCurtains}; levels and sigma are then unused); 0 = column-wide (the filter above).
		 */
		public int curtainLength = 0;
		/** Choose stripe width, levels and sigma automatically (per stack; see {@link AutoParameters}). */
		public boolean auto = false;
		/** Auto mode: largest allowed structure-energy loss as a fraction of the slice's variance energy. */
		public double maxStructureLoss = 0.001;
		public int threads = Parallel.defaultThreads();
	}

	/** Per-slice energies; see the class comment. */
	public static final class SliceStats implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
		public double stripeBefore, stripeAfter, structureLost, variance;

		public double stripeRemovedFraction() { return stripeBefore > 0 ? 1 - stripeAfter / stripeBefore : 0; }
		public double structureLostFraction() { return variance > 0 ? structureLost / variance : 0; }
	}

	public static final class Result {
		public final PlanarImg<?, ?> output;
		/** The setting used (chosen in automatic mode; levels capped by the slice size). */
		public final int stripeWidth, levels, curtainLength;
		public final double sigma;
		public final String wavelet;
		/**
		 * Automatic mode with curtain length 0: whether partial-height curtains were found and the figures behind the
		 * choice (see {@link CurtainExtent}); null otherwise.
		 */
		public final String curtainExtent;
		public final SliceStats[] stats;

		Result(PlanarImg<?, ?> output, int stripeWidth, int curtainLength, int levels, double sigma, String wavelet, String curtainExtent, SliceStats[] stats) {
			this.output = output;
			this.stripeWidth = stripeWidth;
			this.curtainLength = curtainLength;
			this.levels = levels;
			this.sigma = sigma;
			this.wavelet = wavelet;
			this.curtainExtent = curtainExtent;
			this.stats = stats;
		}

		/**
		 * What the filter removed from {@code input} (the stack this result was computed from): input minus
		 * {@link #output}, voxel by voxel, as 32-bit slices; so only curtains should show.
		 */
		public PlanarImg<FloatType, FloatArray> removedStripes(RandomAccessibleInterval<? extends RealType<?>> input) {
			int w = Slices.width(input), h = Slices.height(input), d = Slices.depth(input);
			if (w != Slices.width(output) || h != Slices.height(output) || d != Slices.depth(output))
				throw new IllegalArgumentException("the input is " + w + "x" + h + "x" + d + ", the destriped stack " + Slices.width(output) + "x"
					+ Slices.height(output) + "x" + Slices.depth(output));
			MemoryBudget.require(4L * w * h * d, "Removed stripes image", 4);
			@SuppressWarnings("unchecked")
			RandomAccessibleInterval<? extends RealType<?>> out = (RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) output;
			PlanarImg<FloatType, FloatArray> diff = PlanarImgs.floats(w, h, d);
			float[] a = null, b = null;
			for (int z = 0; z < d; z++) {
				a = Slices.readFloats(input, z, a);
				b = Slices.readFloats(out, z, b);
				float[] r = diff.getPlane(z).getCurrentStorageArray();
				for (int i = 0; i < r.length; i++) r[i] = a[i] - b[i];
			}
			return diff;
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
		Setting set = setting(w, h, d, z -> Slices.readFloats(stack, z, null), p, pr);
		int bytes = Slices.greyBytes(stack);
		int threads = Math.max(1, Math.min(p.threads, d));
		MemoryBudget.require((long) w * h * d * bytes + threads * bytesPerThread(w, h), "Destriped stack of " + w + "x" + h + "x" + d
			+ " (with " + threads + " thread(s) working)", bytes);
		PlanarImg<?, ?> out = Slices.newGrey(bytes, w, h, d);
		SliceStats[] stats = new SliceStats[d];
		Progress pf = pr.range(p.auto ? 0.3 : 0, 1);
		int[] done = { 0 };
		Parallel.forEach(d, p.threads, z -> {
			pf.checkCancelled();
			Slices.writeFloats(out, z, set.slice(z, Slices.readFloats(stack, z, null), w, h, stats));
			synchronized (done) {
				pf.report(++done[0] / (double) d, "Removing stripes " + done[0] + "/" + d);
			}
		});
		return set.result(out, stats);
	}

	/** Working memory of one thread filtering a w x h slice: the padded wavelet plane (about 2 x 2 slices) and up to 7 float buffers. */
	static long bytesPerThread(int w, int h) {
		return 4L * w * h * (4 + 7) + (1L << 20);
	}

	/** The checked (and in automatic mode chosen) filter setting of a stack, applied slice by slice. */
	static final class Setting implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
		final Wavelet wv;
		final int levels, width, curtainLength;
		final double sigma;
		final Direction direction;
		/** Automatic mode: what the curtain-extent measure found ({@link Result#curtainExtent}). */
		String extent;

		Setting(Wavelet wv, int levels, int width, int curtainLength, double sigma, Direction direction) {
			this.wv = wv;
			this.levels = levels;
			this.width = width;
			this.curtainLength = curtainLength;
			this.sigma = sigma;
			this.direction = direction;
		}

		/** Slice z destriped; its energies go to stats[z]. */
		float[] slice(int z, float[] in, int w, int h, SliceStats[] stats) {
			for (float v : in)
				if (!Float.isFinite(v)) // one NaN would spread along its column (and through the wavelet transform)
					throw new IllegalArgumentException("Slice " + (z + 1) + " has NaN or infinite pixels: replace them first (Process > Math > Remove NaNs...)");
			float[] o = filter(in, w, h, wv, levels, sigma, direction, width, curtainLength);
			stats[z] = stats(in, o, w, h, direction, metricWidth(width));
			return o;
		}

		Result result(PlanarImg<?, ?> out, SliceStats[] stats) {
			return new Result(out, width, curtainLength, levels, sigma, wv.name(), extent, stats);
		}
	}

	/** Checks the parameters for w x h x d slices and, in automatic mode, chooses the setting on sample slices. */
	static Setting setting(int w, int h, int d, java.util.function.IntFunction<float[]> slice, Params p, Progress pr) {
		if (w < 8 || h < 8) throw new IllegalArgumentException("Stripe removal needs slices of at least 8x8 pixels, got " + w + "x" + h);
		if (!(p.sigma > 0)) throw new IllegalArgumentException("sigma must be > 0, got " + p.sigma);
		if (p.levels < 1) throw new IllegalArgumentException("levels must be >= 1, got " + p.levels);
		Wavelet wv = Wavelet.of(p.wavelet);
		if (p.stripeWidth < 0 || 2 * p.stripeWidth + 1 > Math.min(w, h))
			throw new IllegalArgumentException("stripe width must be between 0 and " + (Math.min(w, h) - 1) / 2 + " pixels for " + w + "x" + h + " slices, got " + p.stripeWidth);
		int along = p.direction == Direction.VERTICAL ? h : w;
		if (p.curtainLength < 0 || 2 * p.curtainLength + 1 > along)
			throw new IllegalArgumentException("curtain length must be between 0 and " + (along - 1) / 2 + " pixels for slices " + along + " pixels long along the stripes, got " + p.curtainLength);
		if (p.curtainLength > 0 && p.stripeWidth == 0 && !p.auto)
			throw new IllegalArgumentException("curtain length needs a stripe width > 0 (the local estimate works on the stripe layer)");
		if (!p.auto) return new Setting(wv, Math.min(p.levels, maxLevels(w, h)), p.stripeWidth, p.curtainLength, p.sigma, p.direction);
		AutoParameters.Setting best = AutoParameters.choose(w, h, d, slice, wv, p, pr.range(0, 0.3));
		Setting s = new Setting(wv, best.levels, best.width, p.curtainLength > 0 ? p.curtainLength : best.length, best.sigma, p.direction);
		if (best.extent != null) s.extent = String.format(Locale.ROOT, "%s: %.0f %% of the local curtain estimate's energy outside its column means, typical curtain run %.0f px",
			best.length > 0 ? "partial-height curtains" : "no partial-height curtains", 100 * best.extent.partialShare, best.extent.runLength);
		return s;
	}

	static double distance(float[] a, float[] b) {
		double e = 0;
		for (int i = 0; i < a.length; i++) e += (double) (a[i] - b[i]) * (a[i] - b[i]);
		return e;
	}

	static double varianceEnergy(float[] a) {
		double mean = 0, e = 0;
		for (float v : a) mean += v;
		mean /= a.length;
		for (float v : a) e += (v - mean) * (v - mean);
		return e;
	}

	/** Filters one w x h slice with Münch's original filter on the whole image; returns a new array. */
	public static float[] filter(float[] img, int w, int h, Wavelet wv, int levels, double sigma, Direction dir) {
		return filter(img, w, h, wv, levels, sigma, dir, 0);
	}

	/**
	 * Filters one w x h slice; returns a new array. {@code stripeWidth} > 0 filters the stripe layer (see the class
	 * comment), 0 the whole image.
	 */
	public static float[] filter(float[] img, int w, int h, Wavelet wv, int levels, double sigma, Direction dir, int stripeWidth) {
		return filter(img, w, h, wv, levels, sigma, dir, stripeWidth, 0);
	}

	/**
	 * As {@link #filter(float[], int, int, Wavelet, int, double, Direction, int)}; {@code curtainLength} > 0 (with
	 * stripeWidth > 0) estimates the stripe layer in windows along the stripes instead ({@link LocalCurtains}).
	 */
	public static float[] filter(float[] img, int w, int h, Wavelet wv, int levels, double sigma, Direction dir, int stripeWidth, int curtainLength) {
		boolean vertical = dir == Direction.VERTICAL;
		// work in a frame where the stripes run along the second axis (columns)
		int ww = vertical ? w : h, hh = vertical ? h : w;
		float[] src = vertical ? img : transpose(img, w, h);
		float[] out;
		if (curtainLength > 0) {
			float[] est = new LocalCurtains(ww, hh, stripeWidth, curtainLength).estimate(src);
			out = new float[src.length];
			for (int i = 0; i < out.length; i++) out[i] = src[i] - est[i];
		} else if (stripeWidth == 0) out = waveletFourier(src, ww, hh, wv, levels, sigma);
		else {
			StripeLayer sl = new StripeLayer(ww, hh, stripeWidth, sigma);
			// first pass: the layer's robust profiles are a rough stripe estimate; taking them off the guide keeps
			// strong curtains from biasing the median next to them in the second
			float[] guide = sl.profiles(src);
			for (int i = 0; i < guide.length; i++) guide[i] = src[i] - guide[i];
			float[] layer = sl.of(src, guide), kept = waveletFourier(layer, ww, hh, wv, levels, sigma);
			out = new float[src.length];
			for (int i = 0; i < out.length; i++) out[i] = src[i] - (layer[i] - kept[i]);
		}
		return vertical ? out : transpose(out, ww, hh);
	}

	/** Münch's filter on a slice whose stripes run along its columns. */
	private static float[] waveletFourier(float[] src, int ww, int hh, Wavelet wv, int levels, double sigma) {
		int L = Math.max(1, Math.min(levels, maxLevels(ww, hh)));
		int unit = 1 << L, margin = 2 * wv.length();
		// across the stripes: mirror margins for the wavelet; along them: the full reflection (period 2h), so the
		// periodic FFT sees a continuous signal and a stripe that fades along its length stays low-frequency
		int pw = roundUp(ww + 2 * margin, unit), ph = roundUp(2 * hh, unit);
		int ox = (pw - ww) / 2;
		float[] a = new float[pw * ph];
		for (int y = 0; y < ph; y++) {
			int sy = Gauss.mirror(y, hh) * ww;
			for (int x = 0; x < pw; x++) a[y * pw + x] = src[sy + Gauss.mirror(x - ox, ww)];
		}
		int maxN = Math.max(pw, ph);
		float[] line = new float[maxN], tmp = new float[maxN], col = new float[maxN], est = new float[maxN];
		Map<Integer, FloatFFT_1D> ffts = new HashMap<>();
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
		for (int y = 0; y < hh; y++) System.arraycopy(a, y * pw + ox, out, y * ww, ww);
		return out;
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

	/** Window half-width of the stripe-energy measure: the stripe width, or 4 pixels for the whole-image filter. */
	static int metricWidth(int stripeWidth) {
		return stripeWidth > 0 ? stripeWidth : 4;
	}

	/** Stripe and structure energies of input and output; see the class comment. */
	public static SliceStats stats(float[] in, float[] out, int w, int h, Direction dir, int width) {
		boolean vertical = dir == Direction.VERTICAL;
		float[] i2 = vertical ? in : transpose(in, w, h), o2 = vertical ? out : transpose(out, w, h);
		int ww = vertical ? w : h, hh = vertical ? h : w;
		SliceStats s = new SliceStats();
		s.variance = varianceEnergy(i2);
		float[] buf = new float[i2.length];
		s.stripeBefore = stripeEnergy(i2, ww, hh, width, buf);
		s.stripeAfter = stripeEnergy(o2, ww, hh, width, buf);
		s.structureLost = Math.max(0, distance(i2, o2) - Math.max(0, s.stripeBefore - s.stripeAfter));
		return s;
	}

	/**
	 * Energy of what is constant along the columns of the stripe layer (the image minus its running median across
	 * the columns, half-width {@code width}): h x sum over columns of the layer's column mean squared. It counts
	 * curtains up to {@code width} pixels wide at all their scales; in a stripe-free image only thin structure and
	 * noise (noise variance / h per column) contribute.
	 */
	static double stripeEnergy(float[] a, int w, int h, int width, float[] buf) {
		Rank.medianAlongRows(a, w, h, width, buf);
		double[] p = new double[w];
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) p[x] += a[i] - buf[i];
		double e = 0;
		for (int x = 0; x < w; x++) e += p[x] * p[x];
		return e / h;
	}
}
