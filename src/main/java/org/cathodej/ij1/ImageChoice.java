package org.cathodej.ij1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cathodej.run.ParameterSpec;

import ij.ImagePlus;
import ij.WindowManager;

/**
 * Which open images an image input offers, and which one it picks by default. Label inputs take 8- or 16-bit images
 * only; grey inputs any single-channel image (no RGB: plots and rendered figures are RGB). The default is the
 * current image when it fits, so a command runs on what the user selected, never on an older image of the same title.
 */
final class ImageChoice {

	private ImageChoice() {}

	/** A label image (phase labels, ground truth, particles), by the parameter's name or wording. */
	static boolean isLabelInput(ParameterSpec p) {
		String words = (p.name() + " " + p.label() + " " + p.description()).toLowerCase(Locale.ROOT);
		return words.contains("label") || words.contains("ground truth") || words.contains("ground_truth");
	}

	static boolean fits(ParameterSpec p, ImagePlus imp) {
		int bits = imp.getBitDepth();
		if (bits == 24 || imp.getNChannels() > 1) return false;
		return !isLabelInput(p) || bits == 8 || bits == 16;
	}

	/** The open images (batch-mode images of a running macro too) that fit {@code p}, oldest first. */
	static List<ImagePlus> candidates(ParameterSpec p) {
		List<ImagePlus> out = new ArrayList<>();
		int[] ids = WindowManager.getIDList();
		if (ids == null) return out;
		for (int id : ids) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp != null && fits(p, imp)) out.add(imp);
		}
		return out;
	}

	/** The images of {@code list} with {@code ref}'s width, height and depth (all of them when {@code ref} is null). */
	static List<ImagePlus> sameSize(List<ImagePlus> list, ImagePlus ref) {
		if (ref == null) return list;
		List<ImagePlus> out = new ArrayList<>();
		for (ImagePlus imp : list)
			if (imp.getWidth() == ref.getWidth() && imp.getHeight() == ref.getHeight() && imp.getStackSize() == ref.getStackSize()) out.add(imp);
		return out;
	}

	/** Index of the default among {@code list}: the current image when it is there, else the newest. */
	static int defaultIndex(List<ImagePlus> list) {
		ImagePlus cur = WindowManager.getCurrentImage();
		for (int i = 0; i < list.size(); i++) if (list.get(i) == cur) return i;
		return list.size() - 1;
	}

	/** Open images called {@code title} (several when titles repeat). */
	static List<ImagePlus> called(String title) {
		List<ImagePlus> out = new ArrayList<>();
		int[] ids = WindowManager.getIDList();
		if (ids != null) for (int id : ids) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp != null && title.equals(imp.getTitle())) out.add(imp);
		}
		return out;
	}

	/** {@code title}, or title-2, title-3 ... when an open image already has it (outputs never share a title). */
	static String unique(String title) {
		if (called(title).isEmpty()) return title;
		for (int n = 2;; n++) {
			String t = title + "-" + n;
			if (called(t).isEmpty()) return t;
		}
	}
}
