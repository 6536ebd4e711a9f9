package org.cathodej.bench;

import java.util.Locale;

import org.cathodej.image.Psnr;
import org.cathodej.render.PartialCurtains;

/**
 * A variational destriping ({@link UnidirectionalTv}) against Remove Stripes' automatic mode on the real-texture stack
 * of {@link DestripeRealBench} (same crops, same added partial-height curtains of amplitude 10, 20, 40, same
 * measures), in the same run. First a check of the solver on an analytic case (partial stripes on a piecewise-constant
 * image must go). Dropped from Remove Stripes: no weight setting wins at every amplitude (docs/preprocessing.md).
 */
public final class DestripeVariationalBench implements BenchCase {

	/** {alongWeight, sparsity, iterations, balance}. */
	static final double[][] SETTINGS = { { 16, 0.3, 1000, 0.25 }, { 32, 0.2, 1000, 0.25 }, { 8, 0.2, 1000, 0.25 } };

	@Override
	public String name() {
		return "destripe-variational";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "384x384x4" };
	}

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		System.out.println(analyticCheck());
		if (SharedData.dir() == null) {
			System.out.println("destripe-variational: shared/data not found, skipped");
			return;
		}
		int n = DestripeRealBench.CROP;
		SharedData.Grey fib = SharedData.open(DestripeRealBench.FIBSEM);
		float[][] clean = new float[DestripeRealBench.CROPS.length][];
		for (int k = 0; k < clean.length; k++) clean[k] = fib.crop(DestripeRealBench.CROPS[k][0], DestripeRealBench.CROPS[k][1], n, n).pixels;
		float[][] nano = new float[DestripeRealBench.NANOCT.length][];
		for (int k = 0; k < nano.length; k++) nano[k] = SharedData.open(DestripeRealBench.NANOCT[k]).crop(0, 0, n, n).pixels;
		report("automatic (Remove Stripes)", s -> DestripeRealBench.filter(s, DestripeRealBench.params(new int[] { 4, 0, 1 }, threads)), clean, nano, size, threads, out);
		for (double[] st : SETTINGS) {
			String label = String.format(Locale.ROOT, "unidirectional TV, along weight %.0f, sparsity %.1f, %.0f iterations", st[0], st[1], st[2]);
			report(label, s -> {
				float[][] o = new float[s.length][];
				for (int k = 0; k < s.length; k++) o[k] = new UnidirectionalTv(n, n, st[0], st[1], (int) st[2], st[3]).destripe(s[k]);
				return o;
			}, clean, nano, size, threads, out);
		}
		timeLargeSlice(fib, out, threads);
	}

	interface StackFilter {
		float[][] apply(float[][] slices) throws Exception;
	}

	private static void report(String label, StackFilter f, float[][] clean, float[][] nano, int[] size, int threads, BenchRecorder out) throws Exception {
		long t0 = System.nanoTime();
		StringBuilder sb = new StringBuilder(label + ":");
		for (double amp : DestripeRealBench.AMPLITUDES) {
			float[][] striped = DestripeRealBench.withCurtains(clean, amp), o = f.apply(striped);
			sb.append(String.format(Locale.ROOT, " amplitude %.0f: PSNR %+.1f dB, inside particles %.0f %% removed, off the curtains %.3f of the curtain energy removed;", amp,
				DestripeRealBench.meanGain(clean, striped, o), 100 * DestripeRealBench.removedInParticles(clean, striped, o), offCurtains(clean, striped, o, amp)));
		}
		float[][] keptFib = f.apply(clean), keptNano = f.apply(nano);
		sb.append(String.format(Locale.ROOT, " curtain-free FIB-SEM crops %.1f dB (structure lost %.4f), nano-CT %.1f dB", DestripeRealBench.meanPsnr(clean, keptFib),
			DestripeRealBench.lost(clean, keptFib), DestripeRealBench.meanPsnr(nano, keptNano)));
		double sec = (System.nanoTime() - t0) / 1e9;
		System.out.println(sb);
		out.time("destripe-variational", sb.toString(), size, threads, () -> null, String.format(Locale.ROOT, "%.1f s", sec));
	}

	/** Structure removed: error energy on the pixels without added curtains over the added curtain energy. */
	private static double offCurtains(float[][] clean, float[][] striped, float[][] filtered, double amp) {
		double off = 0, added = 0;
		for (int k = 0; k < clean.length; k++)
			for (int i = 0; i < clean[k].length; i++) {
				double a = striped[k][i] - clean[k][i], r = filtered[k][i] - clean[k][i];
				added += a * a;
				if (a == 0) off += r * r;
			}
		return off / added;
	}

	/**
	 * Partial curtains of amplitude 20 on a 192 x 192 image of 24-px blocks (grey 0..200, no noise): the PSNR gain, and
	 * a curtain-free block image must come back nearly unchanged.
	 */
	static String analyticCheck() {
		int n = 192;
		float[] img = new float[n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) img[y * n + x] = ((x / 24) * 7 + (y / 24) * 3) % 5 * 50;
		PartialCurtains c = new PartialCurtains();
		c.amplitude = 20;
		float[] add = c.of(n, n), striped = img.clone();
		for (int i = 0; i < add.length; i++) striped[i] += add[i];
		UnidirectionalTv tv = new UnidirectionalTv(n, n, 16, 0.3, 1000, 0.25);
		return String.format(Locale.ROOT, "analytic check (blocks + partial curtains of amplitude 20): PSNR %.1f -> %.1f dB; curtain-free blocks kept at %.1f dB",
			Psnr.of(img, striped), Psnr.of(img, tv.destripe(striped)), Psnr.of(img, tv.destripe(img)));
	}

	/** Seconds for one 2048 x 1536 slice (the FIB-SEM image mirror-tiled) at the first setting. */
	private static void timeLargeSlice(SharedData.Grey g, BenchRecorder out, int threads) throws Exception {
		int w = 2048, h = 1536;
		float[] big = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) big[y * w + x] = g.pixels[org.cathodej.filter.Gauss.mirror(y, g.h) * g.w + org.cathodej.filter.Gauss.mirror(x, g.w)];
		double[] st = SETTINGS[0];
		out.time("destripe-variational", "unidirectional TV, one 2048x1536 slice, " + (int) st[2] + " iterations", new int[] { w, h, 1 }, 1,
			() -> new UnidirectionalTv(w, h, st[0], st[1], (int) st[2], st[3]).destripe(big), "");
	}
}
