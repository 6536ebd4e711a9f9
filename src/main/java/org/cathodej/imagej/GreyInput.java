package org.cathodej.imagej;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;

/**
 * The one rule for grey-level (BSE, SE, any intensity) inputs, used by every command that reads one: a greyscale
 * single-channel stack, no NaN or infinite pixels (they would spread through filters, drift estimates and
 * thresholds), and, where a step needs contrast, not constant. Each refusal names the image and the slices.
 */
public final class GreyInput {

	private GreyInput() {}

	/** At most this many slice numbers are listed in a message. */
	private static final int LISTED = 10;

	/** Greyscale single-channel stack without NaN or infinite pixels (8- and 16-bit images have none). */
	public static void require(ImagePlus imp, String step) {
		if (imp == null) throw new IllegalArgumentException(step + " needs an image: open or select one.");
		Volumes.requireGreyscaleVolume(imp);
		requireFinite(imp, step);
	}

	/** Refuses a 32-bit image with NaN or infinite pixels, listing the slices that hold them. */
	public static void requireFinite(ImagePlus imp, String step) {
		if (imp.getBitDepth() != 32) return;
		ImageStack s = imp.getStack();
		List<Integer> bad = new ArrayList<>();
		long count = 0;
		for (int z = 1; z <= s.getSize(); z++) {
			long n = 0;
			for (float v : (float[]) s.getPixels(z)) if (!Float.isFinite(v)) n++;
			if (n > 0) bad.add(z);
			count += n;
		}
		if (bad.isEmpty()) return;
		throw new IllegalArgumentException(step + ": " + imp.getTitle() + " has " + count + " NaN or infinite pixels in slice"
			+ (bad.size() > 1 ? "s " : " ") + list(bad) + " of " + s.getSize() + "; replace them first (Process > Math > Remove NaNs..., "
			+ "or crop those slices away). CathodeJ refuses them in every grey-level input so that no result turns NaN silently.");
	}

	/** Refuses an image whose pixels all have one value: there is no contrast to align, threshold or classify. */
	public static void requireContrast(ImagePlus imp, String step) {
		ImageStack s = imp.getStack();
		double first = s.getProcessor(1).getf(0);
		int n = imp.getWidth() * imp.getHeight();
		for (int z = 1; z <= s.getSize(); z++) {
			ij.process.ImageProcessor ip = s.getProcessor(z);
			for (int i = 0; i < n; i++) if (ip.getf(i) != first) return;
		}
		throw new IllegalArgumentException(step + ": " + imp.getTitle() + " is constant (every pixel is " + first
			+ "): there is no contrast to work with. Check that the right image is given.");
	}

	private static String list(List<Integer> slices) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < Math.min(LISTED, slices.size()); i++) sb.append(i > 0 ? ", " : "").append(slices.get(i));
		if (slices.size() > LISTED) sb.append(" and ").append(slices.size() - LISTED).append(" more");
		return sb.toString();
	}
}
