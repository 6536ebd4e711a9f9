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
		// blocks 1 .. t-1 on the shared pool, block 0 on the calling thread
		List<Future<?>> fs = new ArrayList<>(t - 1);
		boolean done = false;
		try {
			for (int k = 1; k < t; k++) {
				final int from = (int) ((long) n * k / t), to = (int) ((long) n * (k + 1) / t);
				fs.add(POOL.submit(() -> body.accept(from, to)));
			}
			body.accept(0, (int) ((long) n / t));
			for (Future<?> f : fs) f.get();
			done = true;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("Interrupted");
		} catch (ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof RuntimeException) throw (RuntimeException) c;
			if (c instanceof Error) throw (Error) c;
			throw new RuntimeException(c);
		} finally {
			// a failed block: stop the others, as shutting down a pool of their own did
			if (!done) for (Future<?> f : fs) f.cancel(true);
		}
	}

	/**
	 * Worker threads shared by all calls: the solvers enter hundreds of parallel regions per second (the multigrid
	 * cycles' levels: 10,000 thread starts in a three-axis tortuosity solve at 256^3 with a pool per call). Cached (a region
	 * that nests another never waits for a free thread) and daemon (they never keep the JVM alive); idle ones end
	 * after a minute.
	 */
	private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
		Thread th = new Thread(r, "cathodej-parallel");
		th.setDaemon(true);
		return th;
	});
}
