package org.cathodej.commands;

import java.util.List;

import org.cathodej.segment.StreamedThreshold;

import org.cathodej.imagej.GreyInput;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.results.Table;
import org.cathodej.segment.ThresholdSegmentation;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/** Segment > Threshold Three Phases: Otsu thresholds on BSE (CAM vs ISE) and SE (pores), clean-up. */
@Plugin(type = Command.class, label = "Threshold Three Phases",
	description = "Pores from the SE stack (Otsu) and CAM vs ISE from the BSE stack (Otsu), or a three-class Otsu on BSE alone; minimum island size and majority clean-up")
public class ThresholdThreePhasesCommand extends PhaseLabelsCommand implements org.cathodej.run.SlicePreview {

	@Parameter(label = "BSE image", persist = false)
	public ImagePlus bse;

	@Parameter(label = "SE image (optional)", description = "pores are thresholded on SE when given, else a three-class Otsu on BSE",
		required = false, persist = false)
	public ImagePlus se;

	@Parameter(label = "BSE grey order", description = "which solid phase is brighter in BSE",
		choices = { "pore < ISE < CAM", "pore < CAM < ISE" })
	public String bse_order = "pore < ISE < CAM";

	@Parameter(label = "Pores bright in SE", description = "tick when pores are brighter than the solids in the SE stack")
	public boolean pores_bright = false;

	@Parameter(label = "Smoothing (calibrated)", description = "in-plane Gaussian sigma before thresholding, in the image's unit; 0 = none", min = "0")
	public double smoothing = 0;

	@Parameter(label = "Minimum island (voxels)", description = "6-connected pieces of one phase smaller than this join their surroundings; 0 = off",
		min = "0", max = "2000000000")
	public int min_island = 0;

	@Parameter(label = "Majority filter", description = "one pass of a 3x3x3 majority filter after the island clean-up")
	public boolean majority_filter = false;

	@Parameter(label = "Streaming", description = "threshold slab by slab (histogram passes, then labels) into a TIFF-slice folder in output_dir: "
		+ "auto = when an image is virtual or does not fit in memory; always = even when it fits; never = hold the whole stacks. Labels are identical; the "
		+ "majority filter is streamed with a one-slice halo, the minimum-island clean-up is not (refused)", choices = { "auto", "always", "never" })
	public String streaming = "auto";

	@Parameter(label = "Slab height (slices)", description = "slices per slab when streaming; 0 = sized from the free memory", min = "0", max = "100000")
	public int slab_slices = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Threshold Summary")
	public Table summary;

	@Parameter(type = ItemIO.OUTPUT, label = "Phase labels")
	public ImagePlus phase_labels;

	/** Histogram passes, then the labels slab by slab into {@code <output_dir>/<bse title>-phases/}. */
	private ThresholdSegmentation.Result streamed(ThresholdSegmentation.Params p, PhaseLabels pl, VoxelSize vs) {
		if (p.minIsland > 0) throw new IllegalArgumentException("Threshold Three Phases streams " + bse.getTitle() + ". " + StreamedThreshold.ISLAND_LIMIT);
		return StreamedImageOutput.write(this, bse, slab_slices, new StreamedImageOutput.Output("Threshold Three Phases", "phases", "the phase labels"),
			b -> (se != null ? 2 : 1) * (b.bytesPerVoxel() + 4.0) + 3,
			(b, plan, w) -> StreamedThreshold.segment(b, se == null ? null : StreamedImageOutput.source(se), plan, vs, p, pl, w, progress()),
			img -> phase_labels = img);
	}

	@Override
	public void run() {
		if (bse == null) throw new IllegalArgumentException("No BSE image: open the BSE stack or give bse=[title].");
		ImagePlus decides = StreamedImageOutput.decidingImage(bse, se);
		boolean stream = StreamedImageOutput.streams(this, streaming, decides, se != null ? 9 : 5);
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = stream ? null : SegmentSupport.channels(bse, se);
		if (stream) SegmentSupport.checkChannels(bse, se);
		GreyInput.requireContrast(bse, "Threshold Three Phases");
		if (se != null) GreyInput.requireContrast(se, "Threshold Three Phases");
		PhaseLabels pl = phaseLabels();
		VoxelSize vs = Volumes.voxelSize(bse);
		ThresholdSegmentation.Params p = new ThresholdSegmentation.Params();
		p.smoothing = smoothing;
		p.camBrightest = bse_order.equals("pore < ISE < CAM");
		p.poresBrightInSe = pores_bright;
		p.minIsland = min_island;
		p.majorityFilter = majority_filter;
		p.threads = Parallel.defaultThreads();
		convention("otsu_histogram_bins", p.bins);
		convention("island_connectivity", "6 (face neighbours)");
		ThresholdSegmentation.Result r;
		if (stream) r = streamed(p, pl, vs);
		else {
			r = ThresholdSegmentation.segment(ch.get(0), ch.size() > 1 ? ch.get(1) : null, vs, p, progress());
			phase_labels = SegmentSupport.labelImage(r.phase, bse.getWidth(), bse.getHeight(), pl, SegmentSupport.baseTitle(bse) + "-phases", vs);
		}
		long[] n = r.voxelsPerPhase;
		long tot = n[0] + n[1] + n[2];
		summary = new Table();
		for (Phase ph : Phase.values()) {
			summary.addRow();
			summary.label(ph.displayName());
			summary.set("label_value", pl.valueOf(ph));
			summary.set("voxels", n[ph.ordinal()]);
			summary.set("volume_fraction", n[ph.ordinal()] / (double) tot);
			summary.set("se_threshold", r.seThreshold);
			summary.set("bse_threshold_1", r.bseThresholds[0]);
			summary.set("bse_threshold_2", r.bseThresholds.length > 1 ? r.bseThresholds[1] : Double.NaN);
			summary.set("islands_merged", r.islandsMerged);
			summary.set("voxels_changed_by_islands", r.voxelsChangedByIslands);
			summary.set("voxels_changed_by_majority", r.voxelsChangedByMajority);
		}
	}
}
