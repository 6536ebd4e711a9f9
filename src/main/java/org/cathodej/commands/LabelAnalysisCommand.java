package org.cathodej.commands;

import org.cathodej.image.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.scijava.plugin.Parameter;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Base of the analyses that read a segmented (label) volume: the label image (the label values come from
 * {@link PhaseLabelsCommand}) and the checks every such analysis needs (integer image, calibration).
 */
public abstract class LabelAnalysisCommand extends PhaseLabelsCommand {

	@Parameter(label = "Label image", description = "8- or 16-bit segmented volume (pore / CAM / ISE)", persist = false)
	public ImagePlus labels;





	/**
	 * The label volume as an ImgLib2 image sharing the ImagePlus's arrays (never modified). Rejects RGB and float
	 * images and, when {@code need3D}, single slices.
	 */
	@SuppressWarnings("unchecked")
	protected RandomAccessibleInterval<? extends IntegerType<?>> labelVolume(boolean need3D, String step) {
		if (labels == null) throw new IllegalArgumentException(step + " needs a label image: open or select one.");
		if (need3D) Volumes.require3D(labels, step);
		Volumes.requireLabelImage(labels, step);
		return (RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) Volumes.wrap(labels);
	}

	/** Voxel size of the label image; notes when it is uncalibrated so results are in voxel units. */
	protected VoxelSize voxelSize() {
		VoxelSize vs = Volumes.voxelSize(labels);
		if (!vs.isCalibrated()) note(labels.getTitle() + " has no spatial calibration: results are in voxel units.");
		convention("voxel_size", vs.x() + " x " + vs.y() + " x " + vs.z() + " " + vs.unit());
		return vs;
	}
}
