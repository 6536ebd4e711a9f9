package org.cathodej.commands;

import java.util.List;

import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.tortuosity.Conductivities;
import org.cathodej.tortuosity.FluxResult;
import org.cathodej.tortuosity.FluxTortuosity;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/** Analyze > Tortuosity (Flux): steady-state conduction through one phase (or several with their conductivities). */
@Plugin(type = Command.class, label = "Tortuosity (Flux)",
	description = "Effective conductivity and tortuosity factor from a steady-state conduction solve along x, y and/or z")
public class TortuosityFluxCommand extends LabelAnalysisCommand {

	@Parameter(label = "Conducting phase", description = "the phase that conducts (conductivity 1), or 'multi-phase' to use the three conductivities below",
		choices = { "ISE", "CAM", "pore", "multi-phase" })
	public String conducting_phase = "ISE";

	@Parameter(label = "Pore conductivity", description = "multi-phase only: conductivity of the pore phase (0 = insulating)", min = "0")
	public double pore_conductivity = 0;

	@Parameter(label = "CAM conductivity", description = "multi-phase only: conductivity of CAM (0 = insulating)", min = "0")
	public double cam_conductivity = 0;

	@Parameter(label = "ISE conductivity", description = "multi-phase only: conductivity of the solid electrolyte", min = "0")
	public double ise_conductivity = 1;

	@Parameter(label = "Axis", description = "direction of the applied potential difference", choices = { "x", "y", "z", "all" })
	public String axis = "z";

	@Parameter(label = "Residual tolerance", description = "relative residual to reach (default 1e-4: kappa to about 0.01 %)", min = "1e-9", max = "0.1")
	public double residual_tolerance = 1e-4;

	@Parameter(label = "Current balance tolerance", description = "relative difference of inlet and outlet current to reach", min = "1e-9", max = "0.1")
	public double balance_tolerance = 1e-3;

	@Parameter(label = "Maximum iterations", min = "1", max = "10000000")
	public int max_iterations = 100000;

	@Parameter(label = "Per-layer table", description = "mean and spread of the current density and the phase fraction in every layer along the axis")
	public boolean layer_table = false;

	@Parameter(label = "Potential image", description = "32-bit potential field (1 at the inlet face, 0 at the outlet; NaN outside the spanning phase)")
	public boolean potential_image = false;

	@Parameter(label = "Current density image", description = "32-bit |current density| relative to the mean current density")
	public boolean current_image = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Tortuosity (Flux)")
	public ResultsTable tortuosity;

	@Parameter(type = ItemIO.OUTPUT, label = "Tortuosity Layers")
	public ResultsTable layers;

	@Parameter(type = ItemIO.OUTPUT, label = "Potential")
	public ImagePlus potential;

	@Parameter(type = ItemIO.OUTPUT, label = "Current Density")
	public ImagePlus current_density;

	@Override
	public void run() {
		PhaseLabels pl = phaseLabels();
		VoxelSize vs = voxelSize();
		Conductivities cond = new Conductivities();
		if (conducting_phase.equals("multi-phase")) {
			cond.set(pl.pore(), pore_conductivity).set(pl.cam(), cam_conductivity).set(pl.ise(), ise_conductivity);
			if (cond.isEmpty())
				throw new IllegalArgumentException("Tortuosity (Flux), multi-phase: every conductivity is 0; give at least one phase a conductivity > 0.");
		} else cond.set(pl.valueOf(Phase.parse(conducting_phase)), 1);
		int[] axes = axis.equals("all") ? new int[] { 0, 1, 2 } : new int[] { "xyz".indexOf(axis) };
		if (axes[0] < 0) throw new IllegalArgumentException("Axis must be x, y, z or all, got '" + axis + "'");
		FluxTortuosity.Options o = new FluxTortuosity.Options();
		o.tolerance = residual_tolerance;
		o.balanceTolerance = balance_tolerance;
		o.maxIterations = max_iterations;
		o.layers = layer_table;
		o.potential = potential_image;
		o.currentDensity = current_image;
		if ((potential_image || current_image) && axes.length > 1)
			note("Potential and current-density images are made for the last axis only (" + "xyz".charAt(axes[axes.length - 1]) + ").");
		convention("boundary", "potential 1 and 0 on the volume's faces normal to the axis (half a voxel from the first and last layer "
			+ "centres: an open block gives kappa = 1); no flux through the other faces");
		convention("face_conductance", "harmonic mean of the two voxels' conductivities x face area / voxel spacing");
		convention("kappa", "kappa = sum(phi_i sigma_i) / sigma_eff (single phase: phi / sigma_eff); kappa_spanning uses the voxels "
			+ "connected to both faces only (isolated and dead-end clusters removed)");
		convention("conductivities", cond.toString());
		convention("solver", "conjugate gradients preconditioned by an aggregation-multigrid W-cycle, float vectors, true residual checked in double");

		List<FluxResult> rs = FluxTortuosity.compute(labelVolume(true, "Tortuosity (Flux)"), cond, vs, axes, o, progress());
		if (rs.size() < axes.length) note(stoppedNote(rs, axes));
		tortuosity = new ResultsTable();
		for (FluxResult r : rs) {
			String ax = FluxResult.axisName(r.axis);
			tortuosity.incrementCounter();
			tortuosity.addLabel(ax);
			tortuosity.addValue("axis", ax);
			tortuosity.addValue("phase", conducting_phase);
			tortuosity.addValue("sigma_eff", r.sigmaEff);
			tortuosity.addValue("phi_total", r.phiTotal);
			tortuosity.addValue("phi_spanning", r.phiSpanning);
			tortuosity.addValue("sigma_mean_total", r.sigmaMeanTotal);
			tortuosity.addValue("kappa", r.kappa);
			tortuosity.addValue("kappa_spanning", r.kappaSpanning);
			tortuosity.addValue("iterations", r.iterations);
			tortuosity.addValue("rel_residual", r.relResidual);
			tortuosity.addValue("current_balance", r.balance);
			tortuosity.addValue("converged", r.converged ? 1 : 0);
			tortuosity.addValue("message", r.message.isEmpty() ? "converged" : r.message);
			if (!r.message.isEmpty()) note(ax + ": " + r.message);
		}
		FluxResult last = rs.get(rs.size() - 1);
		if (layer_table) {
			layers = new ResultsTable();
			for (FluxResult r : rs) {
				if (r.layers == null) continue;
				for (FluxResult.LayerRow row : r.layers) {
					layers.incrementCounter();
					layers.addValue("axis", FluxResult.axisName(r.axis));
					layers.addValue("layer", row.layer);
					layers.addValue("position", row.position);
					layers.addValue("unit", vs.unit());
					layers.addValue("phase_fraction", row.phaseFraction);
					layers.addValue("spanning_fraction", row.spanningFraction);
					layers.addValue("mean_current", row.meanCurrent);
					layers.addValue("mean_current_in_phase", row.meanCurrentInPhase);
					layers.addValue("sd_current_in_phase", row.sdCurrentInPhase);
					layers.addValue("max_current", row.maxCurrent);
				}
			}
		}
		String title = labels.getTitle();
		String ax = FluxResult.axisName(last.axis);
		if (last.potential != null) potential = Volumes.toImagePlus(last.potential, title + " potential " + ax, vs);
		if (last.currentDensity != null) current_density = Volumes.toImagePlus(last.currentDensity, title + " current density " + ax, vs);
	}

	/** Says which axes an Esc kept and which it left unsolved. */
	static String stoppedNote(List<FluxResult> done, int[] axes) {
		List<String> kept = new java.util.ArrayList<>(), left = new java.util.ArrayList<>();
		for (int a = 0; a < axes.length; a++) (a < done.size() ? kept : left).add(FluxResult.axisName(axes[a]));
		return "Stopped by Esc while solving along " + left.get(0) + ": the finished axes (" + String.join(", ", kept)
			+ ") are reported; not solved: " + String.join(", ", left) + ".";
	}
}
