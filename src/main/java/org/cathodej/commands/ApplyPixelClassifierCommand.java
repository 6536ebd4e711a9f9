package org.cathodej.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.results.Table;
import org.cathodej.segment.ClassificationResult;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.StreamedClassification;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.VolumeSource;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.ImageStack;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/** Segment > Apply Pixel Classifier: labels (with the phase LUT), optional probabilities and uncertainty, fractions. */
@Plugin(type = Command.class, label = "Apply Pixel Classifier",
	description = "Applies a saved pixel classifier to BSE (+SE) stacks: phase labels, optional probability maps and uncertainty, phase fractions with an uncertainty range")
public class ApplyPixelClassifierCommand extends PhaseLabelsCommand implements org.cathodej.run.SlicePreview {

	@Parameter(label = "BSE image", persist = false)
	public ImagePlus bse;

	@Parameter(label = "SE image (optional)", description = "needed when the classifier was trained with SE", required = false, persist = false)
	public ImagePlus se;

	@Parameter(label = "Classifier file", description = "a .classifier file written by Train Pixel Classifier", style = "file")
	public String classifier_file = "";

	@Parameter(label = "Probability maps", description = "also output a 3-channel stack of phase probabilities (12 bytes per voxel)")
	public boolean probability_maps = false;

	@Parameter(label = "Uncertainty image", description = "also output 1 - max probability (4 bytes per voxel)")
	public boolean uncertainty_image = false;

	@Parameter(label = "Keep training proportions",
		description = "skip the re-estimation of phase proportions (by default the scribbles' class balance is corrected by EM)")
	public boolean keep_training_proportions = false;

	@Parameter(label = "Fraction range margin", description = "probability margin of the fraction uncertainty range", min = "0", max = "1")
	public double margin = 0.2;

	@Parameter(label = "Probability smoothing (pixels)", description = "Gaussian sigma applied to the probabilities in each slice before the labels "
		+ "are decided; 0 = none", min = "0", max = "50")
	public double smoothing = 0;

	@Parameter(label = "Memory for features (MB)", description = SegmentSupport.MEMORY_MB, min = "0", max = "1000000")
	public int memory_mb = 1024;

	@Parameter(label = "Preview current slice", description = "classify only the BSE image's current slice (with the neighbours its features need) "
		+ "and show its labels as an overlay on the BSE image, to see where to add scribbles before retraining")
	public boolean preview_current_slice = false;

	@Parameter(label = "Streaming", description = "classify slab by slab (features with their halo; probabilities spilled to a temporary file of "
		+ "2 bytes per voxel in output_dir) and write the labels into a TIFF-slice folder in output_dir: auto = when an image is virtual or does "
		+ "not fit in memory; always = even when it fits; never = hold the whole stacks. Labels and fractions are identical; no probability or uncertainty images",
		choices = { "auto", "always", "never" })
	public String streaming = "auto";

	@Parameter(label = "Slab height (slices)", description = "slices per slab of the labelling pass when streaming; 0 = sized from the free memory",
		min = "0", max = "100000")
	public int slab_slices = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Pixel Classifier Fractions")
	public Table fractions;

	@Parameter(type = ItemIO.OUTPUT, label = "Phase labels")
	public ImagePlus phase_labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Phase probabilities")
	public ImagePlus probabilities;

	@Parameter(type = ItemIO.OUTPUT, label = "Uncertainty")
	public ImagePlus uncertainty;

	@Override
	public void run() {
		if (bse == null) throw new IllegalArgumentException("No BSE image: open the BSE stack or give bse=[title].");
		if (classifier_file == null || classifier_file.trim().isEmpty())
			throw new IllegalArgumentException("Give classifier_file=[path] of a classifier saved by Train Pixel Classifier.");
		PixelClassifier c = SegmentSupport.loadClassifier(classifier_file);
		PhaseLabels pl = phaseLabels();
		convention("feature_settings", c.settings().encode());
		convention("classifier_seed", c.seed());
		if (c.settings().channels() == 2 && se == null)
			throw new IllegalArgumentException("This classifier was trained on BSE and SE; give the SE stack: se=[title].");
		if (c.settings().channels() == 1 && se != null)
			throw new IllegalArgumentException("This classifier was trained on BSE only; do not give an SE image.");
		if (c.fileVersion() < 2)
			note("The classifier file is of format " + c.fileVersion() + ": it knows no grey range, so the images are not checked against the training images.");
		convention("normalisation", c.normalisation().toString());
		if (c.autoContextStages() > 1) convention("auto_context", (c.autoContextStages() - 1) + " stage(s) after the first forest");
		VoxelSize vs = Volumes.voxelSize(bse);
		PixelClassifier.ApplyOptions o = SegmentSupport.applyOptions(!keep_training_proportions, smoothing, memory_mb);
		o.probabilities = probability_maps;
		o.uncertainty = uncertainty_image;
		o.margin = margin;
		ImagePlus decides = StreamedImageOutput.decidingImage(bse, se);
		if (!preview_current_slice && StreamedImageOutput.streams(this, streaming, decides, 3 + (probability_maps ? 12 : 0) + (uncertainty_image ? 4 : 0))) {
			SegmentSupport.checkChannels(bse, se);
			fractionsTable(streamed(c, pl, vs, o), pl);
			return;
		}
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = SegmentSupport.channels(bse, se);
		int z0 = 0, zc = 0;
		if (preview_current_slice) {
			int halo = new org.cathodej.segment.features.FeatureComputer(c.settings(), vs, bse.getWidth(), bse.getHeight(), bse.getStackSize()).halo();
			zc = bse.getCurrentSlice() - 1;
			z0 = Math.max(0, zc - halo);
			int z1 = Math.min(bse.getStackSize(), zc + halo + 1);
			ch = SegmentSupport.channels(SegmentSupport.substack(bse, z0, z1), se == null ? null : SegmentSupport.substack(se, z0, z1));
			convention("preview", "slice " + (zc + 1) + " classified with slices " + (z0 + 1) + "-" + z1 + " around it (mirrored beyond them)");
		}
		ClassificationResult r = c.apply(ch, vs, o, progress());
		if (preview_current_slice) {
			phase_labels = SegmentSupport.labelImage(new byte[][] { r.labels[zc - z0] }, bse.getWidth(), bse.getHeight(), pl,
				SegmentSupport.baseTitle(bse) + "-preview", vs);
			SegmentSupport.showPreview(bse, phase_labels, zc + 1);
			note("Preview of slice " + (zc + 1) + ": its labels are the overlay '" + SegmentSupport.PREVIEW + "' of " + bse.getTitle()
				+ "; add scribbles (ROIs named pore / CAM / ISE) where they are wrong and retrain.");
			return;
		}
		note(String.format(Locale.ROOT, "Features in slabs of %d slices, %s per slab.", r.slabSlices, MemoryBudget.bytes(r.slabBytes)));
		int w = bse.getWidth(), h = bse.getHeight(), d = bse.getStackSize();
		String base = SegmentSupport.baseTitle(bse);
		phase_labels = SegmentSupport.labelImage(r.labels, w, h, pl, base + "-phases", vs);
		if (r.probabilities != null) {
			ImageStack st = new ImageStack(w, h);
			for (int z = 0; z < d; z++)
				for (Phase p : Phase.values()) st.addSlice(p.displayName(), r.probabilities[p.ordinal()][z]);
			probabilities = new ImagePlus(base + "-probabilities", st);
			probabilities.setDimensions(3, d, 1);
			probabilities.setOpenAsHyperStack(true);
			Volumes.calibrate(probabilities, vs);
		}
		if (r.uncertainty != null) {
			ImageStack st = new ImageStack(w, h);
			for (int z = 0; z < d; z++) st.addSlice("", r.uncertainty[z]);
			uncertainty = new ImagePlus(base + "-uncertainty", st);
			uncertainty.setDisplayRange(0, 2 / 3.0);
			Volumes.calibrate(uncertainty, vs);
		}
		fractionsTable(r, pl);
	}

	/** Features slab by slab, probabilities spilled to disk, labels into {@code <output_dir>/<bse title>-phases/}. */
	private ClassificationResult streamed(PixelClassifier c, PhaseLabels pl, VoxelSize vs, PixelClassifier.ApplyOptions o) {
		return StreamedImageOutput.write(this, bse, slab_slices, new StreamedImageOutput.Output("Apply Pixel Classifier", "phases", "the phase labels"),
			b -> 2 + 1 + 1, (b, plan, w) -> streamed(c, pl, vs, o, b, plan, w), img -> phase_labels = img);
	}

	/** The classification of the slabs of {@code b} (and the SE stack) into {@code w}, probabilities spilled beside it. */
	private ClassificationResult streamed(PixelClassifier c, PhaseLabels pl, VoxelSize vs, PixelClassifier.ApplyOptions o, VolumeSource b, SlabPlan plan,
		TiffSliceWriter w) {
		List<VolumeSource> in = new ArrayList<>();
		in.add(b);
		if (se != null) in.add(StreamedImageOutput.source(se));
		Path spill = w.target().toPath().resolveSibling("." + w.target().getName() + ".probabilities.tmp");
		try {
			Files.deleteIfExists(spill); // our own intermediate, left by a run that was killed
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		ClassificationResult r = StreamedClassification.apply(c, in, vs, o, pl, plan, spill, w, progress());
		note(String.format(Locale.ROOT, "Features in slabs of %d slices, %s per slab; %s", r.slabSlices, MemoryBudget.bytes(r.slabBytes),
			StreamedClassification.spills(in) ? "probabilities spilled to disk (2 bytes per voxel) and removed."
				: "probabilities not spilled: computed where the slabs are read (twice with the prior estimate)."));
		return r;
	}

	private void fractionsTable(ClassificationResult r, PhaseLabels pl) {
		convention("fraction_range", "low: voxels whose phase wins by >= margin; high: voxels where the phase is within margin of the winner");
		fractions = new Table();
		for (Phase p : Phase.values()) {
			int i = p.ordinal();
			fractions.addRow();
			fractions.label(p.displayName());
			fractions.set("label_value", pl.valueOf(p));
			fractions.set("voxels", r.counts[i]);
			fractions.set("volume_fraction", r.fraction(i));
			fractions.set("fraction_low", r.fractionLow(i));
			fractions.set("fraction_high", r.fractionHigh(i));
			fractions.set("soft_fraction", r.softFraction(i));
			fractions.set("training_share", r.trainingPriors[i]);
			fractions.set("estimated_prior", r.estimatedPriors == null ? Double.NaN : r.estimatedPriors[i]);
		}
	}
}
