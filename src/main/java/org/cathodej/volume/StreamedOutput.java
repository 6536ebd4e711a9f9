package org.cathodej.volume;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.cathodej.task.Progress;

/**
 * Runs a {@link SlabTransform} over aligned input volumes slab by slab and writes the output slices to a
 * {@link SliceSink} (a TIFF-slice folder written into a temporary sibling and renamed at the end). Reading the next
 * slab overlaps the work on the current one; progress says slabs done / total with the time left; Esc stops between
 * slabs. The sink is completed only when every slab is written and aborted otherwise, so a failure or Esc leaves no
 * half-written output. Memory: two slabs (with halo) of every input plus one slab of output.
 */
public final class StreamedOutput {

	private StreamedOutput() {}

	public static void run(List<? extends VolumeSource> inputs, SlabPlan plan, SlabTransform op, SliceSink sink, Progress progress) {
		SlabStreamer.requireAligned(inputs, plan);
		int halo = op.halo();
		boolean done = false;
		try {
			if (elsewhere(inputs, op, sink))
				keep(op, plan, ((TransformExecutor) inputs.get(0)).runTransform(inputs, plan, (SlabTransform.Portable) op, sink, progress));
			else SlabStreamer.drive(plan.count(), i -> read(inputs, plan, i, halo), (slabs, i) -> write(op, slabs, sink), progress);
			sink.complete();
			done = true;
		} finally {
			if (!done) sink.abort();
		}
	}

	/** Inputs that run transforms elsewhere, a transform that may move, and a sink whose copies write alike. */
	private static boolean elsewhere(List<? extends VolumeSource> inputs, SlabTransform op, SliceSink sink) {
		return SlabStreamer.elsewhere(inputs, TransformExecutor.class) && op instanceof SlabTransform.Portable && sink instanceof java.io.Serializable;
	}

	/**
	 * Slabs {@code [from, to)} of the plan, read one after another from the aligned volumes {@code in}, transformed
	 * and written into {@code sink}: the work of one worker of a {@link TransformExecutor}.
	 * @return per slab, the result of a {@link SlabTransform.Reporting} transform (not kept here), else null
	 */
	public static ArrayList<Serializable> writeRange(List<? extends VolumeSource> in, SlabPlan plan, int from, int to, SlabTransform op, SliceSink sink) {
		ArrayList<Serializable> results = new ArrayList<>(to - from);
		for (int i = from; i < to; i++) {
			Slab[] slabs = read(in, plan, i, op.halo());
			if (op instanceof SlabTransform.Reporting) {
				SlabTransform.Output<? extends Serializable> o = ((SlabTransform.Reporting<?>) op).transform(slabs);
				write(o.planes, slabs, sink);
				results.add(o.result);
			} else {
				write(op, slabs, sink);
				results.add(null);
			}
		}
		return results;
	}

	/** The slabs' results from elsewhere kept by the asking transform, in slab order. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void keep(SlabTransform op, SlabPlan plan, List<Serializable> results) {
		if (results.size() != plan.count()) throw new IllegalStateException(plan.count() + " slabs transformed, " + results.size() + " results");
		if (!(op instanceof SlabTransform.Reporting)) return;
		for (int i = 0; i < plan.count(); i++) ((SlabTransform.Reporting) op).keep(plan.start(i), results.get(i));
	}

	private static Slab[] read(List<? extends VolumeSource> inputs, SlabPlan plan, int i, int halo) {
		return SlabStreamer.read(inputs, plan, i, halo, halo);
	}

	private static void write(SlabTransform op, Slab[] slabs, SliceSink sink) {
		write(op.apply(slabs), slabs, sink);
	}

	private static void write(Object[] out, Slab[] slabs, SliceSink sink) {
		if (out.length != slabs[0].coreDepth())
			throw new IllegalStateException("The operation gave " + out.length + " slices for slab " + slabs[0]);
		for (int k = 0; k < out.length; k++) sink.write(slabs[0].z0() + k, out[k]);
	}
}
