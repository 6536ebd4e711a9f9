package org.cathodej.bench;

import org.cathodej.align.StackAligner;
import org.cathodej.destripe.Destriper;
import org.cathodej.illumination.IlluminationCorrector;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;

/**
 * Preprocessing benchmarks on 16-bit BSE stacks rendered from a Synthetic Cathode phantom (blur 1 px, noise 1500,
 * random-walk drift 1.5 px/slice, curtains 6000, illumination 0.3). Report seconds per slice: "align" (translation,
 * previous-slice reference, with and without the intensity refinement), "destripe" (defaults, the whole-image filter and curtain length 48) and
 * "illumination" (per-slice blur of sigma = 1/10 of the width).
 */
public final class PreprocessBench implements BenchCase {

	private final String name;

	private PreprocessBench(String name) {
		this.name = name;
	}

	public static PreprocessBench align() { return new PreprocessBench("align"); }
	public static PreprocessBench destripe() { return new PreprocessBench("destripe"); }
	public static PreprocessBench illumination() { return new PreprocessBench("illumination"); }

	@Override
	public String name() {
		return name;
	}

	@Override
	public String[] defaultSizes() {
		return name.equals("align") ? new String[] { "1024x1024x40" } : new String[] { "1024x1024x8" };
	}

	@SuppressWarnings("unchecked")
	static RandomAccessibleInterval<? extends RealType<?>> real(Object o) {
		return (RandomAccessibleInterval<? extends RealType<?>>) o;
	}

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		FibSemRenderer.Params p = new FibSemRenderer.Params();
		p.driftStep = 1.5;
		p.stripeAmplitude = 6000;
		p.illumination = 0.3;
		PlanarImg<?, ?> bse = FibSemRenderer.render(Phantoms.cathode(size), PhaseLabels.defaults(), p, threads, Progress.NONE).bse;
		int d = size[2];
		switch (name) {
			case "align":
				// long stacks (the 500 slices): the default setting once, no warm-up; short ones: both, twice
				boolean longStack = d >= 200;
				for (boolean refine : longStack ? new boolean[] { true } : new boolean[] { true, false }) {
					StackAligner.Params a = new StackAligner.Params();
					a.threads = threads;
					a.refine = refine;
					if (!longStack) StackAligner.align(real(bse), a, Progress.NONE); // warm-up
					for (int rep = 0; rep < (longStack ? 1 : 2); rep++) {
						long t0 = System.nanoTime();
						out.time(name, refine ? "align translation (refined)" : "align translation (phase correlation only)", size, threads,
							() -> StackAligner.align(real(bse), a, Progress.NONE), "run " + (rep + 1));
						double s = (System.nanoTime() - t0) / 1e9;
						System.out.printf("  -> %.3f s per slice, %.0f s for 500 slices%n", s / d, s / d * 500);
					}
				}
				break;
			case "destripe": {
				for (int[] wl : new int[][] { { 4, 0 }, { 0, 0 }, { 4, 48 } }) {
					int width = wl[0];
					Destriper.Params a = new Destriper.Params();
					a.threads = threads;
					a.stripeWidth = width;
					a.curtainLength = wl[1];
					String label = wl[1] > 0 ? "remove stripes stripe layer " + width + " px, curtain length " + wl[1] + " px"
						: "remove stripes db5 " + a.levels + " levels sigma " + a.sigma + (width > 0 ? " stripe layer " + width + " px (default)" : " whole image");
					Destriper.run(real(bse), a, Progress.NONE);
					for (int rep = 0; rep < 2; rep++) {
						long t0 = System.nanoTime();
						out.time(name, label, size, threads, () -> Destriper.run(real(bse), a, Progress.NONE), "run " + (rep + 1));
						System.out.printf("  -> %.3f s per slice%n", (System.nanoTime() - t0) / 1e9 / d);
					}
				}
				Destriper.Params b = new Destriper.Params();
				b.threads = threads;
				b.auto = true;
				long t0 = System.nanoTime();
				out.time(name, "remove stripes automatic", size, threads, () -> Destriper.run(real(bse), b, Progress.NONE), "run 1");
				System.out.printf("  -> %.3f s per slice (automatic, incl. the parameter search)%n", (System.nanoTime() - t0) / 1e9 / d);
				break;
			}
			default: {
				VoxelSize vs = VoxelSize.uncalibrated();
				double sigma = size[0] / 10.0;
				IlluminationCorrector.correct(real(bse), vs, sigma, false, threads, Progress.NONE);
				for (int rep = 0; rep < 2; rep++)
					out.time(name, "correct illumination sigma " + sigma + " px per slice", size, threads,
						() -> IlluminationCorrector.correct(real(bse), vs, sigma, false, threads, Progress.NONE), "run " + (rep + 1));
			}
		}
	}
}
