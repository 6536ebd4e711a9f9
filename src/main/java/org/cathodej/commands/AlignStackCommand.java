package org.cathodej.commands;

import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import java.util.function.Consumer;

import org.cathodej.align.Canvas;
import org.cathodej.align.StreamedAlignment;
import org.cathodej.task.Progress;
import org.cathodej.align.DriftTable;
import org.cathodej.align.StackAligner;
import org.cathodej.align.TransformApplier;
import org.cathodej.filter.Interpolate;
import org.cathodej.imagej.GreyInput;
import org.cathodej.imagej.Volumes;
import org.cathodej.results.Table;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;

/**
 * Preprocess > Align Stack: slice-to-slice drift correction (translation or rigid, sub-pixel), the same transforms
 * applied bit-identically to a second stack (SE with the BSE drift), drift table and plot, MultiStackReg files.
 */
@Plugin(type = Command.class, label = "Align Stack",
	description = "Corrects slice-to-slice drift (phase correlation + intensity refinement, translation or rigid) and applies the same transforms to a second stack")
public class AlignStackCommand extends CathodeJCommand {

	@Parameter(label = "Stack", description = "the stack whose drift is estimated (e.g. BSE)", persist = false)
	public ImagePlus stack;

	@Parameter(label = "Second stack", description = "optional stack (e.g. SE) that gets exactly the same transforms; same size", required = false,
		persist = false)
	public ImagePlus second;

	@Parameter(label = "Transformation", description = "translation = each slice is shifted only (the usual FIB-SEM drift); "
		+ "rigid = shifted and rotated", choices = { "translation", "rigid" })
	public String transformation = "translation";

	@Parameter(label = "Reference", description = "previous slice (drift accumulates), first slice, or running mean of the last aligned slices",
		choices = { "previous", "first", "running mean" })
	public String reference = "previous";

	@Parameter(label = "Running-mean slices", description = "slices averaged for reference = running mean", min = "1", max = "100")
	public int running_mean_slices = 5;

	@Parameter(label = "Region x", description = "region used for the estimate (pixels); width 0 = the rectangle selection or the whole slice", min = "0")
	public int region_x = 0;

	@Parameter(label = "Region y", min = "0")
	public int region_y = 0;

	@Parameter(label = "Region width", min = "0")
	public int region_width = 0;

	@Parameter(label = "Region height", min = "0")
	public int region_height = 0;

	@Parameter(label = "Phase correlation only", description = "skip the intensity-based refinement of translations (faster, less precise)")
	public boolean phase_correlation_only = false;

	@Parameter(label = "Interpolation", description = "how grey values are resampled at sub-pixel shifts: bicubic = sharper; "
		+ "bilinear = smoother, never overshoots", choices = { "bicubic", "bilinear" })
	public String interpolation = "bicubic";

	@Parameter(label = "Canvas", description = "full = input size with fill; crop = area covered by every slice; expand = bounding box of all slices",
		choices = { "full", "crop", "expand" })
	public String canvas = "full";

	@Parameter(label = "Fill value", description = "grey level where no slice data reaches (canvas full or expand)")
	public double fill_value = 0;

	@Parameter(label = "Load transforms", description = "apply a saved drift (CSV drift table or MultiStackReg file) instead of estimating; empty = estimate",
		required = false, style = "file")
	public String transform_file = "";

	@Parameter(label = "Save MultiStackReg file", description = "write the transforms in MultiStackReg's format to this file; empty = do not",
		required = false, style = "save")
	public String save_multistackreg = "";

	@Parameter(label = "Streaming", description = "apply a loaded drift (transform_file) slab by slab into TIFF-slice folders in output_dir: "
		+ "auto = when the stack is virtual or does not fit in memory; always = even when it fits; never = hold the whole stacks. Voxels and ncc are identical; "
		+ "the drift estimate itself holds the stack (estimate on a stack that fits, then apply the saved drift table streamed)",
		choices = { "auto", "always", "never" })
	public String streaming = "auto";

	@Parameter(label = "Slab height (slices)", description = "slices per slab when streaming; 0 = sized from the free memory", min = "0", max = "100000")
	public int slab_slices = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Drift")
	public Table drift;

	@Parameter(type = ItemIO.OUTPUT, label = "Aligned")
	public ImagePlus aligned;

	@Parameter(type = ItemIO.OUTPUT, label = "Second aligned")
	public ImagePlus second_aligned;

	@Parameter(type = ItemIO.OUTPUT, label = "Drift Plot")
	public Plot drift_plot;

	@Override
	public void run() {
		GreyInput.require(stack, "Align Stack");
		Volumes.require3D(stack, "Align Stack");
		checkSecond();
		int w = stack.getWidth(), h = stack.getHeight();
		StackAligner.Params p = params();

		boolean load = transform_file != null && !transform_file.trim().isEmpty();
		int bytes = stack.getBitDepth() / 8 * (second != null ? 2 : 1);
		DriftTable table;
		Canvas c;
		if (StreamedImageOutput.streams(this, streaming, stack, bytes)) {
			if (!load) throw new IllegalArgumentException("Align Stack streams the apply step only: the drift estimate compares whole slices in turn "
				+ "and holds the stack " + dims(stack) + ". Estimate the drift on a stack that fits (e.g. a region: Image > Crop, or 8-bit), save it "
				+ "(align_stack_drift.csv in output_dir), then run Align Stack with transform_file=[that file] and streaming=auto or always.");
			table = load(Paths.get(transform_file.trim()), w, h, stack.getStackSize());
			c = Canvas.of(p.canvas, table.globals(), w, h);
			table = streamed(table, c, p);
		} else {
			RandomAccessibleInterval<? extends RealType<?>> img = Volumes.real(stack);
			PlanarImg<?, ?> out;
			if (load) {
				table = load(Paths.get(transform_file.trim()), w, h, stack.getStackSize());
				c = Canvas.of(p.canvas, table.globals(), w, h);
				out = TransformApplier.apply(img, table, c, p.interpolation, p.fill, p.threads, progress().range(0, 0.5));
				table = table.withNcc(StackAligner.quality(out, table, c, p.threads));
			} else {
				StackAligner.Result r = StackAligner.align(img, p, progress().range(0, second != null ? 0.7 : 1));
				table = r.drift;
				c = r.canvas;
				out = r.aligned;
			}
			aligned = Volumes.toImagePlus(out, Volumes.titleStem(stack.getTitle()) + "-aligned", null);
			aligned.setCalibration(stack.getCalibration().copy());
			if (second != null) {
				PlanarImg<?, ?> o2 = TransformApplier.apply(Volumes.real(second), table, c, p.interpolation, p.fill, p.threads, progress().range(0.7, 1));
				second_aligned = Volumes.toImagePlus(o2, Volumes.titleStem(second.getTitle()) + "-aligned", null);
				second_aligned.setCalibration(second.getCalibration().copy());
			}
		}
		if (load) note("Transforms loaded from " + transform_file.trim());
		if (save_multistackreg != null && !save_multistackreg.trim().isEmpty()) {
			try {
				table.writeMultiStackReg(Paths.get(save_multistackreg.trim()));
			} catch (IOException e) {
				throw new IllegalArgumentException("Could not write the MultiStackReg file " + save_multistackreg + ": " + e.getMessage());
			}
		}
		convention("canvas", c.toString());
		drift = table.table();
		drift_plot = driftPlot(table);
	}

	/** The second stack, when given, must match the stack's size (it gets the same transforms). */
	private void checkSecond() {
		if (second == null) return;
		GreyInput.require(second, "Align Stack");
		if (second == stack) note("The second stack is the stack itself; it gets the same transforms again.");
		if (second.getWidth() != stack.getWidth() || second.getHeight() != stack.getHeight() || second.getStackSize() != stack.getStackSize())
			throw new IllegalArgumentException("The second stack " + second.getTitle() + " is " + dims(second) + " but " + stack.getTitle() + " is "
				+ dims(stack) + "; both stacks must have the same width, height and number of slices.");
	}

	/** The alignment parameters from the dialog (and the selection as the estimation region), with their conventions. */
	private StackAligner.Params params() {
		StackAligner.Params p = new StackAligner.Params();
		p.transform = transformation.equals("rigid") ? DriftTable.Type.RIGID_BODY : DriftTable.Type.TRANSLATION;
		p.reference = StackAligner.Reference.parse(reference);
		p.runningMeanSlices = running_mean_slices;
		p.refine = !phase_correlation_only;
		p.interpolation = Interpolate.Method.parse(interpolation);
		p.canvas = Canvas.Mode.parse(canvas);
		p.fill = fill_value;
		p.threads = Parallel.defaultThreads();
		if (region_width > 0 || region_height > 0) p.roi = new int[] { region_x, region_y, region_width, region_height };
		else if (stack.getRoi() != null && stack.getRoi().isArea()) {
			Rectangle r = stack.getRoi().getBounds();
			p.roi = new int[] { r.x, r.y, r.width, r.height };
			note("Drift estimated in the selection " + r.width + "x" + r.height + " at (" + r.x + ", " + r.y + ").");
		}
		convention("drift_sign", "dx, dy: displacement (pixels) of the slice content relative to the previous slice (cum_: to slice 1), at the slice centre; angle in degrees from +x towards +y");
		convention("estimator", p.refine || p.transform == DriftTable.Type.RIGID_BODY
			? "phase correlation (Gaussian-weighted, log-parabola peak), then Gauss-Newton on contrast-normalised images"
			: "phase correlation (Gaussian-weighted cross-power spectrum, log-parabola peak fit)");
		convention("quality", "ncc = normalised cross-correlation of each aligned slice with the previous aligned slice over the pixels both cover");
		return p;
	}

	/** The cumulative drift (x red, y blue) against the slice. */
	private Plot driftPlot(DriftTable table) {
		double[] z = new double[table.slices()], cx = new double[z.length], cy = new double[z.length];
		for (int s = 0; s < table.slices(); s++) {
			z[s] = s + 1;
			cx[s] = table.cumDx(s);
			cy[s] = table.cumDy(s);
		}
		Plot plot = new Plot("Drift of " + stack.getTitle(), "slice", "cumulative drift (pixels)");
		plot.setColor(Color.RED);
		plot.addPoints(z, cx, Plot.LINE);
		plot.setColor(Color.BLUE);
		plot.addPoints(z, cy, Plot.LINE);
		plot.setColor(Color.BLACK);
		plot.addLegend("cum_dx\ncum_dy");
		plot.setLimitsToFit(false);
		return plot;
	}

	/** The loaded drift applied slab by slab to the stack (with ncc) and the second stack, into TIFF-slice folders. */
	private DriftTable streamed(DriftTable table, Canvas c, StackAligner.Params p) {
		StreamedImageOutput.Output out = new StreamedImageOutput.Output("Align Stack", "aligned", "the aligned stack").sized(c.width, c.height);
		double[] ncc = applyStreamed(stack, out, table, c, p, true, progress().range(0, second != null ? 0.5 : 1), img -> aligned = img);
		if (second != null) {
			boolean sameStem = StreamedImageOutput.stem(second).equals(StreamedImageOutput.stem(stack)); // would share the folder
			applyStreamed(second, out.inFolder(sameStem ? "-second-aligned" : "-aligned", "the second aligned stack"), table, c, p, false,
				progress().range(0.5, 1), img -> second_aligned = img);
		}
		return table.withNcc(ncc);
	}

	private double[] applyStreamed(ImagePlus imp, StreamedImageOutput.Output out, DriftTable table, Canvas c, StackAligner.Params p,
		boolean quality, Progress pr, Consumer<ImagePlus> image) {
		return StreamedImageOutput.write(this, imp, slab_slices, out,
			src -> src.bytesPerVoxel() + 4 + (4.0 + src.bytesPerVoxel()) * ((double) c.width * c.height / ((double) src.width() * src.height())),
			(src, plan, wr) -> StreamedAlignment.apply(src, plan, table, c, p.interpolation, p.fill, p.threads, quality, wr, pr), image);
	}

	/** A saved drift (see {@link DriftTable#read}) that must have as many slices as the stack. */
	static DriftTable load(Path f, int w, int h, int slices) {
		DriftTable t;
		try {
			if (!Files.exists(f)) throw new IllegalArgumentException("The transform file " + f + " does not exist.");
			t = DriftTable.read(f, w, h);
		} catch (IOException e) {
			throw new IllegalArgumentException("Could not read the transform file " + f + ": " + e.getMessage());
		}
		if (t.slices() != slices)
			throw new IllegalArgumentException("The transform file " + f.getFileName() + " has " + t.slices() + " slices but the stack has " + slices + ".");
		return t;
	}

	private static String dims(ImagePlus imp) {
		return imp.getWidth() + "x" + imp.getHeight() + "x" + imp.getStackSize();
	}

}
