package org.cathodej.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.imagej.VolumeSources;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.FijiContext;
import org.cathodej.run.ImageSource;
import org.cathodej.task.Progress;

import ij.ImagePlus;

/**
 * Benchmark (not a test): Apply Pixel Classifier and Threshold Three Phases on a BSE + SE pair of TIFF-slice folders
 * through the single-JVM streamed command ({@code single}: the classifier spills its probabilities) or a local-mode
 * Spark job ({@code spark}, local[cores]: the classifier computes its features twice); prints "RESULT mode cores
 * analysis seconds voxels/s" after an untimed Threshold Three Phases. Run each mode in its own JVM with the class path of {@code scripts/bench-spark}.
 * <pre>SegmentationBench gen DIR WxHxD | single DIR SLAB | spark DIR SLAB CORES</pre>
 */
public final class SegmentationBench {

	public static void main(String[] a) throws Exception {
		System.setProperty("java.awt.headless", "true");
		Path dir = Paths.get(a[1]);
		if (a[0].equals("gen")) {
			String[] s = a[2].split("x");
			int w = Integer.parseInt(s[0]), h = Integer.parseInt(s[1]), d = Integer.parseInt(s[2]);
			Files.createDirectories(dir);
			File bse = SegmentationJobTest.grey(dir, "bse", w, h, d, 7), se = SegmentationJobTest.grey(dir, "se", w, h, d, 8);
			SegmentationJobTest.train(bse, se, dir.resolve("bench.classifier"));
			return;
		}
		String bse = dir.resolve("bse").toString(), se = dir.resolve("se").toString();
		ImagePlus probe = VolumeSources.openVirtual(bse);
		long voxels = (long) probe.getWidth() * probe.getHeight() * probe.getStackSize();
		Path out = Files.createTempDirectory("cathodej-segmentation-bench");
		Map<String, Map<String, String>> runs = new LinkedHashMap<>();
		Map<String, String> t = new LinkedHashMap<>(), c = new LinkedHashMap<>();
		t.put("se", se);
		t.put("majority_filter", "true");
		c.put("se", se);
		c.put("classifier_file", dir.resolve("bench.classifier").toString());
		runs.put("warm-up", t); // untimed: class loading and JIT
		runs.put("threshold_three_phases", t);
		runs.put("apply_pixel_classifier", c);
		for (Map<String, String> o : runs.values()) {
			o.put("slab_slices", a[2]);
			o.put("streaming", "always");
		}
		if (a[0].equals("single")) {
			for (Map.Entry<String, Map<String, String>> e : runs.entrySet()) {
				long t0 = System.nanoTime();
				Map<String, String> o = new LinkedHashMap<>(e.getValue());
				o.put("output_dir", out.resolve("single-" + e.getKey()).toString());
				ImagePlus imp = VolumeSources.openVirtual(bse);
				new CommandRunner(FijiContext.get()).run(CommandCatalog.load().find(command(e.getKey())).spec(), o, new ImageSource() {
					@Override public ImagePlus byName(String n) { return VolumeSources.openVirtual(n); }
					@Override public ImagePlus current() { return imp; }
				}, Progress.NONE);
				report("single", Runtime.getRuntime().availableProcessors(), e.getKey(), t0, voxels);
			}
		} else {
			int cores = Integer.parseInt(a[3]);
			System.setProperty("cathodej.threads", "1");
			try (JavaSparkContext sc = TestVolumes.spark("local[" + cores + "]")) {
				for (Map.Entry<String, Map<String, String>> e : runs.entrySet()) {
					long t0 = System.nanoTime();
					new LabelAnalysisJob(sc, 0).run(command(e.getKey()), bse, e.getValue(), out.resolve("spark-" + e.getKey()), false);
					report("spark", cores, e.getKey(), t0, voxels);
				}
			}
		}
		StagedOutput.deleteTree(out);
	}

	private static String command(String run) {
		return run.equals("warm-up") ? "threshold_three_phases" : run;
	}

	private static void report(String mode, int cores, String analysis, long t0, long voxels) {
		if (analysis.equals("warm-up")) return;
		double s = (System.nanoTime() - t0) * 1e-9;
		System.out.println(String.format(Locale.ROOT, "RESULT %s %d %s %.2f %.3g", mode, cores, analysis, s, voxels / s));
	}
}
