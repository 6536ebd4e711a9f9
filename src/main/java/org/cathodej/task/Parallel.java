package org.cathodej.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Splits index ranges over threads; the thread count is a parameter so benchmarks can compare 1 and 2 threads. */
public final class Parallel {

	private Parallel() {}

	/** Threads to use by default: the machine's processors (ImageJ's Prefs.getThreads is not UI-free). */
	public static int defaultThreads() {
		// -Dcathodej.threads=N: a process that runs many analyses side by side (a Spark driver planning tasks of
		// spark.task.cpus cores each) sets the threads of one analysis
		return Math.max(1, Integer.getInteger("cathodej.threads", Runtime.getRuntime().availableProcessors()));
	}

	/**
	 * Runs {@code body.accept(i)} for i in [0, n) on {@code threads} threads in contiguous blocks. Exceptions in a
	 * worker are rethrown (cancellation as {@link CancellationException}).
	 */
	public static void forEach(int n, int threads, IntConsumer body) {
		forEachBlock(n, threads, (from, to) -> {
			for (int i = from; i < to; i++) body.accept(i);
		});
	}

	/** A contiguous block [from, to) of indices. */
	public interface Block {
		void accept(int from, int to);
	}

	/**
	 * Runs {@code body.accept(from, to)} once per thread on contiguous blocks covering [0, n), for bodies that carry
	 * state from one index to the next (e.g. a sliding window of slices).
	 */
	public static void forEachBlock(int n, int threads, Block body) {
		int t = Math.max(1, Math.min(threads, n));
		if (t == 1) {
			body.accept(0, n);
			return;
		}
		ExecutorService ex = Executors.newFixedThreadPool(t);
		try {
			List<Future<?>> fs = new ArrayList<>();
			for (int k = 0; k < t; k++) {
				final int from = (int) ((long) n * k / t), to = (int) ((long) n * (k + 1) / t);
				fs.add(ex.submit(() -> body.accept(from, to)));
			}
			for (Future<?> f : fs) f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("Interrupted");
		} catch (ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof RuntimeException) throw (RuntimeException) c;
			if (c instanceof Error) throw (Error) c;
			throw new RuntimeException(c);
		} finally {
			ex.shutdownNow();
		}
	}
}
