package org.cathodej.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.cathodej.image.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

/** Segment > Train Pixel Classifier: a seeded random forest on multi-scale features, trained from scribbles. */
@Plugin(type = Command.class, label = "Train Pixel Classifier",
	description = "Trains a seeded random-forest pixel classifier (pore / CAM / ISE) on multi-scale BSE (+SE) features from a scribble image, and saves it")
public class TrainPixelClassifierCommand extends CathodeJCommand {

	@Parameter(label = "BSE image", description = "backscattered-electron stack (aligned)", persist = false)
	public ImagePlus bse;

	@Parameter(label = "Training labels", description = "8/16-bit image of scribbles, same size as BSE: 0 = unlabelled, other values as below",
		persist = false)
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

	@Parameter(label = "Features", description = "comma-separated: gauss, dog, gradient, hessian, structure, variance, min, max, median; "
		+ "'default' = all but structure and median (slow); 'all'")
	public String features = "default";

	@Parameter(label = "Scales", description = "Gaussian sigmas / window radii, comma-separated, in the unit chosen below")
	public String scales = "1,2,4";

	@Parameter(label = "Scale unit", description = "pixels (converted with the voxel width and stored in calibrated units) or the image's calibrated unit",
		choices = { "pixels", "calibrated" })
	public String scale_unit = "pixels";

	@Parameter(label = "Neighbourhoods", description = "3D features, or each slice on its own (2D)", choices = { "3D", "2D" })
	public String neighbourhood = "3D";

	@Parameter(label = "Trees", min = "1", max = "1000")
	public int trees = 50;

	@Parameter(label = "Random seed", description = "same inputs and seed, same classifier")
	public long seed = 1;

	@Parameter(label = "Memory for features (MB)", description = "feature slabs are sized to stay below this", min = "16", max = "1000000")
	public int memory_mb = 1024;

	@Parameter(label = "Classifier file", description = "where to save the classifier (.classifier)", style = "save")
	public String classifier_file = "";

	@Parameter(type = ItemIO.OUTPUT, label = "Training Summary")
	public ResultsTable summary;

	@SuppressWarnings("unchecked")
	@Override
	public void run() {
		if (classifier_file == null || classifier_file.trim().isEmpty())
			throw new IllegalArgumentException("Give classifier_file=[path] to save the trained classifier.");
		Path file = Paths.get(classifier_file.trim());
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = SegmentSupport.channels(bse, se);
		if (training_labels == null) throw new IllegalArgumentException("Give the scribble image: training_labels=[title].");
		Volumes.requireGreyscaleVolume(training_labels);
		if (training_labels.getBitDepth() == 32)
			throw new IllegalArgumentException(training_labels.getTitle() + " is 32-bit; training labels must be an 8- or 16-bit image.");
		SegmentSupport.sameSize(bse, training_labels, "training label");
		VoxelSize vs = Volumes.voxelSize(bse);
		if (!vs.isCalibrated()) note(bse.getTitle() + " has no spatial calibration: feature scales are in voxels.");
		double[] sc = FeatureSettings.parseScales(scales);
		String unit = vs.isCalibrated() ? vs.unit() : "voxel";
		if (scale_unit.equals("pixels")) for (int i = 0; i < sc.length; i++) sc[i] *= vs.x();
		FeatureSettings fs = new FeatureSettings(neighbourhood.equals("3D"), sc, unit, FeatureSettings.parseFamilies(features), ch.size());
		RandomForest.Params p = new RandomForest.Params();
		p.trees = trees;
		convention("forest", "CART, Gini, bootstrap, sqrt(features) per split, 256-quantile split candidates, grown to purity");
		convention("feature_settings", fs.encode());
		long t0 = System.nanoTime();
		RandomAccessibleInterval<? extends IntegerType<?>> lab = (RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) Volumes.wrap(training_labels);
		PixelClassifier c = PixelClassifier.train(ch, lab, new int[] { pore_value, cam_value, ise_value }, vs, fs, p, seed,
			(long) memory_mb << 20, Parallel.defaultThreads(), progress());
		double secs = (System.nanoTime() - t0) / 1e9;
		try {
			if (file.getParent() != null) java.nio.file.Files.createDirectories(file.getParent());
			c.save(file);
		} catch (IOException e) {
			throw new IllegalArgumentException("Could not save the classifier to " + file + ": " + e.getMessage());
		}
		summary = new ResultsTable();
		long total = 0;
		for (long v : c.samplesPerClass()) total += v;
		double labelled = total / ((double) bse.getWidth() * bse.getHeight() * bse.getStackSize());
		int[] scribble = { pore_value, cam_value, ise_value };
		for (Phase ph : Phase.values()) {
			summary.incrementCounter();
			summary.addLabel(ph.displayName());
			summary.addValue("scribble_value", scribble[ph.ordinal()]);
			summary.addValue("training_voxels", c.samplesPerClass()[ph.ordinal()]);
			summary.addValue("training_share", c.samplesPerClass()[ph.ordinal()] / (double) total);
			summary.addValue("labelled_fraction_of_volume", labelled);
			summary.addValue("features", fs.numFeatures());
			summary.addValue("trees", trees);
			summary.addValue("nodes", c.forest().numNodes());
		}
		note("Classifier saved to " + file.getFileName() + " (" + fs + ").");
		ij.IJ.log(String.format(java.util.Locale.ROOT, "Train Pixel Classifier: %.1f s, saved to %s", secs, file));
	}
}
