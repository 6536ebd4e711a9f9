package org.cathodej.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.cathodej.image.VoxelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.TiffDecoder;

/**
 * The plain-slice reader of {@link TiffFolderSource} against ImageJ's own reading of the same files: 8-, 16- and
 * 32-bit, both byte orders, one strip or many, slices ImageJ wrote; compressed and signed slices and strips out of
 * order or apart go to ImageJ's reader; a truncated slice is an error naming the slice.
 */
class PlainTiffTest {

	@TempDir
	Path tmp;

	static final int W = 37, H = 23;

	/** How a test TIFF is laid out. */
	static final class Layout {
		ByteOrder order = ByteOrder.LITTLE_ENDIAN;
		int bits = 8, format = 1, rowsPerStrip = H, gap = 0, compression = 1;
		boolean reversed; // strips stored last first
	}

	/** A TIFF of one w x h image with the layout (PackBits when compression is 32773: literal runs only). */
	static void write(File f, Object pixels, int w, int h, Layout l) throws IOException {
		int bpp = l.bits / 8, strips = (h + l.rowsPerStrip - 1) / l.rowsPerStrip;
		ByteBuffer raw = ByteBuffer.allocate(w * h * bpp).order(l.order);
		if (pixels instanceof byte[]) raw.put((byte[]) pixels);
		else if (pixels instanceof short[]) raw.asShortBuffer().put((short[]) pixels);
		else raw.asFloatBuffer().put((float[]) pixels);
		byte[][] data = new byte[strips][];
		for (int s = 0; s < strips; s++) {
			int rows = Math.min(l.rowsPerStrip, h - s * l.rowsPerStrip);
			byte[] d = new byte[rows * w * bpp];
			System.arraycopy(raw.array(), s * l.rowsPerStrip * w * bpp, d, 0, d.length);
			data[s] = l.compression == 32773 ? packBits(d) : d;
		}
		int entries = 10, ifdEnd = 8 + 2 + 12 * entries + 4;
		int arrays = strips > 1 ? 2 * 4 * strips : 0;
		long[] off = new long[strips];
		long pos = ifdEnd + arrays;
		for (int k = 0; k < strips; k++) {
			int s = l.reversed ? strips - 1 - k : k;
			pos += l.gap;
			off[s] = pos;
			pos += data[s].length;
		}
		ByteBuffer b = ByteBuffer.allocate((int) pos).order(l.order);
		b.put((byte) (l.order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M')).put(b.get(0)).putShort((short) 42).putInt(8);
		b.putShort((short) entries);
		entry(b, 256, 4, 1, w);
		entry(b, 257, 4, 1, h);
		entry(b, 258, 3, 1, l.bits);
		entry(b, 259, 3, 1, l.compression);
		entry(b, 262, 3, 1, 1);
		entry(b, 273, 4, strips, strips > 1 ? ifdEnd : off[0]);
		entry(b, 277, 3, 1, 1);
		entry(b, 278, 4, 1, l.rowsPerStrip);
		entry(b, 279, 4, strips, strips > 1 ? ifdEnd + 4 * strips : data[0].length);
		entry(b, 339, 3, 1, l.format);
		b.putInt(0);
		if (strips > 1) {
			for (long o : off) b.putInt((int) o);
			for (byte[] d : data) b.putInt(d.length);
		}
		for (int s = 0; s < strips; s++) {
			b.position((int) off[s]);
			b.put(data[s]);
		}
		for (int i = ifdEnd + arrays; i < pos; i++) if (inGap(i, off, data)) b.put(i, (byte) 0x5a); // gaps hold junk, not zeros
		Files.write(f.toPath(), b.array());
	}

	private static boolean inGap(int i, long[] off, byte[][] data) {
		for (int s = 0; s < off.length; s++) if (i >= off[s] && i < off[s] + data[s].length) return false;
		return true;
	}

	private static void entry(ByteBuffer b, int tag, int type, int count, long value) {
		b.putShort((short) tag).putShort((short) type).putInt(count);
		if (type == 3 && count == 1) b.putShort((short) value).putShort((short) 0);
		else b.putInt((int) value);
	}

	private static byte[] packBits(byte[] d) {
		java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
		for (int i = 0; i < d.length; i += 128) {
			int n = Math.min(128, d.length - i);
			o.write(n - 1);
			o.write(d, i, n);
		}
		return o.toByteArray();
	}

	static Object pixels(int bits, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		int n = W * H;
		if (bits == 8) {
			byte[] a = new byte[n];
			for (int i = 0; i < n; i++) a[i] = (byte) r.nextInt(256);
			return a;
		}
		if (bits == 16) {
			short[] a = new short[n];
			for (int i = 0; i < n; i++) a[i] = (short) r.nextInt(65536);
			return a;
		}
		float[] a = new float[n];
		for (int i = 0; i < n; i++) a[i] = (float) ((r.nextDouble() - 0.5) * 2e3);
		a[5] = Float.NaN;
		a[6] = Float.NEGATIVE_INFINITY;
		return a;
	}

	/** The pixels as ImageJ reads the file (TiffFolderSource's fallback path). */
	static Object imagej(File f) throws IOException {
		FileInfo fi = new TiffDecoder(f.getParent() + File.separator, f.getName()).getTiffInfo()[0];
		return new FileOpener(fi).openImage().getProcessor().getPixels();
	}

	static PlainTiff layout(File f) throws IOException {
		try (FileChannel ch = FileChannel.open(f.toPath())) {
			return PlainTiff.of(ch);
		}
	}

	static void assertSame(Object expected, Object actual) {
		if (expected instanceof byte[]) assertArrayEquals((byte[]) expected, (byte[]) actual);
		else if (expected instanceof short[]) assertArrayEquals((short[]) expected, (short[]) actual);
		else {
			float[] e = (float[]) expected, a = (float[]) actual;
			assertEquals(e.length, a.length);
			for (int i = 0; i < e.length; i++) assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), "pixel " + i);
		}
	}

	/** Writes a folder of two slices with the layout and checks the fast reader against ImageJ and the truth. */
	private void check(Layout l, boolean plain) throws IOException {
		File dir = Files.createTempDirectory(tmp, "f").toFile();
		Object[] truth = { pixels(l.bits, 1), pixels(l.bits, 2) };
		for (int z = 0; z < 2; z++) write(new File(dir, "s" + z + ".tif"), truth[z], W, H, l);
		String what = l.bits + "-bit " + l.order + ", " + l.rowsPerStrip + " rows per strip, compression " + l.compression;
		if (plain) assertNotNull(layout(new File(dir, "s0.tif")), what + " is read directly");
		else assertNull(layout(new File(dir, "s0.tif")), what + " goes to ImageJ's reader");
		TiffFolderSource src = new TiffFolderSource(dir, null);
		assertEquals(l.bits, src.bitDepth());
		Object[] read = src.readPlanes(0, 2);
		for (int z = 0; z < 2; z++) {
			assertSame(imagej(new File(dir, "s" + z + ".tif")), read[z]);
			if (plain) assertSame(truth[z], read[z]);
		}
	}

	@Test
	void readsEveryTypeAndByteOrderAsImageJDoes() throws IOException {
		for (int bits : new int[] { 8, 16, 32 })
			for (ByteOrder o : new ByteOrder[] { ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN }) {
				Layout l = new Layout();
				l.bits = bits;
				l.format = bits == 32 ? 3 : 1;
				l.order = o;
				check(l, true);
			}
	}

	@Test
	void readsManyStrips() throws IOException {
		for (int bits : new int[] { 8, 16, 32 })
			for (int rows : new int[] { 1, 3, 7 }) {
				Layout l = new Layout();
				l.bits = bits;
				l.format = bits == 32 ? 3 : 1;
				l.order = rows == 3 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
				l.rowsPerStrip = rows;
				check(l, true);
			}
	}

	/** ImageJ 1.54p reads such strips as if they were in order and (8-bit) without gaps: its pixels, not the truth. */
	@Test
	void stripsOutOfOrderOrApartGoToImageJ() throws IOException {
		for (int bits : new int[] { 8, 16 }) {
			Layout l = new Layout();
			l.bits = bits;
			l.rowsPerStrip = 3;
			l.gap = 5;
			check(l, false);
			l.gap = 0;
			l.reversed = true;
			check(l, false);
		}
	}

	@Test
	void compressedAndSignedSlicesGoToImageJ() throws IOException {
		Layout packed = new Layout();
		packed.compression = 32773;
		packed.rowsPerStrip = 4;
		check(packed, false);
		Layout signed = new Layout();
		signed.bits = 16;
		signed.format = 2;
		check(signed, false);
	}

	@Test
	void folderOfPlainAndCompressedSlicesReadsEverySlice() throws IOException {
		File dir = tmp.resolve("mixed").toFile();
		dir.mkdirs();
		Object[] truth = { pixels(8, 6), pixels(8, 7), pixels(8, 8) };
		Layout plain = new Layout(), packed = new Layout();
		packed.compression = 32773;
		for (int z = 0; z < 3; z++) write(new File(dir, "s" + z + ".tif"), truth[z], W, H, z == 1 ? packed : plain);
		Object[] read = new TiffFolderSource(dir, null).readPlanes(0, 3);
		for (int z = 0; z < 3; z++) assertSame(truth[z], read[z]);
	}

	@Test
	void readsWhatImageJWrites() throws IOException {
		VoxelSize vs = new VoxelSize(0.25, 0.25, 0.4, "um");
		for (int bits : new int[] { 8, 16, 32 }) {
			File dir = tmp.resolve("ij" + bits).toFile();
			Object[] truth = { pixels(bits, 3), pixels(bits, 4), pixels(bits, 5) };
			try (TiffSliceWriter w = new TiffSliceWriter(dir, "s", W, H, 3, vs, false)) {
				for (int z = 0; z < 3; z++) w.write(z, truth[z]);
				w.commit();
			}
			TiffFolderSource src = new TiffFolderSource(dir, null);
			assertEquals(0.4, src.voxelSize().z(), 1e-12);
			Object[] read = src.readPlanes(0, 3);
			for (int z = 0; z < 3; z++) {
				File f = new File(dir, String.format("s_%04d.tif", z));
				assertNotNull(layout(f), bits + "-bit ImageJ slice read directly");
				assertSame(imagej(f), read[z]);
				assertSame(truth[z], read[z]);
			}
		}
	}

	@Test
	void truncatedSliceIsAnErrorNamingIt() throws IOException {
		File dir = tmp.resolve("cut").toFile();
		dir.mkdirs();
		Layout l = new Layout();
		l.bits = 16;
		for (int z = 0; z < 3; z++) write(new File(dir, "s" + z + ".tif"), pixels(16, z), W, H, l);
		File last = new File(dir, "s2.tif");
		try (RandomAccessFile r = new RandomAccessFile(last, "rw")) {
			r.setLength(r.length() - 10);
		}
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TiffFolderSource(dir, null));
		assertTrue(e.getMessage().contains("s2.tif") && e.getMessage().contains("truncated"), e.getMessage());
		// cut after the folder was opened: the read fails instead of returning zeros
		write(last, pixels(16, 2), W, H, l);
		TiffFolderSource src = new TiffFolderSource(dir, null);
		try (RandomAccessFile r = new RandomAccessFile(new File(dir, "s1.tif"), "rw")) {
			r.setLength(r.length() - 1);
		}
		UncheckedIOException u = assertThrows(UncheckedIOException.class, () -> src.readPlanes(0, 3));
		assertTrue(u.getMessage().contains("s1.tif") && u.getMessage().contains("truncated"), u.getMessage());
	}
}
