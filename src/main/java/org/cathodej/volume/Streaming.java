package org.cathodej.volume;

import java.util.Locale;

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

	/** Fraction of the free heap that the slabs in flight (two, with read-ahead) may take. */
	static final double SLAB_SHARE = 0.25;

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
		switch (this) {
			case ALWAYS: return true;
			case NEVER: return false;
			default: return !inMemory || inMemoryBytes > MemoryBudget.available();
		}
	}

	/**
	 * Slab height: {@code requested} when positive, else the most slices (at most 256) such that two slabs of
	 * {@code bytesPerVoxel} working memory take at most a quarter of the free heap; at least 1.
	 */
	public static int slabHeight(int requested, int width, int height, int depth, double bytesPerVoxel) {
		if (requested > 0) return Math.min(requested, depth);
		double perSlice = (double) width * height * Math.max(1, bytesPerVoxel);
		long fit = (long) (MemoryBudget.available() * SLAB_SHARE / (2 * perSlice));
		return (int) Math.max(1, Math.min(Math.min(256, depth), fit));
	}

	/** Checks that one slab fits before starting, with a message that says what would. */
	public static void requireSlab(int width, int height, int slabHeight, double bytesPerVoxel, String what) {
		long bytes = (long) Math.ceil(2.0 * width * height * slabHeight * bytesPerVoxel);
		MemoryBudget.require(bytes, what + " (two slabs of " + width + "x" + height + "x" + slabHeight + " voxels)", 0);
	}
}
