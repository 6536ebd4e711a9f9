package org.cathodej.destripe;

import java.util.Collections;

import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabTransform;
import org.cathodej.volume.SliceSink;
import org.cathodej.volume.StreamedOutput;
import org.cathodej.volume.VolumeSource;

/**
 * {@link Destriper} slab by slab into a {@link SliceSink}: each slice is filtered on its own, so the output is
 * bit-identical to the in-memory result for any slab height. The automatic mode chooses its setting first on the
 * same (up to 3) sample slices, read from the source.
 */
public final class StreamedDestriper {

	private StreamedDestriper() {}

	/** @return the setting used and the per-slice energies ({@code output} null: the slices are in the sink) */
	public static Destriper.Result run(VolumeSource src, SlabPlan plan, Destriper.Params p, SliceSink sink, Progress progress) {
		Progress pr = progress == null ? Progress.NONE : progress;
		int w = src.width(), h = src.height(), d = src.depth();
		Destriper.Setting set = Destriper.setting(w, h, d, z -> Slab.floats(src.readPlanes(z, z + 1)[0]), p, pr);
		Destriper.SliceStats[] stats = new Destriper.SliceStats[d];
		SlabTransform op = SlabTransform.perSlice(src.bytesPerVoxel(), w, h, p.threads, (z, in) -> set.slice(z, in[0], w, h, stats));
		StreamedOutput.run(Collections.singletonList(src), plan, op, sink, pr.range(p.auto ? 0.3 : 0, 1));
		return set.result(null, stats);
	}

	/** Working memory per voxel of a slab: the input and output samples and a float copy. */
	public static double bytesPerVoxel(int inputBytes) {
		return 2.0 * inputBytes + 4;
	}
}
