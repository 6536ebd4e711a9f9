package org.cathodej.segment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.phase.PhaseVolumes;
import org.cathodej.segment.features.FeatureComputer;
import org.cathodej.segment.features.FeatureTiles;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.SlabTransform;
import org.cathodej.volume.SliceSink;
import org.cathodej.volume.SourceImg;
import org.cathodej.volume.SpillVolume;
import org.cathodej.volume.StreamedOutput;
import org.cathodej.volume.VolumeSource;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;

/**
 * {@link PixelClassifier#apply} in bounded memory. Pass 1 computes the features slab by slab with their halo
 * (reading the inputs lazily) and spills the quantised probabilities (2 bytes per voxel) to a file on disk while
 * accumulating the histogram of the prior estimate; pass 2 reads them back slab by slab, decides the labels and
 * writes them to a {@link SliceSink}. The per-voxel arithmetic is the in-memory one and the counts are summed in
 * slice order, so labels and fractions are bit-identical to the in-memory result. Probability maps and the
 * uncertainty image (12 and 4 bytes per voxel) are not streamed.
 */
public final class StreamedClassification {

	private StreamedClassification() {}

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
		FeatureTiles tiles = FeatureTiles.plan(probe, w, h, d, opt.memoryBudget, inputBytes);
		int slab = tiles.slabSlices();
		List<RandomAccessibleInterval<? extends RealType<?>>> channels = new ArrayList<>();
		for (VolumeSource s : in) channels.add(lazy(s, slab + 2 * probe.halo() + 1));
		pc.features(channels, vs); // checks the channels against the classifier
		double[][][] maps = pc.maps(channels);
		pc.checkInputs(channels, maps);
		long slabBytes = tiles.slabBytes();
		MemoryBudget.require(slabBytes, "Feature slab (" + tiles + ") x " + pc.settings().numFeatures() + " features", 0);
		ClassificationResult r = new ClassificationResult(w, h, d, false, false, false, slab, slabBytes);
		long[] hist = opt.priorCorrection ? new long[256 * 256] : null;
		try (SpillVolume q = new SpillVolume(spill, 2 * w, h, d)) {
			SlabStreamer.drive((d + slab - 1) / slab, i -> pc.quantisedProbabilities(tiles, channels, maps, i * slab, Math.min(d, (i + 1) * slab), opt,
				Progress.NONE), (qs, i) -> {
					for (int k = 0; k < qs.length; k++) {
						q.write(i * slab + k, qs[k]);
						if (hist != null) PixelClassifier.histogram(qs[k], hist);
					}
				}, pr.range(0, 0.85));
			double[] weight = pc.priorWeights(hist, r);
			StreamedOutput.run(Collections.singletonList(q), plan, labels(w, h, weight, opt, pl, r), sink, pr.range(0.85, 1));
		}
		r.margin = opt.margin;
		return r;
	}

	@SuppressWarnings("unchecked")
	private static RandomAccessibleInterval<? extends RealType<?>> lazy(VolumeSource s, int planes) {
		return (RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) SourceImg.of(s, planes);
	}

	/** Pass 2 on a slab of the spilled probabilities: labels (as label values) and the slices' counts in order. */
	private static SlabTransform labels(int w, int h, double[] weight, PixelClassifier.ApplyOptions opt, PhaseLabels pl, ClassificationResult r) {
		return slabs -> {
			Slab s = slabs[0];
			int n = s.coreDepth();
			byte[][] lab = new byte[n][w * h];
			long[][] st = new long[n][3 * PixelClassifier.CLASSES];
			double[][] so = new double[n][PixelClassifier.CLASSES];
			Parallel.forEach(n, opt.threads, k -> PixelClassifier.decide((byte[]) s.plane(s.z0() + k), w, h, weight, opt, lab[k], st[k], so[k], null, null));
			for (int k = 0; k < n; k++) PixelClassifier.add(r, st[k], so[k]);
			PlanarImg<?, ?> img = PhaseVolumes.fromPhases(lab, w, h, pl);
			return SlabTransform.planes(img, 0, n);
		};
	}
}
