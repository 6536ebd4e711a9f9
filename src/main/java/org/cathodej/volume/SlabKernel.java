package org.cathodej.volume;

import java.io.Serializable;
import java.util.List;

/**
 * A streamed analysis: one small, Serializable partial result per slab and an exact merge of two adjacent partials.
 * The merge is associative ({@code merge(merge(a, b), c) == merge(a, b, c)} in value), so partials may be combined in
 * any grouping as long as the slab order is kept (lower slab on the left); integer counts make the merged result
 * independent of the slab split. A Spark job maps slabs to {@link #partial} on executors and merges the partials
 * on the driver in slab order as they arrive (as {@link #mergeAll} does).
 * @param <P> the partial result
 */
public interface SlabKernel<P extends Serializable> {

	/** Slices the kernel needs before each slab's core (e.g. 1 for face neighbours, more for a 3D filter's support). */
	default int haloBelow() {
		return 0;
	}

	/** Slices the kernel needs after each slab's core. */
	default int haloAbove() {
		return 0;
	}

	/** The partial result of one slab (read with {@link #haloBelow()}/{@link #haloAbove()}). Must not keep the slab. */
	P partial(Slab slab);

	/**
	 * The partial result of the same slab of several aligned volumes (e.g. BSE and SE, {@link SlabStreamer#run(List,
	 * SlabPlan, SlabKernel, org.cathodej.task.Progress)}); by default that of the first volume's slab.
	 */
	default P partial(Slab[] slabs) {
		return partial(slabs[0]);
	}

	/** Merge of the partials of two adjacent slab runs, {@code lower} directly before {@code upper} along z. */
	P merge(P lower, P upper);

	/** Merges partials given in slab order, left to right. */
	default P mergeAll(List<P> inSlabOrder) {
		if (inSlabOrder.isEmpty()) throw new IllegalArgumentException("No partial results to merge");
		P acc = inSlabOrder.get(0);
		for (int i = 1; i < inSlabOrder.size(); i++) acc = merge(acc, inSlabOrder.get(i));
		return acc;
	}
}
