package org.cathodej.align;

import org.cathodej.filter.Interpolate;
import org.cathodej.image.Slices;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;

/**
 * Resamples every slice of a stack with per-slice transforms onto a {@link Canvas}: output(X, Y) =
 * slice(G_z(X + x0, Y + y0)), bilinear or bicubic, fill value where G_z falls outside the slice. The result depends
 * only on the pixels, the transforms, the canvas, the method and the fill value, so the same drift applied to a
 * copy (or read back from a saved file) gives bit-identical pixels. 8- and 16-bit results are rounded and clamped
 * to the type's range; other types give 32-bit float.
 */
public final class TransformApplier {

	private TransformApplier() {}

	public static PlanarImg<?, ?> apply(RandomAccessibleInterval<? extends RealType<?>> stack, DriftTable drift, Canvas canvas,
		Interpolate.Method method, double fill, int threads, Progress progress) {
		Slices.requireVolume(stack);
		int w = Slices.width(stack), h = Slices.height(stack), d = Slices.depth(stack);
		check(w, h, d, drift);
		int bytes = Slices.greyBytes(stack);
		MemoryBudget.require((long) canvas.width * canvas.height * d * bytes + (long) w * h * 4 * threads,
			"Aligned stack of " + canvas.width + "x" + canvas.height + "x" + d, bytes);
		PlanarImg<?, ?> out = Slices.newGrey(bytes, canvas.width, canvas.height, d);
		Progress pr = progress == null ? Progress.NONE : progress;
		int[] done = { 0 };
		float fillF = (float) fill;
		Parallel.forEach(d, threads, z -> {
			pr.checkCancelled();
			float[] src = Slices.readFloats(stack, z, null);
			float[] res = resample(src, w, h, drift.global(z), canvas, method, fillF);
			Slices.writeFloats(out, z, res);
			synchronized (done) {
				pr.report(++done[0] / (double) d, "Applying transforms " + done[0] + "/" + d);
			}
		});
		return out;
	}

	/** Refuses a drift table made for another stack size. */
	static void check(int w, int h, int d, DriftTable drift) {
		if (w != drift.width() || h != drift.height())
			throw new IllegalArgumentException("The drift table is for " + drift.width() + "x" + drift.height() + " slices but the stack is " + w + "x" + h);
		if (d != drift.slices())
			throw new IllegalArgumentException("The drift table has " + drift.slices() + " slices but the stack has " + d);
	}

	/** One slice resampled onto the canvas. */
	public static float[] resample(float[] src, int w, int h, RigidTransform g, Canvas c, Interpolate.Method method, float fill) {
		float[] out = new float[c.width * c.height];
		if (g.isTranslation()) return shift(src, w, h, g.a02, g.a12, c, method, fill, out);
		for (int y = 0; y < c.height; y++) {
			double ry = y + c.y0;
			double bx = g.a01 * ry + g.a02, by = g.a11 * ry + g.a12;
			for (int x = 0; x < c.width; x++) {
				double rx = x + c.x0;
				out[y * c.width + x] = Interpolate.sample(src, w, h, g.a00 * rx + bx, g.a10 * rx + by, method, fill);
			}
		}
		return out;
	}

	/**
	 * Pure translation: the interpolation weights are the same for every pixel, so the interior is two separable
	 * passes; pixels near the border (or outside) go through {@link Interpolate#sample}. Deterministic for a given
	 * shift, which is all bit-identical re-application needs.
	 */
	private static float[] shift(float[] src, int w, int h, double tx, double ty, Canvas c, Interpolate.Method method, float fill, float[] out) {
		int ix = (int) Math.floor(tx), iy = (int) Math.floor(ty);
		double fx = tx - ix, fy = ty - iy;
		boolean cubic = method == Interpolate.Method.BICUBIC;
		double[] wx = cubic ? new double[] { keys(1 + fx), keys(fx), keys(1 - fx), keys(2 - fx) } : new double[] { 0, 1 - fx, fx, 0 };
		double[] wy = cubic ? new double[] { keys(1 + fy), keys(fy), keys(1 - fy), keys(2 - fy) } : new double[] { 0, 1 - fy, fy, 0 };
		// canvas pixels X whose source columns X + x0 + ix - 1 .. + 2 lie inside [0, w)
		int X0 = Math.max(0, 1 - c.x0 - ix), X1 = Math.min(c.width, w - 2 - c.x0 - ix);
		int Y0 = Math.max(0, 1 - c.y0 - iy), Y1 = Math.min(c.height, h - 2 - c.y0 - iy);
		double[] rowPass = new double[Math.max(0, X1 - X0)];
		for (int y = 0; y < c.height; y++) {
			boolean rowInside = y >= Y0 && y < Y1;
			if (rowInside && X1 > X0) {
				java.util.Arrays.fill(rowPass, 0);
				int sy = y + c.y0 + iy - 1;
				for (int j = 0; j < 4; j++) {
					if (wy[j] == 0) continue;
					int row = (sy + j) * w + c.x0 + ix - 1;
					for (int x = X0; x < X1; x++) {
						int b = row + x;
						rowPass[x - X0] += wy[j] * (wx[0] * src[b] + wx[1] * src[b + 1] + wx[2] * src[b + 2] + wx[3] * src[b + 3]);
					}
				}
				for (int x = X0; x < X1; x++) out[y * c.width + x] = (float) rowPass[x - X0];
			}
			for (int x = 0; x < c.width; x++) {
				if (rowInside && x >= X0 && x < X1) continue;
				out[y * c.width + x] = Interpolate.sample(src, w, h, x + c.x0 + tx, y + c.y0 + ty, method, fill);
			}
		}
		return out;
	}

	private static double keys(double t) {
		t = Math.abs(t);
		if (t <= 1) return (1.5 * t - 2.5) * t * t + 1;
		if (t < 2) return ((-0.5 * t + 2.5) * t - 4) * t + 2;
		return 0;
	}

	/** True where the canvas pixel of slice z receives data (not fill). */
	public static boolean[] coverage(int w, int h, RigidTransform g, Canvas c) {
		boolean[] m = new boolean[c.width * c.height];
		for (int y = 0; y < c.height; y++)
			for (int x = 0; x < c.width; x++) {
				double sx = g.x(x + c.x0, y + c.y0), sy = g.y(x + c.x0, y + c.y0);
				m[y * c.width + x] = sx >= -1e-9 && sy >= -1e-9 && sx <= w - 1 + 1e-9 && sy <= h - 1 + 1e-9;
			}
		return m;
	}
}
