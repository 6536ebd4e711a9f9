package org.cathodej.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.cathodej.image.VoxelSize;

/**
 * An 8-bit or 32-bit float volume in a raw file on disk, written slice by slice (or, for floats, in runs of rows)
 * and read back as a {@link VolumeSource}: the intermediate of a two-pass streamed analysis that must see every
 * voxel before deciding (e.g. the pixel classifier's probabilities before the phase priors are known, or the
 * in-plane distances before the pass along z). The file is deleted on {@link #close()}.
 */
public final class SpillVolume implements VolumeSource {

	private final Path file;
	private final FileChannel ch;
	private final int width, height, depth, bitDepth;
	private final VoxelSize voxelSize;

	/** An 8-bit spill. */
	public SpillVolume(Path file, int width, int height, int depth) {
		this(file, width, height, depth, 8, VoxelSize.uncalibrated());
	}

	/** @param bitDepth 8 (bytes) or 32 (floats) */
	public SpillVolume(Path file, int width, int height, int depth, int bitDepth, VoxelSize voxelSize) {
		if (bitDepth != 8 && bitDepth != 32) throw new IllegalArgumentException("A spill volume holds 8-bit or 32-bit voxels, not " + bitDepth);
		this.file = file;
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.bitDepth = bitDepth;
		this.voxelSize = voxelSize;
		try {
			ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot create the intermediate file " + file + ": " + e.getMessage(), e);
		}
	}

	/** Writes slice z (width*height bytes) of an 8-bit spill. Thread-safe for distinct z. */
	public void write(int z, byte[] plane) {
		requireBits(8);
		put(ByteBuffer.wrap(plane), offset(z, 0));
	}

	/**
	 * Writes rows y0 .. y0 + n/width - 1 of slice z of a float spill from {@code rows[from .. from + n)}. Thread-safe for
	 * distinct regions.
	 */
	public void writeRows(int z, int y0, float[] rows, int from, int n) {
		transferRows(z, y0, rows, from, n, true);
	}

	/** Reads rows y0 .. y0 + n/width - 1 of slice z of a float spill into {@code into[from .. from + n)}. */
	public void readRows(int z, int y0, float[] into, int from, int n) {
		transferRows(z, y0, into, from, n, false);
	}

	/** Moves {@code a[from .. from + n)} to (write) or from the file at row y0 of slice z, CHUNK floats at a time. */
	private void transferRows(int z, int y0, float[] a, int from, int n, boolean write) {
		requireBits(32);
		ByteBuffer b = BUFFER.get();
		long pos = offset(z, y0);
		for (int done = 0; done < n; done += CHUNK) {
			int k = Math.min(n - done, CHUNK);
			b.clear();
			b.limit(4 * k);
			long at = pos + 4L * done;
			if (write) {
				b.asFloatBuffer().put(a, from + done, k);
				put(b, at);
			} else {
				get(b, at, z);
				b.flip();
				b.asFloatBuffer().get(a, from + done, k);
			}
		}
	}

	/** Floats per transfer: a direct buffer of 1 MB per thread, reused (no heap copy, no temporary direct buffer per call). */
	private static final int CHUNK = 1 << 18;
	private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(
		() -> ByteBuffer.allocateDirect(4 * CHUNK).order(ByteOrder.nativeOrder()));

	@Override
	public Object[] readPlanes(int z0, int z1) {
		Object[] out = new Object[z1 - z0];
		int n = width * height;
		for (int z = z0; z < z1; z++) {
			if (bitDepth == 8) {
				byte[] p = new byte[n];
				get(ByteBuffer.wrap(p), offset(z, 0), z);
				out[z - z0] = p;
			} else {
				float[] p = new float[n];
				readRows(z, 0, p, 0, n);
				out[z - z0] = p;
			}
		}
		return out;
	}

	private long offset(int z, int y) {
		return ((long) z * height + y) * width * (bitDepth / 8);
	}

	private void requireBits(int bits) {
		if (bitDepth != bits) throw new IllegalStateException("This spill volume holds " + bitDepth + "-bit voxels, not " + bits + "-bit");
	}

	private void put(ByteBuffer b, long pos) {
		try {
			while (b.hasRemaining()) pos += ch.write(b, pos);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot write " + file + " (disk full?): " + e.getMessage(), e);
		}
	}

	private void get(ByteBuffer b, long pos, int z) {
		try {
			while (b.hasRemaining()) {
				int n = ch.read(b, pos);
				if (n < 0) throw new IOException("slice " + z + " was not written");
				pos += n;
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
		}
	}

	@Override public int width() { return width; }
	@Override public int height() { return height; }
	@Override public int depth() { return depth; }
	@Override public int bitDepth() { return bitDepth; }
	@Override public VoxelSize voxelSize() { return voxelSize; }
	@Override public String description() { return "intermediate file " + file; }

	@Override
	public void close() {
		try {
			ch.close();
			Files.deleteIfExists(file);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot delete " + file + ": " + e.getMessage(), e);
		}
	}
}
