package org.cathodej.volume;

import java.util.List;

import org.cathodej.task.Progress;

/**
 * A volume source that runs a {@link SlabTransform.Portable} where its data lives (e.g. as Spark tasks): every slab
 * of the plan is transformed and its output slices written into {@code sink}, a {@link java.io.Serializable} sink
 * whose copies write into the same place (a staging folder on a shared disk). {@link StreamedOutput#run} hands such
 * a source the work and then completes or aborts the sink itself. Workers typically run
 * {@link StreamedOutput#writeRange} over a run of slabs of an ordinary source.
 */
public interface TransformExecutor {

	/**
	 * @param inputs the aligned volumes the transform reads (this one first; every one a TransformExecutor of the
	 *          same kind), e.g. BSE and SE
	 * @return the slabs' results ({@link StreamedOutput#writeRange}) of every slab of the plan, in slab order
	 */
	List<java.io.Serializable> runTransform(List<? extends VolumeSource> inputs, SlabPlan plan, SlabTransform.Portable op, SliceSink sink,
		Progress progress);
}
