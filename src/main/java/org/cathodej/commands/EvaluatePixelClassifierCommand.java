package org.cathodej.commands;

import java.util.List;
import java.util.Locale;

import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.results.Table;
import org.cathodej.segment.Comparison;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.SliceEvaluation;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

/**
 * Segment > Evaluate Pixel Classifier: trains on a class-stratified random sample of the ground truth on one slice
 * and measures, slice by slice, how the classifier does on the others.
 */
@Plugin(type = Command.class, label = "Evaluate Pixel Classifier",
	description = "Trains a pixel classifier on a seeded class-stratified sample of the ground truth of one slice, applies it to every slice and "
		+ "reports accuracy, balanced accuracy, per-phase IoU and fraction errors per slice and for the held-out slices")
public class EvaluatePixelClassifierCommand extends ClassifierTrainingCommand {

	@Parameter(label = "BSE image", description = "grey stack to segment", persist = false)
	public ImagePlus bse;

	@Parameter(label = "Ground truth", description = "8/16-bit label stack of the same size", persist = false)
	public ImagePlus ground_truth;

	@Parameter(label = "SE image (optional)", required = false, persist = false)
	public ImagePlus se;

	@Parameter(label = "Truth value of pore", min = "0", max = "65535")
	public int truth_pore = PhaseLabels.DEFAULT_PORE;

	@Parameter(label = "Truth value of CAM", min = "0", max = "65535")
	public int truth_cam = PhaseLabels.DEFAULT_CAM;

	@Parameter(label = "Truth value of ISE", min = "0", max = "65535")
	public int truth_ise = PhaseLabels.DEFAULT_ISE;

	@Parameter(label = "Training slice", description = "the slice (1 = first) whose sampled truth trains the classifier", min = "1")
	public int training_slice = 1;

	@Parameter(label = "Training fraction", description = "share of each phase's voxels of the training slice drawn as scribbles", min = "0.00001",
		max = "1")
	public double training_fraction = 0.01;

	@Parameter(label = "Probability smoothing (pixels)", description = "Gaussian sigma applied to the probabilities in each slice before the labels "
		+ "are decided; 0 = none", min = "0", max = "50")
	public double smoothing = 0;

	@Parameter(label = "Keep training proportions", description = "skip the EM re-estimation of phase proportions")
	public boolean keep_training_proportions = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Evaluation per Slice")
	public Table per_slice;

	@Parameter(type = ItemIO.OUTPUT, label = "Held-out Summary")
	public Table held_out;

	@SuppressWarnings("unchecked")
	@Override
	public void run() {
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = SegmentSupport.channels(bse, se);
		if (ground_truth == null) throw new IllegalArgumentException("Give the ground-truth label stack: ground_truth=[title].");
		Volumes.requireGreyscaleVolume(ground_truth);
		if (ground_truth.getBitDepth() == 32) throw new IllegalArgumentException(ground_truth.getTitle() + " is 32-bit; the ground truth must be 8- or 16-bit labels.");
		SegmentSupport.sameSize(bse, ground_truth, "ground-truth");
		if (training_slice > bse.getStackSize())
			throw new IllegalArgumentException("training_slice=" + training_slice + " but " + bse.getTitle() + " has " + bse.getStackSize() + " slices.");
		PhaseLabels tl = new PhaseLabels(truth_pore, truth_cam, truth_ise);
		convention("truth_labels", tl.asMap());
		convention("training_data", "class-stratified random sample: round(" + training_fraction + " x voxels) of each phase of slice " + training_slice
			+ " (at least 1), seed " + seed);
		VoxelSize vs = Volumes.voxelSize(bse);
		PixelClassifier.ApplyOptions o = SegmentSupport.applyOptions(!keep_training_proportions, smoothing, memory_mb);
		RandomAccessibleInterval<? extends IntegerType<?>> truth = (RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) Volumes
			.wrap(ground_truth);
		SliceEvaluation.Result r = SliceEvaluation.run(ch, truth, tl, training_slice - 1, training_fraction, seed, vs, featureSettings(vs, ch),
			intensityNormalisation(), forestParams(), forestStages(), o, progress());
		per_slice = new Table();
		for (int z = 0; z < r.perSlice.size(); z++) {
			per_slice.addRow();
			per_slice.set("slice", z + 1);
			per_slice.set("training", z == r.trainingSlice ? 1 : 0);
			row(per_slice, r.perSlice.get(z));
		}
		held_out = new Table();
		held_out.addRow();
		held_out.set("training_slice", training_slice);
		held_out.set("held_out_slices", r.perSlice.size() - 1);
		held_out.set("accuracy", r.heldOutMean(Comparison::accuracy));
		held_out.set("balanced_accuracy", r.heldOutMean(Comparison::balancedAccuracy));
		held_out.set("mean_iou", r.heldOutMean(Comparison::meanIoU));
		for (Phase p : Phase.values()) held_out.set("iou_" + key(p), r.heldOutMean(c -> c.iou(p.ordinal())));
		for (Phase p : Phase.values()) held_out.set("abs_fraction_error_" + key(p), r.heldOutMean(c -> Math.abs(c.fractionError(p.ordinal()))));
		for (Phase p : Phase.values()) held_out.set("training_voxels_" + key(p), r.trainingSamples[p.ordinal()]);
		ij.IJ.log(String.format(Locale.ROOT, "Evaluate Pixel Classifier: training %.2f s, applying %.2f s (%d slices)", r.trainSeconds, r.applySeconds,
			r.perSlice.size()));
		if (r.perSlice.size() == 1) note("The stack has one slice: there is no held-out slice, so the held-out means are empty.");
	}

	private static void row(Table t, Comparison c) {
		t.set("accuracy", c.accuracy());
		t.set("balanced_accuracy", c.balancedAccuracy());
		t.set("mean_iou", c.meanIoU());
		for (Phase p : Phase.values()) t.set("iou_" + key(p), c.iou(p.ordinal()));
		for (Phase p : Phase.values()) t.set("fraction_error_" + key(p), c.fractionError(p.ordinal()));
	}

	private static String key(Phase p) {
		return p.displayName().toLowerCase(Locale.ROOT);
	}
}
