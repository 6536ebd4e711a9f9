package org.cathodej.imagej;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The pixel layout of a plain TIFF slice: one uncompressed greyscale image (8-bit unsigned, 16-bit unsigned or 32-bit
 * float, one sample per pixel, black is zero) in one or more strips stored one after another, either byte order, as
 * ImageJ and CathodeJ write slices. Such a slice is read straight into its array with bulk reads ({@link #read}), several times faster than
 * opening it as an ImagePlus. Anything else (compressed, tiled, strips out of order or apart, several images, signed,
 * colour, palette, an inverted grey scale, BigTIFF) gives no layout, and the caller reads the file with ImageJ's own reader; pixels outside the
 * file (a truncated slice) are an error, never zeros.
 */
final class PlainTiff {

	private static final int WIDTH = 256, HEIGHT = 257, BITS = 258, COMPRESSION = 259, PHOTOMETRIC = 262, DESCRIPTION = 270,
		STRIP_OFFSETS = 273, SAMPLES = 277, STRIP_BYTES = 279, PLANAR = 284, PREDICTOR = 317, COLOR_MAP = 320, TILE_WIDTH = 322,
		EXTRA_SAMPLES = 338, SAMPLE_FORMAT = 339;

	final int width, height, bitDepth;
	final ByteOrder order;
	private final long start; // of the pixel data

	private PlainTiff(int width, int height, int bitDepth, ByteOrder order, long start) {
		this.width = width;
		this.height = height;
		this.bitDepth = bitDepth;
		this.order = order;
		this.start = start;
	}

	/** Where the pixel data start in the file. */
	long start() {
		return start;
	}

	/** Bytes of pixel data. */
	long pixelBytes() {
		return (long) width * height * (bitDepth / 8);
	}

	/**
	 * The layout of the TIFF in {@code ch}, or null when it is not a plain slice (see the class comment).
	 * @throws IOException when the pixels the header promises lie beyond the end of the file (truncated)
	 */
	static PlainTiff of(FileChannel ch) throws IOException {
		long size = ch.size();
		if (size < 8) return null;
		ByteBuffer head = readAt(ch, 0, 8, ByteOrder.LITTLE_ENDIAN);
		int b0 = head.get(0), b1 = head.get(1);
		ByteOrder order = b0 == 'I' && b1 == 'I' ? ByteOrder.LITTLE_ENDIAN : b0 == 'M' && b1 == 'M' ? ByteOrder.BIG_ENDIAN : null;
		if (order == null || head.order(order).getShort(2) != 42) return null;
		long ifd = head.getInt(4) & 0xffffffffL;
		if (ifd < 8 || ifd + 2 > size) return null;
		int n = readAt(ch, ifd, 2, order).getShort(0) & 0xffff;
		if (ifd + 2 + 12L * n + 4 > size) return null;
		ByteBuffer entries = readAt(ch, ifd + 2, 12 * n + 4, order);
		if (entries.getInt(12 * n) != 0) return null; // a second image
		Tags t = new Tags();
		for (int i = 0; i < n; i++)
			if (!t.take(ch, entries, 12 * i, size)) return null;
		return t.layout(order, size);
	}

	/** Tag values of the one image directory, as far as a plain slice needs them. */
	private static final class Tags {
		long width = -1, height = -1, bits = -1, compression = 1, photometric = -1, samples = 1, planar = 1, predictor = 1, format = 1;
		long[] offsets, counts;
		boolean manyImages;

		/** Reads one 12-byte entry; false for a tag that rules out the plain layout. */
		boolean take(FileChannel ch, ByteBuffer e, int at, long size) throws IOException {
			int tag = e.getShort(at) & 0xffff, type = e.getShort(at + 2) & 0xffff;
			long count = e.getInt(at + 4) & 0xffffffffL;
			switch (tag) {
				case COLOR_MAP: case TILE_WIDTH: case EXTRA_SAMPLES: return false;
				case DESCRIPTION: manyImages = type == 2 && describesManyImages(ch, e, at, count, size); return true;
				case STRIP_OFFSETS: offsets = values(ch, e, at, type, count, size); return offsets != null;
				case STRIP_BYTES: counts = values(ch, e, at, type, count, size); return counts != null;
				case WIDTH: case HEIGHT: case BITS: case COMPRESSION: case PHOTOMETRIC: case SAMPLES: case PLANAR: case PREDICTOR:
				case SAMPLE_FORMAT:
					if (count != 1 || (type != 3 && type != 4)) return false;
					set(tag, type == 3 ? e.getShort(at + 8) & 0xffff : e.getInt(at + 8) & 0xffffffffL);
					return true;
				default: return true;
			}
		}

		private void set(int tag, long v) {
			switch (tag) {
				case WIDTH: width = v; break;
				case HEIGHT: height = v; break;
				case BITS: bits = v; break;
				case COMPRESSION: compression = v; break;
				case PHOTOMETRIC: photometric = v; break;
				case SAMPLES: samples = v; break;
				case PLANAR: planar = v; break;
				case PREDICTOR: predictor = v; break;
				default: format = v; break;
			}
		}

		PlainTiff layout(ByteOrder order, long size) throws IOException {
			boolean grey = compression == 1 && photometric == 1 && samples == 1 && planar == 1 && predictor == 1 && !manyImages;
			boolean type = bits == 8 && format == 1 || bits == 16 && format == 1 || bits == 32 && format == 3;
			if (!grey || !type || width < 1 || height < 1 || width * height * (bits / 8) > Integer.MAX_VALUE - 8 || offsets == null || counts == null
				|| offsets.length != counts.length)
				return null;
			long need = width * height * (bits / 8), end = offsets[0];
			// strips one after another in file order only: ImageJ 1.54p reads others differently, and both paths must agree
			for (int i = 0; i < offsets.length && end - offsets[0] < need; i++) {
				if (offsets[i] != end) return null;
				end += counts[i];
			}
			if (end - offsets[0] < need) return null;
			if (offsets[0] + need > size)
				throw new EOFException("truncated: its pixel data end at byte " + (offsets[0] + need) + " but the file has " + size + " bytes");
			return new PlainTiff((int) width, (int) height, (int) bits, order, offsets[0]);
		}
	}

	/** A SHORT or LONG array tag's values (inline when they fit in the entry), or null for another type. */
	private static long[] values(FileChannel ch, ByteBuffer e, int at, int type, long count, long size) throws IOException {
		int bytes = type == 3 ? 2 : type == 4 ? 4 : 0;
		if (bytes == 0 || count < 1 || count > Integer.MAX_VALUE / 4) return null;
		ByteBuffer b;
		if (count * bytes <= 4) b = e.duplicate().order(e.order()).position(at + 8).slice().order(e.order());
		else {
			long off = e.getInt(at + 8) & 0xffffffffL;
			if (off + count * bytes > size) return null;
			b = readAt(ch, off, (int) (count * bytes), e.order());
		}
		long[] v = new long[(int) count];
		for (int i = 0; i < v.length; i++) v[i] = bytes == 2 ? b.getShort(2 * i) & 0xffff : b.getInt(4 * i) & 0xffffffffL;
		return v;
	}

	/** Whether an ImageDescription says "images=N" with N > 1 (ImageJ's stacks that keep one directory). */
	private static boolean describesManyImages(FileChannel ch, ByteBuffer e, int at, long count, long size) throws IOException {
		if (count <= 4 || count > 1 << 20) return false;
		long off = e.getInt(at + 8) & 0xffffffffL;
		if (off + count > size) return false;
		ByteBuffer b = readAt(ch, off, (int) count, e.order());
		byte[] a = new byte[(int) count];
		b.get(a);
		for (String line : new String(a, StandardCharsets.ISO_8859_1).split("\n"))
			if (line.startsWith("images=")) {
				String v = line.substring(7).trim();
				return !v.equals("1") && !v.equals("0");
			}
		return false;
	}

	/** {@code n} bytes at {@code pos} (the whole run, or EOFException). */
	private static ByteBuffer readAt(FileChannel ch, long pos, int n, ByteOrder order) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(n);
		fill(ch, b, pos);
		b.flip();
		return b.order(order);
	}

	private static void fill(FileChannel ch, ByteBuffer b, long pos) throws IOException {
		while (b.hasRemaining()) {
			int k = ch.read(b, pos);
			if (k < 0) throw new EOFException("truncated: the file ends at byte " + pos);
			pos += k;
		}
	}

	/**
	 * The pixels as a new byte[], short[] or float[] of width*height, read in one run into {@code buffer} (a direct
	 * buffer of at least {@link #pixelBytes()}, reused between slices) and copied out in the file's byte order.
	 */
	Object read(FileChannel ch, ByteBuffer buffer) throws IOException {
		buffer.clear().limit((int) pixelBytes());
		fill(ch, buffer, start);
		buffer.flip();
		buffer.order(order);
		int n = width * height;
		if (bitDepth == 8) {
			byte[] a = new byte[n];
			buffer.get(a);
			return a;
		}
		if (bitDepth == 16) {
			short[] a = new short[n];
			buffer.asShortBuffer().get(a);
			return a;
		}
		float[] a = new float[n];
		buffer.asFloatBuffer().get(a);
		return a;
	}
}
