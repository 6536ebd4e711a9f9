package org.cathodej.commands;

import java.io.File;

import org.cathodej.imagej.ImagePlusSource;
import org.cathodej.imagej.SourceStack;
import org.cathodej.imagej.TiffFolderSource;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;
import org.cathodej.volume.SlabExecutor;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.Streaming;
import org.cathodej.volume.VolumeSource;

import ij.ImagePlus;

/**
 * The streamed path of the commands that turn a volume into a volume (Correct Illumination, Remove Stripes, Align
 * Stack, Threshold Three Phases, Apply Pixel Classifier): when to stream, the slab plan, and the output, a TIFF-slice
 * folder in output_dir (written into a hidden sibling and renamed when complete) returned as a virtual image whose
 * {@link TiffSliceWriter#FOLDER_PROPERTY} tells the runner to write only the provenance sidecar beside the folder.
 */
final class StreamedImageOutput {

	private StreamedImageOutput() {}

	/**
	 * Whether to stream: {@code streaming} is always, or auto and the image is virtual or the in-memory path's
	 * working memory ({@code bytesPerVoxel} per voxel) exceeds the free heap.
	 */
	static boolean streams(CathodeJCommand cmd, String streaming, ImagePlus imp, double bytesPerVoxel) {
		boolean s = wanted(streaming, imp, bytesPerVoxel);
		cmd.record("streaming", s ? "yes: slab by slab into a TIFF-slice folder, voxels identical to the in-memory result"
			: "no (whole volume in memory)");
		return s;
	}

	/** The decision alone (also the label analyses'): {@link Streaming} on the image's virtuality and working memory. */
	static boolean wanted(String streaming, ImagePlus imp, double bytesPerVoxel) {
		long work = (long) (bytesPerVoxel * imp.getWidth() * imp.getHeight() * (double) imp.getStackSize());
		return Streaming.of(streaming).streams(!imp.getStack().isVirtual(), work);
	}

	/** Of a BSE stack and an optional SE stack, the one whose virtuality decides: either one virtual streams both (auto). */
	static ImagePlus decidingImage(ImagePlus bse, ImagePlus se) {
		return se != null && se.getStack().isVirtual() ? se : bse;
	}

	/** The image as a slab source (zero-copy when in memory). */
	static VolumeSource source(ImagePlus imp) {
		return ImagePlusSource.of(imp);
	}

	/** Slabs of {@code slabSlices} (0 = sized from the free memory), checked to fit; noted for the user. */
	static SlabPlan plan(CathodeJCommand cmd, VolumeSource src, int slabSlices, double bytesPerVoxel, String step) {
		// a distributed source runs several slab pipelines in one worker heap: size and check against one task's share
		SlabExecutor ex = src instanceof SlabExecutor ? (SlabExecutor) src : null;
		int sh = Streaming.slabHeight(slabSlices, src.width(), src.height(), src.depth(), bytesPerVoxel,
			ex != null ? ex.taskMemory() : MemoryBudget.available());
		if (slabSlices <= 0 && sh > src.chunkDepth()) sh -= sh % src.chunkDepth(); // whole chunks per slab
		if (ex != null) Streaming.requireTaskSlab(src.width(), src.height(), sh, bytesPerVoxel, step, ex);
		else Streaming.requireSlab(src.width(), src.height(), sh, bytesPerVoxel, step);
		SlabPlan plan = new SlabPlan(src.depth(), sh);
		cmd.remark("Streamed " + src.description() + " in " + plan + ".");
		return plan;
	}

	/** The output folder {@code <output_dir>/<title stem><suffix>}; streaming needs an output folder. */
	static File folder(CathodeJCommand cmd, ImagePlus input, String suffix, String step) {
		String dir = cmd.output_dir == null ? "" : cmd.output_dir.trim();
		if (dir.isEmpty())
			throw new IllegalArgumentException(step + " streams " + input.getTitle() + " (" + input.getWidth() + "x" + input.getHeight() + "x"
				+ input.getStackSize() + ", " + (input.getStack().isVirtual() ? "a virtual stack" : "more than the free memory of "
				+ MemoryBudget.bytes(MemoryBudget.available())) + ") and writes the result as TIFF slices: give an output folder (output_dir), or "
				+ "streaming=never to hold it in memory.");
		File f = new File(dir, Volumes.titleStem(input.getTitle()).replaceAll("[^A-Za-z0-9_.-]+", "_") + suffix);
		f.getParentFile().mkdirs();
		return f;
	}

	/** A writer into that folder (refuses an existing folder unless overwrite is set). */
	static TiffSliceWriter writer(CathodeJCommand cmd, File folder, String prefix, int w, int h, int d, VoxelSize vs) {
		return new TiffSliceWriter(folder, prefix, w, h, d, vs, cmd.overwrite);
	}

	/** The finished folder as a virtual image (title = folder name), marked so the runner does not save it again. */
	static ImagePlus open(CathodeJCommand cmd, File folder, VoxelSize vs, String what) {
		ImagePlus imp = SourceStack.imagePlus(new TiffFolderSource(folder, vs), folder.getName());
		imp.setProperty(TiffSliceWriter.FOLDER_PROPERTY, folder.getAbsolutePath());
		cmd.remark("Wrote " + what + " as TIFF slices to " + folder + ".");
		return imp;
	}
}
