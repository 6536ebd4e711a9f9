package org.cathodej.volume;

/**
 * Where a streamed output volume goes, slice by slice. Nothing is visible as the output until {@link #complete()}:
 * after a failure or Esc, {@link #abort()} removes what was written, so no half-written result is left.
 */
public interface SliceSink extends AutoCloseable {

	/** Writes output slice z (0-based): a byte[], short[] or float[] plane of the output's width x height. */
	void write(int z, Object plane);

	/** Makes the output visible; every slice must have been written. */
	void complete();

	/** Removes the slices written so far, unless completed. */
	void abort();

	@Override
	default void close() {
		abort();
	}
}
