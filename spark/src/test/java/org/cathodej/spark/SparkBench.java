package org.cathodej.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.run.FijiContext;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.imagej.VolumeSources;
import org.cathodej.phantom.LabelVolume;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.ImageSource;
import org.cathodej.task.Progress;

import ij.ImagePlus;

/**
 * Benchmark (not a test): the streamed label analyses of a TIFF-slice folder through the single-JVM command path
 * ({@code single}) or a local-mode Spark job ({@code spark}, local[cores]); prints one line per analysis: mode,
 * cores, analysis, seconds, voxels/s. {@code scripts/bench-spark} runs it in separate JVMs per mode and core count.
 * <pre>SparkBench gen DIR WxHxD | single DIR SLAB | spark DIR SLAB CORES</pre>
 */
public final class SparkBench {

	/** The streamed analyses, or those named in -Dbench.analyses=a,b. */
	static final String[] ANALYSES = System.getProperty("bench.analyses") != null ? System.getProperty("bench.analyses").split(",")
		: LabelAnalysisJob.DISTRIBUTED.subList(0, 4).toArray(new String[0]);

	public static void main(String[] a) throws Exception {
		System.setProperty("java.awt.headless", "true");
		File dir = new File(a[1]);
		if (a[0].equals("gen")) {
			generate(dir, a[2]);
			return;
		}
		if (a[0].equals("read")) {
			readRates(dir);
			return;
		}
		int slab = Integer.parseInt(a[2]);
		ImagePlus probe = VolumeSources.openVirtual(dir.getPath());
		long voxels = (long) probe.getWidth() * probe.getHeight() * probe.getStackSize();
		Path out = Files.createTempDirectory("cathodej-spark-bench");
		Map<String, String> o = new LinkedHashMap<>();
		o.put("slab_slices", Integer.toString(slab));
		o.put("streaming", "always");
		if (a[0].equals("single")) {
			int cores = Runtime.getRuntime().availableProcessors();
			for (String an : warmUpFirst()) {
				long t0 = start();
				Map<String, String> oo = new LinkedHashMap<>(o);
				oo.put("output_dir", out.resolve("single-" + an).toString());
				String command = an == null ? "phase_fractions" : an;
				ImagePlus imp = VolumeSources.openVirtual(dir.getPath());
				new CommandRunner(FijiContext.get()).run(CommandCatalog.load().find(command).spec(), oo, new ImageSource() {
					@Override public ImagePlus byName(String n) { return null; }
					@Override public ImagePlus current() { return imp; }
				}, Progress.NONE);
				if (an != null) report("single", cores, an, t0, voxels);
			}
		} else {
			int cores = Integer.parseInt(a[3]);
			System.setProperty("cathodej.threads", "1");
			try (JavaSparkContext sc = TestVolumes.spark("local[" + cores + "]")) {
				for (String an : warmUpFirst()) {
					long t0 = start();
					new LabelAnalysisJob(sc, 0).run(an == null ? "phase_fractions" : an, dir.getPath(), o, out.resolve("spark-" + an), false);
					if (an != null) report("spark", cores, an, t0, voxels);
				}
			}
		}
		StagedOutput.deleteTree(out);
	}

	/** Reads every slice with each of the two folder readers, twice (the second pass from the page cache). */
	static void readRates(File dir) {
		org.cathodej.volume.VolumeSource[] sources = { new org.cathodej.imagej.TiffFolderSource(dir, null),
			HadoopSliceFolder.open(dir.getPath(), null, new org.apache.hadoop.conf.Configuration()) };
		for (int pass = 0; pass < 2; pass++)
			for (org.cathodej.volume.VolumeSource s : sources) {
				long t0 = System.nanoTime();
				for (int z = 0; z < s.depth(); z++) s.readPlanes(z, z + 1);
				report("read-" + pass, 1, s.getClass().getSimpleName(), t0, s.voxels());
			}
	}

	/** Starts the clock, the heap peak and the read count of one analysis. */
	private static long start() {
		HeapPeak.take();
		lastRead = bytesRead();
		lastCpu = cpuNanos();
		return System.nanoTime();
	}

	/** null (a first, untimed Phase Fractions, whatever the analyses: class loading and JIT), then the analyses. */
	private static String[] warmUpFirst() {
		String[] r = new String[ANALYSES.length + 1];
		System.arraycopy(ANALYSES, 0, r, 1, ANALYSES.length);
		return r;
	}

	private static void report(String mode, int cores, String analysis, long t0, long voxels) {
		double s = (System.nanoTime() - t0) * 1e-9;
		long read = bytesRead(), peak = HeapPeak.take();
		System.out.println(String.format(Locale.ROOT, "RESULT %s %d %s %.2f %.3g peak_heap_MB %d read_MB/s %.0f cpu_s %.2f", mode, cores, analysis, s,
			voxels / s, peak >> 20, (read - lastRead) / s / 1e6, (cpuNanos() - lastCpu) * 1e-9));
	}

	private static long lastRead = bytesRead(), lastCpu = cpuNanos();

	/** CPU time of this process (all threads, user + system): robust against other processes on a shared machine. */
	static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	/** Bytes this process read through read calls (page cache included: /proc/self/io rchar), 0 where unknown. */
	static long bytesRead() {
		try {
			for (String l : Files.readAllLines(Paths.get("/proc/self/io")))
				if (l.startsWith("rchar:")) return Long.parseLong(l.substring(6).trim());
		} catch (java.io.IOException | RuntimeException e) {
			return 0;
		}
		return 0;
	}

	/** The largest heap in use (garbage included), sampled every 2 ms since the last {@link #take}. */
	static final class HeapPeak {
		private static long peak;

		static {
			Thread t = new Thread(() -> {
				Runtime rt = Runtime.getRuntime();
				while (true) {
					long u = rt.totalMemory() - rt.freeMemory();
					synchronized (HeapPeak.class) { peak = Math.max(peak, u); }
					try { Thread.sleep(2); } catch (InterruptedException e) { return; }
				}
			}, "heap peak");
			t.setDaemon(true);
			t.start();
		}

		static synchronized long take() {
			long p = peak;
			peak = 0;
			return p;
		}
	}

	/** A 128 x 128 x 64 synthetic cathode tiled periodically to the size asked for (clusters cross every slab). */
	static void generate(File dir, String size) {
		String[] p = size.split("x");
		int w = Integer.parseInt(p[0]), h = Integer.parseInt(p[1]), d = Integer.parseInt(p[2]);
		LabelVolume tile = TestVolumes.cathode(128, 128, 64, 11);
		try (TiffSliceWriter wr = new TiffSliceWriter(dir, "labels", w, h, d, tile.voxelSize(), false)) {
			byte[] b = new byte[w * h];
			for (int z = 0; z < d; z++) {
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) b[y * w + x] = (byte) tile.get(x % 128, y % 128, z % 64);
				wr.write(z, b, w, h);
			}
			wr.commit();
		}
	}

}
