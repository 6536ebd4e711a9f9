package org.cathodej.commands;

import java.util.ArrayList;
import java.util.List;

import org.cathodej.imagej.GreyInput;
import org.cathodej.imagej.PhaseLut;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.phase.PhaseVolumes;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;

import ij.ImagePlus;
import ij.ImageStack;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/** Helpers shared by the Segment commands: channels from images, label images with the phase LUT. */
final class SegmentSupport {

	private SegmentSupport() {}

	/** The description of the classifier commands' memory_mb (0 as in every memory_mb: sized from what the heap has free). */
	static final String MEMORY_MB = "feature slabs are sized to stay below this; 0 = a quarter of what the heap has free";

	/** BSE and (when given) SE as ImgLib2 images; checks they are greyscale stacks of equal size. */
	static List<RandomAccessibleInterval<? extends RealType<?>>> channels(ImagePlus bse, ImagePlus se) {
		if (bse == null) throw new IllegalArgumentException("No BSE image: open the BSE stack or give bse=[title].");
		GreyInput.require(bse, "BSE image");
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = new ArrayList<>();
		ch.add(Volumes.wrap(bse));
		if (se != null) {
			GreyInput.require(se, "SE image");
			if (se == bse) throw new IllegalArgumentException("The SE image is the BSE image; give the SE stack's title, or none.");
			sameSize(bse, se, "SE");
			ch.add(Volumes.wrap(se));
		}
		return ch;
	}

	/** The checks of {@link #channels} without wrapping the stacks (the streamed path reads them slab by slab). */
	static void checkChannels(ImagePlus bse, ImagePlus se) {
		if (bse == null) throw new IllegalArgumentException("No BSE image: open the BSE stack or give bse=[title].");
		GreyInput.require(bse, "BSE image");
		if (se == null) return;
		GreyInput.require(se, "SE image");
		if (se == bse) throw new IllegalArgumentException("The SE image is the BSE image; give the SE stack's title, or none.");
		sameSize(bse, se, "SE");
	}

	static void sameSize(ImagePlus a, ImagePlus b, String what) {
		if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight() || a.getStackSize() != b.getStackSize())
			throw new IllegalArgumentException("Image sizes differ: " + what + " image " + b.getTitle() + " is " + b.getWidth() + "x" + b.getHeight()
				+ "x" + b.getStackSize() + " but " + a.getTitle() + " is " + a.getWidth() + "x" + a.getHeight() + "x" + a.getStackSize()
				+ "; the stacks must be aligned and of equal size.");
	}

	/** An 8-bit (16-bit when a label exceeds 255) label image from phase indices 0..2 per slice. */
	static ImagePlus labelImage(byte[][] phase, int w, int h, PhaseLabels pl, String title, VoxelSize vs) {
		ImagePlus imp = Volumes.toImagePlus(PhaseVolumes.fromPhases(phase, w, h, pl), title, vs);
		PhaseLut.apply(imp, pl);
		return imp;
	}

	/** Apply options with the shared settings of Apply and Evaluate; threads from {@link Parallel#defaultThreads()}. */
	static PixelClassifier.ApplyOptions applyOptions(boolean priorCorrection, double smoothing, int memoryMb) {
		PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions();
		o.priorCorrection = priorCorrection;
		o.smoothing = smoothing;
		o.memoryBudget = MemoryBudget.megabytes(memoryMb);
		o.threads = Parallel.defaultThreads();
		return o;
	}

	/** Name of the preview overlay; Train Pixel Classifier ignores ROIs of this name. */
	static final String PREVIEW = "CathodeJ preview";

	/** Slices [z0, z1) of imp as a new image sharing its pixel arrays (nothing copied), with its calibration. */
	static ImagePlus substack(ImagePlus imp, int z0, int z1) {
		ImageStack st = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int z = z0; z < z1; z++) st.addSlice(imp.getStack().getSliceLabel(z + 1), imp.getStack().getPixels(z + 1));
		ImagePlus s = new ImagePlus(imp.getTitle(), st);
		s.setCalibration(imp.getCalibration().copy());
		return s;
	}

	/**
	 * Shows a one-slice label image as a half-transparent overlay on slice {@code slice} (1-based) of {@code bse},
	 * replacing an earlier preview: the image's ROIs stay as they are.
	 */
	static void showPreview(ImagePlus bse, ImagePlus labels, int slice) {
		ij.gui.Overlay ov = bse.getOverlay() == null ? new ij.gui.Overlay() : bse.getOverlay();
		for (int i = ov.size() - 1; i >= 0; i--) if (PREVIEW.equals(ov.get(i).getName())) ov.remove(i);
		ij.gui.ImageRoi roi = new ij.gui.ImageRoi(0, 0, labels.getProcessor());
		roi.setName(PREVIEW);
		roi.setOpacity(0.4);
		roi.setZeroTransparent(false);
		roi.setPosition(bse.getStackSize() > 1 ? slice : 0);
		ov.add(roi);
		bse.setOverlay(ov);
	}

	/** Loads a classifier; a missing, foreign or damaged file gives the reason as an IllegalArgumentException. */
	static PixelClassifier loadClassifier(String file) {
		if (file == null || file.trim().isEmpty())
			throw new IllegalArgumentException("Give classifier_file=[path] of a classifier saved by Train Pixel Classifier.");
		try {
			return PixelClassifier.load(java.nio.file.Paths.get(file.trim()));
		} catch (java.io.IOException e) {
			throw new IllegalArgumentException("Cannot read the classifier: " + e.getMessage());
		}
	}

	static String baseTitle(ImagePlus imp) {
		return Volumes.titleStem(imp.getTitle());
	}
}
