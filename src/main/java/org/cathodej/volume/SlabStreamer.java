package org.cathodej.volume;

import java.io.Serializable;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cathodej.task.Progress;

/**
 * The single-JVM driver of a {@link SlabKernel}: reads the slabs in order (the next slab is read on a second thread
 * while the current one is analysed), merges the partials left to right, reports "slab i/n" with the estimated time
 * left, and stops between slabs when the user presses Esc (a {@link java.util.concurrent.CancellationException}).
 */
public final class SlabStreamer {

	private SlabStreamer() {}

	/** Runs the kernel over every slab of the plan and returns the merged partial. */
	public static <P extends Serializable> P run(VolumeSource src, SlabPlan plan, SlabKernel<P> kernel, Progress progress) {
		return run(src, plan, kernel, null, progress);
	}

	/** Called with each slab after its partial is computed, in slab order (e.g. to write an output slice folder). */
	public interface SlabListener<P> {
		void done(Slab slab, P partial);
	}

	/**
	 * Runs the kernel over every slab of the plan; a source that is a {@link SlabExecutor} runs it itself (unless a
	 * listener needs the slabs here).
	 */
	public static <P extends Serializable> P run(VolumeSource src, SlabPlan plan, SlabKernel<P> kernel, SlabListener<P> listener,
		Progress progress) {
		if (listener == null && src instanceof SlabExecutor) return ((SlabExecutor) src).runSlabs(plan, kernel, progress);
		return runRange(src, plan, 0, plan.count(), kernel, listener, progress);
	}

	/**
	 * Slabs {@code from} (inclusive) to {@code to} (exclusive) of the plan, merged left to right: the loop a worker of a
	 * distributed run uses for its share of the slabs (here, never delegated to a {@link SlabExecutor}).
	 */
	public static <P extends Serializable> P runRange(VolumeSource src, SlabPlan plan, int from, int to, SlabKernel<P> kernel,
		SlabListener<P> listener, Progress progress) {
		if (from < 0 || to > plan.count() || from >= to)
			throw new IllegalArgumentException("Slab range [" + from + ", " + to + ") is not within the " + plan.count() + " slabs of the plan");
		Progress p = progress == null ? Progress.NONE : progress;
		int n = to - from;
		ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "CathodeJ slab reader");
			t.setDaemon(true);
			return t;
		});
		try {
			long t0 = System.nanoTime();
			Future<Slab> next = reader.submit(() -> Slab.read(src, plan, from, kernel.haloBelow(), kernel.haloAbove()));
			P acc = null;
			for (int i = 0; i < n; i++) {
				p.checkCancelled();
				Slab slab = get(next);
				int k = i + 1;
				next = k < n ? reader.submit(() -> Slab.read(src, plan, from + k, kernel.haloBelow(), kernel.haloAbove())) : null;
				P part = kernel.partial(slab);
				if (listener != null) listener.done(slab, part);
				acc = acc == null ? part : kernel.merge(acc, part);
				double s = (System.nanoTime() - t0) * 1e-9;
				p.report(k / (double) n, String.format(Locale.ROOT, "slab %d/%d, about %.0f s left", k, n, s / k * (n - k)));
			}
			return acc;
		} finally {
			reader.shutdownNow();
		}
	}

	private static Slab get(Future<Slab> f) {
		try {
			return f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new java.util.concurrent.CancellationException("Interrupted while reading a slab");
		} catch (ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof RuntimeException) throw (RuntimeException) c;
			if (c instanceof Error) throw (Error) c;
			throw new IllegalStateException(c);
		}
	}
}
