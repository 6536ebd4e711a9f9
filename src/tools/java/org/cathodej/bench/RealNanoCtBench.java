package org.cathodej.bench;

import java.util.Collections;
import java.util.Locale;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.segment.Comparison;
import org.cathodej.segment.IntensityNormalisation;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.SliceEvaluation;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The protocol of issue 18 on the real nano-CT sets (shared/data/real-nmc-nanoct): 1 % class-stratified pixels of
 * the first or last slice (seed 1), applied to every slice, held-out means printed per set, training slice and
 * configuration. Arguments: configurations among A (defaults), D (slice normalisation, scales to 16 px, balanced,
 * no EM, smoothing 1), each optionally followed by +ac1 / +ac2 ({@code auto_context=1 / 2}) and +sX (smoothing X px), e.g.
 * {@code D D+ac1 D+ac2}; optional {@code --threads N}, {@code --sets A,B}, {@code --seed S} (default 1), {@code --timing}. Run with the test class path, as scripts/bench.
 */
public final class RealNanoCtBench {

	static final String[][] SETS = { { "1501", "1502", "1503", "1504" }, { "103", "360", "510", "1098" } };

	public static void main(String[] args) {
		int threads = 2;
		String sets = "A,B";
		boolean timing = false;
		long seed = 1;
		java.util.List<String> configs = new java.util.ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--threads")) threads = Integer.parseInt(args[++i]);
			else if (args[i].equals("--sets")) sets = args[++i];
			else if (args[i].equals("--timing")) timing = true;
			else if (args[i].equals("--seed")) seed = Long.parseLong(args[++i]);
			else configs.add(args[i]);
		}
		if (timing) {
			timing(configs);
			return;
		}
		System.out.println("| set | train slice | config | accuracy | balanced acc. | mean IoU | IoU CAM | IoU pore | IoU binder | train s | apply s |");
		for (int si = 0; si < 2; si++) {
			String name = si == 0 ? "A" : "B";
			if (!sets.contains(name)) continue;
			PlanarImg<FloatType, ?>[] data = load(SETS[si]);
			@SuppressWarnings("unchecked")
			PlanarImg<UnsignedByteType, ?> truth = (PlanarImg<UnsignedByteType, ?>) (PlanarImg<?, ?>) data[1];
			for (int ts : new int[] { 0, SETS[si].length - 1 })
				for (String cfg : configs) {
					SliceEvaluation.Result r = run(data[0], truth, ts, cfg, threads, seed);
					System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |", name,
						ts == 0 ? "first" : "last", cfg, r.heldOutMean(Comparison::accuracy), r.heldOutMean(Comparison::balancedAccuracy),
						r.heldOutMean(Comparison::meanIoU), r.heldOutMean(c -> c.iou(1)), r.heldOutMean(c -> c.iou(0)), r.heldOutMean(c -> c.iou(2)),
						r.trainSeconds, r.applySeconds));
				}
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static PlanarImg<FloatType, ?>[] load(String[] slices) {
		SharedData.Grey g0 = SharedData.open("real-nmc-nanoct/" + slices[0] + ".tif");
		PlanarImg<FloatType, ?> grey = PlanarImgs.floats(g0.w, g0.h, slices.length);
		PlanarImg<UnsignedByteType, ?> truth = PlanarImgs.unsignedBytes(g0.w, g0.h, slices.length);
		for (int z = 0; z < slices.length; z++) {
			float[] g = SharedData.open("real-nmc-nanoct/" + slices[z] + ".tif").pixels;
			float[] t = SharedData.open("real-nmc-nanoct/" + slices[z] + "_label.tif").pixels;
			System.arraycopy(g, 0, (float[]) Slices.planeArray(grey, z), 0, g.length);
			byte[] tb = (byte[]) Slices.planeArray(truth, z);
			for (int i = 0; i < t.length; i++) tb[i] = (byte) t[i];
		}
		return new PlanarImg[] { grey, (PlanarImg) truth };
	}

	/**
	 * CPU seconds of the whole JVM (one worker thread; least of 3 runs after a warm-up) of training on
	 * the last slice of set B and of applying to its four slices, per configuration.
	 */
	static void timing(java.util.List<String> configs) {
		PlanarImg<FloatType, ?>[] data = load(SETS[1]);
		@SuppressWarnings("unchecked")
		PlanarImg<UnsignedByteType, ?> truth = (PlanarImg<UnsignedByteType, ?>) (PlanarImg<?, ?>) data[1];
		com.sun.management.OperatingSystemMXBean mx = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		PlanarImg<UnsignedByteType, ?> scribbles = SliceEvaluation.stratifiedScribbles(truth, new PhaseLabels(2, 0, 1), 3, 0.01, 1);
		System.out.println("| config | train CPU s | apply CPU s (4 slices of 500 x 572) |");
		for (String cfg : configs) {
			Setup s = new Setup(cfg, 1);
			double train = Double.POSITIVE_INFINITY, apply = Double.POSITIVE_INFINITY;
			for (int rep = 0; rep < 4; rep++) {
				long t0 = mx.getProcessCpuTime();
				PixelClassifier c = PixelClassifier.train(Collections.singletonList(data[0]), scribbles, org.cathodej.segment.Scribbles.classValues(),
					VoxelSize.uncalibrated(), s.fs, s.norm, s.rp, s.stages, 1, s.o.memoryBudget, 1, null);
				long t1 = mx.getProcessCpuTime();
				c.apply(Collections.singletonList(data[0]), VoxelSize.uncalibrated(), s.o, null);
				long t2 = mx.getProcessCpuTime();
				if (rep > 0) {
					train = Math.min(train, (t1 - t0) / 1e9);
					apply = Math.min(apply, (t2 - t1) / 1e9);
				}
			}
			System.out.println(String.format(Locale.ROOT, "| %s | %.2f | %.2f |", cfg, train, apply));
		}
	}

	/** The settings a configuration name stands for. */
	static final class Setup {
		final FeatureSettings fs;
		final RandomForest.Params rp = new RandomForest.Params();
		final PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions();
		final IntensityNormalisation norm;
		final int stages;

		Setup(String cfg, int threads) {
			boolean d = cfg.startsWith("D");
			stages = 1 + (cfg.contains("+ac") ? Integer.parseInt(cfg.substring(cfg.indexOf("+ac") + 3, cfg.indexOf("+ac") + 4)) : 0);
			double smoothing = d ? 1 : 0;
			int sm = cfg.indexOf("+s");
			if (sm >= 0) smoothing = Double.parseDouble(cfg.substring(sm + 2).split("\\+")[0]);
			fs = new FeatureSettings(false, d ? new double[] { 1, 2, 4, 8, 16 } : new double[] { 1, 2, 4 }, "voxel", FeatureSettings.parseFamilies("default"), 1);
			rp.balanced = d;
			o.threads = threads;
			o.priorCorrection = !d;
			o.smoothing = smoothing;
			norm = new IntensityNormalisation(d ? IntensityNormalisation.Mode.SLICE : IntensityNormalisation.Mode.NONE, 1, 99);
		}
	}

	static SliceEvaluation.Result run(PlanarImg<FloatType, ?> grey, PlanarImg<UnsignedByteType, ?> truth, int trainingSlice, String cfg, int threads,
		long seed) {
		Setup s = new Setup(cfg, threads);
		return SliceEvaluation.run(Collections.singletonList(grey), truth, new PhaseLabels(2, 0, 1), trainingSlice, 0.01, seed, VoxelSize.uncalibrated(), s.fs,
			s.norm, s.rp, s.stages, s.o, null);
	}
}
