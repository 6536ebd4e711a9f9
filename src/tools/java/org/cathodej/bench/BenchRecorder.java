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

import org.cathodej.results.Csv;

/**
 * Times a step and measures the heap it needs: the largest heap use seen during the step minus the heap in use
 * before it (the step's working memory beyond its input). Heap use is sampled every millisecond by a watcher
 * thread; summing the pools' own peaks would count arrays promoted from the young to the old generation twice.
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
		java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong(before);
		java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread watcher = new Thread(() -> {
			while (running.get()) {
				max.accumulateAndGet(heapUsed(), Math::max);
				try {
					Thread.sleep(1);
				} catch (InterruptedException e) {
					return;
				}
			}
		}, "bench-heap-watcher");
		watcher.setDaemon(true);
		watcher.start();
		long t0 = System.nanoTime();
		T result;
		try {
			result = work.call();
		} finally {
			running.set(false);
			watcher.join();
		}
		double s = (System.nanoTime() - t0) / 1e9;
		lastSeconds = s;
		long peak = Math.max(max.get(), heapUsed());
		long voxels = (long) size[0] * size[1] * size[2];
		double extra = Math.max(0, peak - before);
		// figures rounded on purpose (timings on a shared machine); quoting by the project's one CSV writer
		String row = Csv.line(new StringBuilder(), benchCase, step, size[0] + "x" + size[1] + "x" + size[2], Long.toString(voxels),
			Integer.toString(threads), String.format(Locale.ROOT, "%.3f", s), String.format(Locale.ROOT, "%.4g", voxels / s),
			String.format(Locale.ROOT, "%.1f", extra / (1 << 20)), String.format(Locale.ROOT, "%.2f", extra / voxels), note == null ? "" : note)
			.toString();
		console.print(row);
		if (csv != null) {
			try {
				if (!Files.exists(csv)) Files.write(csv, (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
				Files.write(csv, row.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
			} catch (IOException e) {
				console.println("could not append to " + csv + ": " + e.getMessage());
			}
		}
		return result;
	}

	private double lastSeconds;

	/** Seconds the last {@link #time} call took. */
	public double lastSeconds() {
		return lastSeconds;
	}

	/** Runs a {@link #time} call and returns how many seconds the timed step took. */
	public double seconds(Callable<?> timedCall) throws Exception {
		timedCall.call();
		return lastSeconds;
	}

	private static long heapUsed() {
		long u = 0;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			if (p.getType() == MemoryType.HEAP) u += p.getUsage().getUsed();
		return u;
	}

}
