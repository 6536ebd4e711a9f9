package org.cathodej.illumination;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabKernel;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.SlabTransform;
import org.cathodej.volume.SliceSink;
import org.cathodej.volume.StreamedOutput;
import org.cathodej.volume.VolumeSource;

/**
 * {@link IlluminationCorrector} in slice mode, streamed: a first pass over the slabs finds the input range and the
 * ratio range of the whole stack (the linear map needs both), a second pass divides each slice by its blurred copy
 * again and writes the mapped slice. Each slice's blur depends on that slice only, so the output is bit-identical to
 * the in-memory correction for any slab height; the price is blurring every slice twice. The 3D mode (blur across
 * slices) is not streamed: its z blur reaches many sigmas along z and is refused here with that reason.
 */
public final class StreamedIllumination {

	private StreamedIllumination() {}

	/** Per-slice input range, ratio range and field statistics of a run of slices (merge = concatenation). */
	static final class SliceStats implements Serializable {
		private static final long serialVersionUID = 1L;
		final double[][] v; // inMin, inMax, rMin, rMax, fMin, fMax, fMean per slice

		SliceStats(int n) {
			v = new double[7][n];
		}

		SliceStats merge(SliceStats upper) {
			SliceStats m = new SliceStats(v[0].length + upper.v[0].length);
			for (int k = 0; k < 7; k++) {
				System.arraycopy(v[k], 0, m.v[k], 0, v[k].length);
				System.arraycopy(upper.v[k], 0, m.v[k], v[k].length, upper.v[k].length);
			}
			return m;
		}

		double min(int k) {
			return Arrays.stream(v[k]).min().orElse(0);
		}

		double max(int k) {
			return Arrays.stream(v[k]).max().orElse(0);
		}
	}

	/** The first pass: per-slice statistics of a slab (serializable: it may run on other machines, cathodej-spark). */
	static SlabKernel<SliceStats> statistics(double sx, double sy, int threads) {
		return new Statistics(sx, sy, threads);
	}

	private static final class Statistics implements SlabKernel<SliceStats>, Serializable {
		private static final long serialVersionUID = 1L;
		private final double sx, sy;
		private final int threads;

		Statistics(double sx, double sy, int threads) {
			this.sx = sx;
			this.sy = sy;
			this.threads = threads;
		}

		@Override
		public SliceStats partial(Slab slab) {
			SliceStats s = new SliceStats(slab.coreDepth());
			Parallel.forEach(slab.coreDepth(), threads, k -> {
				float[] a = slab.floats(slab.z0() + k);
				double[] in = IlluminationCorrector.sliceRange(a);
				double[] st = IlluminationCorrector.divide(a, IlluminationCorrector.blur(a, slab.width(), slab.height(), sx, sy));
				double[] row = { in[0], in[1], st[0], st[1], st[2], st[3], st[4] };
				for (int j = 0; j < 7; j++) s.v[j][k] = row[j];
			});
			return s;
		}

		@Override
		public SliceStats merge(SliceStats lower, SliceStats upper) {
			return lower.merge(upper);
		}
	}

	/**
	 * Corrects the volume slice by slice into {@code sink}.
	 * @return the statistics (with {@code output} null: the corrected slices are in the sink)
	 */
	public static IlluminationCorrector.Result correct(VolumeSource src, SlabPlan plan, VoxelSize vs, double sigma, int threads, SliceSink sink,
		Progress progress) {
		Progress pr = progress == null ? Progress.NONE : progress;
		int w = src.width(), h = src.height(), bytes = src.bytesPerVoxel();
		double[] px = IlluminationCorrector.pixelSigmas(sigma, vs, w, h, false);
		SliceStats st = SlabStreamer.run(src, plan, statistics(px[0], px[1], threads), pr.range(0, 0.5));
		double inMin = st.min(0), inMax = st.max(1), rMin = st.min(2), rMax = st.max(3);
		double scale = rMax > rMin ? (inMax - inMin) / (rMax - rMin) : 0;
		SlabTransform.Portable map = slabs -> { // pure: may run on other machines (cathodej-spark)
			Slab s = slabs[0];
			Object[] out = new Object[s.coreDepth()];
			Parallel.forEach(out.length, threads, k -> {
				float[] a = s.floats(s.z0() + k);
				IlluminationCorrector.divide(a, IlluminationCorrector.blur(a, w, h, px[0], px[1]));
				out[k] = bytes == 1 ? new byte[w * h] : bytes == 2 ? new short[w * h] : new float[w * h];
				IlluminationCorrector.store(a, out[k], inMin, rMin, scale);
			});
			return out;
		};
		StreamedOutput.run(Collections.singletonList(src), plan, map, sink, pr.range(0.5, 1));
		return new IlluminationCorrector.Result(null, px[0], px[1], 0, rMin, rMax, st.v[4], st.v[5], st.v[6]);
	}
}
