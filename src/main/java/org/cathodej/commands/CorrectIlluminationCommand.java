package org.cathodej.commands;


import org.cathodej.illumination.IlluminationCorrector;
import org.cathodej.illumination.StreamedIllumination;
import org.cathodej.imagej.GreyInput;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/** Preprocess > Correct Illumination: divide by a strongly blurred copy, rescaled to the input range. */
@Plugin(type = Command.class, label = "Correct Illumination",
	description = "Evens out uneven illumination by dividing each image by a strongly blurred (Gaussian) copy of itself, rescaled to the input range")
public class CorrectIlluminationCommand extends CathodeJCommand implements org.cathodej.run.SlicePreview {

	@Parameter(label = "Image", persist = false)
	public ImagePlus image;

	@Parameter(label = "Blur sigma (calibrated)", description = "Gaussian sigma in the image's length unit, much larger than the particles; 0 = a tenth of the slice width",
		min = "0")
	public double sigma = 0;

	@Parameter(label = "Blur in 3D", description = "blur across slices too (sigma in the same unit along z); off = each slice on its own")
	public boolean blur_3d = false;

	@Parameter(label = "Streaming", description = "correct slab by slab into a TIFF-slice folder in output_dir: auto = when the image is virtual "
		+ "or does not fit in memory; always = even when it fits; never = hold the whole stack. Voxels are identical; slice mode only (blur_3d is refused)",
		choices = { "auto", "always", "never" })
	public String streaming = "auto";

	@Parameter(label = "Slab height (slices)", description = "slices per slab when streaming; 0 = sized from the free memory", min = "0", max = "100000")
	public int slab_slices = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Illumination Field")
	public ResultsTable field;

	@Parameter(type = ItemIO.OUTPUT, label = "Corrected")
	public ImagePlus corrected;

	private IlluminationCorrector.Result inMemory(VoxelSize vs, double s) {
		IlluminationCorrector.Result r = IlluminationCorrector.correct(Volumes.real(image), vs, s, blur_3d, Parallel.defaultThreads(), progress());
		corrected = Volumes.toImagePlus(r.output, Volumes.titleStem(image.getTitle()) + "-illum", null);
		corrected.setCalibration(image.getCalibration().copy());
		return r;
	}

	/** Slice mode slab by slab into {@code <output_dir>/<title>-illum/}. */
	private IlluminationCorrector.Result streamed(VoxelSize vs, double s) {
		if (blur_3d) throw new IllegalArgumentException("Correct Illumination streams slice mode only: the 3D blur reaches about 3 sigma = "
			+ (int) Math.ceil(3 * s / vs.z()) + " slices along z and holds the whole volume. Use blur_3d=false, or streaming=never on a sub-volume "
			+ "(Image > Duplicate with a slice range) that fits in memory.");
		return StreamedImageOutput.write(this, image, slab_slices, new StreamedImageOutput.Output("Correct Illumination", "illum", "the corrected stack"),
			src -> 4.0 * 4 + src.bytesPerVoxel(), (src, plan, w) -> StreamedIllumination.correct(src, plan, vs, s, Parallel.defaultThreads(), w, progress()),
			img -> corrected = img);
	}

	@Override
	public void run() {
		GreyInput.require(image, "Correct Illumination");
		VoxelSize vs = Volumes.voxelSize(image);
		double s = sigma > 0 ? sigma : image.getWidth() * vs.x() / 10;
		double extent = Math.max(image.getWidth() * vs.x(), image.getHeight() * vs.y());
		if (s > extent) // beyond the slice the blurred copy is flat: nothing would be corrected
			throw new IllegalArgumentException("Invalid value for 'sigma' of Correct Illumination: " + sigma + " " + vs.unit() + " is larger than the slice ("
				+ extent + " " + vs.unit() + "); use a sigma between a few particle sizes and the slice size, or 0 for a tenth of the slice width.");
		if (!(sigma > 0)) note("Blur sigma " + s + " " + vs.unit() + " (a tenth of the slice width).");
		convention("sigma", s + " " + vs.unit());
		convention("rescaling", "ratio image mapped linearly onto the input's [min, max] over the whole stack");
		IlluminationCorrector.Result r = StreamedImageOutput.streams(this, streaming, image, image.getBitDepth() / 8 + 4 + (blur_3d ? 4 : 0))
			? streamed(vs, s) : inMemory(vs, s);
		convention("field", "the blurred copy of each slice; nonuniformity = (max - min) / mean");
		field = new ResultsTable();
		for (int z = 0; z < r.fieldMean.length; z++) {
			field.incrementCounter();
			field.addValue("slice", z + 1);
			field.addValue("field_min", r.fieldMin[z]);
			field.addValue("field_max", r.fieldMax[z]);
			field.addValue("field_mean", r.fieldMean[z]);
			field.addValue("nonuniformity", r.fieldMean[z] != 0 ? (r.fieldMax[z] - r.fieldMin[z]) / r.fieldMean[z] : Double.NaN);
		}
	}
}
