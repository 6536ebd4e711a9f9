package org.cathodej.commands;

import java.util.List;
import java.util.Locale;

import org.cathodej.imagej.ImagePlusSource;
import org.cathodej.task.MemoryBudget;
import org.cathodej.tortuosity.FullSolveMemory;
import org.cathodej.tortuosity.SubVolumeStudy;
import org.cathodej.volume.VolumeSource;

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

	@Parameter(label = "Sub-volume edges (voxels)", description = "representative-volume study instead of one full solve: cubes of these edges "
		+ "(comma-separated, e.g. 64,96,128) read from the (possibly streamed) volume and solved one after another along the axis; "
		+ "empty = solve the whole volume", required = false)
	public String subvolume_edge = "";

	@Parameter(label = "Sub-volumes per edge", description = "cubes solved for each edge", min = "1", max = "10000")
	public int subvolume_count = 8;

	@Parameter(label = "Sub-volume layout", description = "grid = cube corners spread evenly over the volume; random = uniform positions from the seed",
		choices = { "grid", "random" })
	public String subvolume_layout = "grid";

	@Parameter(label = "Seed", description = "random sub-volume positions: the same seed gives the same cubes")
	public long seed = 1;

	@Parameter(type = ItemIO.OUTPUT, label = "Tortuosity (Flux)")
	public ResultsTable tortuosity;

	@Parameter(type = ItemIO.OUTPUT, label = "Tortuosity Layers")
	public ResultsTable layers;

	// after the full-solve tables: the first table is the one the Results window and stored-result checks use
	@Parameter(type = ItemIO.OUTPUT, label = "Sub-volume Tortuosity")
	public ResultsTable subvolumes;

	@Parameter(type = ItemIO.OUTPUT, label = "Sub-volume Summary")
	public ResultsTable subvolume_summary;

	@Parameter(type = ItemIO.OUTPUT, label = "Potential")
	public ImagePlus potential;

	@Parameter(type = ItemIO.OUTPUT, label = "Current Density")
	public ImagePlus current_density;

	@Override
	protected boolean supportsStreaming() {
		return subvolume_edge != null && !subvolume_edge.trim().isEmpty(); // the sub-volume mode reads cubes from the streamed source
	}

	/**
	 * States the memory of a full solve (note and provenance) and, in the sub-volume mode, runs the study instead
	 * (returns false); refuses a full solve that does not fit, pointing to the sub-volume mode.
	 */
	private boolean statedMemoryFits(Conductivities cond, FluxTortuosity.Options o) {
		if (labels == null) throw new IllegalArgumentException("Tortuosity (Flux) needs a label image: open or select one.");
		Volumes.requireLabelImage(labels, "Tortuosity (Flux)");
		VolumeSource src = ImagePlusSource.of(labels);
		int w = src.width(), h = src.height(), d = src.depth();
		boolean counted = src.inMemory();
		long conducting = counted ? FullSolveMemory.conductingVoxels(src, cond) : src.voxels();
		long need = FullSolveMemory.bytes(w, h, d, voxelSize(), conducting, cond, o);
		String text = "A full solve of " + w + "x" + h + "x" + d + " voxels needs " + (counted ? "up to " : "at most (every voxel counted as conducting) ")
			+ MemoryBudget.bytes(need) + " per axis";
		// the free heap varies from run to run: only in the refusal, never in the results or their provenance
		convention("full_solve_memory", text);
		note(text + ".");
		if (supportsStreaming()) {
			subVolumeStudy(src, cond, o);
			return false;
		}
		MemoryBudget.require(need, "A full solve (per axis) of " + w + "x" + h + "x" + d + " voxels", need / (double) src.voxels(),
			" Run a representative-volume study instead, e.g. subvolume_edge=" + suggestedEdges(w, h, d) + " subvolume_count=8 (cubes solved one "
			+ "after another, read from the volume slice by slice).");
		return true;
	}

	private static String suggestedEdges(int w, int h, int d) {
		int m = Math.min(w, Math.min(h, d));
		int a = Math.max(2, Math.min(m, 64)), b = Math.max(2, Math.min(m, 128)), c = Math.max(2, Math.min(m, 192));
		return a == c ? String.valueOf(a) : a + "," + b + "," + c;
	}

	/** The representative-volume study: kappa per cube, and mean, spread and trend per edge. */
	private void subVolumeStudy(VolumeSource src, Conductivities cond, FluxTortuosity.Options o) {
		if (axis.equals("all")) throw new IllegalArgumentException("The sub-volume mode solves one axis: give axis=x, y or z.");
		int ax = "xyz".indexOf(axis);
		int[] edges = parseEdges(subvolume_edge);
		SubVolumeStudy.Layout layout = SubVolumeStudy.Layout.parse(subvolume_layout);
		VoxelSize vs = voxelSize();
		convention("subvolumes", subvolume_count + " cubes per edge " + subvolume_edge.trim() + " voxels, " + layout.name().toLowerCase(Locale.ROOT)
			+ (layout == SubVolumeStudy.Layout.RANDOM ? " positions (seed " + seed + ")" : " positions") + "; each cube solved alone with its faces "
			+ "normal to " + axis + " as the electrodes");
		convention("subvolume_spread", "sd = sample standard deviation of kappa over the percolating cubes; change_from_smaller = relative change of "
			+ "the mean from the next smaller edge");
		// a volume on a cluster (cathodej-spark) solves the cubes there; each cube's numbers do not depend on where
		SubVolumeStudy.CubeRunner runner = src instanceof SubVolumeStudy.CubeRunner ? (SubVolumeStudy.CubeRunner) src : null;
		List<SubVolumeStudy.CubeResult> rs = SubVolumeStudy.run(src, edges, subvolume_count, layout, seed, cond, vs, ax, o, runner, progress());
		subvolumes = new ResultsTable();
		for (SubVolumeStudy.CubeResult r : rs) {
			subvolumes.incrementCounter();
			subvolumes.addValue("edge", r.cube.edge);
			subvolumes.addValue("x0", r.cube.x0);
			subvolumes.addValue("y0", r.cube.y0);
			subvolumes.addValue("z0", r.cube.z0);
			subvolumes.addValue("axis", axis);
			subvolumes.addValue("phi_total", r.flux.phiTotal);
			subvolumes.addValue("phi_spanning", r.flux.phiSpanning);
			subvolumes.addValue("kappa", r.flux.kappa);
			subvolumes.addValue("kappa_spanning", r.flux.kappaSpanning);
			subvolumes.addValue("iterations", r.flux.iterations);
			subvolumes.addValue("converged", r.flux.converged ? 1 : 0);
		}
		subvolume_summary = new ResultsTable();
		for (SubVolumeStudy.EdgeSummary e : SubVolumeStudy.summarise(rs)) {
			subvolume_summary.incrementCounter();
			subvolume_summary.addValue("edge", e.edge);
			subvolume_summary.addValue("edge_length", e.edge * Math.min(vs.x(), Math.min(vs.y(), vs.z())));
			subvolume_summary.addValue("unit", vs.unit());
			subvolume_summary.addValue("cubes", e.cubes);
			subvolume_summary.addValue("non_percolating", e.nonPercolating);
			subvolume_summary.addValue("phi_mean", e.phiMean);
			subvolume_summary.addValue("kappa_mean", e.mean);
			subvolume_summary.addValue("kappa_sd", e.sd);
			subvolume_summary.addValue("kappa_cv", e.cv());
			subvolume_summary.addValue("kappa_min", e.min);
			subvolume_summary.addValue("kappa_max", e.max);
			subvolume_summary.addValue("change_from_smaller", e.changeFromSmaller);
			if (e.nonPercolating == e.cubes) note("Edge " + e.edge + ": no cube percolates along " + axis + "; kappa is infinite for all of them.");
		}
	}

	static int[] parseEdges(String s) {
		String[] parts = s.trim().split("[,;\\s]+");
		int[] e = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				e[i] = Integer.parseInt(parts[i]);
			} catch (NumberFormatException x) {
				throw new IllegalArgumentException("subvolume_edge must be edges in voxels separated by commas (e.g. 64,96,128), got '" + s + "'");
			}
		}
		return e;
	}

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

		if (!statedMemoryFits(cond, o)) return;
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
		if (potential != null) org.cathodej.imagej.ColourKey.wantBar(potential, "potential");
		if (current_density != null) org.cathodej.imagej.ColourKey.wantBar(current_density, "current density");
	}

	/** Says which axes an Esc kept and which it left unsolved. */
	static String stoppedNote(List<FluxResult> done, int[] axes) {
		List<String> kept = new java.util.ArrayList<>(), left = new java.util.ArrayList<>();
		for (int a = 0; a < axes.length; a++) (a < done.size() ? kept : left).add(FluxResult.axisName(axes[a]));
		return "Stopped by Esc while solving along " + left.get(0) + ": the finished axes (" + String.join(", ", kept)
			+ ") are reported; not solved: " + String.join(", ", left) + ".";
	}
}
