package org.cathodej.commands;


import org.cathodej.destripe.Destriper;
import org.cathodej.destripe.StreamedDestriper;
import org.cathodej.imagej.GreyInput;
import org.cathodej.imagej.Volumes;
import org.cathodej.results.Table;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/** Preprocess > Remove Stripes: curtaining removal by combined wavelet-Fourier filtering, optionally with automatic parameters. */
@Plugin(type = Command.class, label = "Remove Stripes",
	description = "Removes curtaining stripes by wavelet-Fourier filtering (Münch et al. 2009) of the stripe layer; automatic mode chooses stripe width, levels and sigma")
public class RemoveStripesCommand extends CathodeJCommand implements org.cathodej.run.SlicePreview {

	@Parameter(label = "Image", persist = false)
	public ImagePlus image;

	@Parameter(label = "Stripe direction", description = "direction the stripes run in (FIB curtains: vertical)", choices = { "vertical", "horizontal" })
	public String direction = "vertical";

	@Parameter(label = "Wavelet", description = "wavelet of the stripe-layer decomposition: haar = db1, the blockiest; "
		+ "db2-db10 = Daubechies wavelets, smoother as the number grows (db5 works for most FIB-SEM curtains)", choices = { "db5", "haar", "db2", "db3", "db4", "db6", "db7", "db8", "db9", "db10" })
	public String wavelet = "db5";

	@Parameter(label = "Stripe width (px)", description = "widest curtain separated from the structure (running median across the stripes) before filtering; 0 = filter the whole image (Münch's original)",
		min = "0", max = "256")
	public int stripe_width = 4;

	@Parameter(label = "Curtain length (px)", description = "partial-height curtains: the stripe layer is estimated in windows of 2 x curtain_length + 1 px along the stripes (running median, weak evidence shrunk to zero; levels and sigma unused); curtains shorter than about curtain_length stay; 0 = column-wide filter (automatic mode: 0 = measure whether the curtains are partial-height and choose it)",
		min = "0", max = "4096")
	public int curtain_length = 0;

	@Parameter(label = "Levels", description = "wavelet decomposition levels (capped by the slice size): more reaches the coarse part of the curtains", min = "1", max = "12")
	public int levels = 6;

	@Parameter(label = "Sigma", description = "damping width 1 - exp(-k^2/2 sigma^2), k = frequency index along the stripes; larger also removes curtains that change along their length",
		min = "0.01", max = "100")
	public double sigma = 1;

	@Parameter(label = "Automatic", description = "choose the filter per stack: with curtain length 0 it first measures whether the curtains are partial-height "
		+ "and then chooses curtain length and stripe width, else stripe width, levels and sigma of the column-wide filter; most energy removed net of the structure lost "
		+ "(measured on sample slices turned by 90 degrees), with that loss bounded")
	public boolean automatic = false;

	@Parameter(label = "Largest structure loss", description = "automatic mode: allowed loss of non-stripe energy, fraction of the sample slices' variance energy",
		min = "0", max = "1")
	public double max_structure_loss = 0.001;

	@Parameter(label = "Removed stripes image", description = "32-bit image of what was removed (input minus output), to check that only curtains went")
	public boolean removed_stripes = false;

	@Parameter(label = "Streaming", description = "destripe slab by slab into a TIFF-slice folder in output_dir: auto = when the image is virtual "
		+ "or does not fit in memory; always = even when it fits; never = hold the whole stack. Voxels are identical; no removed stripes image when streaming",
		choices = { "auto", "always", "never" })
	public String streaming = "auto";

	@Parameter(label = "Slab height (slices)", description = "slices per slab when streaming; 0 = sized from the free memory", min = "0", max = "100000")
	public int slab_slices = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Stripe Removal")
	public Table stripes;

	@Parameter(type = ItemIO.OUTPUT, label = "Destriped")
	public ImagePlus destriped;

	@Parameter(type = ItemIO.OUTPUT, label = "Removed Stripes")
	public ImagePlus removed;

	/** Slab by slab into {@code <output_dir>/<title>-destriped/}. */
	private Destriper.Result streamed(Destriper.Params p) {
		return StreamedImageOutput.write(this, image, slab_slices, new StreamedImageOutput.Output("Remove Stripes", "destriped", "the destriped stack"),
			src -> StreamedDestriper.bytesPerVoxel(src.bytesPerVoxel()), (src, plan, w) -> StreamedDestriper.run(src, plan, p, w, progress()),
			img -> destriped = img);
	}

	@Override
	public void run() {
		GreyInput.require(image, "Remove Stripes");
		if (stripe_width < 0) throw new IllegalArgumentException("stripe_width must be >= 0 pixels, got " + stripe_width);
		if (curtain_length < 0) throw new IllegalArgumentException("curtain_length must be >= 0 pixels, got " + curtain_length);
		Destriper.Params p = new Destriper.Params();
		p.direction = Destriper.Direction.parse(direction);
		p.wavelet = wavelet;
		p.levels = levels;
		p.sigma = sigma;
		p.stripeWidth = stripe_width;
		p.curtainLength = curtain_length;
		p.auto = automatic;
		p.maxStructureLoss = max_structure_loss;
		p.threads = Parallel.defaultThreads();
		boolean stream = StreamedImageOutput.streams(this, streaming, image, image.getBitDepth() / 8 + (removed_stripes ? 4 : 0));
		Destriper.Result r = stream ? streamed(p) : Destriper.run(Volumes.real(image), p, progress());
		if (automatic) note("Automatic stripe filter: stripe width " + r.stripeWidth + " px"
			+ (r.curtainLength > 0 ? ", curtain length " + r.curtainLength + " px" : ", " + r.levels + " levels, sigma " + r.sigma)
			+ (r.curtainExtent != null ? " (" + r.curtainExtent + ")" : ""));
		else if (r.levels != levels) note("Levels reduced to " + r.levels + " (the slice is too small for more).");
		convention("stripe_width_used", r.stripeWidth);
		convention("levels_used", r.levels);
		convention("sigma_used", r.sigma);
		int sw = r.stripeWidth;
		convention("stripe_layer", sw > 0 ? "image minus its running median across the stripes over " + (2 * sw + 1) + " px, outliers along each column replaced by its robust smooth profile; the filter runs on the layer"
			: "none: the filter runs on the whole image");
		convention("curtain_length_used", r.curtainLength);
		if (r.curtainExtent != null) convention("curtain_extent", r.curtainExtent);
		if (r.curtainLength > 0) convention("curtain_estimate", "running median of the stripe layer along the stripes over " + (2 * r.curtainLength + 1)
			+ " px, shrunk to zero below 2 standard errors of that median (non-negative garrote); the median across the stripes is retaken of the slice minus the estimate, 4 passes");
		convention("stripe_energy", "slice height x sum over columns of the squared column mean of the image minus its running median across the stripes (half-width "
			+ (sw > 0 ? sw : 4) + " px)");
		convention("structure_lost", "energy removed beyond the stripe energy removed, as a fraction of the slice's variance energy (an upper estimate: strong curtains bias the stripe energy low)");
		if (!stream) {
			destriped = Volumes.toImagePlus(r.output, Volumes.titleStem(image.getTitle()) + "-destriped", null);
			destriped.setCalibration(image.getCalibration().copy());
			if (removed_stripes) {
				removed = Volumes.toImagePlus(r.removedStripes(Volumes.real(image)), Volumes.titleStem(image.getTitle()) + "-removed-stripes", null);
				removed.setCalibration(image.getCalibration().copy());
			}
		} else if (removed_stripes) note("No removed stripes image when streaming (it would be a second whole volume): check the filter on a "
			+ "sub-stack in memory (Image > Duplicate with a slice range, streaming=never).");
		stripes = new Table();
		for (int z = 0; z < r.stats.length; z++) {
			Destriper.SliceStats s = r.stats[z];
			stripes.addRow();
			stripes.set("slice", z + 1);
			stripes.set("stripe_energy_before", s.stripeBefore);
			stripes.set("stripe_energy_after", s.stripeAfter);
			stripes.set("stripe_energy_removed_fraction", s.stripeRemovedFraction());
			stripes.set("structure_energy_lost_fraction", s.structureLostFraction());
			stripes.set("stripe_width", r.stripeWidth);
			stripes.set("levels", r.levels);
			stripes.set("sigma", r.sigma);
			if (r.curtainLength > 0) stripes.set("curtain_length", r.curtainLength);
		}
	}
}
