package org.cathodej.volume;

import java.util.Locale;

import org.cathodej.task.InsufficientMemoryException;
import org.cathodej.task.MemoryBudget;

/**
 * When an analysis streams (slab by slab) instead of holding the whole volume, and how high its slabs are.
 * <ul>
 * <li>{@code auto}: stream when the volume is not in memory (a virtual stack, a folder of slices, an HDF5 dataset)
 * or when the in-memory path's working memory exceeds the heap that is free;</li>
 * <li>{@code always}: stream (also an image in memory, e.g. to check the streamed path);</li>
 * <li>{@code never}: the in-memory path (a virtual volume is loaded whole, if it fits).</li>
 * </ul>
 * Streamed and in-memory results are identical (see each kernel).
 */
public enum Streaming {
	AUTO, ALWAYS, NEVER;

	/** The choices of the commands' {@code streaming} parameter. */
	public static final String[] CHOICES = { "auto", "always", "never" };

	public static Streaming of(String s) {
		if (s == null || s.isEmpty()) return AUTO;
		switch (s.trim().toLowerCase(Locale.ROOT)) {
			case "auto": return AUTO;
			case "always": return ALWAYS;
			case "never": return NEVER;
			default: throw new IllegalArgumentException("streaming must be auto, always or never, got '" + s + "'");
		}
	}

	/**
	 * Whether to stream a volume.
	 * @param inMemory the volume is held in memory already
	 * @param inMemoryBytes working memory of the in-memory path (buffers beyond the volume itself)
	 */
	public boolean streams(boolean inMemory, long inMemoryBytes) {
		return streams(inMemory, inMemoryBytes, 0);
	}

	/** As {@link #streams(boolean, long)}, "fits" meaning within {@link MemoryBudget#within the user's cap} of {@code cap} bytes. */
	public boolean streams(boolean inMemory, long inMemoryBytes, long cap) {
		switch (this) {
			case ALWAYS: return true;
			case NEVER: return false;
			default: return !inMemory || inMemoryBytes > MemoryBudget.within(cap);
		}
	}

	/**
	 * Slab height: {@code requested} when positive, else the most slices (at most 256) such that two slabs of
	 * {@code bytesPerVoxel} working memory take at most a quarter of the free heap; at least 1.
	 */
	public static int slabHeight(int requested, int width, int height, int depth, double bytesPerVoxel) {
		return slabHeight(requested, width, height, depth, bytesPerVoxel, MemoryBudget.available());
	}

	/** {@link #slabHeight(int, int, int, int, double)} with {@code memory} bytes instead of the free heap. */
	public static int slabHeight(int requested, int width, int height, int depth, double bytesPerVoxel, long memory) {
		if (requested > 0) return Math.min(requested, depth);
		double perSlice = (double) width * height * Math.max(1, bytesPerVoxel);
		long fit = (long) (memory * MemoryBudget.SLAB_SHARE / (2 * perSlice)); // two slabs in flight (read-ahead)
		return (int) Math.max(1, Math.min(Math.min(256, depth), fit));
	}

	/** Checks that one slab fits before starting, with a message that says what would. */
	public static void requireSlab(int width, int height, int slabHeight, double bytesPerVoxel, String what) {
		long bytes = (long) Math.ceil(2.0 * width * height * slabHeight * bytesPerVoxel);
		MemoryBudget.require(bytes, what + " (two slabs of " + width + "x" + height + "x" + slabHeight + " voxels)", 0);
	}

	/**
	 * Checks that two slab windows of {@code slices} slices fit the user's cap of {@code cap} bytes (0 = none) and the
	 * heap; a refusal names the cap that windows of {@code leastSlices} slices (the smallest the step can use) need.
	 */
	public static void requireSlab(int width, int height, int slices, int leastSlices, double bytesPerVoxel, String what, long cap) {
		long bytes = (long) Math.ceil(2.0 * width * height * slices * bytesPerVoxel);
		long least = (long) Math.ceil(2.0 * width * height * leastSlices * bytesPerVoxel);
		MemoryBudget.requireWithin(bytes, cap, least, what + " (two slabs of " + width + "x" + height + "x" + slices + " voxels)");
	}

	/**
	 * Checks that one task of a distributed run (a {@link SlabExecutor}) can hold two slabs, with a message that
	 * says which slab height would fit.
	 */
	public static void requireTaskSlab(int width, int height, int slabHeight, double bytesPerVoxel, String what, SlabExecutor executor) {
		double perSlice = 2.0 * width * height * bytesPerVoxel;
		long bytes = (long) Math.ceil(perSlice * slabHeight), mem = executor.taskMemory();
		if (bytes <= mem) return;
		long fit = (long) (mem / perSlice);
		throw new InsufficientMemoryException(String.format(Locale.ROOT,
			"%s needs %s per task (two slabs of %dx%dx%d voxels, %.1f bytes per voxel) but a task has %s (%s). %s"
				+ "give the executors more memory or run fewer tasks at once on each.",
			what, MemoryBudget.bytes(bytes), width, height, slabHeight, bytesPerVoxel, MemoryBudget.bytes(mem), executor.taskMemoryOrigin(),
			fit >= 1 ? "Use slab_slices=" + fit + " or fewer (0 sizes the slabs from the task memory), or " : "Even one-slice slabs do not fit: "));
	}
}
