package org.cathodej.illumination;

import org.cathodej.filter.Gauss;
import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;

/**
 * Evens out uneven illumination (detector shading, charging gradients) by dividing each image by a strongly
 * blurred copy of itself (Gaussian, sigma in calibrated units), per slice (2D blur) or over the volume (3D blur),
 * then mapping the ratio linearly onto the input's grey-level range [min, max] of the whole stack. The output has
 * the input's type (8-, 16-bit rounded; otherwise 32-bit float). For sigmas above 8 px the blur is computed on a
 * box-downsampled copy and interpolated back (the blurred copy is smooth at that scale).
 */
public final class IlluminationCorrector {

	private IlluminationCorrector() {}

	public static final class Result {
		public final PlanarImg<?, ?> output;
		/** Blur sigma used, in pixels along x, y and z (z = 0 per slice). */
		public final double sigmaX, sigmaY, sigmaZ;
		/** Range of the ratio image that was mapped onto the input range. */
		public final double ratioMin, ratioMax;
		/** Per slice: minimum, maximum and mean of the blurred copy (the estimated illumination field). */
		public final double[] fieldMin, fieldMax, fieldMean;

		Result(PlanarImg<?, ?> output, double sx, double sy, double sz, double rmin, double rmax, double[] fmin, double[] fmax, double[] fmean) {
			this.output = output;
			fieldMin = fmin;
			fieldMax = fmax;
			fieldMean = fmean;
			sigmaX = sx;
			sigmaY = sy;
			sigmaZ = sz;
			ratioMin = rmin;
			ratioMax = rmax;
		}
	}

	/**
	 * @param sigma blur sigma in the unit of {@code vs}
	 * @param in3D blur across slices too
	 */
	public static Result correct(RandomAccessibleInterval<? extends RealType<?>> stack, VoxelSize vs, double sigma, boolean in3D, int threads,
		Progress progress) {
		Slices.requireVolume(stack);
		Progress pr = progress == null ? Progress.NONE : progress;
		int w = Slices.width(stack), h = Slices.height(stack), d = Slices.depth(stack);
		double[] px = pixelSigmas(sigma, vs, w, h, in3D);
		double sx = px[0], sy = px[1], sz = px[2];
		int bytes = Slices.greyBytes(stack);
		long n = (long) w * h * d;
		MemoryBudget.require(n * (bytes + (in3D ? 4 : 0)) + (long) w * h * 12 * threads, "Illumination correction of " + w + "x" + h + "x" + d, bytes + (in3D ? 4 : 0));
		double[] inRange = greyRange(stack, threads);
		double inMin = inRange[0], inMax = inRange[1];
		// blurred copies: per slice on the fly, or the whole volume for 3D
		float[][] blurred = null;
		if (in3D) {
			float[][] b = new float[d][];
			Parallel.forEach(d, threads, z -> b[z] = blur(Slices.readFloats(stack, z, null), w, h, sx, sy));
			int blocks = Math.max(1, threads * 4);
			Parallel.forEach(blocks, threads, k -> Gauss.blurZ(b, (int) ((long) w * h * k / blocks), (int) ((long) w * h * (k + 1) / blocks), sz));
			blurred = b;
			pr.report(0.4, "Blurred in 3D");
		}
		final float[][] bl = blurred;
		float[][] ratio = new float[d][];
		double[] rmin = new double[d], rmax = new double[d], fmin = new double[d], fmax = new double[d], fmean = new double[d];
		int[] done = { 0 };
		Parallel.forEach(d, threads, z -> {
			pr.checkCancelled();
			float[] a = Slices.readFloats(stack, z, null);
			float[] b = bl != null ? bl[z] : blur(a, w, h, sx, sy);
			double[] st = divide(a, b);
			fmin[z] = st[2];
			fmax[z] = st[3];
			fmean[z] = st[4];
			rmin[z] = st[0];
			rmax[z] = st[1];
			ratio[z] = a;
			if (bl != null) bl[z] = null;
			synchronized (done) {
				pr.report((bl != null ? 0.4 : 0) + 0.5 * ++done[0] / d, "Dividing by the blurred copy " + done[0] + "/" + d);
			}
		});
		double rMin = Double.MAX_VALUE, rMax = -Double.MAX_VALUE;
		for (int z = 0; z < d; z++) {
			rMin = Math.min(rMin, rmin[z]);
			rMax = Math.max(rMax, rmax[z]);
		}
		double scale = rMax > rMin ? (inMax - inMin) / (rMax - rMin) : 0;
		PlanarImg<?, ?> out = Slices.newGrey(bytes, w, h, d);
		rescale(ratio, out, inMin, rMin, scale, threads);
		pr.report(1, "Illumination corrected");
		return new Result(out, sx, sy, sz, rMin, rMax, fmin, fmax, fmean);
	}

	/** Smallest and largest grey value of the stack. */
	private static double[] greyRange(RandomAccessibleInterval<? extends RealType<?>> stack, int threads) {
		int d = Slices.depth(stack);
		double[] mins = new double[d], maxs = new double[d];
		Parallel.forEach(d, threads, z -> {
			double[] r = sliceRange(Slices.readFloats(stack, z, null));
			mins[z] = r[0];
			maxs[z] = r[1];
		});
		double inMin = Double.MAX_VALUE, inMax = -Double.MAX_VALUE;
		for (int z = 0; z < d; z++) {
			inMin = Math.min(inMin, mins[z]);
			inMax = Math.max(inMax, maxs[z]);
		}
		return new double[] { inMin, inMax };
	}

	/** Smallest and largest value of one slice. */
	static double[] sliceRange(float[] a) {
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		for (float v : a) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		return new double[] { lo, hi };
	}

	/** The ratio slices mapped linearly from [r0, ...] onto the input's grey range from i0, in the output's type; frees them. */
	private static void rescale(float[][] ratio, PlanarImg<?, ?> out, double i0, double r0, double scale, int threads) {
		Parallel.forEach(ratio.length, threads, z -> {
			store(ratio[z], Slices.planeArray(out, z), i0, r0, scale);
			ratio[z] = null;
		});
	}

	/** Blur sigma in pixels along x, y, z (z = 0 per slice); refuses sigmas below one pixel. */
	static double[] pixelSigmas(double sigma, VoxelSize vs, int w, int h, boolean in3D) {
		if (!(sigma > 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("The blur sigma must be > 0, got " + sigma);
		double sx = sigma / vs.x(), sy = sigma / vs.y(), sz = in3D ? sigma / vs.z() : 0;
		if (sx < 1 || sy < 1)
			throw new IllegalArgumentException("The blur sigma (" + sigma + " " + vs.unit() + ") is below one pixel; use a sigma much larger than the structures, e.g. "
				+ Math.round(Math.max(w, h) / 10.0 * vs.x() * 1000) / 1000.0 + " " + vs.unit());
		return new double[] { sx, sy, sz };
	}

	/**
	 * Divides slice a by its blurred copy b in place (denominators near 0 held away from 0).
	 * @return ratio min, ratio max, field min, field max, field mean
	 */
	static double[] divide(float[] a, float[] b) {
		float bmax = 0;
		double flo = Double.MAX_VALUE, fhi = -Double.MAX_VALUE, fs = 0;
		for (float v : b) {
			bmax = Math.max(bmax, Math.abs(v));
			flo = Math.min(flo, v);
			fhi = Math.max(fhi, v);
			fs += v;
		}
		float eps = Math.max(1e-12f, 1e-6f * bmax);
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		for (int i = 0; i < a.length; i++) {
			float den = Math.abs(b[i]) < eps ? (b[i] < 0 ? -eps : eps) : b[i];
			float r = a[i] / den;
			a[i] = r;
			lo = Math.min(lo, r);
			hi = Math.max(hi, r);
		}
		return new double[] { lo, hi, flo, fhi, fs / b.length };
	}

	/** Maps a ratio slice linearly onto the input range into an output plane (byte[]/short[] rounded and clamped, or float[]). */
	static void store(float[] r, Object o, double i0, double r0, double scale) {
		if (o instanceof float[]) {
			float[] f = (float[]) o;
			for (int i = 0; i < r.length; i++) f[i] = (float) (i0 + (r[i] - r0) * scale);
		} else if (o instanceof short[]) {
			short[] s = (short[]) o;
			for (int i = 0; i < r.length; i++) s[i] = (short) Math.max(0, Math.min(65535, Math.round(i0 + (r[i] - r0) * scale)));
		} else {
			byte[] s = (byte[]) o;
			for (int i = 0; i < r.length; i++) s[i] = (byte) Math.max(0, Math.min(255, Math.round(i0 + (r[i] - r0) * scale)));
		}
	}

	/** Gaussian blur with mirrored borders; large sigmas on a box-downsampled copy, bilinearly interpolated back. */
	static float[] blur(float[] a, int w, int h, double sx, double sy) {
		int f = (int) Math.floor(Math.min(sx, sy) / 4);
		if (f < 2) return Gauss.blur2D(a, w, h, sx, sy, null);
		int wl = (w + f - 1) / f, hl = (h + f - 1) / f;
		float[] small = new float[wl * hl];
		for (int y = 0; y < hl; y++)
			for (int x = 0; x < wl; x++) {
				double s = 0;
				int n = 0;
				for (int j = y * f; j < Math.min(h, y * f + f); j++)
					for (int i = x * f; i < Math.min(w, x * f + f); i++) {
						s += a[j * w + i];
						n++;
					}
				small[y * wl + x] = (float) (s / n);
			}
		// the box average already blurred by f^2/12 in variance
		double bx = Math.sqrt(Math.max(0.25, sx * sx - f * f / 12.0)) / f, by = Math.sqrt(Math.max(0.25, sy * sy - f * f / 12.0)) / f;
		Gauss.blur2D(small, wl, hl, bx, by, small);
		float[] out = new float[w * h];
		for (int y = 0; y < h; y++) {
			double ly = Math.max(0, Math.min(hl - 1, (y + 0.5) / f - 0.5));
			int y0 = Math.min(hl - 2 < 0 ? 0 : hl - 2, (int) ly);
			int y1 = Math.min(hl - 1, y0 + 1);
			double fy = ly - y0;
			for (int x = 0; x < w; x++) {
				double lx = Math.max(0, Math.min(wl - 1, (x + 0.5) / f - 0.5));
				int x0 = Math.min(wl - 2 < 0 ? 0 : wl - 2, (int) lx);
				int x1 = Math.min(wl - 1, x0 + 1);
				double fx = lx - x0;
				double top = small[y0 * wl + x0] + fx * (small[y0 * wl + x1] - small[y0 * wl + x0]);
				double bot = small[y1 * wl + x0] + fx * (small[y1 * wl + x1] - small[y1 * wl + x0]);
				out[y * w + x] = (float) (top + fy * (bot - top));
			}
		}
		return out;
	}
}
