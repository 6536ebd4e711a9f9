package org.cathodej.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.cathodej.image.VoxelSize;

/**
 * An 8-bit volume in a raw file on disk, written slice by slice and read back as a {@link VolumeSource}: the
 * intermediate of a two-pass streamed analysis that must see every voxel before deciding (e.g. the pixel
 * classifier's probabilities before the phase priors are known). The file is deleted on {@link #close()}.
 */
public final class SpillVolume implements VolumeSource {

	private final Path file;
	private final FileChannel ch;
	private final int width, height, depth;

	public SpillVolume(Path file, int width, int height, int depth) {
		this.file = file;
		this.width = width;
		this.height = height;
		this.depth = depth;
		try {
			ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot create the intermediate file " + file + ": " + e.getMessage(), e);
		}
	}

	/** Writes slice z (width*height bytes). Thread-safe for distinct z. */
	public void write(int z, byte[] plane) {
		try {
			ByteBuffer b = ByteBuffer.wrap(plane);
			long pos = (long) z * width * height;
			while (b.hasRemaining()) pos += ch.write(b, pos);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot write " + file + " (disk full?): " + e.getMessage(), e);
		}
	}

	@Override
	public Object[] readPlanes(int z0, int z1) {
		Object[] out = new Object[z1 - z0];
		try {
			for (int z = z0; z < z1; z++) {
				byte[] p = new byte[width * height];
				ByteBuffer b = ByteBuffer.wrap(p);
				long pos = (long) z * width * height;
				while (b.hasRemaining()) {
					int n = ch.read(b, pos);
					if (n < 0) throw new IOException("slice " + z + " was not written");
					pos += n;
				}
				out[z - z0] = p;
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
		}
		return out;
	}

	@Override public int width() { return width; }
	@Override public int height() { return height; }
	@Override public int depth() { return depth; }
	@Override public int bitDepth() { return 8; }
	@Override public VoxelSize voxelSize() { return VoxelSize.uncalibrated(); }
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
