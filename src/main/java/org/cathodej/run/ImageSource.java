package org.cathodej.run;

import ij.ImagePlus;

/** Where image inputs come from: open windows in Fiji, files on the command line. */
public interface ImageSource {

	/** The image called {@code name} (a window title, or a file path for the command line), or null. */
	ImagePlus byName(String name);

	/** The image a step works on when none is named (Fiji's current image), or null. */
	ImagePlus current();

	/** One image, found by its title or as the current image ({@code in} null: none). */
	static ImageSource of(ImagePlus in) {
		return new ImageSource() {
			@Override
			public ImagePlus byName(String name) {
				return in != null && name.equals(in.getTitle()) ? in : null;
			}

			@Override
			public ImagePlus current() {
				return in;
			}
		};
	}
}
