package org.cathodej.imagej;

import org.cathodej.image.VoxelSize;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import ij.ImagePlus;
import ij.io.FileSaver;
import org.cathodej.volume.SliceSink;

import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/**
 * Writes a volume slice by slice as a TIFF-slice folder (name_0000.tif, ...) with the voxel size in each slice's
 * ImageJ metadata. Slices go into a hidden temporary folder beside the target, which {@link #commit()} renames to the
 * target when every slice is written; {@link #abort()} (e.g. after Esc) deletes it, so no half-written output is
 * left. An existing target is never overwritten unless asked. Serializable so that workers which see the same
 * filesystem (a Spark executor on a shared disk) can write their slices into the temporary folder; only the original
 * commits.
 */
public final class TiffSliceWriter implements SliceSink, java.io.Serializable {

	private static final long serialVersionUID = 1L;

	/**
	 * ImagePlus property naming the TIFF-slice folder a streamed command wrote its output image to: the runner then
	 * writes only the provenance sidecar (folder name + ".json") beside it.
	 */
	public static final String FOLDER_PROPERTY = "CathodeJ.slice_folder";

	private final File target, tmp;
	private final String prefix;
	private final int width, height, depth, digits;
	private final VoxelSize vs;
	private boolean committed;
	/** ImageJ's bytes before the pixels of this folder's 8-bit slices; empty when they cannot be reused (see write). */
	private transient volatile byte[] header8;

	public TiffSliceWriter(File target, String prefix, int width, int height, int depth, VoxelSize vs, boolean overwrite) {
		this.target = target;
		this.prefix = prefix;
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.vs = vs;
		this.digits = Math.max(4, Integer.toString(depth - 1).length());
		if (target.exists() && !overwrite)
			throw new IllegalArgumentException(target + " exists; tick 'Overwrite existing files' or choose another folder.");
		tmp = new File(target.getParentFile(), "." + target.getName() + ".partial");
		delete(tmp);
		if (!tmp.mkdirs()) throw new UncheckedIOException(new IOException("Cannot create " + tmp));
	}

	/** The folder the slices end up in (once complete). */
	public File target() {
		return target;
	}

	/** Writes slice z (0-based): byte[], short[] or float[] of the folder's width*height. Thread-safe for distinct z. */
	@Override
	public void write(int z, Object pixels) {
		write(z, pixels, width, height);
	}

	/**
	 * Writes slice z (0-based): byte[], short[] or float[] of width*height. Thread-safe for distinct z. An 8-bit slice
	 * of the folder's size after the first is written as the bytes ImageJ wrote before the first one's pixels
	 * followed by its own pixels: ImageJ's 8-bit header holds nothing that depends on the pixel values (no display
	 * range), so the file is the one ImageJ would write, without an ImagePlus per slice.
	 */
	public void write(int z, Object pixels, int width, int height) {
		File f = new File(tmp, String.format(Locale.ROOT, "%s_%0" + digits + "d.tif", prefix, z));
		boolean plain8 = pixels instanceof byte[] && width == this.width && height == this.height;
		byte[] head = plain8 ? header8 : null;
		if (head != null && head.length > 0) writeRaw(f, head, (byte[]) pixels);
		else {
			writeWithImageJ(f, pixels, width, height);
			if (plain8 && head == null) header8 = headerBefore(f, width * height);
		}
	}

	/** The bytes before the pixels of an ImageJ-written slice whose n pixel bytes end the file, else an empty array. */
	private static byte[] headerBefore(File f, int n) {
		try (FileChannel ch = FileChannel.open(f.toPath())) {
			PlainTiff t = PlainTiff.of(ch);
			long head = ch.size() - n;
			if (t == null || t.bitDepth != 8 || t.start() != head || head > 1 << 20) return new byte[0];
			ByteBuffer b = ByteBuffer.allocate((int) head);
			while (b.hasRemaining()) if (ch.read(b, b.position()) < 0) return new byte[0];
			return b.array();
		} catch (IOException e) {
			return new byte[0];
		}
	}

	private static void writeRaw(File f, byte[] head, byte[] pixels) {
		try (FileChannel ch = FileChannel.open(f.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer[] parts = { ByteBuffer.wrap(head), ByteBuffer.wrap(pixels) };
			while (parts[1].hasRemaining()) ch.write(parts);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot write " + f, e);
		}
	}

	private void writeWithImageJ(File f, Object pixels, int width, int height) {
		ImageProcessor ip = pixels instanceof byte[] ? new ByteProcessor(width, height, (byte[]) pixels)
			: pixels instanceof float[] ? new FloatProcessor(width, height, (float[]) pixels)
			: new ShortProcessor(width, height, (short[]) pixels, null);
		ImagePlus imp = new ImagePlus(prefix, ip);
		Volumes.calibrate(imp, vs);
		imp.setProperty("Info", "spacing=" + vs.z());
		if (!new FileSaver(imp).saveAsTiff(f.getPath())) throw new UncheckedIOException(new IOException("Cannot write " + f));
	}

	/** Moves the finished folder into place. */
	public File commit() {
		String[] n = tmp.list();
		if (n == null || n.length != depth) throw new IllegalStateException("Only " + (n == null ? 0 : n.length) + " of " + depth + " slices were written");
		try {
			if (target.exists()) delete(target);
			Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot move " + tmp + " to " + target, e);
		}
		committed = true;
		return target;
	}

	@Override
	public void complete() {
		commit();
	}

	/** Deletes the temporary folder unless committed. */
	@Override
	public void abort() {
		if (!committed) delete(tmp);
	}

	@Override
	public void close() {
		abort();
	}

	private static void delete(File f) {
		File[] c = f.listFiles();
		if (c != null) for (File x : c) delete(x);
		f.delete();
	}

}
