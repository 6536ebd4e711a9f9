package org.cathodej.volume;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;

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
		if (listener == null && src instanceof SlabExecutor) return run(Collections.singletonList(src), plan, kernel, progress);
		return runRange(src, plan, 0, plan.count(), kernel, listener, progress);
	}

	/**
	 * Runs the kernel over every slab of the plan of aligned volumes (e.g. BSE and SE; {@link SlabKernel#partial(Slab[])}),
	 * where they live when every one is a {@link SlabExecutor}.
	 */
	public static <P extends Serializable> P run(List<? extends VolumeSource> inputs, SlabPlan plan, SlabKernel<P> kernel, Progress progress) {
		requireAligned(inputs, plan);
		if (elsewhere(inputs, SlabExecutor.class)) return ((SlabExecutor) inputs.get(0)).runSlabs(inputs, plan, kernel, progress);
		return runRange(inputs, plan, 0, plan.count(), kernel, progress);
	}

	/** Whether every input is a {@code kind} (e.g. {@link SlabExecutor}): the work then runs where the volumes live. */
	public static boolean elsewhere(List<? extends VolumeSource> inputs, Class<?> kind) {
		for (VolumeSource s : inputs) if (!kind.isInstance(s)) return false;
		return !inputs.isEmpty();
	}

	/** Refuses volumes of different sizes, or a plan of another depth. */
	static void requireAligned(List<? extends VolumeSource> inputs, SlabPlan plan) {
		VolumeSource first = inputs.get(0);
		for (VolumeSource s : inputs)
			if (s.width() != first.width() || s.height() != first.height() || s.depth() != first.depth())
				throw new IllegalArgumentException("Volume sizes differ: " + s.description() + " is " + s.width() + "x" + s.height() + "x" + s.depth()
					+ " but " + first.description() + " is " + first.width() + "x" + first.height() + "x" + first.depth());
		if (plan.depth() != first.depth()) throw new IllegalArgumentException("The slab plan covers " + plan.depth() + " slices, the volume has " + first.depth());
	}

	/**
	 * Slabs {@code from} (inclusive) to {@code to} (exclusive) of the plan, merged left to right: the loop a worker of a
	 * distributed run uses for its share of the slabs (here, never delegated to a {@link SlabExecutor}).
	 */
	public static <P extends Serializable> P runRange(VolumeSource src, SlabPlan plan, int from, int to, SlabKernel<P> kernel,
		SlabListener<P> listener, Progress progress) {
		return runRange(Collections.singletonList(src), plan, from, to, kernel, listener, progress);
	}

	/** As {@link #runRange(VolumeSource, SlabPlan, int, int, SlabKernel, SlabListener, Progress)} on aligned volumes. */
	public static <P extends Serializable> P runRange(List<? extends VolumeSource> inputs, SlabPlan plan, int from, int to, SlabKernel<P> kernel,
		Progress progress) {
		return runRange(inputs, plan, from, to, kernel, null, progress);
	}

	private static <P extends Serializable> P runRange(List<? extends VolumeSource> inputs, SlabPlan plan, int from, int to, SlabKernel<P> kernel,
		SlabListener<P> listener, Progress progress) {
		if (from < 0 || to > plan.count() || from >= to)
			throw new IllegalArgumentException("Slab range [" + from + ", " + to + ") is not within the " + plan.count() + " slabs of the plan");
		List<P> acc = new ArrayList<>(1);
		drive(to - from, i -> read(inputs, plan, from + i, kernel.haloBelow(), kernel.haloAbove()), (slabs, i) -> {
			P part = inputs.size() == 1 ? kernel.partial(slabs[0]) : kernel.partial(slabs);
			if (listener != null) listener.done(slabs[0], part);
			if (acc.isEmpty()) acc.add(part);
			else acc.set(0, kernel.merge(acc.get(0), part));
		}, progress);
		return acc.get(0);
	}

	/** Slab i of the plan of every input, with the halo asked for. */
	static Slab[] read(List<? extends VolumeSource> inputs, SlabPlan plan, int i, int haloBelow, int haloAbove) {
		Slab[] slabs = new Slab[inputs.size()];
		for (int c = 0; c < slabs.length; c++) slabs[c] = Slab.read(inputs.get(c), plan, i, haloBelow, haloAbove);
		return slabs;
	}

	/**
	 * The slab loop shared by the analyses and the streamed outputs: reads item i + 1 on a second thread while item i
	 * is processed, in order; reports "slab i/n, about s left"; Esc (cancellation) is seen between items.
	 */
	public static <T> void drive(int n, IntFunction<T> read, ObjIntConsumer<T> process, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "CathodeJ slab reader");
			t.setDaemon(true);
			return t;
		});
		try {
			long t0 = System.nanoTime();
			Future<T> next = reader.submit(() -> read.apply(0));
			for (int i = 0; i < n; i++) {
				p.checkCancelled();
				T slab = get(next);
				int k = i + 1;
				next = k < n ? reader.submit(() -> read.apply(k)) : null;
				process.accept(slab, i);
				double s = (System.nanoTime() - t0) * 1e-9;
				p.report(k / (double) n, String.format(Locale.ROOT, "slab %d/%d, about %.0f s left", k, n, s / k * (n - k)));
			}
		} finally {
			reader.shutdownNow();
		}
	}

	private static <T> T get(Future<T> f) {
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
