package org.cathodej.volume;

import java.io.Serializable;
import java.util.List;

import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Progress;

/**
 * A volume source that analyses its slabs where its data lives (e.g. a Spark cluster reading a TIFF-slice folder)
 * instead of in this JVM. {@link SlabStreamer#run} hands such a source the plan and the kernel; it must return what
 * the single-JVM loop would: the kernel's partials of every slab of the plan, merged in slab order. Workers typically
 * run {@link SlabStreamer#runRange} over a run of slabs of ordinary sources.
 */
public interface SlabExecutor {

	/**
	 * @param inputs the aligned volumes the kernel reads (this one first; every one a SlabExecutor of the same kind),
	 *          e.g. BSE and SE
	 */
	<P extends Serializable> P runSlabs(List<? extends VolumeSource> inputs, SlabPlan plan, SlabKernel<P> kernel, Progress progress);

	/**
	 * Bytes one task may hold for its slabs and the kernel's working memory: a worker runs several tasks at once
	 * in one heap, so the slab plan is sized and checked against this, not against this JVM's free heap.
	 */
	default long taskMemory() {
		return MemoryBudget.available();
	}

	/** Where {@link #taskMemory()} comes from, for a refusal (e.g. "executor heap 2.00 GB for 2 tasks at once"). */
	default String taskMemoryOrigin() {
		return "the free heap of this JVM";
	}
}
