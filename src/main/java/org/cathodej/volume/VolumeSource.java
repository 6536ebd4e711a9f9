package org.cathodej.volume;

import org.cathodej.image.VoxelSize;

/**
 * A 3D volume of unsigned 8- or 16-bit integers (labels) or 32-bit floats read slice-run by slice-run. Readers must
 * be callable from one thread at a time at least; the planes they return belong to the caller (a source that hands
 * out its own arrays, like an image in memory, says so in {@link #sharesArrays()} and the caller never writes them).
 */
public interface VolumeSource extends AutoCloseable {

	int width();

	int height();

	int depth();

	/** 8 or 16 (unsigned integers) or 32 (float). */
	int bitDepth();

	VoxelSize voxelSize();

	/** What and where the volume is, for messages and provenance (e.g. "folder /data/run1 (1024 TIFF slices)"). */
	String description();

	/**
	 * Slices z0 (inclusive) to z1 (exclusive) as planes of width*height samples, row-major: byte[] for 8-bit,
	 * short[] for 16-bit, float[] for 32-bit.
	 * @throws java.io.UncheckedIOException when the data cannot be read
	 */
	Object[] readPlanes(int z0, int z1);

	/** True when {@link #readPlanes} returns the volume's own arrays (in memory, zero-copy): never modify them. */
	default boolean sharesArrays() {
		return false;
	}

	/** True when the whole volume is already in memory (then streaming saves nothing). */
	default boolean inMemory() {
		return false;
	}

	/** Slices stored together (an HDF5 chunk's depth): slab heights that are multiples of it read each chunk once. */
	default int chunkDepth() {
		return 1;
	}

	default long voxels() {
		return (long) width() * height() * depth();
	}

	/** Bytes per sample: 1, 2 or 4. */
	default int bytesPerVoxel() {
		return bitDepth() / 8;
	}

	@Override
	default void close() {}
}
