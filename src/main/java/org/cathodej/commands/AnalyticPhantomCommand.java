package org.cathodej.commands;

import org.cathodej.imagej.PhaseLut;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.AnalyticPhantoms;
import org.cathodej.phantom.LabelVolume;
import org.cathodej.phase.PhaseLabels;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/** Generate > Analytic Phantom: shapes with known answers (ball, slab, channels, layers, Boolean spheres). */
@Plugin(type = Command.class, label = "Analytic Phantom",
	description = "Label volumes with known answers for validating every analysis")
public class AnalyticPhantomCommand extends CathodeJCommand {

	@Parameter(label = "Shape", description = "ball = one centred ball; slab = one centred slab; channels = straight "
		+ "square channels on a grid; layers = alternating layers; boolean spheres = randomly placed overlapping spheres (Poisson "
		+ "centres); sizes from feature size, period, sphere density and axis below", choices = { "ball", "slab", "channels", "layers", "boolean spheres" })
	public String shape = "ball";

	@Parameter(label = "Width (voxels)", min = "2", max = "8192")
	public int width = 64;

	@Parameter(label = "Height (voxels)", min = "2", max = "8192")
	public int height = 64;

	@Parameter(label = "Depth (slices)", min = "1", max = "8192")
	public int depth = 64;

	@Parameter(label = "Voxel width and height", description = "in the unit below", min = "1e-9")
	public double voxel_size = 1;

	@Parameter(label = "Slice thickness (voxel size along z)", min = "1e-9")
	public double slice_thickness = 1;

	@Parameter(label = "Unit", description = "length unit of the voxel size, e.g. um or nm")
	public String unit = "\u00b5m";

	@Parameter(label = "Axis", description = "slab normal, channel direction, layer normal", choices = { "x", "y", "z" })
	public String axis = "z";

	@Parameter(label = "Feature size (voxels)", description = "ball / Boolean sphere radius, slab and layer thickness, channel width", min = "0.5")
	public double feature_size = 10;

	@Parameter(label = "Channel period (voxels)", description = "channel spacing, centre to centre", min = "1")
	public int period = 16;

	@Parameter(label = "Sphere density (1/voxel^3)", description = "Poisson intensity of the Boolean spheres' centres", min = "0")
	public double density = 2e-4;

	@Parameter(label = "Random seed")
	public long seed = 1;

	@Parameter(label = "Inside label", description = "label of the shape (ball, slab, channels, spheres; odd layers)", min = "0", max = "255")
	public int inside_label = PhaseLabels.DEFAULT_CAM;

	@Parameter(label = "Outside label", description = "label of the rest (even layers)", min = "0", max = "255")
	public int outside_label = PhaseLabels.DEFAULT_ISE;

	@Parameter(type = ItemIO.OUTPUT, label = "Analytic phantom")
	public ImagePlus phantom;

	@Override
	public void run() {
		if (inside_label == outside_label) throw new IllegalArgumentException("inside_label and outside_label must differ");
		int ax = "xyz".indexOf(axis);
		int s = (int) Math.round(feature_size);
		LabelVolume v;
		switch (shape) {
			case "ball": v = AnalyticPhantoms.ball(width, height, depth, feature_size, inside_label, outside_label); break;
			case "slab": {
				int n = ax == 0 ? width : ax == 1 ? height : depth;
				v = AnalyticPhantoms.slab(width, height, depth, ax, (n - s) / 2, s, inside_label, outside_label);
				break;
			}
			case "channels": v = AnalyticPhantoms.channels(width, height, depth, ax, s, period, inside_label, outside_label); break;
			case "layers": {
				int n = ax == 0 ? width : ax == 1 ? height : depth, k = (n + s - 1) / s;
				int[] t = new int[k], l = new int[k];
				for (int i = 0; i < k; i++) {
					t[i] = s;
					l[i] = i % 2 == 0 ? inside_label : outside_label;
				}
				v = AnalyticPhantoms.layers(width, height, depth, ax, t, l);
				break;
			}
			default: v = AnalyticPhantoms.booleanSpheres(width, height, depth, density, feature_size, seed, inside_label, outside_label);
		}
		VoxelSize vs = new VoxelSize(voxel_size, voxel_size, slice_thickness, unit);
		convention("geometry", "shapes are defined on voxel indices; the voxel size only calibrates the image");
		phantom = Volumes.toImagePlus(v.toImg(), shape.replace(' ', '-') + "-phantom", vs);
		PhaseLut.apply(phantom, PhaseLabels.defaults());
	}
}
