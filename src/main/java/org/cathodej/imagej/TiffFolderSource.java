package org.cathodej.imagej;

import org.cathodej.image.BigTiff;
import org.cathodej.image.VoxelSize;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.cathodej.volume.VolumeSource;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.TiffDecoder;
import ij.measure.Calibration;

/**
 * A folder of 2D TIFF slices (one file per z, e.g. File > Save As > Image Sequence, or a FIB-SEM acquisition) as a
 * {@link VolumeSource}. Files ending in .tif/.tiff are sorted naturally (slice2 before slice10); all must have the
 * size and type of the first, which is checked from their headers before anything is analysed. The voxel size comes
 * from the first slice's ImageJ metadata (x, y, unit, and z from its "spacing" entry) unless given. Plain slices
 * (uncompressed grey, as ImageJ writes them; {@link PlainTiff}) are read straight into their arrays; any other TIFF
 * slice is opened by ImageJ's reader, with the same pixels.
 */
public final class TiffFolderSource implements VolumeSource {

	private final File dir;
	private final String[] names;
	private final int width, height, bitDepth;
	private final VoxelSize vs;
	private final String zNote;
	private ByteBuffer buffer; // one slice of pixel bytes, reused by the reads of plain slices

	/** @param voxelSize null = from the slices' metadata */
	public TiffFolderSource(File dir, VoxelSize voxelSize) {
		this.dir = dir;
		if (!dir.isDirectory()) throw new IllegalArgumentException(dir + " is not a folder");
		names = sortedTiffs(dir);
		if (names.length == 0) throw new IllegalArgumentException("The folder " + dir + " holds no .tif/.tiff slices");
		FileInfo first = header(names[0]);
		int[] s0 = shape(names[0]);
		width = s0[0];
		height = s0[1];
		bitDepth = s0[2];
		for (int i = 1; i < names.length; i++) {
			int[] f = shape(names[i]);
			if (f[0] != width || f[1] != height || f[2] != bitDepth)
				throw new IllegalArgumentException("Slice " + names[i] + " is " + f[0] + "x" + f[1] + " " + f[2] + "-bit but " + names[0] + " is "
					+ width + "x" + height + " " + bitDepth + "-bit: all slices of " + dir + " must have the same size and type.");
		}
		String spacing = null;
		ImagePlus imp = openSlice(0);
		Calibration c = imp.getCalibration();
		// ImageJ writes "spacing" into the description of stacks only; single slices may carry it in their Info
		for (String text : new String[] { first.description, imp.getInfoProperty() })
			if (text != null && spacing == null)
				for (String line : text.split("\n")) if (line.trim().startsWith("spacing=")) spacing = line.trim().substring(8).trim();
		if (voxelSize != null) {
			vs = voxelSize;
			zNote = "voxel size given";
		} else if (!c.scaled()) {
			vs = VoxelSize.uncalibrated();
			zNote = "no calibration in the slices";
		} else {
			double z = spacing != null ? Double.parseDouble(spacing) : c.pixelWidth;
			vs = new VoxelSize(c.pixelWidth, c.pixelHeight, z, c.getUnit());
			zNote = spacing != null ? "calibration from the slices" : "z spacing not in the slices' metadata: assumed equal to x";
		}
	}

	static String[] sortedTiffs(File dir) {
		File[] files = dir.listFiles();
		List<String> l = new ArrayList<>();
		if (files != null) for (File f : files) {
			String n = f.getName().toLowerCase(Locale.ROOT);
			if (f.isFile() && !n.startsWith(".") && (n.endsWith(".tif") || n.endsWith(".tiff"))) l.add(f.getName());
		}
		l.sort(NATURAL);
		return l.toArray(new String[0]);
	}

	/** Natural order: digit runs compare as numbers ("s2" before "s10"), the rest as text. */
	public static final Comparator<String> NATURAL = (a, b) -> {
		int i = 0, j = 0;
		while (i < a.length() && j < b.length()) {
			char ca = a.charAt(i), cb = b.charAt(j);
			if (Character.isDigit(ca) && Character.isDigit(cb)) {
				int si = i, sj = j;
				while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
				while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
				String na = a.substring(si, i).replaceFirst("^0+(?=.)", ""), nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
				int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
				if (c != 0) return c;
			} else {
				if (ca != cb) return Character.compare(ca, cb);
				i++;
				j++;
			}
		}
		return Integer.compare(a.length() - i, b.length() - j) != 0 ? Integer.compare(a.length() - i, b.length() - j) : a.compareTo(b);
	};

	/** Width, height and bit depth of a slice: from its plain layout when it has one, else from ImageJ's decoder. */
	private int[] shape(String name) {
		PlainTiff t;
		try (FileChannel ch = FileChannel.open(new File(dir, name).toPath())) {
			t = PlainTiff.of(ch);
		} catch (IOException e) {
			throw new IllegalArgumentException("Cannot read " + name + " in " + dir + " as a TIFF: " + e.getMessage());
		}
		if (t != null) return new int[] { t.width, t.height, t.bitDepth };
		FileInfo f = header(name);
		return new int[] { f.width, f.height, bitDepth(f, name) };
	}

	private FileInfo header(String name) {
		try {
			FileInfo[] fi = new TiffDecoder(dir.getPath() + File.separator, name).getTiffInfo();
			if (fi == null || fi.length == 0) throw new IOException("no image in the file");
			if (fi.length > 1 || fi[0].nImages > 1) throw new IllegalArgumentException(name + " in " + dir + " holds " + Math.max(fi.length,
				fi[0].nImages) + " images; a slice folder needs one 2D image per file.");
			return fi[0];
		} catch (IOException e) {
			throw new IllegalArgumentException("Cannot read " + name + " in " + dir + " as a TIFF: " + e.getMessage()
				+ (BigTiff.is(new File(dir, name)) ? " " + BigTiff.REFUSAL : ""));
		}
	}

	private static int bitDepth(FileInfo f, String name) {
		switch (f.getBytesPerPixel()) {
			case 1: if (f.fileType == FileInfo.GRAY8) return 8; break;
			case 2: if (f.fileType == FileInfo.GRAY16_UNSIGNED || f.fileType == FileInfo.GRAY16_SIGNED) return 16; break;
			case 4: if (f.fileType == FileInfo.GRAY32_FLOAT) return 32; break;
			default: break;
		}
		throw new IllegalArgumentException(name + " is not an 8-bit, 16-bit or 32-bit float greyscale TIFF (RGB, palette and 32-bit integer "
			+ "slices are not supported)");
	}

	private ImagePlus openSlice(int z) {
		ImagePlus imp;
		try {
			FileInfo fi = new TiffDecoder(dir.getPath() + File.separator, names[z]).getTiffInfo()[0];
			imp = new FileOpener(fi).openImage();
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read slice " + names[z] + " of " + dir, e);
		}
		if (imp == null) throw new UncheckedIOException(new IOException("Cannot read slice " + names[z] + " of " + dir));
		return imp;
	}

	@Override public int width() { return width; }
	@Override public int height() { return height; }
	@Override public int depth() { return names.length; }
	@Override public int bitDepth() { return bitDepth; }
	@Override public VoxelSize voxelSize() { return vs; }

	@Override
	public String description() {
		return "folder " + dir + " (" + names.length + " TIFF slices " + names[0] + " .. " + names[names.length - 1] + ", " + width + "x" + height
			+ ", " + bitDepth + "-bit; " + zNote + ")";
	}

	@Override
	public Object[] readPlanes(int z0, int z1) {
		Object[] r = new Object[z1 - z0];
		for (int z = z0; z < z1; z++) r[z - z0] = readSlice(z);
		return r;
	}

	/** Slice z's pixels: a plain slice straight from the file, anything else through ImageJ's reader. */
	private Object readSlice(int z) {
		Object pixels;
		try (FileChannel ch = FileChannel.open(new File(dir, names[z]).toPath())) {
			PlainTiff t = PlainTiff.of(ch);
			if (t == null) pixels = null;
			else if (t.width != width || t.height != height || t.bitDepth != bitDepth)
				throw new IOException("it is now " + t.width + "x" + t.height + " " + t.bitDepth + "-bit, not " + width + "x" + height + " "
					+ bitDepth + "-bit like the folder's other slices");
			else synchronized (this) {
				if (buffer == null) buffer = ByteBuffer.allocateDirect((int) t.pixelBytes());
				pixels = t.read(ch, buffer);
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read slice " + names[z] + " of " + dir + ": " + e.getMessage(), e);
		}
		return pixels != null ? pixels : openSlice(z).getProcessor().getPixels();
	}
}
