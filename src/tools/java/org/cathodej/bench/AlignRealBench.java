package org.cathodej.bench;

import java.util.Locale;
import java.util.Random;

import org.cathodej.align.DriftTable;
import org.cathodej.align.StackAligner;
import org.cathodej.filter.Interpolate;
import org.cathodej.image.Slices;
import org.cathodej.task.Progress;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;

/**
 * Align Stack on real texture (shared/data): slices of W x H cut from the least-curtained real FIB-SEM
 * cross-section, displaced by a known random walk (steps uniform in +-1.5 px per axis, seed 1) by bicubic
 * resampling, with and without added Gaussian noise; default settings (previous-slice reference, phase correlation
 * then Gauss-Newton refinement). Prints the RMS and the largest error (px) of the cumulative drift against the
 * known shifts over all slices. The rows' seconds are those of the estimate.
 */
public final class AlignRealBench implements BenchCase {

	@Override
	public String name() {
		return "align-real";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "384x384x24", "256x256x32" };
	}

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		if (SharedData.dir() == null) {
			System.out.println("align-real: shared/data not found, skipped");
			return;
		}
		SharedData.Grey fib = SharedData.open(DestripeRealBench.FIBSEM);
		int w = size[0], h = size[1], d = size[2];
		double[] sx = new double[d], sy = new double[d];
		Random rnd = new Random(1);
		for (int z = 1; z < d; z++) {
			sx[z] = sx[z - 1] + 3 * (rnd.nextDouble() - 0.5);
			sy[z] = sy[z - 1] + 3 * (rnd.nextDouble() - 0.5);
		}
		// centred below the protective layer, with room for the walk
		int x0 = (fib.w - w) / 2, y0 = 160 + (fib.h - 160 - h) / 2;
		for (double noise : new double[] { 0, 4 }) {
			PlanarImg<?, ?> st = PlanarImgs.floats(w, h, d);
			Random nr = new Random(2);
			for (int z = 0; z < d; z++) {
				float[] s = new float[w * h];
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) // content displaced by (sx, sy)
						s[y * w + x] = Interpolate.sampleMirror(fib.pixels, fib.w, fib.h, x0 + x - sx[z], y0 + y - sy[z], Interpolate.Method.BICUBIC)
							+ (float) (noise * nr.nextGaussian());
				Slices.writeFloats(st, z, s);
			}
			StackAligner.Params p = new StackAligner.Params();
			p.threads = threads;
			long t0 = System.nanoTime();
			DriftTable t = StackAligner.estimate(PreprocessBench.real(st), p, Progress.NONE);
			double sec = (System.nanoTime() - t0) / 1e9, se = 0, max = 0;
			for (int z = 0; z < d; z++) {
				double ex = t.cumDx(z) - (sx[z] - sx[0]), ey = t.cumDy(z) - (sy[z] - sy[0]), e = Math.hypot(ex, ey);
				se += e * e;
				max = Math.max(max, e);
			}
			String row = String.format(Locale.ROOT, "%d slices of %dx%d, real FIB-SEM texture, noise s.d. %.0f grey levels (of 255): RMS error %.4f px, max %.4f px", d, w, h, noise,
				Math.sqrt(se / d), max);
			System.out.println(row);
			out.time(name(), row, size, threads, () -> null, String.format(Locale.ROOT, "%.2f s", sec));
		}
	}
}
