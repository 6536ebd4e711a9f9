package org.cathodej.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Times a step and measures the heap it needs: peak heap use during the step minus the heap in use before it
 * (i.e. the step's working memory beyond its input), from the JVM's memory-pool peaks.
 */
public final class BenchRecorder {

	public static final String HEADER = "case,step,size,voxels,threads,seconds,voxels_per_s,peak_extra_mb,extra_bytes_per_voxel,note";

	private final PrintStream console;
	private final Path csv;

	public BenchRecorder(PrintStream console, Path csv) {
		this.console = console;
		this.csv = csv;
	}

	/** Runs {@code step} once, prints and appends one row, and returns the step's result. */
	public <T> T time(String benchCase, String step, int[] size, int threads, Callable<T> work, String note) throws Exception {
		System.gc();
		long before = heapUsed();
		resetPeaks();
		long t0 = System.nanoTime();
		T result = work.call();
		double s = (System.nanoTime() - t0) / 1e9;
		long peak = heapPeak();
		long voxels = (long) size[0] * size[1] * size[2];
		double extra = Math.max(0, peak - before);
		String row = String.format(Locale.ROOT, "%s,%s,%dx%dx%d,%d,%d,%.3f,%.4g,%.1f,%.2f,%s", benchCase, step, size[0], size[1],
			size[2], voxels, threads, s, voxels / s, extra / (1 << 20), extra / voxels, note == null ? "" : note.replace(',', ';'));
		console.println(row);
		if (csv != null) {
			try {
				if (!Files.exists(csv)) Files.write(csv, (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
				Files.write(csv, (row + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
			} catch (IOException e) {
				console.println("could not append to " + csv + ": " + e.getMessage());
			}
		}
		return result;
	}

	private static long heapUsed() {
		long u = 0;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			if (p.getType() == MemoryType.HEAP) u += p.getUsage().getUsed();
		return u;
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
	}

	private static long heapPeak() {
		long u = 0;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			if (p.getType() == MemoryType.HEAP) u += p.getPeakUsage().getUsed();
		return u;
	}
}
