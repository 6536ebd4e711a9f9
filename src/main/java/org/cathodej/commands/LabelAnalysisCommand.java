package org.cathodej.commands;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cathodej.imagej.ImagePlusSource;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.MemoryBudget;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.Streaming;
import org.cathodej.volume.VolumeSource;
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

	@Parameter(label = "Streaming", description = "analyse slab by slab in bounded memory: auto = when the image is virtual (Image "
		+ "Sequence / TIFF virtual stack, a slice folder or HDF5 dataset on the command line) or does not fit in memory; always = even when it fits; never = "
		+ "hold the whole volume. Results are identical; analyses without a streamed version refuse 'always'",
		choices = { "auto", "always", "never" })
	public String streaming = "auto";

	@Parameter(label = "Slab height (slices)", description = "slices per slab when streaming; 0 = as many as a quarter of the free "
		+ "memory holds (at most 256)", min = "0", max = "100000")
	public int slab_slices = 0;

	/** Whether this analysis has a streamed version (it then calls {@link #streamedSource}). */
	protected boolean supportsStreaming() {
		return false;
	}

	/**
	 * The label volume as a slab source when this analysis should stream (see {@link Streaming}), else null.
	 * @param inMemoryBytesPerVoxel working memory of the in-memory path beyond the image itself
	 */
	protected VolumeSource streamedSource(String step, double inMemoryBytesPerVoxel) {
		return streamedSource(step, inMemoryBytesPerVoxel, 0);
	}

	/** As above, "does not fit" meaning beyond the user's memory cap of {@code cap} bytes (memory_mb; 0 = the free heap). */
	protected VolumeSource streamedSource(String step, double inMemoryBytesPerVoxel, long cap) {
		if (labels == null) throw new IllegalArgumentException(step + " needs a label image: open or select one.");
		Volumes.requireGreyscaleVolume(labels);
		if (!StreamedImageOutput.wanted(streaming, labels, inMemoryBytesPerVoxel, cap)) {
			convention("streaming", "no (whole volume in memory)");
			return null;
		}
		if (labels.getBitDepth() == 32) throw new IllegalArgumentException(labels.getTitle() + " is a 32-bit (float) image; " + step
			+ " needs an 8- or 16-bit label image.");
		convention("streaming", "yes: slab by slab, results identical to the in-memory analysis");
		return ImagePlusSource.of(labels);
	}

	/** The slabs of a streamed source, {@code slab_slices} high or sized from the free memory. */
	protected SlabPlan slabPlan(VolumeSource src, double bytesPerVoxel, String step) {
		return slabPlan(src, bytesPerVoxel, step, 0);
	}

	/** As above within the user's memory cap of {@code cap} bytes (memory_mb; 0 = the free heap). */
	protected SlabPlan slabPlan(VolumeSource src, double bytesPerVoxel, String step, long cap) {
		return StreamedImageOutput.plan(this, src, slab_slices, bytesPerVoxel, step, cap);
	}

	/**
	 * The label volume as an ImgLib2 image sharing the ImagePlus's arrays (never modified). Rejects RGB and float
	 * images and, when {@code need3D}, single slices.
	 */
	@SuppressWarnings("unchecked")
	protected RandomAccessibleInterval<? extends IntegerType<?>> labelVolume(boolean need3D, String step) {
		if (labels == null) throw new IllegalArgumentException(step + " needs a label image: open or select one.");
		if (!supportsStreaming() && Streaming.of(streaming) == Streaming.ALWAYS)
			throw new IllegalArgumentException(step + " has no streamed version yet: it holds the whole volume of " + labels.getWidth() + "x"
				+ labels.getHeight() + "x" + labels.getStackSize() + " voxels in memory. Use streaming=auto or never, or analyse a "
				+ "sub-volume (Image > Duplicate with a slice range, or Image > Crop).");
		if (labels.getStack().isVirtual()) {
			long bytes = (long) labels.getWidth() * labels.getHeight() * labels.getStackSize() * (labels.getBitDepth() / 8);
			MemoryBudget.require(bytes, step + " loads the virtual stack " + labels.getTitle() + " whole (" + labels.getWidth() + "x"
				+ labels.getHeight() + "x" + labels.getStackSize() + " voxels); a sub-volume (Image > Duplicate with a slice range) fits more easily",
				labels.getBitDepth() / 8.0);
		}
		if (need3D) Volumes.require3D(labels, step);
		Volumes.requireLabelImage(labels, step);
		return (RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) Volumes.wrap(labels);
	}

	/** The label values, stated in the provenance of every result of a label analysis. */
	@Override
	public Map<String, Object> standingConventions() {
		Map<String, Object> labels = new LinkedHashMap<>();
		labels.put("pore_label", pore_label);
		labels.put("cam_label", cam_label);
		labels.put("ise_label", ise_label);
		return Collections.singletonMap("phase_labels", labels);
	}

	/** Voxel size of the label image; notes when it is uncalibrated so results are in voxel units. */
	protected VoxelSize voxelSize() {
		VoxelSize vs = Volumes.voxelSize(labels);
		if (!vs.isCalibrated()) note(labels.getTitle() + " has no spatial calibration: results are in voxel units.");
		convention("voxel_size", vs.x() + " x " + vs.y() + " x " + vs.z() + " " + vs.unit());
		return vs;
	}
}
