package org.cathodej.destripe;

import java.util.Arrays;
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
		SlabTransform op = new Slices(set, src.bytesPerVoxel(), w, h, p.threads, stats);
		StreamedOutput.run(Collections.singletonList(src), plan, op, sink, pr.range(p.auto ? 0.3 : 0, 1));
		return set.result(null, stats);
	}

	/**
	 * Each slice destriped, its energies the slab's result: portable, so the slices may be computed on other machines
	 * (cathodej-spark) and the energies kept here.
	 */
	private static final class Slices implements SlabTransform.Reporting<Destriper.SliceStats[]> {
		private static final long serialVersionUID = 1L;
		private final Destriper.Setting set;
		private final int bytes, w, h, threads;
		private final transient Destriper.SliceStats[] stats;

		Slices(Destriper.Setting set, int bytes, int w, int h, int threads, Destriper.SliceStats[] stats) {
			this.set = set;
			this.bytes = bytes;
			this.w = w;
			this.h = h;
			this.threads = threads;
			this.stats = stats;
		}

		@Override
		public SlabTransform.Output<Destriper.SliceStats[]> transform(Slab[] inputs) {
			Slab s = inputs[0];
			Destriper.SliceStats[] all = new Destriper.SliceStats[s.volumeDepth()]; // set.slice files them by z
			Object[] planes = SlabTransform.perSlice(bytes, w, h, threads, (z, in) -> set.slice(z, in[0], w, h, all)).apply(inputs);
			return new SlabTransform.Output<>(planes, Arrays.copyOfRange(all, s.z0(), s.z1()));
		}

		@Override
		public void keep(int z0, Destriper.SliceStats[] result) {
			System.arraycopy(result, 0, stats, z0, result.length);
		}
	}

	/** Working memory per voxel of a slab: the input and output samples and a float copy. */
	public static double bytesPerVoxel(int inputBytes) {
		return 2.0 * inputBytes + 4;
	}
}
