package org.cathodej.commands;

import java.awt.Color;
import java.util.Map;

import org.cathodej.fractions.FractionsKernel;
import org.cathodej.fractions.NominalComposition;
import org.cathodej.fractions.PhaseFractions;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Parallel;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.VolumeSource;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.gui.Plot;
import ij.measure.ResultsTable;

/** Analyze > Phase Fractions: volume fractions, profiles along x/y/z, and the nominal composition beside them. */
@Plugin(type = Command.class, label = "Phase Fractions",
	description = "Volume fraction of pore, CAM and ISE, fraction profiles along x, y and z, and the composition the user weighed")
public class PhaseFractionsCommand extends LabelAnalysisCommand {

	@Parameter(label = "CAM weight fraction", description = "mass fraction of CAM in the solid composite (CAM + ISE) as weighed", min = "0", max = "1")
	public double cam_weight_fraction = 0.7;

	@Parameter(label = "CAM density (g/cm^3)", description = "true density of the active material, e.g. 4.7 for NCM", min = "0.01", max = "30")
	public double cam_density = 4.7;

	@Parameter(label = "ISE density (g/cm^3)", description = "true density of the solid electrolyte, e.g. 1.64 for Li6PS5Cl", min = "0.01", max = "30")
	public double ise_density = 1.64;

	@Parameter(label = "Pellet mass (mg)", description = "composite mass for the geometric porosity; 0 = not given", min = "0")
	public double pellet_mass = 0;

	@Parameter(label = "Pellet area (cm^2)", description = "pellet area for the geometric porosity; 0 = not given", min = "0")
	public double pellet_area = 0;

	@Parameter(label = "Pellet thickness (um)", description = "composite thickness for the geometric porosity; 0 = not given", min = "0")
	public double pellet_thickness = 0;

	@Parameter(label = "Profile axis", description = "axis of the fraction profile plot (the table has all three)", choices = { "x", "y", "z" })
	public String profile_axis = "z";

	@Parameter(type = ItemIO.OUTPUT, label = "Phase Fractions")
	public ResultsTable fractions;

	@Parameter(type = ItemIO.OUTPUT, label = "Fraction Profiles")
	public ResultsTable profiles;

	@Parameter(type = ItemIO.OUTPUT, label = "Fraction Profile Plot")
	public Plot profile_plot;

	@Override
	protected boolean supportsStreaming() {
		return true;
	}

	@Override
	public void run() {
		PhaseLabels pl = phaseLabels();
		VoxelSize vs = voxelSize();
		VolumeSource src = streamedSource("Phase Fractions", 0);
		PhaseFractions.Counts c = src != null
			? SlabStreamer.run(src, slabPlan(src, src.bytesPerVoxel(), "Phase Fractions"), new FractionsKernel(pl, Parallel.defaultThreads()),
				progress()).counts()
			: PhaseFractions.count(labelVolume(false, "Phase Fractions"), pl, Parallel.defaultThreads(), progress());
		NominalComposition nominal = new NominalComposition(cam_weight_fraction, cam_density, ise_density, pellet_mass, pellet_area,
			pellet_thickness);
		convention("fraction_basis", "volume fractions are voxel counts over all voxels of the image, other labels included");
		convention("nominal_composition", nominal.describe());
		String volUnit = vs.unit() + "^3";

		fractions = new ResultsTable();
		for (Phase p : Phase.values()) {
			int i = p.ordinal();
			fractions.incrementCounter();
			fractions.addLabel(p.displayName());
			fractions.addValue("label_value", pl.valueOf(p));
			fractions.addValue("voxels", c.phase[i]);
			fractions.addValue("volume", c.phase[i] * vs.voxelVolume());
			fractions.addValue("unit", volUnit);
			fractions.addValue("volume_fraction", c.fraction(i));
			long solid = c.phase[1] + c.phase[2];
			fractions.addValue("solid_fraction", p == Phase.PORE ? 0 : solid == 0 ? 0 : c.phase[i] / (double) solid);
			fractions.addValue("nominal_solid_fraction", nominal.solidFraction(p));
			if (nominal.hasPellet()) {
				fractions.addValue("nominal_volume_fraction", nominal.volumeFraction(p));
				fractions.addValue("difference", c.fraction(i) - nominal.volumeFraction(p));
			}
			if (c.phase[i] == 0) note(p.displayName() + " (label " + pl.valueOf(p) + ") is absent: its fraction is 0.");
		}
		for (Map.Entry<Integer, Long> e : c.otherLabels.entrySet()) {
			fractions.incrementCounter();
			fractions.addLabel(e.getKey() < 0 ? "other (out of range)" : "other (label " + e.getKey() + ")");
			fractions.addValue("label_value", e.getKey());
			fractions.addValue("voxels", e.getValue());
			fractions.addValue("volume", e.getValue() * vs.voxelVolume());
			fractions.addValue("unit", volUnit);
			fractions.addValue("volume_fraction", e.getValue() / (double) c.total);
			fractions.addValue("solid_fraction", 0);
			fractions.addValue("nominal_solid_fraction", 0);
			if (nominal.hasPellet()) {
				fractions.addValue("nominal_volume_fraction", 0);
				fractions.addValue("difference", e.getValue() / (double) c.total);
			}
		}
		if (!c.otherLabels.isEmpty())
			note("Labels other than pore/CAM/ISE found: " + c.otherLabels.keySet() + " (" + c.phase[3] + " voxels); listed as 'other'.");

		profiles = new ResultsTable();
		String[] axes = { "x", "y", "z" };
		for (int a = 0; a < 3; a++)
			for (int k = 0; k < c.profile[a].length; k++) {
				profiles.incrementCounter();
				profiles.addValue("axis", axes[a]);
				profiles.addValue("index", k);
				profiles.addValue("position", (k + 0.5) * vs.along(a));
				for (Phase p : Phase.values()) profiles.addValue(p.displayName(), c.profileFraction(a, k, p.ordinal()));
				profiles.addValue("other", c.profileFraction(a, k, 3));
			}
		profile_plot = plot(c, vs, "xyz".indexOf(profile_axis));
	}

	private static Plot plot(PhaseFractions.Counts c, VoxelSize vs, int axis) {
		int n = c.profile[axis].length;
		double[] pos = new double[n];
		for (int k = 0; k < n; k++) pos[k] = (k + 0.5) * vs.along(axis);
		Plot plot = new Plot("Phase fraction profile along " + "xyz".charAt(axis), "xyz".charAt(axis) + " (" + vs.unit() + ")", "volume fraction");
		plot.setLimits(0, n * vs.along(axis), 0, 1);
		StringBuilder legend = new StringBuilder();
		for (Phase p : Phase.values()) {
			double[] f = new double[n];
			for (int k = 0; k < n; k++) f[k] = c.profileFraction(axis, k, p.ordinal());
			plot.setColor(new Color(p == Phase.PORE ? 0x808080 : p.rgb()));
			plot.setLineWidth(2);
			plot.addPoints(pos, f, Plot.LINE);
			legend.append(p.displayName()).append('\n');
		}
		plot.setColor(Color.black);
		plot.addLegend(legend.toString().trim());
		return plot;
	}
}
