package org.cathodej.imagej;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;

/**
 * Opens image files for the command line and the sample series, refusing what ImageJ would read only in part: a
 * TIFF whose header promises more slices (or more bytes) than the file holds is read by ImageJ as fewer slices
 * without a word, so the count and the size are checked here. Failures are {@link UncheckedIOException}s (exit
 * code 3 on the command line) whose message names the file and the numbers.
 */
public final class ImageFiles {

	private ImageFiles() {}

	public static ImagePlus open(Path file) {
		if (!Files.exists(file)) throw missing("input file not found: " + file);
		if (Files.isDirectory(file)) throw missing("input " + file + " is a folder, not an image file");
		if (!Files.isReadable(file)) throw missing("input file " + file + " is not readable");
		ByteArrayOutputStream said = new ByteArrayOutputStream();
		ImagePlus imp;
		synchronized (ImageFiles.class) { // what ImageJ prints while opening is kept out of stdout
			PrintStream old = System.out;
			System.setOut(new PrintStream(said, true));
			try {
				imp = IJ.openImage(file.toAbsolutePath().toString());
			} finally {
				System.setOut(old);
			}
		}
		String why = new String(said.toByteArray(), StandardCharsets.UTF_8).trim().replaceAll("\\s+", " ");
		if (imp == null)
			throw unreadable("cannot open " + file + " as an image (TIFF or another format ImageJ reads)" + (why.isEmpty() ? "" : ": " + why));
		requireComplete(imp, file);
		return imp;
	}

	/** Refuses an image read from a file that holds fewer slices or bytes than its header promises. */
	public static void requireComplete(ImagePlus imp, Path file) {
		FileInfo fi = imp.getOriginalFileInfo();
		if (fi == null) return;
		int promised = Math.max(fi.nImages, 1), read = imp.getStackSize();
		if (read < promised)
			throw unreadable(file + " is truncated or damaged: its header promises " + promised + " slices but only " + read
				+ " could be read. Export it again (or crop it to the complete slices in Fiji and save a new file).");
		long need = fi.getOffset() + (long) promised * (fi.width * (long) fi.height * fi.getBytesPerPixel() + Math.max(fi.gapBetweenImages, 0))
			- Math.max(fi.gapBetweenImages, 0);
		try {
			long size = Files.size(file);
			if (fi.compression == FileInfo.COMPRESSION_NONE && fi.fileType != FileInfo.RGB48_PLANAR && size < need)
				throw unreadable(file + " is truncated or damaged: " + promised + " slices of " + fi.width + "x" + fi.height + " need "
					+ need + " bytes but the file has " + size + ". Export it again.");
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
		}
	}

	private static UncheckedIOException missing(String message) {
		return new UncheckedIOException(message, new FileNotFoundException(message));
	}

	private static UncheckedIOException unreadable(String message) {
		return new UncheckedIOException(message, new IOException(message));
	}
}
