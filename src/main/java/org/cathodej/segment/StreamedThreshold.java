package org.cathodej.segment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.phase.PhaseVolumes;
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

import net.imglib2.img.planar.PlanarImg;

/**
 * {@link ThresholdSegmentation} slab by slab: passes over the slabs find the histogram ranges and histograms (SE,
 * then BSE outside the pores; or BSE alone), the thresholds follow as in memory, and a last pass labels the slices
 * and writes them to a {@link SliceSink}. Smoothing is in-plane and the counts are integers, so thresholds and labels
 * are bit-identical to the in-memory segmentation for any slab height. The majority filter (3x3x3) runs on each
 * slab with a one-slice halo, which gives its core exactly the whole-volume result. The minimum-island clean-up is
 * not streamed: an island is a 3D connected piece of any extent, and its merge depends on all its neighbours. The
 * statistics passes are {@link SlabKernel}s and the labelling pass a {@link SlabTransform.Reporting} transform, so
 * inputs that run slab work where they live (e.g. a Spark cluster) run every pass there.
 */
public final class StreamedThreshold {

	private StreamedThreshold() {}

	/** Why the island clean-up is refused when streaming (also the command's message). */
	public static final String ISLAND_LIMIT = "The minimum-island clean-up is not streamed: an island is a 3D connected piece of any size and "
		+ "its merge depends on all its neighbours. Use min_island=0 (the majority filter is streamed), or streaming=never on a sub-volume that fits.";

	/**
	 * @param se SE volume (null: three-class Otsu on BSE)
	 * @return thresholds, clean-up counts and phase voxels ({@code phase} null: the labels are in the sink)
	 */
	public static ThresholdSegmentation.Result segment(VolumeSource bse, VolumeSource se, SlabPlan plan, VoxelSize vs, ThresholdSegmentation.Params p,
		PhaseLabels pl, SliceSink sink, Progress progress) {
		if (p.minIsland > 0) throw new IllegalArgumentException(ISLAND_LIMIT);
		Progress pr = progress == null ? Progress.NONE : progress;
		List<VolumeSource> in = se == null ? Arrays.asList(bse) : Arrays.asList(bse, se);
		ThresholdSegmentation.Result r = new ThresholdSegmentation.Result(null);
		double cut = Double.NaN;
		if (se != null) {
			double[] ms = range(in, plan, vs, p, 1, Double.NaN, pr.range(0, 0.2));
			cut = ThresholdSegmentation.edge(ms, p.bins, ThresholdSegmentation.otsu2(histogram(in, plan, vs, p, 1, Double.NaN, ms, pr.range(0.2, 0.4))));
			r.seThreshold = cut;
			double[] mb = range(in, plan, vs, p, 0, cut, pr.range(0.4, 0.6));
			long[] hb = histogram(in, plan, vs, p, 0, cut, mb, pr.range(0.6, 0.8));
			r.bseThresholds = new double[] { ThresholdSegmentation.edge(mb, p.bins, ThresholdSegmentation.otsu2(hb)) };
		} else {
			double[] mb = range(in, plan, vs, p, 0, Double.NaN, pr.range(0, 0.3));
			int[] t = ThresholdSegmentation.otsu3(histogram(in, plan, vs, p, 0, Double.NaN, mb, pr.range(0.3, 0.6)));
			r.bseThresholds = new double[] { ThresholdSegmentation.edge(mb, p.bins, t[0]), ThresholdSegmentation.edge(mb, p.bins, t[1]) };
		}
		r.voxelsPerPhase = new long[3];
		StreamedOutput.run(in, plan, new Labels(vs, p, pl, cut, r), sink, pr.range(se != null ? 0.8 : 0.6, 1));
		return r;
	}

	/**
	 * The labelling pass: phases of the slab (and its halo for the majority filter), label values of the core; as the
	 * slab's result {pore, CAM, ISE voxels, voxels changed by the majority filter}, added into the result.
	 */
	static final class Labels implements SlabTransform.Reporting<long[]> {
		private static final long serialVersionUID = 1L;
		private final VoxelSize vs;
		private final ThresholdSegmentation.Params p;
		private final int pore, cam, ise;
		private final double seCut;
		private final double[] bseThresholds;
		private final transient ThresholdSegmentation.Result r;

		Labels(VoxelSize vs, ThresholdSegmentation.Params p, PhaseLabels pl, double seCut, ThresholdSegmentation.Result r) {
			this.vs = vs;
			this.p = p;
			this.pore = pl.pore();
			this.cam = pl.cam();
			this.ise = pl.ise();
			this.seCut = seCut;
			this.bseThresholds = r.bseThresholds.clone();
			this.r = r;
		}

		@Override
		public int halo() {
			return p.majorityFilter ? 1 : 0;
		}

		@Override
		public SlabTransform.Output<long[]> transform(Slab[] s) {
			int first = s[0].z0() - s[0].haloBelow(), n = s[0].z1() + s[0].haloAbove() - first, w = s[0].width(), h = s[0].height();
			byte[][] ph = new byte[n][];
			Parallel.forEach(n, p.threads, k -> {
				float[][] sm = smoothed(s, first + k, vs, p);
				ph[k] = new byte[w * h];
				ThresholdSegmentation.label(ph[k], sm[0], sm.length > 1 ? ThresholdSegmentation.pores(sm[1], seCut, p) : null, bseThresholds, p);
			});
			byte[][] core = new byte[s[0].coreDepth()][];
			int from = s[0].haloBelow();
			long[] counts = new long[4];
			if (p.majorityFilter) counts[3] = Cleanup.majority(ph, from, from + core.length, w, h, p.threads, core);
			else System.arraycopy(ph, from, core, 0, core.length);
			for (byte[] c : core) ThresholdSegmentation.count(c, counts);
			PlanarImg<?, ?> img = PhaseVolumes.fromPhases(core, w, h, new PhaseLabels(pore, cam, ise));
			return new SlabTransform.Output<>(SlabTransform.planes(img, 0, core.length), counts);
		}

		@Override
		public void keep(int z0, long[] counts) {
			for (int i = 0; i < 3; i++) r.voxelsPerPhase[i] += counts[i];
			r.voxelsChangedByMajority += counts[3];
		}
	}

	/** Slice z of every input, smoothed in-plane as in memory. */
	private static float[][] smoothed(Slab[] s, int z, VoxelSize vs, ThresholdSegmentation.Params p) {
		float[][] out = new float[s.length][];
		for (int c = 0; c < s.length; c++) out[c] = ThresholdSegmentation.smooth(s[c].floats(z), s[c].width(), s[c].height(), vs, p);
		return out;
	}

	/** Histogram range of input {@code channel} (outside the SE pores when seCut is a number). */
	private static double[] range(List<VolumeSource> in, SlabPlan plan, VoxelSize vs, ThresholdSegmentation.Params p, int channel, double seCut,
		Progress pr) {
		double[] r = SlabStreamer.run(in, plan, new Range(vs, p, channel, seCut), pr);
		return ThresholdSegmentation.histogramRange(r[0], r[1]);
	}

	private static long[] histogram(List<VolumeSource> in, SlabPlan plan, VoxelSize vs, ThresholdSegmentation.Params p, int channel, double seCut,
		double[] mm, Progress pr) {
		return SlabStreamer.run(in, plan, new Histogram(vs, p, channel, seCut, mm), pr);
	}

	/**
	 * A statistic of the smoothed slices of input {@code channel} (outside the SE pores when seCut is a number), one
	 * per slice, combined in slice order with {@link #merge}: a slab kernel over the aligned inputs.
	 */
	abstract static class SliceStats<T extends Serializable> implements SlabKernel<T>, Serializable {
		private static final long serialVersionUID = 1L;
		final VoxelSize vs;
		final ThresholdSegmentation.Params p;
		final int channel;
		final double seCut;

		SliceStats(VoxelSize vs, ThresholdSegmentation.Params p, int channel, double seCut) {
			this.vs = vs;
			this.p = p;
			this.channel = channel;
			this.seCut = seCut;
		}

		/** The statistic of one slice: the channel's smoothed values, and the pores to skip (null: none). */
		abstract T of(float[][] values, boolean[][] skip);

		@Override
		public T partial(Slab slab) {
			return partial(new Slab[] { slab });
		}

		@Override
		public T partial(Slab[] s) {
			List<T> part = new ArrayList<>();
			for (int k = 0; k < s[0].coreDepth(); k++) part.add(null);
			Parallel.forEach(part.size(), p.threads, k -> {
				float[][] sm = smoothed(s, s[0].z0() + k, vs, p);
				part.set(k, of(new float[][] { sm[channel] }, Double.isNaN(seCut) ? null : new boolean[][] { ThresholdSegmentation.pores(sm[1], seCut, p) }));
			});
			return mergeAll(part);
		}
	}

	/** Smallest and largest value. */
	static final class Range extends SliceStats<double[]> {
		private static final long serialVersionUID = 1L;

		Range(VoxelSize vs, ThresholdSegmentation.Params p, int channel, double seCut) {
			super(vs, p, channel, seCut);
		}

		@Override double[] of(float[][] values, boolean[][] skip) { return ThresholdSegmentation.rawRange(values, skip); }

		@Override
		public double[] merge(double[] a, double[] b) {
			return new double[] { Math.min(a[0], b[0]), Math.max(a[1], b[1]) };
		}
	}

	/** The histogram over the range {@code mm}. */
	static final class Histogram extends SliceStats<long[]> {
		private static final long serialVersionUID = 1L;
		private final double[] mm;

		Histogram(VoxelSize vs, ThresholdSegmentation.Params p, int channel, double seCut, double[] mm) {
			super(vs, p, channel, seCut);
			this.mm = mm;
		}

		@Override long[] of(float[][] values, boolean[][] skip) { return ThresholdSegmentation.histogram(values, skip, mm, p.bins); }

		@Override
		public long[] merge(long[] a, long[] b) {
			long[] c = a.clone();
			for (int i = 0; i < c.length; i++) c[i] += b[i];
			return c;
		}
	}
}
