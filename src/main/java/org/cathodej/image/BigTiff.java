package org.cathodej.image;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Recognises BigTIFF files (TIFF version 43), which ImageJ 1.x cannot read without Bio-Formats. ImageJ's own TIFF
 * files larger than 4 GB are classic TIFFs (the image data run past 4 GB after one header) and are read directly.
 */
public final class BigTiff {

	private BigTiff() {}

	public static final String REFUSAL = "It is a BigTIFF, which CathodeJ reads only through ImageJ's own TIFF reader (no Bio-Formats): "
		+ "open it with Bio-Formats (File > Import > Bio-Formats, 'use virtual stack') and save it as an image sequence "
		+ "(File > Save As > Image Sequence), or export a TIFF-slice folder or an HDF5 dataset, and analyse that.";

	/** True when the file starts with a BigTIFF header. */
	public static boolean is(File f) {
		try (RandomAccessFile r = new RandomAccessFile(f, "r")) {
			if (r.length() < 4) return false;
			int b0 = r.read(), b1 = r.read(), b2 = r.read(), b3 = r.read();
			return b0 == 'I' && b1 == 'I' && b2 == 43 && b3 == 0 || b0 == 'M' && b1 == 'M' && b2 == 0 && b3 == 43;
		} catch (IOException e) {
			return false;
		}
	}
}
