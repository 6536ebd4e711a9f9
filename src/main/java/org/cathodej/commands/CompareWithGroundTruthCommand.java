package org.cathodej.commands;

import org.cathodej.imagej.Volumes;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.run.ResultsTables;
import org.cathodej.segment.Comparison;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/** Segment > Compare with Ground Truth: confusion matrix, IoU, accuracy and fraction errors. */
@Plugin(type = Command.class, label = "Compare with Ground Truth",
	description = "Voxel-wise comparison of a segmentation with a ground-truth label image: confusion matrix, per-phase IoU, recall, precision, accuracy and fraction errors")
public class CompareWithGroundTruthCommand extends LabelAnalysisCommand {

	@Parameter(label = "Ground truth", description = "label image of the true phases, same size", persist = false)
	public ImagePlus ground_truth;

	@Parameter(label = "Truth pore label", min = "0", max = "65535")
	public int truth_pore = PhaseLabels.DEFAULT_PORE;

	@Parameter(label = "Truth CAM label", min = "0", max = "65535")
	public int truth_cam = PhaseLabels.DEFAULT_CAM;

	@Parameter(label = "Truth ISE label", min = "0", max = "65535")
	public int truth_ise = PhaseLabels.DEFAULT_ISE;

	@Parameter(type = ItemIO.OUTPUT, label = "Segmentation Quality")
	public ResultsTable quality;

	@Parameter(type = ItemIO.OUTPUT, label = "Confusion Matrix")
	public ResultsTable confusion;

	@SuppressWarnings("unchecked")
	@Override
	public void run() {
		RandomAccessibleInterval<? extends IntegerType<?>> seg = labelVolume(false, "Compare with Ground Truth");
		PhaseLabels pl = phaseLabels();
		if (ground_truth == null) throw new IllegalArgumentException("Give the ground-truth label image: ground_truth=[title].");
		Volumes.requireLabelImage(ground_truth, "Compare with Ground Truth (ground truth)");
		SegmentSupport.sameSize(labels, ground_truth, "ground-truth");
		PhaseLabels tl = new PhaseLabels(truth_pore, truth_cam, truth_ise);
		convention("truth_labels", tl.asMap());
		convention("confusion_rows", "rows = true phase, columns = segmented phase; 'other' = labels that are none of the three");
		Comparison c = Comparison.of(seg, pl, (RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) Volumes.wrap(ground_truth), tl,
			Parallel.defaultThreads(), progress());
		quality = new ResultsTable();
		for (int p = 0; p < 3; p++) {
			quality.incrementCounter();
			quality.addLabel(Comparison.name(p));
			ResultsTables.put(quality, "iou", c.iou(p), "the phase is in neither image");
			ResultsTables.put(quality, "recall", c.recall(p), "the phase is absent from the ground truth");
			ResultsTables.put(quality, "precision", c.precision(p), "the phase is absent from the segmentation");
			quality.addValue("true_fraction", c.truthFraction(p));
			quality.addValue("segmented_fraction", c.segmentedFraction(p));
			quality.addValue("fraction_error", c.fractionError(p));
			quality.addValue("accuracy", c.accuracy());
		}
		confusion = new ResultsTable();
		for (int t = 0; t < 4; t++) {
			confusion.incrementCounter();
			confusion.addLabel("true " + Comparison.name(t));
			for (int s = 0; s < 4; s++) confusion.addValue("segmented_" + Comparison.name(s).toLowerCase(java.util.Locale.ROOT), c.count(t, s));
		}
	}
}
