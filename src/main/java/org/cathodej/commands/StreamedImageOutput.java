package org.cathodej.commands;

import java.io.File;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

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
		return wanted(streaming, imp, bytesPerVoxel, 0);
	}

	/** As above, "fits" meaning within the user's memory cap of {@code cap} bytes (memory_mb; 0 = the free heap). */
	static boolean wanted(String streaming, ImagePlus imp, double bytesPerVoxel, long cap) {
		long work = (long) (bytesPerVoxel * imp.getWidth() * imp.getHeight() * (double) imp.getStackSize());
		return Streaming.of(streaming).streams(!imp.getStack().isVirtual(), work, cap);
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
		return plan(cmd, src, slabSlices, bytesPerVoxel, step, 0);
	}

	/** As above within the user's memory cap of {@code cap} bytes (memory_mb; 0 = none): sized from it and checked against it. */
	static SlabPlan plan(CathodeJCommand cmd, VolumeSource src, int slabSlices, double bytesPerVoxel, String step, long cap) {
		// a distributed source runs several slab pipelines in one worker heap: size and check against one task's share
		SlabExecutor ex = src instanceof SlabExecutor ? (SlabExecutor) src : null;
		long memory = ex == null ? MemoryBudget.within(cap) : cap > 0 ? Math.min(cap, ex.taskMemory()) : ex.taskMemory();
		int sh = Streaming.slabHeight(slabSlices, src.width(), src.height(), src.depth(), bytesPerVoxel, memory);
		if (slabSlices <= 0 && sh > src.chunkDepth()) sh -= sh % src.chunkDepth(); // whole chunks per slab
		if (ex != null) Streaming.requireTaskSlab(src.width(), src.height(), sh, bytesPerVoxel, step, ex);
		else Streaming.requireSlab(src.width(), src.height(), sh, 1, bytesPerVoxel, step, cap);
		SlabPlan plan = new SlabPlan(src.depth(), sh);
		cmd.remark("Streamed " + src.description() + " in " + plan + ".");
		return plan;
	}

	/** The output folder {@code <output_dir>/<title stem><suffix>}; streaming needs an output folder. */
	private static File folder(CathodeJCommand cmd, ImagePlus input, String suffix, String step) {
		String dir = cmd.output_dir == null ? "" : cmd.output_dir.trim();
		if (dir.isEmpty())
			throw new IllegalArgumentException(step + " streams " + input.getTitle() + " (" + input.getWidth() + "x" + input.getHeight() + "x"
				+ input.getStackSize() + ", " + (input.getStack().isVirtual() ? "a virtual stack" : "more than the free memory of "
				+ MemoryBudget.bytes(MemoryBudget.available())) + ") and writes the result as TIFF slices: give an output folder (output_dir), or "
				+ "streaming=never to hold it in memory.");
		File f = new File(dir, stem(input) + suffix);
		f.getParentFile().mkdirs();
		return f;
	}

	/** The image's title stem as it starts its output folder's name. */
	static String stem(ImagePlus input) {
		return Volumes.titleStem(input.getTitle()).replaceAll("[^A-Za-z0-9_.-]+", "_");
	}

	/** The per-command part of a streamed output: the slabs of {@code input} in {@code plan} written into {@code out}. */
	@FunctionalInterface
	interface Body<R> {
		R write(VolumeSource input, SlabPlan plan, TiffSliceWriter out);
	}

	/**
	 * What a streamed command writes: its step (in messages), the name of the slices and of the folder
	 * ({@code <title stem>-<name>} unless {@link #inFolder} says otherwise), what they are (in the remark) and the slice
	 * size (the input's unless {@link #sized}).
	 */
	static final class Output {
		final String step, name, what, suffix;
		final int width, height; // 0: the input's

		Output(String step, String name, String what) {
			this(step, name, what, "-" + name, 0, 0);
		}

		private Output(String step, String name, String what, String suffix, int width, int height) {
			this.step = step;
			this.name = name;
			this.what = what;
			this.suffix = suffix;
			this.width = width;
			this.height = height;
		}

		/** Slices of {@code w} x {@code h} pixels whatever the input's size (an aligned canvas). */
		Output sized(int w, int h) {
			return new Output(step, name, what, suffix, w, h);
		}

		/** The same slices in the folder {@code <title stem><suffix>}, remarked as {@code what}. */
		Output inFolder(String suffix, String what) {
			return new Output(step, name, what, suffix, width, height);
		}
	}

	/**
	 * {@code input} streamed into its output folder: the folder (refused first when there is no output_dir), the slab
	 * source, the plan of {@code slabSlices} (see {@link #plan}) for {@code bytesPerVoxel} of that source, the writer
	 * (an existing folder is refused unless overwrite is set), then {@code body}; the finished folder goes to {@code image} as a virtual image. Returns what {@code body} returns.
	 */
	static <R> R write(CathodeJCommand cmd, ImagePlus input, int slabSlices, Output out, ToDoubleFunction<VolumeSource> bytesPerVoxel,
		Body<R> body, Consumer<ImagePlus> image) {
		return write(cmd, input, slabSlices, 0, out, bytesPerVoxel, body, image);
	}

	/** As above with the slabs sized within the user's memory cap of {@code cap} bytes (memory_mb; 0 = none). */
	static <R> R write(CathodeJCommand cmd, ImagePlus input, int slabSlices, long cap, Output out, ToDoubleFunction<VolumeSource> bytesPerVoxel,
		Body<R> body, Consumer<ImagePlus> image) {
		File dir = folder(cmd, input, out.suffix, out.step);
		VolumeSource src = source(input);
		SlabPlan plan = plan(cmd, src, slabSlices, bytesPerVoxel.applyAsDouble(src), out.step, cap);
		VoxelSize vs = Volumes.voxelSize(input);
		R r;
		try (TiffSliceWriter w = new TiffSliceWriter(dir, out.name, out.width > 0 ? out.width : src.width(),
			out.height > 0 ? out.height : src.height(), src.depth(), vs, cmd.overwrite)) {
			r = body.write(src, plan, w);
		}
		image.accept(open(cmd, dir, vs, out.what));
		return r;
	}

	/** The finished folder as a virtual image (title = folder name), marked so the runner does not save it again. */
	private static ImagePlus open(CathodeJCommand cmd, File folder, VoxelSize vs, String what) {
		ImagePlus imp = SourceStack.imagePlus(new TiffFolderSource(folder, vs), folder.getName());
		imp.setProperty(TiffSliceWriter.FOLDER_PROPERTY, folder.getAbsolutePath());
		cmd.remark("Wrote " + what + " as TIFF slices to " + folder + ".");
		return imp;
	}
}
