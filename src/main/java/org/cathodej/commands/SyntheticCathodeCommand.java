package org.cathodej.commands;

import org.cathodej.imagej.PhaseLut;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.phase.PhaseLabels;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/** Generate > Synthetic Cathode: a seeded composite-cathode phantom (CAM spheres in ISE, pores in the ISE). */
@Plugin(type = Command.class, label = "Synthetic Cathode",
	description = "Random packing of CAM spheres in solid electrolyte with pores carved from the electrolyte (seeded)")
public class SyntheticCathodeCommand extends PhaseLabelsCommand {

	@Parameter(label = "Width (voxels)", min = "4", max = "8192")
	public int width = 128;

	@Parameter(label = "Height (voxels)", min = "4", max = "8192")
	public int height = 128;

	@Parameter(label = "Depth (slices)", min = "2", max = "8192")
	public int depth = 128;

	@Parameter(label = "Voxel width and height (um)", min = "1e-6")
	public double voxel_size = 0.1;

	@Parameter(label = "Slice thickness (um)", description = "voxel size along z; may differ from the in-plane size", min = "1e-6")
	public double slice_thickness = 0.1;

	@Parameter(label = "CAM volume fraction", min = "0", max = "0.9")
	public double cam_fraction = 0.45;

	@Parameter(label = "CAM radius (um)", description = "mean radius of the CAM spheres", min = "1e-6")
	public double cam_radius = 0.8;

	@Parameter(label = "CAM radius s.d. (um)", description = "standard deviation of the radius (normal, truncated at 3 s.d.)", min = "0")
	public double cam_radius_sd = 0.2;

	@Parameter(label = "Allowed overlap", description = "largest overlap of two CAM spheres as a fraction of their radii sum", min = "0", max = "1")
	public double overlap = 0.1;

	@Parameter(label = "Pore volume fraction", description = "pores are carved from the ISE only", min = "0", max = "0.9")
	public double pore_fraction = 0.08;

	@Parameter(label = "Pore radius (um)", description = "typical pore radius (each pore 0.6-1.4 times this)", min = "1e-6")
	public double pore_radius = 0.3;

	@Parameter(label = "Clustering", description = "0 = homogeneous (fine electrolyte); 1 = CAM agglomerates and pores against CAM (coarse electrolyte)",
		min = "0", max = "1")
	public double clustering = 0;

	@Parameter(label = "Random seed", description = "same seed, same phantom")
	public long seed = 1;




	@Parameter(type = ItemIO.OUTPUT, label = "Synthetic cathode")
	public ImagePlus phantom;

	@Parameter(type = ItemIO.OUTPUT, label = "Synthetic Cathode Summary")
	public ResultsTable summary;

	@Override
	public void run() {
		SyntheticCathode.Params p = new SyntheticCathode.Params();
		p.width = width;
		p.height = height;
		p.depth = depth;
		p.voxelSize = new VoxelSize(voxel_size, voxel_size, slice_thickness, "\u00b5m");
		p.camFraction = cam_fraction;
		p.camRadius = cam_radius;
		p.camRadiusSd = cam_radius_sd;
		p.overlap = overlap;
		p.poreFraction = pore_fraction;
		p.poreRadius = pore_radius;
		p.clustering = clustering;
		p.labels = phaseLabels();
		p.seed = seed;
		convention("voxel_centres", "voxel (i,j,k) is inside a sphere when its centre ((i+0.5)dx, (j+0.5)dy, (k+0.5)dz) is");
		SyntheticCathode.Result r = SyntheticCathode.generate(p, progress());
		r.notes.forEach(this::note);
		phantom = Volumes.toImagePlus(r.volume.toImg(), "synthetic-cathode-" + width + "x" + height + "x" + depth + "-seed" + seed, p.voxelSize); // size and seed: repeated runs differ in title
		PhaseLut.apply(phantom, p.labels);
		summary = new ResultsTable();
		summary.incrementCounter();
		summary.addValue("cam_spheres", r.camSpheres);
		summary.addValue("pore_blobs", r.poreBlobs);
		summary.addValue("cam_fraction", r.camFraction);
		summary.addValue("ise_fraction", r.iseFraction);
		summary.addValue("pore_fraction", r.poreFraction);
		summary.addValue("seed", seed);
	}
}
