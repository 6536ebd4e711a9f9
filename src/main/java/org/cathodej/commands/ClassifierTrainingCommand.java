package org.cathodej.commands;

import java.util.List;

import org.cathodej.image.VoxelSize;
import org.cathodej.segment.AutoContext;
import org.cathodej.segment.IntensityNormalisation;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.scijava.plugin.Parameter;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Base of the commands that train a pixel classifier (Train, Evaluate): the feature, normalisation and forest
 * parameters (declared once here) and their translation into settings, recorded as conventions.
 */
public abstract class ClassifierTrainingCommand extends CathodeJCommand {

	@Parameter(label = "Features", description = "comma-separated: gauss, dog, gradient, hessian, structure, variance, min, max, median, "
		+ "lbp, membrane (in-plane texture); 'default' = all but structure, median (slow), lbp and membrane; 'all'")
	public String features = "default";

	@Parameter(label = "Scales", description = "Gaussian sigmas / window radii, comma-separated, in the unit chosen below")
	public String scales = "1,2,4";

	@Parameter(label = "Scale unit", description = "pixels (converted with the voxel width and stored in calibrated units) or the image's calibrated unit",
		choices = { "pixels", "calibrated" })
	public String scale_unit = "pixels";

	@Parameter(label = "Neighbourhoods", description = "3D features, or each slice on its own (2D)", choices = { "3D", "2D" })
	public String neighbourhood = "3D";

	@Parameter(label = "Normalisation", description = "grey levels mapped to 0-1 between the 1st and 99th percentile of each slice, of the volume, "
		+ "or used as they are; stored in the classifier and applied again to every image it classifies", choices = { "none", "slice", "volume" })
	public String normalisation = "none";

	@Parameter(label = "Class weights", description = "scribbled: each training voxel counts once; balanced: every phase weighs the same "
		+ "(class-balanced bootstrap), so a rare phase is not swamped", choices = { "scribbled", "balanced" })
	public String class_weights = "scribbled";

	@Parameter(label = "Auto-context stages", description = "0 = one forest; 1 or 2 = that many further forests, each trained on the features plus "
		+ "the smoothed probabilities of the previous one and the distances to its CAM and pore (context of the neighbourhood); stored in the "
		+ "classifier (format 4); each stage costs about one more classification", min = "0", max = "2")
	public int auto_context = 0;

	@Parameter(label = "Trees", min = "1", max = "1000")
	public int trees = 50;

	@Parameter(label = "Random seed", description = "same inputs and seed, same classifier")
	public long seed = 1;

	@Parameter(label = "Memory for features (MB)", description = SegmentSupport.MEMORY_MB, min = "0", max = "1000000")
	public int memory_mb = 1024;

	/** The feature settings for these channels and voxel size (pixel scales converted to calibrated units). */
	protected FeatureSettings featureSettings(VoxelSize vs, List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels) {
		double[] sc = FeatureSettings.parseScales(scales);
		String unit = vs.isCalibrated() ? vs.unit() : "voxel";
		if (scale_unit.equals("pixels")) for (int i = 0; i < sc.length; i++) sc[i] *= vs.x();
		FeatureSettings fs = new FeatureSettings(neighbourhood.equals("3D"), sc, unit, FeatureSettings.parseFamilies(features), channels.size());
		convention("feature_settings", fs.encode());
		return fs;
	}

	protected IntensityNormalisation intensityNormalisation() {
		IntensityNormalisation n = new IntensityNormalisation(IntensityNormalisation.Mode.parse(normalisation), 1, 99);
		convention("normalisation", n.toString());
		return n;
	}

	/** Forest stages: 1 + {@link #auto_context}, recorded as a convention when auto-context is on. */
	protected int forestStages() {
		if (auto_context < 0 || auto_context > AutoContext.MAX_STAGES - 1)
			throw new IllegalArgumentException("auto_context must be 0 (off), 1 or " + (AutoContext.MAX_STAGES - 1) + ", got " + auto_context + ".");
		if (auto_context > 0)
			convention("auto_context", auto_context + " stage(s) after the first forest, on the features plus the context of the previous stage's "
				+ "probabilities (out-of-fold for the training voxels, " + AutoContext.FOLDS + " folds)");
		return auto_context + 1;
	}

	protected RandomForest.Params forestParams() {
		RandomForest.Params p = new RandomForest.Params();
		p.trees = trees;
		p.balanced = class_weights.equals("balanced");
		convention("forest", "CART, Gini, " + (p.balanced ? "class-balanced " : "") + "bootstrap, sqrt(features) per split, 256-quantile split candidates, "
			+ "grown to purity");
		return p;
	}
}
