package org.cathodej.ij1;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.cathodej.run.ImageSource;

import ij.ImagePlus;
import ij.WindowManager;

/**
 * Image inputs from open windows (and batch-mode images of a running macro). Images picked in the dialog are used
 * as picked (by identity); a title from a macro must name one image: when several share it, the current image wins
 * if it is one of them, otherwise the run stops with the reason instead of guessing.
 */
final class WindowImages implements ImageSource {

	private final Map<String, ImagePlus> picked;

	WindowImages() {
		this(Collections.emptyMap());
	}

	/** @param picked the images chosen in the dialog, by the title recorded for them */
	WindowImages(Map<String, ImagePlus> picked) {
		this.picked = picked;
	}

	@Override
	public ImagePlus byName(String title) {
		ImagePlus p = picked.get(title);
		if (p != null) return p;
		List<ImagePlus> all = ImageChoice.called(title);
		if (all.size() <= 1) return all.isEmpty() ? null : all.get(0);
		ImagePlus cur = WindowManager.getCurrentImage();
		if (cur != null && all.contains(cur)) return cur;
		throw new IllegalArgumentException(all.size() + " open images are called '" + title + "', so the title does not say which one to use. "
			+ "Select the one you mean (it is then used), or rename one (Image > Rename...) and give its new title.");
	}

	@Override
	public ImagePlus current() {
		return WindowManager.getCurrentImage();
	}
}
