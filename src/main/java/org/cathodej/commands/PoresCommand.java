package org.cathodej.commands;

import java.awt.Color;
import java.util.Map;

import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.image.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.pores.PoreAnalysis;
import org.cathodej.results.Undefined;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * Analyze > Pores and Voids: pore size distribution by local thickness, where the pores sit (ISE, CAM, CAM-ISE
 * boundaries, S_CAM-pore), isolated voids with their shapes (crack-like ones counted separately) and the
 * through-thickness void profile.
 */
@Plugin(type = Command.class, label = "Pores and Voids",
	description = "Pore size distribution (local thickness, diameter), pores in the ISE versus against CAM, isolated voids, crack-like voids and the void profile along z")
public class PoresCommand extends LabelAnalysisCommand {

	/** Rows of the void table at most (noisy segmentations can hold millions of one-voxel voids). */
	static final int MAX_VOID_ROWS = 100_000;

	@Parameter(label = "Volume border", description = "wall: pores end at the image border (inscribed balls stay inside); "
		+ "open: pores may continue beyond it (balls may cross the border)", choices = { "wall", "open" })
	public String border = "wall";

	@Parameter(label = "Histogram bin width", description = "pore size histogram bin, in the image's unit; 0 = the smallest voxel size", min = "0")
	public double bin_width = 0;

	@Parameter(label = "Skip crack detection", description = "do not classify isolated voids as flat or elongated (crack-like)")
	public boolean skip_crack_detection = false;

	@Parameter(label = "Crack flatness threshold", description = "a void is flat (crack-like) when its smallest/middle ellipsoid axis ratio is below this",
		min = "0", max = "1")
	public double crack_flatness = 0.3;

	@Parameter(label = "Crack elongation threshold", description = "a void is elongated (crack-like) when its middle/largest ellipsoid axis ratio is below this",
		min = "0", max = "1")
	public double crack_elongation = 0.3;

	@Parameter(label = "Crack minimum size (voxels)", description = "smaller voids are never called crack-like", min = "4")
	public int crack_min_voxels = 20;

	@Parameter(label = "Local thickness image", description = "also output the 32-bit local thickness (pore diameter) image")
	public boolean thickness_image = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Pores and Voids")
	public ResultsTable summary;

	@Parameter(type = ItemIO.OUTPUT, label = "Pore Size Distribution")
	public ResultsTable size_distribution;

	@Parameter(type = ItemIO.OUTPUT, label = "Pore Size Plot")
	public Plot size_plot;

	@Parameter(type = ItemIO.OUTPUT, label = "Isolated Voids")
	public ResultsTable voids;

	@Parameter(type = ItemIO.OUTPUT, label = "Void Profile")
	public ResultsTable profile;

	@Parameter(type = ItemIO.OUTPUT, label = "Void Profile Plot")
	public Plot profile_plot;

	@Parameter(type = ItemIO.OUTPUT, label = "Local Thickness")
	public ImagePlus local_thickness;

	@Override
	public void run() {
		PhaseLabels pl = phaseLabels();
		VoxelSize vs = voxelSize();
		PoreAnalysis.Options o = new PoreAnalysis.Options();
		o.edge = "open".equals(border) ? Edge.OPEN : Edge.BACKGROUND;
		o.binWidth = bin_width;
		o.detectCracks = !skip_crack_detection;
		o.flatness = crack_flatness;
		o.elongation = crack_elongation;
		o.minCrackVoxels = crack_min_voxels;
		convention("local_thickness", "DIAMETER of the largest ball inside the pore space that contains the voxel; balls centred on "
			+ "voxel centres, diameter = 2 (d + g) - s/2 with d = distance to the nearest non-pore voxel centre, g = sub-voxel offset of "
			+ "the distance maximum (from the face neighbours, at most half a voxel per axis), s = voxel size across the pore wall "
			+ "(isotropic: the voxel size; anisotropic: estimated from how d falls along x, y, z); slabs of n voxels read n + s/2, "
			+ "voxelised balls of radius R about 2R - s/2");
		convention("size_distribution", "volume-weighted: fraction of the pore volume per local-thickness bin; dXX = smallest local "
			+ "thickness such that XX % of the pore volume has a local thickness <= dXX");
		convention("pore_surface", "voxel faces between pore and non-pore voxels inside the image (image border faces excluded), "
			+ "each counted with its calibrated area; S_CAM-pore = faces pore|CAM");
		convention("pore_classes", "6-connected pore components: ISE = touches ISE but no CAM; CAM = touches CAM but no ISE; "
			+ "CAM-ISE boundary = touches both; isolated void = component not touching the image border");
		convention("crack_shape", "semi-axes a1>=a2>=a3 of the ellipsoid with the void's second moments (voxel extent included); "
			+ "flat if a3/a2 < crack_flatness, else elongated if a2/a1 < crack_elongation");
		convention("profile", "fractions of each slice's area; z = slice index x slice thickness");
		PoreAnalysis.Result r = PoreAnalysis.run(labelVolume(true, "Pores and Voids"), pl, vs, o, Parallel.defaultThreads(), progress());
		if (r.poreVoxels == 0) note("No pore voxels (label " + pl.pore() + "): pore sizes are undefined (empty cells, NaN in getResult; see the note column).");
		String u = vs.unit(), u2 = u + "^2", u3 = u + "^3";

		summary = new ResultsTable();
		summary.incrementCounter();
		summary.addLabel(labels.getTitle());
		summary.addValue("unit", u);
		summary.addValue("pore_voxels", r.poreVoxels);
		summary.addValue("porosity", r.porosity);
		summary.addValue("pore_volume", r.poreVolume);
		String noPores = "undefined without pore voxels";
		Undefined.put(summary, "mean_pore_size", r.meanThickness, noPores);
		Undefined.put(summary, "d10", r.d10, noPores);
		Undefined.put(summary, "d50", r.d50, noPores);
		Undefined.put(summary, "d90", r.d90, noPores);
		summary.addValue("max_pore_size", r.maxThickness);
		summary.addValue("pore_surface", r.poreSurface);
		summary.addValue("s_cam_pore", r.camPoreSurface);
		summary.addValue("s_ise_pore", r.isePoreSurface);
		summary.addValue("cam_share_of_pore_surface", Undefined.share(r.camPoreSurface, r.poreSurface));
		double pv = Math.max(1, r.poreVoxels);
		long inIse = r.classVoxels(r.classCounts, PoreAnalysis.IN_ISE), inCam = r.classVoxels(r.classCounts, PoreAnalysis.IN_CAM);
		long atBoundary = r.classVoxels(r.classCounts, PoreAnalysis.CAM_ISE);
		summary.addValue("pore_in_ise_volume", inIse * vs.voxelVolume());
		summary.addValue("pore_in_ise_share", inIse / pv);
		summary.addValue("pore_touching_cam_share", (inCam + atBoundary) / pv);
		summary.addValue("pore_at_cam_ise_share", atBoundary / pv);
		summary.addValue("pore_in_cam_share", inCam / pv);
		summary.addValue("pore_components", r.components);
		summary.addValue("isolated_voids", r.isolatedVoids);
		summary.addValue("isolated_void_volume", r.isolatedVolume);
		summary.addValue("isolated_void_fraction", r.totalVolume > 0 ? r.isolatedVolume / r.totalVolume : Double.NaN);
		double eq = 0;
		for (PoreAnalysis.VoidInfo v : r.voids) eq += v.equivalentDiameter;
		Undefined.put(summary, "mean_void_diameter", r.isolatedVoids > 0 ? eq / r.isolatedVoids : Double.NaN, "no isolated voids");
		summary.addValue("isolated_voids_in_ise", r.classComponents(r.isolatedClassCounts, PoreAnalysis.IN_ISE));
		summary.addValue("isolated_voids_touching_cam", r.classComponents(r.isolatedClassCounts, PoreAnalysis.IN_CAM)
			+ r.classComponents(r.isolatedClassCounts, PoreAnalysis.CAM_ISE));
		Undefined.put(summary, "crack_like_voids", o.detectCracks ? r.crackLikeVoids : Double.NaN, "crack detection skipped");
		Undefined.put(summary, "crack_like_volume", o.detectCracks ? r.crackLikeVolume : Double.NaN, "crack detection skipped");
		summary.addValue("bin_width", r.binWidth);

		size_distribution = new ResultsTable();
		int bins = r.binLower == null ? 0 : r.binLower.length;
		double[] centre = new double[bins], frac = new double[bins];
		for (int b = 0; b < bins; b++) {
			size_distribution.incrementCounter();
			size_distribution.addValue("bin_start", r.binLower[b]);
			size_distribution.addValue("bin_end", r.binLower[b] + r.binWidth);
			size_distribution.addValue("unit", u);
			size_distribution.addValue("volume_fraction", r.binVolumeFraction[b]);
			size_distribution.addValue("cumulative_fraction", r.binCumulative[b]);
			size_distribution.addValue("pore_volume", r.binVolumeFraction[b] * r.poreVolume);
			centre[b] = r.binLower[b] + r.binWidth / 2;
			frac[b] = r.binVolumeFraction[b];
		}
		size_plot = new Plot("Pore size distribution", "local thickness (diameter, " + u + ")", "pore volume fraction per bin");
		size_plot.setColor(Color.darkGray);
		size_plot.addPoints(centre, frac, Plot.BAR);
		size_plot.setColor(Color.red);
		if (!Double.isNaN(r.d50)) size_plot.addLegend("d10 " + fmt(r.d10) + ", d50 " + fmt(r.d50) + ", d90 " + fmt(r.d90) + " " + u);

		voids = new ResultsTable();
		java.util.List<PoreAnalysis.VoidInfo> listed = r.voids;
		if (listed.size() > MAX_VOID_ROWS) {
			listed = new java.util.ArrayList<>(r.voids);
			listed.sort((a, b) -> Long.compare(b.voxels, a.voxels));
			listed = listed.subList(0, MAX_VOID_ROWS);
			listed.sort((a, b) -> Integer.compare(a.id, b.id));
			note(r.voids.size() + " isolated voids: the void table lists the " + MAX_VOID_ROWS
				+ " largest; the summary counts all of them.");
		}
		for (PoreAnalysis.VoidInfo v : listed) {
			voids.incrementCounter();
			voids.addValue("id", v.id);
			voids.addValue("unit", u);
			voids.addValue("voxels", v.voxels);
			voids.addValue("volume", v.volume);
			voids.addValue("equivalent_diameter", v.equivalentDiameter);
			voids.addValue("x", v.cx);
			voids.addValue("y", v.cy);
			voids.addValue("z", v.cz);
			voids.addValue("location", v.location);
			voids.addValue("cam_area", v.camArea);
			voids.addValue("ise_area", v.iseArea);
			voids.addValue("other_area", v.otherArea);
			voids.addValue("mean_local_thickness", v.meanThickness);
			voids.addValue("max_local_thickness", v.maxThickness);
			voids.addValue("a1", v.a1);
			voids.addValue("a2", v.a2);
			voids.addValue("a3", v.a3);
			voids.addValue("elongation", v.elongation);
			voids.addValue("flatness", v.flatness);
			voids.addValue("crack_like", o.detectCracks ? (v.isCrackLike() ? v.crackType : "no") : "not tested");
		}

		profile = new ResultsTable();
		int d = r.zPosition.length;
		for (int z = 0; z < d; z++) {
			profile.incrementCounter();
			profile.addValue("slice", z + 1);
			profile.addValue("z", r.zPosition[z]);
			profile.addValue("unit", u);
			profile.addValue("pore_fraction", r.poreFractionZ[z]);
			profile.addValue("isolated_void_fraction", r.isolatedFractionZ[z]);
			profile.addValue("pore_in_ise_fraction", r.iseEnclosedFractionZ[z]);
			profile.addValue("pore_touching_cam_fraction", r.camTouchingFractionZ[z]);
			Undefined.put(profile, "mean_local_thickness", r.meanThicknessZ[z], "no pore voxels in this slice");
		}
		profile_plot = new Plot("Void profile along z", "z (" + u + ")", "area fraction");
		double top = 0;
		for (double f : r.poreFractionZ) top = Math.max(top, f);
		profile_plot.setLimits(0, Math.max(d - 1, 1) * vs.z(), 0, Math.max(0.01, top * 1.1));
		Object[][] lines = { { r.poreFractionZ, Color.black, "all pores" }, { r.iseEnclosedFractionZ, new Color(0x3C8CDC), "pores in ISE" },
			{ r.camTouchingFractionZ, new Color(0xE0A030), "pores touching CAM" }, { r.isolatedFractionZ, Color.red, "isolated voids" } };
		StringBuilder legend = new StringBuilder();
		for (Object[] l : lines) {
			profile_plot.setColor((Color) l[1]);
			profile_plot.setLineWidth(2);
			profile_plot.addPoints(r.zPosition, (double[]) l[0], Plot.LINE);
			legend.append(l[2]).append('\n');
		}
		profile_plot.setColor(Color.black);
		profile_plot.addLegend(legend.toString().trim());

		if (thickness_image) {
			local_thickness = Volumes.toImagePlus(r.thickness, labels.getTitle() + "-local-thickness", vs);
			local_thickness.getProcessor().setMinAndMax(0, Math.max(r.maxThickness, 1e-9));
			local_thickness.setProperty("Info", "Local thickness (pore diameter, " + u + "); 0 = not pore");
		}
		for (Map.Entry<String, long[]> e : r.classCounts.entrySet())
			convention("pore_components_" + e.getKey().replace(' ', '_').replace('-', '_').toLowerCase(), e.getValue()[0]);
	}

	private static String fmt(double v) {
		return String.format(java.util.Locale.ROOT, "%.4g", v);
	}
}
