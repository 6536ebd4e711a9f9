package org.cathodej.bench;

/** One benchmark: builds its input (a phantom of the requested size), then times the step through {@link Stopwatch}. */
public interface BenchCase {

	/** Short name used on the command line, e.g. "fractions". */
	String name();

	/** Sizes this case runs when none is given, e.g. {"256", "512x512x400"}. */
	String[] defaultSizes();

	/**
	 * Runs the case at one size with the given thread count and records rows into {@code out}.
	 * @param size "N" (a cube) or "WxHxD"
	 */
	void run(int[] size, int threads, BenchRecorder out) throws Exception;
}
