package org.cathodej.segment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.phase.PhaseVolumes;
import org.cathodej.segment.features.FeatureComputer;
import org.cathodej.segment.features.FeatureTiles;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabKernel;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.SlabTransform;
import org.cathodej.volume.SliceSink;
import org.cathodej.volume.SourceImg;
import org.cathodej.volume.SpillVolume;
import org.cathodej.volume.StreamedOutput;
import org.cathodej.volume.TransformExecutor;
import org.cathodej.volume.VolumeSource;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;

/**
 * {@link PixelClassifier#apply} in bounded memory. Pass 1 computes the features slab by slab with their halo
 * (reading the inputs lazily) and spills the quantised probabilities (2 bytes per voxel) to a file on disk while
 * accumulating the histogram of the prior estimate; pass 2 reads them back slab by slab, decides the labels and
 * writes them to a {@link SliceSink}. Inputs that run slab work where they live ({@link TransformExecutor}, e.g. a
 * Spark cluster) have no disk shared for the spill: there pass 1 sums the histogram of each slab
 * ({@link SlabKernel}) and pass 2 recomputes each slab's probabilities from the inputs (the features of a slice do
 * not depend on the slab it is computed in). The per-voxel arithmetic is the in-memory one and the counts are summed
 * in slice order, so labels and fractions are bit-identical to the in-memory result. Probability maps and the
 * uncertainty image (12 and 4 bytes per voxel) are not streamed.
 */
public final class StreamedClassification {

	private StreamedClassification() {}

	/** Whether the probabilities are spilled to disk (else recomputed where the inputs' slabs are read). */
	public static boolean spills(List<? extends VolumeSource> in) {
		return !SlabStreamer.elsewhere(in, TransformExecutor.class);
	}

	/**
	 * @param plan slabs of the labelling pass (the feature slabs follow {@link PixelClassifier.ApplyOptions#memoryBudget})
	 * @param spill a file that does not exist yet, for the intermediate (2 bytes per voxel; deleted at the end)
	 * @return fractions and priors ({@code labels} null: the labels are in the sink)
	 */
	public static ClassificationResult apply(PixelClassifier pc, List<? extends VolumeSource> in, VoxelSize vs, PixelClassifier.ApplyOptions opt,
		PhaseLabels pl, SlabPlan plan, Path spill, SliceSink sink, Progress progress) {
		if (opt.probabilities || opt.uncertainty)
			throw new IllegalArgumentException("Probability maps and the uncertainty image are not streamed (12 and 4 bytes per voxel): untick them, "
				+ "or classify a sub-volume in memory (streaming=never).");
		Progress pr = progress == null ? Progress.NONE : progress;
		VolumeSource s0 = in.get(0);
		int w = s0.width(), h = s0.height(), d = s0.depth();
		FeatureComputer probe = new FeatureComputer(pc.settings(), vs, w, h, d);
		long inputBytes = 2L * w * h; // the slab's quantised probabilities (2 B/voxel) until spilled
		for (VolumeSource s : in) inputBytes += (long) w * h * s.bytesPerVoxel(); // cached input slices
		FeatureTiles tiles = pc.featurePlan(probe, w, h, d, opt.memoryBudget, inputBytes);
		int slab = tiles.slabSlices();
		List<RandomAccessibleInterval<? extends RealType<?>>> channels = new ArrayList<>();
		for (VolumeSource s : in) channels.add(lazy(s, slab + 2 * probe.halo() + 1));
		FeatureComputer fc = pc.features(channels, vs); // checks the channels against the classifier
		double[][][] maps = pc.maps(channels);
		pc.checkInputs(channels, maps);
		long slabBytes = tiles.slabBytes();
		MemoryBudget.require(slabBytes, "Feature slab (" + tiles + ") x " + pc.settings().numFeatures() + " features", 0);
		ClassificationResult r = new ClassificationResult(w, h, d, false, false, false, slab, slabBytes);
		Probabilities prob = new Probabilities(pc, vs, maps, tiles, fc.halo(), opt);
		if (spills(in)) {
			long[] hist = opt.priorCorrection ? new long[256 * 256] : null;
			try (SpillVolume q = new SpillVolume(spill, 2 * w, h, d)) {
				SlabStreamer.drive((d + slab - 1) / slab, i -> prob.of(channels, i * slab, Math.min(d, (i + 1) * slab)), (qs, i) -> {
					for (int k = 0; k < qs.length; k++) {
						q.write(i * slab + k, qs[k]);
						if (hist != null) PixelClassifier.histogram(qs[k], hist);
					}
				}, pr.range(0, 0.85));
				StreamedOutput.run(Collections.singletonList(q), plan, new Labelling(null, pc.priorWeights(hist, r), opt, pl, r), sink, pr.range(0.85, 1));
			}
		} else {
			long[] hist = opt.priorCorrection ? SlabStreamer.run(in, plan, new Histogram(prob), pr.range(0, 0.5)) : null;
			StreamedOutput.run(in, plan, new Labelling(prob, pc.priorWeights(hist, r), opt, pl, r), sink, pr.range(0.5, 1));
		}
		r.margin = opt.margin;
		return r;
	}

	@SuppressWarnings("unchecked")
	private static RandomAccessibleInterval<? extends RealType<?>> lazy(VolumeSource s, int planes) {
		return (RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) SourceImg.of(s, planes);
	}

	/**
	 * Pass 1's work on any slices, portable: the classifier (carried in its file format, read once per copy), the
	 * normalisation maps of the whole volume and the feature slab height.
	 */
	static final class Probabilities implements Serializable {
		private static final long serialVersionUID = 1L;
		private final byte[] file;
		private final VoxelSize vs;
		private final double[][][] maps;
		private final int slab, halo, columns, rows; // feature slabs of the plan, and its tile grid
		private final PixelClassifier.ApplyOptions opt;
		private transient PixelClassifier pc;

		Probabilities(PixelClassifier pc, VoxelSize vs, double[][][] maps, FeatureTiles tiles, int halo, PixelClassifier.ApplyOptions opt) {
			ByteArrayOutputStream b = new ByteArrayOutputStream();
			try (DataOutputStream out = new DataOutputStream(b)) {
				pc.write(out);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			this.file = b.toByteArray();
			this.pc = pc;
			this.vs = vs;
			this.maps = maps;
			this.slab = tiles.slabSlices();
			this.columns = tiles.columns();
			this.rows = tiles.rows();
			this.halo = halo;
			this.opt = opt;
		}

		/** Quantised probabilities of slices [z0, z1) of the whole-volume channels, in feature slabs of at most {@code slab} slices. */
		byte[][] of(List<RandomAccessibleInterval<? extends RealType<?>>> channels, int z0, int z1) {
			PixelClassifier c = classifier();
			FeatureComputer fc = c.features(channels, vs);
			int w = Slices.width(channels.get(0)), h = Slices.height(channels.get(0));
			FeatureTiles tiles = columns * rows == 1 ? FeatureTiles.slices(fc, w, h, slab) : FeatureTiles.grid(fc, w, h, columns, rows, slab);
			byte[][] q = new byte[z1 - z0][];
			for (int a = z0; a < z1; a += slab) {
				byte[][] part = c.quantisedProbabilities(tiles, channels, maps, a, Math.min(z1, a + slab), opt, Progress.NONE);
				System.arraycopy(part, 0, q, a - z0, part.length);
			}
			return q;
		}

		/** The core slices of aligned slabs read with the feature {@link #halo}. */
		byte[][] of(Slab[] slabs) {
			List<RandomAccessibleInterval<? extends RealType<?>>> channels = new ArrayList<>();
			for (Slab s : slabs) channels.add(lazy(s.asVolume(vs), s.coreDepth() + s.haloBelow() + s.haloAbove()));
			return of(channels, slabs[0].z0(), slabs[0].z1());
		}

		private PixelClassifier classifier() {
			if (pc == null) try {
				pc = PixelClassifier.read(new DataInputStream(new ByteArrayInputStream(file)), "the classifier sent with the task");
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return pc;
		}
	}

	/** Pass 1 where the inputs live: the 256 x 256 histogram of each slab's quantised probabilities, summed. */
	static final class Histogram implements SlabKernel<long[]>, Serializable {
		private static final long serialVersionUID = 1L;
		private final Probabilities prob;

		Histogram(Probabilities prob) {
			this.prob = prob;
		}

		@Override public int haloBelow() { return prob.halo; }
		@Override public int haloAbove() { return prob.halo; }

		@Override
		public long[] partial(Slab slab) {
			return partial(new Slab[] { slab });
		}

		@Override
		public long[] partial(Slab[] slabs) {
			long[] hist = new long[256 * 256];
			for (byte[] qz : prob.of(slabs)) PixelClassifier.histogram(qz, hist);
			return hist;
		}

		@Override
		public long[] merge(long[] lower, long[] upper) {
			long[] m = lower.clone();
			for (int i = 0; i < m.length; i++) m[i] += upper[i];
			return m;
		}
	}

	/**
	 * Pass 2 on a slab: labels (as label values) and, as the slab's result, each slice's counts, added in slice order.
	 * Its input is the spilled probabilities, or ({@code recompute} set) the inputs read with the feature halo.
	 */
	static final class Labelling implements SlabTransform.Reporting<SliceCounts> {
		private static final long serialVersionUID = 1L;
		private final Probabilities recompute;
		private final double[] weight;
		private final PixelClassifier.ApplyOptions opt;
		private final int pore, cam, ise, w, h;
		private final transient ClassificationResult r;

		Labelling(Probabilities recompute, double[] weight, PixelClassifier.ApplyOptions opt, PhaseLabels pl, ClassificationResult r) {
			this.w = r.width;
			this.h = r.height;
			this.recompute = recompute;
			this.weight = weight;
			this.opt = opt;
			this.pore = pl.pore();
			this.cam = pl.cam();
			this.ise = pl.ise();
			this.r = r;
		}

		@Override
		public int halo() {
			return recompute == null ? 0 : recompute.halo;
		}

		@Override
		public SlabTransform.Output<SliceCounts> transform(Slab[] s) {
			int n = s[0].coreDepth();
			byte[][] q = recompute != null ? recompute.of(s) : spilled(s[0]);
			byte[][] lab = new byte[n][w * h];
			SliceCounts c = new SliceCounts(n);
			Parallel.forEach(n, opt.threads, k -> PixelClassifier.decide(q[k], w, h, weight, opt, lab[k], c.stats[k], c.soft[k], null, null));
			PlanarImg<?, ?> img = PhaseVolumes.fromPhases(lab, w, h, new PhaseLabels(pore, cam, ise));
			return new SlabTransform.Output<>(SlabTransform.planes(img, 0, n), c);
		}

		/** The core slices of a slab of the spilled probabilities. */
		private static byte[][] spilled(Slab s) {
			byte[][] q = new byte[s.coreDepth()][];
			for (int k = 0; k < q.length; k++) q[k] = (byte[]) s.plane(s.z0() + k);
			return q;
		}

		@Override
		public void keep(int z0, SliceCounts c) {
			for (int k = 0; k < c.stats.length; k++) PixelClassifier.add(r, c.stats[k], c.soft[k]);
		}
	}

	/** Per slice of a slab: counts (winners, low, high) and soft sums. */
	static final class SliceCounts implements Serializable {
		private static final long serialVersionUID = 1L;
		final long[][] stats;
		final double[][] soft;

		SliceCounts(int slices) {
			stats = new long[slices][3 * PixelClassifier.CLASSES];
			soft = new double[slices][PixelClassifier.CLASSES];
		}
	}
}
