package org.cathodej.commands;

import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.results.Table;
import org.cathodej.segment.IntensityNormalisation;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.Scribbles;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

/** Segment > Train Pixel Classifier: a seeded random forest on multi-scale features, trained from scribbles. */
@Plugin(type = Command.class, label = "Train Pixel Classifier",
	description = "Trains a seeded random-forest pixel classifier (pore / CAM / ISE) on multi-scale BSE (+SE) features from a scribble image "
		+ "or from ROIs named pore / CAM / ISE, and saves it")
public class TrainPixelClassifierCommand extends ClassifierTrainingCommand {

	@Parameter(label = "BSE image", description = "backscattered-electron stack (aligned)", persist = false)
	public ImagePlus bse;

	@Parameter(label = "Training labels (optional)", description = "8/16-bit image of scribbles, same size as BSE: 0 = unlabelled, other values as below; "
		+ "empty = the ROIs in the ROI Manager (else in the BSE image's overlay), each named pore, CAM or ISE (a suffix is allowed: 'CAM 3'), "
		+ "on its slice (no slice = all slices)",
		required = false, persist = false)
	public ImagePlus training_labels;

	@Parameter(label = "SE image (optional)", description = "secondary-electron stack aligned with BSE; empty = BSE only", required = false,
		persist = false)
	public ImagePlus se;

	@Parameter(label = "Scribble value for pore", min = "1", max = "65535")
	public int pore_value = 1;

	@Parameter(label = "Scribble value for CAM", min = "1", max = "65535")
	public int cam_value = 2;

	@Parameter(label = "Scribble value for ISE", min = "1", max = "65535")
	public int ise_value = 3;

	@Parameter(label = "Classifier file", description = "where to save the classifier (.classifier)", style = "save")
	public String classifier_file = "";

	@Parameter(type = ItemIO.OUTPUT, label = "Training Summary")
	public Table summary;

	@SuppressWarnings("unchecked")
	@Override
	public void run() {
		if (classifier_file == null || classifier_file.trim().isEmpty())
			throw new IllegalArgumentException("Give classifier_file=[path] to save the trained classifier.");
		Path file = Paths.get(classifier_file.trim());
		long memory = MemoryBudget.megabytes(memory_mb);
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = SegmentSupport.channels(bse, se);
		RandomAccessibleInterval<? extends IntegerType<?>> lab;
		int[] scribble;
		if (training_labels != null) {
			Volumes.requireLabelImage(training_labels, "Train Pixel Classifier (training labels)");
			SegmentSupport.sameSize(bse, training_labels, "training label");
			lab = (RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) Volumes.wrap(training_labels);
			scribble = new int[] { pore_value, cam_value, ise_value };
			convention("training_data", "partial label image " + training_labels.getTitle() + ": 0 = unlabelled, pore=" + pore_value + ", CAM=" + cam_value
				+ ", ISE=" + ise_value);
		} else {
			lab = roiScribbles();
			scribble = Scribbles.classValues();
		}
		VoxelSize vs = Volumes.voxelSize(bse);
		if (!vs.isCalibrated()) note(bse.getTitle() + " has no spatial calibration: feature scales are in voxels.");
		FeatureSettings fs = featureSettings(vs, ch);
		RandomForest.Params p = forestParams();
		IntensityNormalisation norm = intensityNormalisation();
		long t0 = System.nanoTime();
		PixelClassifier c = PixelClassifier.train(ch, lab, scribble, vs, fs, norm, p, forestStages(), seed,
			memory, Parallel.defaultThreads(), progress());
		double secs = (System.nanoTime() - t0) / 1e9;
		try {
			if (file.getParent() != null) java.nio.file.Files.createDirectories(file.getParent());
			c.save(file);
		} catch (IOException e) {
			throw new IllegalArgumentException("Could not save the classifier to " + file + ": " + e.getMessage());
		}
		summary = new Table();
		long total = 0;
		for (long v : c.samplesPerClass()) total += v;
		double labelled = total / ((double) bse.getWidth() * bse.getHeight() * bse.getStackSize());
		for (Phase ph : Phase.values()) {
			summary.addRow();
			summary.label(ph.displayName());
			summary.set("scribble_value", scribble[ph.ordinal()]);
			summary.set("training_voxels", c.samplesPerClass()[ph.ordinal()]);
			summary.set("training_share", c.samplesPerClass()[ph.ordinal()] / (double) total);
			summary.set("labelled_fraction_of_volume", labelled);
			summary.set("features", fs.numFeatures());
			summary.set("trees", trees);
			summary.set("nodes", c.forest().numNodes());
			summary.set("forest_stages", c.autoContextStages());
		}
		note("Classifier saved to " + file.getFileName() + " (" + fs + "; normalisation " + norm + "; training grey range "
			+ java.util.Arrays.toString(c.greyRanges()) + ").");
		ij.IJ.log(String.format(java.util.Locale.ROOT, "Train Pixel Classifier: %.1f s, saved to %s", secs, file));
	}

	/**
	 * ROIs named by class as a partial label image (pore 1, CAM 2, ISE 3), recorded as a convention. Source: the ROI
	 * Manager when it holds ROIs, else the overlay of the BSE image. The ROI Manager is a window and cannot exist in
	 * a headless JVM (imagej/imagej-legacy#153), so headless macros put their ROIs in the BSE image's overlay.
	 */
	private RandomAccessibleInterval<? extends IntegerType<?>> roiScribbles() {
		RoiManager rm = RoiManager.getRawInstance(); // the ROI Manager window, if open
		// in a batch-mode macro getInstance() is the hidden batch-mode ROI Manager that roiManager("add") fills;
		// it too is a Frame, so it is only asked for when a display exists
		if (rm == null && !GraphicsEnvironment.isHeadless()) rm = RoiManager.getInstance();
		Roi[] rois = rm == null ? new Roi[0] : rm.getRoisAsArray();
		String source = "ROI Manager";
		if (rois.length == 0 && bse.getOverlay() != null) {
			List<Roi> own = new ArrayList<>();
			for (Roi r : bse.getOverlay().toArray()) if (!SegmentSupport.PREVIEW.equals(r.getName())) own.add(r); // not the label preview
			rois = own.toArray(new Roi[0]);
			source = "overlay of " + bse.getTitle();
		}
		if (rois.length == 0)
			throw new IllegalArgumentException("No training data: give a scribble image (training_labels=[title]), or add ROIs named pore, CAM and ISE "
				+ "('CAM 3' etc. is fine) on their slices to the ROI Manager or, headless, to the overlay of " + bse.getTitle() + ".");
		int d = bse.getStackSize();
		List<Scribbles.Region> regions = new ArrayList<>();
		int allSlices = 0;
		for (Roi r : rois) {
			Point[] pts = r.getContainedPoints();
			int[] x = new int[pts.length], y = new int[pts.length];
			for (int i = 0; i < pts.length; i++) {
				x[i] = pts[i].x;
				y[i] = pts[i].y;
			}
			int z = r.getZPosition();
			if (z == 0 && d > 1) allSlices++;
			regions.add(Scribbles.Region.ofPixels(r.getName(), z, x, y));
		}
		Scribbles.Result res = Scribbles.toLabels(regions, bse.getWidth(), bse.getHeight(), d);
		convention("training_data", source + ": " + rois.length + " ROIs (pore " + res.regionsPerClass[0] + ", CAM " + res.regionsPerClass[1] + ", ISE "
			+ res.regionsPerClass[2] + "); class from the ROI name (case-insensitive pore / CAM / ISE, optionally followed by a non-letter and a suffix); "
			+ "slice from the ROI position, position 0 = all slices; scribble values pore=1, CAM=2, ISE=3");
		for (Phase ph : Phase.values())
			if (res.voxelsPerClass[ph.ordinal()] == 0)
				throw new IllegalArgumentException("The phase " + ph.displayName() + " has no training samples: add a ROI named " + ph.displayName()
					+ " (inside the image).");
		if (allSlices > 0) note(allSlices + " ROI(s) have no slice position and label every slice.");
		return res.labels;
	}
}
