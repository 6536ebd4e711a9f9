package org.cathodej.commands;

import org.cathodej.imagej.Volumes;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/** Generate > Synthetic FIB-SEM: BSE and SE detector stacks rendered from a label image, with known artefacts. */
@Plugin(type = Command.class, label = "Synthetic FIB-SEM",
	description = "Renders BSE and SE stacks from a label image: grey level per phase, blur, noise, drift, curtaining, uneven illumination (seeded)")
public class SyntheticFibSemCommand extends LabelAnalysisCommand {

	@Parameter(label = "Blur sigma (pixels)", min = "0", max = "50")
	public double blur_sigma = 1;

	@Parameter(label = "Noise s.d. (grey levels)", description = "additive Gaussian noise in 16-bit grey levels (BSE: pore 6000, ISE 26000, CAM 46000)", min = "0")
	public double noise_sd = 1500;

	@Parameter(label = "Drift step (pixels)", description = "s.d. of the slice-to-slice random-walk drift in x and y; 0 = none", min = "0", max = "100")
	public double drift_step = 0;

	@Parameter(label = "Rotation step (degrees)", description = "s.d. of the slice-to-slice random-walk rotation; 0 = none", min = "0", max = "10")
	public double rotation_step = 0;

	@Parameter(label = "Curtain amplitude (grey levels)", description = "peak amplitude of vertical curtaining stripes; 0 = none", min = "0")
	public double curtain_amplitude = 0;

	@Parameter(label = "Curtain width (pixels)", description = "stripes are 1 to this many pixels wide", min = "1", max = "100")
	public double curtain_width = 4;

	@Parameter(label = "Illumination gradient", description = "relative brightness change across the slice (0.3 = +-15% at the corners); 0 = flat",
		min = "0", max = "1.5")
	public double illumination = 0;

	@Parameter(label = "32-bit output", description = "float stacks instead of 16-bit")
	public boolean float_output = false;

	@Parameter(label = "Random seed")
	public long seed = 1;

	@Parameter(type = ItemIO.OUTPUT, label = "Synthetic Drift")
	public ResultsTable truth;

	@Parameter(type = ItemIO.OUTPUT, label = "BSE")
	public ImagePlus bse;

	@Parameter(type = ItemIO.OUTPUT, label = "SE")
	public ImagePlus se;

	@Override
	public void run() {
		FibSemRenderer.Params p = new FibSemRenderer.Params();
		p.blurSigma = blur_sigma;
		p.noiseSigma = noise_sd;
		p.driftStep = drift_step;
		p.rotationStep = rotation_step;
		p.stripeAmplitude = curtain_amplitude;
		p.stripeMaxWidth = curtain_width;
		p.illumination = illumination;
		p.float32 = float_output;
		p.seed = seed;
		convention("drift_sign", "content of slice z displaced by (dx, dy) and rotated by angle_deg about the slice centre ((w-1)/2, (h-1)/2)");
		convention("grey_levels", "BSE pore " + p.bsePore + ", CAM " + p.bseCam + ", ISE " + p.bseIse + "; SE pore " + p.sePore + ", CAM " + p.seCam
			+ ", ISE " + p.seIse + ", pore rim +" + p.seEdge);
		FibSemRenderer.Result r = FibSemRenderer.render(labelVolume(false, "Synthetic FIB-SEM"), phaseLabels(), p, Parallel.defaultThreads(), progress());
		String base = Volumes.titleStem(labels.getTitle());
		bse = Volumes.toImagePlus(r.bse, base + "-BSE", null);
		se = Volumes.toImagePlus(r.se, base + "-SE", null);
		bse.setCalibration(labels.getCalibration().copy());
		se.setCalibration(labels.getCalibration().copy());
		truth = new ResultsTable();
		for (int z = 0; z < r.dx.length; z++) {
			truth.incrementCounter();
			truth.addValue("slice", z + 1);
			truth.addValue("dx", r.dx[z]);
			truth.addValue("dy", r.dy[z]);
			truth.addValue("angle_deg", r.angleDeg[z]);
		}
	}
}
