package org.cathodej.commands;

import org.cathodej.destripe.Destriper;
import org.cathodej.image.Volumes;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/** Preprocess > Remove Stripes: curtaining removal by combined wavelet-Fourier filtering, optionally with automatic parameters. */
@Plugin(type = Command.class, label = "Remove Stripes",
	description = "Removes curtaining stripes by wavelet-Fourier filtering (Münch et al. 2009); automatic mode chooses sigma and levels")
public class RemoveStripesCommand extends CathodeJCommand {

	@Parameter(label = "Image", persist = false)
	public ImagePlus image;

	@Parameter(label = "Stripe direction", description = "direction the stripes run in (FIB curtains: vertical)", choices = { "vertical", "horizontal" })
	public String direction = "vertical";

	@Parameter(label = "Wavelet", choices = { "db5", "haar", "db2", "db3", "db4", "db6", "db7", "db8", "db9", "db10" })
	public String wavelet = "db5";

	@Parameter(label = "Levels", description = "wavelet decomposition levels: more removes wider stripes but touches coarse structure", min = "1", max = "12")
	public int levels = 3;

	@Parameter(label = "Sigma", description = "damping width 1 - exp(-k^2/2 sigma^2), k = frequency index along the stripes", min = "0.01", max = "100")
	public double sigma = 0.5;

	@Parameter(label = "Automatic", description = "choose sigma and levels per stack: least stripe energy with the structure loss bounded")
	public boolean automatic = false;

	@Parameter(label = "Largest structure loss", description = "automatic mode: allowed loss of non-stripe energy, fraction of the slice variance energy",
		min = "0", max = "1")
	public double max_structure_loss = 0.001;

	@Parameter(type = ItemIO.OUTPUT, label = "Stripe Removal")
	public ResultsTable stripes;

	@Parameter(type = ItemIO.OUTPUT, label = "Destriped")
	public ImagePlus destriped;

	@Override
	public void run() {
		if (image == null) throw new IllegalArgumentException("Remove Stripes needs an image: open or select one.");
		Volumes.requireGreyscaleVolume(image);
		Destriper.Params p = new Destriper.Params();
		p.direction = Destriper.Direction.parse(direction);
		p.wavelet = wavelet;
		p.levels = levels;
		p.sigma = sigma;
		p.auto = automatic;
		p.maxStructureLoss = max_structure_loss;
		p.threads = Parallel.defaultThreads();
		Destriper.Result r = Destriper.run(AlignStackCommand.real(image), p, progress());
		if (automatic) note("Automatic stripe filter: " + r.levels + " levels, sigma " + r.sigma);
		else if (r.levels != levels) note("Levels reduced to " + r.levels + " (the slice is too small for more).");
		convention("levels_used", r.levels);
		convention("sigma_used", r.sigma);
		convention("stripe_energy", "slice height x sum over columns of (column mean - its 4-px Gaussian smoothing across columns)^2");
		convention("structure_lost", "energy removed beyond the stripe energy removed, as a fraction of the slice's variance energy");
		destriped = Volumes.toImagePlus(r.output, AlignStackCommand.stripExt(image.getTitle()) + "-destriped", null);
		destriped.setCalibration(image.getCalibration().copy());
		stripes = new ResultsTable();
		for (int z = 0; z < r.stats.length; z++) {
			Destriper.SliceStats s = r.stats[z];
			stripes.incrementCounter();
			stripes.addValue("slice", z + 1);
			stripes.addValue("stripe_energy_before", s.stripeBefore);
			stripes.addValue("stripe_energy_after", s.stripeAfter);
			stripes.addValue("stripe_energy_removed_fraction", s.stripeRemovedFraction());
			stripes.addValue("structure_energy_lost_fraction", s.structureLostFraction());
			stripes.addValue("levels", r.levels);
			stripes.addValue("sigma", r.sigma);
		}
	}
}
