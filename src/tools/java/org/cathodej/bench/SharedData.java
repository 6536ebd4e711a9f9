package org.cathodej.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.cathodej.imagej.ImageFiles;

import ij.ImagePlus;

/**
 * The project's real images (shared/data, beside the checkout on CI): found by walking up from the working
 * directory to a folder that holds shared/data. See shared/data/README.md for their sources and licences.
 */
public final class SharedData {

	private SharedData() {}

	/** shared/data, or null when no parent of the working directory holds it. */
	public static Path dir() {
		for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
			Path d = p.resolve("shared").resolve("data");
			if (Files.isDirectory(d)) return d;
		}
		return null;
	}

	/** A grey image of shared/data as 32-bit pixels. */
	public static final class Grey {
		public final int w, h;
		public final float[] pixels;

		public Grey(int w, int h, float[] pixels) {
			this.w = w;
			this.h = h;
			this.pixels = pixels;
		}

		/** The cw x ch rectangle at (x0, y0) (a copy). */
		public Grey crop(int x0, int y0, int cw, int ch) {
			if (x0 < 0 || y0 < 0 || x0 + cw > w || y0 + ch > h) throw new IllegalArgumentException("crop outside the " + w + "x" + h + " image");
			float[] c = new float[cw * ch];
			for (int y = 0; y < ch; y++) System.arraycopy(pixels, (y0 + y) * w + x0, c, y * cw, cw);
			return new Grey(cw, ch, c);
		}
	}

	/** Opens shared/data/{relative} (first slice) as 32-bit grey; fails clearly when shared/data is absent. */
	public static Grey open(String relative) {
		Path d = dir();
		if (d == null) throw new IllegalStateException("shared/data not found above " + Paths.get("").toAbsolutePath());
		ImagePlus imp = ImageFiles.open(d.resolve(relative));
		float[] px = (float[]) imp.getProcessor().convertToFloatProcessor().getPixels();
		return new Grey(imp.getWidth(), imp.getHeight(), px.clone());
	}
}
