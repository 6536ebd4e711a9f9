package org.cathodej.commands;

import java.awt.Color;

import org.cathodej.imagej.SourceStack;
import org.cathodej.image.VoxelSize;
import org.cathodej.imagej.Volumes;
import org.cathodej.volume.VolumeSource;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Parallel;
import org.cathodej.tortuosity.RandomWalkResult;
import org.cathodej.tortuosity.RandomWalkTortuosity;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.gui.Plot;
import ij.measure.ResultsTable;

/** Analyze > Tortuosity (Random Walk): lattice walkers in one phase, MSD curves and tau from their late slope. */
@Plugin(type = Command.class, label = "Tortuosity (Random Walk)",
	description = "Tortuosity factor from the mean squared displacement of lattice random walkers in one phase")
public class TortuosityRandomWalkCommand extends LabelAnalysisCommand {

	@Parameter(label = "Phase", description = "the phase the walkers move in", choices = { "ISE", "CAM", "pore" })
	public String phase = "ISE";

	@Parameter(label = "Walkers", min = "1", max = "100000000")
	public int walkers = 2000;

	@Parameter(label = "Steps per walker", description = "walks should be several times longer than the pore (particle) size squared",
		min = "10", max = "1000000000")
	public int steps = 100000;

	@Parameter(label = "Random seed", description = "same seed, same numbers")
	public int seed = 1;

	@Parameter(label = "Fit from (fraction of the walk)", description = "start of the MSD fit window; the early free-flight part is left out",
		min = "0", max = "0.99")
	public double fit_from = 0.5;

	@Parameter(label = "MSD samples", description = "points on the MSD curves", min = "2", max = "100000")
	public int samples = 200;

	@Parameter(type = ItemIO.OUTPUT, label = "Tortuosity (Random Walk)")
	public ResultsTable tortuosity;

	@Parameter(type = ItemIO.OUTPUT, label = "MSD Curves")
	public ResultsTable msd;

	@Parameter(type = ItemIO.OUTPUT, label = "MSD Plot")
	public Plot msd_plot;

	@Override
	protected boolean supportsStreaming() {
		return true; // the walk holds a 1-bit phase mask built slice by slice
	}

	@Override
	public void run() {
		PhaseLabels pl = phaseLabels();
		VoxelSize vs = voxelSize();
		RandomWalkTortuosity.Options o = new RandomWalkTortuosity.Options();
		o.walkers = walkers;
		o.steps = steps;
		o.seed = seed;
		o.fitFrom = fit_from;
		o.samples = Math.min(samples, steps);
		o.threads = Parallel.defaultThreads();
		convention("walk", "one step per time step to a random face neighbour (axis chosen with probability ~ 1/spacing^2); "
			+ "steps into other phases rejected; volume mirrored at its faces");
		convention("tau", "free-space MSD slope / least-squares MSD slope (with intercept) over the fit window; "
			+ "standard error from " + "the spread over 20 independent walker groups");
		int label = pl.valueOf(Phase.parse(phase));
		// a volume on a cluster (cathodej-spark) runs the walkers there; the numbers do not depend on where they run
		Object held = labels.getStack() instanceof SourceStack ? ((SourceStack) labels.getStack()).source() : null;
		RandomWalkTortuosity.WalkerRunner runner = held instanceof RandomWalkTortuosity.WalkerRunner ? (RandomWalkTortuosity.WalkerRunner) held : null;
		VolumeSource src = streamedSource("Tortuosity (Random Walk)", 1 / 8.0);
		if (src != null) Volumes.require3D(labels, "Tortuosity (Random Walk)");
		RandomWalkResult r = src != null ? RandomWalkTortuosity.compute(src, label, vs, o, runner, progress())
			: RandomWalkTortuosity.compute(labelVolume(true, "Tortuosity (Random Walk)"), label, vs, o, runner, progress());
		String u2 = vs.unit() + "^2";
		tortuosity = new ResultsTable();
		String[] names = { "x", "y", "z", "total" };
		for (int b = 0; b < 4; b++) {
			tortuosity.incrementCounter();
			tortuosity.addLabel(names[b]);
			tortuosity.addValue("axis", names[b]);
			tortuosity.addValue("phase", phase);
			tortuosity.addValue("tau", r.tau[b]);
			tortuosity.addValue("tau_se", r.tauError[b]);
			tortuosity.addValue("msd_slope", r.slope[b]);
			tortuosity.addValue("msd_slope_se", r.slopeError[b]);
			tortuosity.addValue("unit", u2 + " per step");
			tortuosity.addValue("phi", r.phi);
			tortuosity.addValue("fit_first_step", r.fitFirstStep);
			tortuosity.addValue("fit_last_step", r.fitLastStep);
			tortuosity.addValue("walkers", r.walkers);
			tortuosity.addValue("steps", r.steps);
			if (Double.isInfinite(r.tau[b])) note(names[b] + ": the walkers do not spread (MSD slope <= 0): tau is infinite");
		}
		msd = new ResultsTable();
		for (int k = 0; k < r.time.length; k++) {
			msd.incrementCounter();
			msd.addValue("step", r.time[k]);
			for (int b = 0; b < 4; b++) msd.addValue("msd_" + names[b], r.msd[b][k]);
			msd.addValue("unit", u2);
		}
		double[] t = new double[r.time.length];
		for (int k = 0; k < t.length; k++) t[k] = r.time[k];
		msd_plot = new Plot("MSD of random walkers in " + phase, "steps", "MSD (" + u2 + ")");
		Color[] colors = { Color.red, new Color(0, 150, 0), Color.blue, Color.black };
		StringBuilder legend = new StringBuilder();
		for (int b = 0; b < 4; b++) {
			msd_plot.setColor(colors[b]);
			msd_plot.setLineWidth(b == 3 ? 2 : 1);
			msd_plot.addPoints(t, r.msd[b], Plot.LINE);
			legend.append(String.format(java.util.Locale.ROOT, "%s: tau = %.4g +- %.2g%n", names[b], r.tau[b], r.tauError[b]));
		}
		msd_plot.setColor(Color.black);
		msd_plot.addLegend(legend.toString().trim());
		msd_plot.setLimitsToFit(false);
	}
}
