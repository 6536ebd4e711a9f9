package org.cathodej.task;

import java.util.Locale;

/**
 * Checks, before a big allocation, that the JVM can hold it, and explains what would fit when it cannot.
 */
public final class MemoryBudget {

	private MemoryBudget() {}

	/** What to do with a volume larger than memory (appended to refusals that concern a whole volume). */
	static final String LARGER_THAN_MEMORY = " Phase Fractions, Surface and Interface Areas, Chord Length Distribution, Connectivity and "
		+ "CAM Utilisation and Pores and Voids stream such volumes slab by slab (open them as a virtual stack, or streaming=always); other steps need a "
		+ "sub-volume (Image > Duplicate with a slice range, or Image > Crop).";

	/** Bytes the JVM could still allocate: max heap minus what is in use. */
	public static long available() {
		Runtime rt = Runtime.getRuntime();
		return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
	}

	/**
	 * The memory a step may use: the user's cap ({@code cap} bytes, a command's {@code memory_mb}) when positive and the
	 * heap has that much free, else what the heap has free.
	 */
	public static long within(long cap) {
		long free = available();
		return cap > 0 ? Math.min(cap, free) : free;
	}

	/**
	 * Whether {@code bytes} may be held through a whole streamed run (a pass's per-slab results kept for a later pass
	 * instead of made again): when they take at most an eighth of {@code memory}, the rest staying for the slabs.
	 */
	public static boolean keeps(long bytes, long memory) {
		return bytes <= memory / 8.0;
	}

	/**
	 * {@link #keeps} within the user's cap ({@code cap} bytes when positive, else the free heap), collecting garbage once
	 * when what is free falls short, since an earlier step's garbage would otherwise decide.
	 */
	public static boolean keepsWithin(long bytes, long cap) {
		if (keeps(bytes, within(cap))) return true;
		if (cap > 0 && !keeps(bytes, cap)) return false;
		System.gc();
		return keeps(bytes, within(cap));
	}

	/** Share of a memory budget (or of the free heap) that automatically sized slabs take; the rest stays for the step. */
	public static final double SLAB_SHARE = 0.25;

	/**
	 * A {@code memory_mb} parameter in bytes: 0 stays 0 (no cap: the step sizes itself from what the heap has free); a
	 * negative value is refused, never clamped.
	 */
	public static long megabytes(int mb) {
		if (mb < 0)
			throw new IllegalArgumentException("memory_mb=" + mb + " is negative: give the memory budget in megabytes, or 0 for what the heap has free.");
		return mb * (1L << 20);
	}

	/**
	 * The memory a step's slab may take: the user's cap ({@code cap} bytes) when positive, else {@link #SLAB_SHARE} of what
	 * the heap has free now (measured when the slabs are planned, after the step's other buffers are allocated).
	 */
	public static long slabMemory(long cap) {
		return cap > 0 ? cap : (long) (available() * SLAB_SHARE);
	}

	/**
	 * Refuses {@code bytes} beyond the user's cap ({@code cap} bytes when positive), naming the least cap that works
	 * ({@code least} bytes: the smallest configuration, e.g. one-slice slabs), then checks the heap as {@link #require}.
	 */
	public static void requireWithin(long bytes, long cap, long least, String what) {
		if (cap > 0 && bytes > cap) {
			String fix = least > cap
				? "the budget is too small even for the smallest slabs: give memory_mb=" + ceilMegabytes(least) + " or more (0 = what the heap has free)."
				: "give fewer slab_slices (0 sizes the slabs from the budget) or a larger memory_mb (at least " + ceilMegabytes(least) + ").";
			throw new InsufficientMemoryException(what + " needs " + bytes(bytes) + " but the memory budget (memory_mb=" + ceilMegabytes(cap)
				+ ") is " + bytes(cap) + ": " + fix);
		}
		require(bytes, what, 0);
	}

	/** Bytes as whole megabytes, rounded up (the memory_mb that holds them). */
	public static long ceilMegabytes(long b) {
		return (b + (1L << 20) - 1) >> 20;
	}

	/**
	 * Throws {@link InsufficientMemoryException} when {@code bytes} will not fit.
	 * @param what what the buffers are for, e.g. "Tortuosity (Flux) of 512x512x400 voxels"
	 * @param bytesPerVoxel the step's working memory per voxel, used to say which volume would fit
	 */
	public static void require(long bytes, String what, double bytesPerVoxel) {
		require(bytes, what, bytesPerVoxel, bytesPerVoxel > 0 ? LARGER_THAN_MEMORY : "");
	}

	/**
	 * As {@link #require(long, String, double)}, with the step's own way round a volume larger than memory
	 * ({@code instead}, appended to the refusal; starts with a space) in place of the streamed analyses' list.
	 */
	public static void require(long bytes, String what, double bytesPerVoxel, String instead) {
		long avail = available();
		if (bytes <= avail) return;
		System.gc();
		avail = available();
		if (bytes <= avail) return;
		String fit = bytesPerVoxel > 0
			? String.format(Locale.ROOT, " At %.1f bytes per voxel about %s voxels would fit (e.g. a %d^3 cube).", bytesPerVoxel,
				human((long) (avail / bytesPerVoxel)), (long) Math.cbrt(avail / bytesPerVoxel))
			: "";
		throw new InsufficientMemoryException(String.format(Locale.ROOT,
			"%s needs %s of memory but only %s is available (Edit > Options > Memory & Threads raises the limit).%s%s",
			what, bytes(bytes), bytes(avail), fit, instead));
	}

	public static String bytes(long b) {
		if (b < 1024) return b + " B";
		if (b < 1L << 20) return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
		if (b < 1L << 30) return String.format(Locale.ROOT, "%.1f MB", b / (double) (1L << 20));
		return String.format(Locale.ROOT, "%.2f GB", b / (double) (1L << 30));
	}

	private static String human(long n) {
		if (n >= 1_000_000_000L) return String.format(Locale.ROOT, "%.2fe9", n / 1e9);
		if (n >= 1_000_000L) return String.format(Locale.ROOT, "%.1fe6", n / 1e6);
		return Long.toString(n);
	}
}
