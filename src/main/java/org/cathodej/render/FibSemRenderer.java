package org.cathodej.render;

import java.util.SplittableRandom;

import org.cathodej.filter.Gauss;
import org.cathodej.filter.Interpolate;
import org.cathodej.image.Slices;
import org.cathodej.phase.LabelLut;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.IntegerType;

/**
 * Renders synthetic FIB-SEM detector images (BSE and SE) from a label volume, slice by slice, with known artefacts
 * so that preprocessing and segmentation can be tested against the truth.
 *
 * <p>Per slice z: grey level per phase and channel (BSE: CAM bright, ISE mid, pore dark; SE: lower phase contrast,
 * solid pixels next to a pore in the slice get {@link Params#seEdge} extra, so pore rims are bright), Gaussian blur
 * (the probe), optional drift (the content is translated by (dx, dy) and rotated by angle about the slice centre
 * ((w-1)/2, (h-1)/2), sampled bicubically with mirrored borders), optional illumination field (multiplicative),
 * optional vertical curtaining stripes (additive, in the image frame, starting at the top edge), Gaussian noise.
 * Output is 16-bit (clamped, rounded) or 32-bit. Deterministic for a seed, independent of the thread count.
 *
 * <p>Drift convention: {@code observed(p) = ideal(R(-angle) (p - c - d) + c)}, i.e. a feature at ideal position q
 * appears at {@code R(angle)(q - c) + c + d}. Slice 0 has zero drift in the random walk; explicit drift may set it.
 */
public final class FibSemRenderer {

	private FibSemRenderer() {}

	/** Rendering parameters; every field has a usable default (grey levels are for the 16-bit range). */
	public static final class Params {
		/** BSE grey level of pore, CAM, ISE and of labels that are none of the three. */
		public double bsePore = 6000, bseCam = 46000, bseIse = 26000, bseOther = 16000;
		/** SE grey level of pore, CAM, ISE and other labels. */
		public double sePore = 10000, seCam = 30000, seIse = 25000, seOther = 18000;
		/** Extra SE signal on solid pixels with a pore 4-neighbour in the slice (bright pore rims). */
		public double seEdge = 20000;
		/** Gaussian blur sigma in pixels (in-plane only); 0 = none. */
		public double blurSigma = 1.0;
		/** Standard deviation of additive Gaussian noise in grey levels, both channels; 0 = none. */
		public double noiseSigma = 1500;
		/** Std (px) of the per-slice random-walk step of the drift in x and in y; 0 = no drift. */
		public double driftStep = 0;
		/** Std (degrees) of the per-slice random-walk step of the rotation; 0 = none. */
		public double rotationStep = 0;
		/** Explicit drift per slice {dx, dy, angleDeg} (overrides the random walk); null = random walk. */
		public double[][] drift;
		/** Peak amplitude (grey levels) of curtaining stripes; 0 = none. */
		public double stripeAmplitude = 0;
		/** Stripe widths are uniform in [1, stripeMaxWidth] pixels. */
		public double stripeMaxWidth = 4;
		/** Expected number of stripes per 100 columns. */
		public double stripesPer100Columns = 5;
		/** Relative brightness change of the illumination field across the slice (0.3 = +-15% at the edges); 0 = flat. */
		public double illumination = 0;
		/** 32-bit float output instead of 16-bit. */
		public boolean float32 = false;
		/** Seed of every random process (noise, drift walk, stripes). */
		public long seed = 1;
	}

	/** The rendered stacks and the drift actually applied to each slice. */
	public static final class Result {
		public final PlanarImg<?, ?> bse, se;
		/** Applied drift of each slice: translation (px) and rotation (degrees), see the class comment. */
		public final double[] dx, dy, angleDeg;

		Result(PlanarImg<?, ?> bse, PlanarImg<?, ?> se, double[] dx, double[] dy, double[] angleDeg) {
			this.bse = bse;
			this.se = se;
			this.dx = dx;
			this.dy = dy;
			this.angleDeg = angleDeg;
		}
	}

	/** Renders both channels with default thread count. */
	public static Result render(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl, Params p, Progress progress) {
		return render(labels, pl, p, Parallel.defaultThreads(), progress);
	}

	public static Result render(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl, Params p, int threads,
		Progress progress) {
		Slices.requireVolume(labels);
		final Params q = p == null ? new Params() : p;
		final Progress pr = progress == null ? Progress.NONE : progress;
		final int w = Slices.width(labels), h = Slices.height(labels), d = Slices.depth(labels);
		if (q.drift != null && q.drift.length != d)
			throw new IllegalArgumentException("Explicit drift has " + q.drift.length + " rows for " + d + " slices");
		MemoryBudget.require((long) w * h * d * (q.float32 ? 8 : 4), "Synthetic FIB-SEM of " + w + "x" + h + "x" + d, q.float32 ? 8 : 4);

		double[] dx = new double[d], dy = new double[d], ang = new double[d];
		SplittableRandom walk = new SplittableRandom(q.seed * 0x9E3779B97F4A7C15L + 17);
		for (int z = 0; z < d; z++) {
			if (q.drift != null) {
				dx[z] = q.drift[z][0];
				dy[z] = q.drift[z][1];
				ang[z] = q.drift[z].length > 2 ? q.drift[z][2] : 0;
			} else if (z > 0) {
				dx[z] = dx[z - 1] + q.driftStep * gauss(walk);
				dy[z] = dy[z - 1] + q.driftStep * gauss(walk);
				ang[z] = ang[z - 1] + q.rotationStep * gauss(walk);
			}
		}
		final Stripe[] stripes = stripes(w, h, q);

		PlanarImg<?, ?> bse = q.float32 ? PlanarImgs.floats(w, h, d) : PlanarImgs.unsignedShorts(w, h, d);
		PlanarImg<?, ?> se = q.float32 ? PlanarImgs.floats(w, h, d) : PlanarImgs.unsignedShorts(w, h, d);
		final LabelLut lut = pl.lut();
		final int[] done = { 0 };
		Parallel.forEach(d, threads, z -> {
			pr.checkCancelled();
			int[] lab = Slices.readInts(labels, z, null);
			byte[] ph = new byte[w * h];
			for (int i = 0; i < w * h; i++) ph[i] = (byte) lut.classOf(lab[i]);
			for (int ch = 0; ch < 2; ch++) {
				float[] img = clean(ph, w, h, ch == 0, q);
				Gauss.blur2D(img, w, h, q.blurSigma, q.blurSigma, img);
				if (dx[z] != 0 || dy[z] != 0 || ang[z] != 0) img = drift(img, w, h, dx[z], dy[z], ang[z]);
				SplittableRandom rnd = new SplittableRandom(mix(q.seed, z, ch));
				finish(img, w, h, z, q, stripes, rnd);
				Slices.writeFloats(ch == 0 ? bse : se, z, img);
			}
			synchronized (done) {
				done[0]++;
				pr.report(done[0] / (double) d, "Rendering slice " + done[0] + "/" + d);
			}
		});
		return new Result(bse, se, dx, dy, ang);
	}

	private static float[] clean(byte[] ph, int w, int h, boolean bse, Params q) {
		float[] img = new float[w * h];
		double[] lv = bse ? new double[] { q.bsePore, q.bseCam, q.bseIse, q.bseOther } : new double[] { q.sePore, q.seCam, q.seIse, q.seOther };
		for (int y = 0, i = 0; y < h; y++) {
			for (int x = 0; x < w; x++, i++) {
				int c = ph[i];
				double v = lv[c < 0 ? 3 : c];
				if (!bse && c != 0 && q.seEdge != 0) {
					boolean rim = (x > 0 && ph[i - 1] == 0) || (x + 1 < w && ph[i + 1] == 0) || (y > 0 && ph[i - w] == 0)
						|| (y + 1 < h && ph[i + w] == 0);
					if (rim) v += q.seEdge;
				}
				img[i] = (float) v;
			}
		}
		return img;
	}

	/** observed(p) = ideal(R(-a)(p - c - d) + c). */
	private static float[] drift(float[] ideal, int w, int h, double dx, double dy, double angleDeg) {
		float[] out = new float[w * h];
		double a = Math.toRadians(angleDeg), cos = Math.cos(a), sin = Math.sin(a);
		double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
		for (int y = 0, i = 0; y < h; y++) {
			for (int x = 0; x < w; x++, i++) {
				double u = x - cx - dx, v = y - cy - dy;
				double sx = cos * u + sin * v + cx, sy = -sin * u + cos * v + cy;
				out[i] = Interpolate.sampleMirror(ideal, w, h, sx, sy, Interpolate.Method.BICUBIC);
			}
		}
		return out;
	}

	/**
	 * A curtaining stripe: columns [x0, x0 + width) over the full height, amplitude strongest at the top edge and
	 * fading linearly by {@code fade} (fraction) towards the bottom; the amplitude varies slightly from slice to slice.
	 */
	private static final class Stripe {
		double x0, width, amplitude, fade;
	}

	private static Stripe[] stripes(int w, int h, Params q) {
		if (q.stripeAmplitude == 0) return new Stripe[0];
		SplittableRandom r = new SplittableRandom(q.seed * 31 + 0x5EED);
		int n = Math.max(1, (int) Math.round(w * q.stripesPer100Columns / 100));
		Stripe[] s = new Stripe[n];
		for (int k = 0; k < n; k++) {
			Stripe t = new Stripe();
			t.x0 = r.nextDouble() * w;
			t.width = 1 + r.nextDouble() * Math.max(0, q.stripeMaxWidth - 1);
			t.amplitude = q.stripeAmplitude * (0.3 + 0.7 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
			t.fade = 0.7 * r.nextDouble();
			s[k] = t;
		}
		return s;
	}

	/** Illumination, stripes, noise, in that order. */
	private static void finish(float[] img, int w, int h, int z, Params q, Stripe[] stripes, SplittableRandom rnd) {
		if (q.illumination != 0) {
			for (int y = 0, i = 0; y < h; y++) {
				double uy = h > 1 ? y / (h - 1.0) - 0.5 : 0;
				for (int x = 0; x < w; x++, i++) {
					double ux = w > 1 ? x / (w - 1.0) - 0.5 : 0;
					img[i] *= (float) (1 + q.illumination * (0.8 * ux + 0.6 * uy));
				}
			}
		}
		if (stripes.length > 0) {
			SplittableRandom sr = new SplittableRandom(mix(q.seed, z, 7));
			for (Stripe s : stripes) {
				double amp = s.amplitude * (0.8 + 0.4 * sr.nextDouble());
				int xa = Math.max(0, (int) Math.floor(s.x0)), xb = Math.min(w, (int) Math.ceil(s.x0 + s.width));
				for (int y = 0; y < h; y++) {
					float v = (float) (amp * (1 - s.fade * y / Math.max(1, h - 1)));
					for (int x = xa; x < xb; x++) img[y * w + x] += v; // overlapping stripes add up
				}
			}
		}
		if (q.noiseSigma > 0) for (int i = 0; i < w * h; i++) img[i] += (float) (q.noiseSigma * gauss(rnd));
	}

	static long mix(long seed, int z, int ch) {
		long x = seed * 0x9E3779B97F4A7C15L + z * 0xBF58476D1CE4E5B9L + ch * 0x94D049BB133111EBL;
		x ^= x >>> 31;
		return x * 0xD6E8FEB86659FD93L;
	}

	static double gauss(SplittableRandom r) {
		double u, v, s;
		do {
			u = 2 * r.nextDouble() - 1;
			v = 2 * r.nextDouble() - 1;
			s = u * u + v * v;
		} while (s >= 1 || s == 0);
		return u * Math.sqrt(-2 * Math.log(s) / s);
	}
}
