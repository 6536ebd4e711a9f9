package org.cathodej.ij1;

import org.cathodej.run.ImageSource;

import ij.ImagePlus;
import ij.WindowManager;

/** Image inputs from open windows (and batch-mode images of a running macro), by title. */
final class WindowImages implements ImageSource {

	@Override
	public ImagePlus byName(String title) {
		return WindowManager.getImage(title);
	}

	@Override
	public ImagePlus current() {
		return WindowManager.getCurrentImage();
	}
}
