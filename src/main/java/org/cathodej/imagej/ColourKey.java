package org.cathodej.imagej;

import java.awt.Color;
import java.awt.Font;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;

/**
 * The colour key of a class or label image (which colour is which phase or class), kept with the image as a
 * property and drawn as an overlay when the image is shown in a window; the pixels and the saved TIFF stay as they are.
 */
public final class ColourKey {

	/** The image property holding the key (an entry per class: name -> RGB). */
	public static final String PROPERTY = "CathodeJ colour key";

	private ColourKey() {}

	public static void set(ImagePlus imp, Map<String, Integer> entries) {
		imp.setProperty(PROPERTY, new LinkedHashMap<>(entries));
	}

	/** Draws the image's key (if it has one) in its top-left corner, on every slice; nothing on images under 96 px. */
	public static void draw(ImagePlus imp) {
		Object o = imp.getProperty(PROPERTY);
		if (!(o instanceof Map) || imp.getWidth() < 96 || imp.getHeight() < 48) return;
		int size = Math.max(9, Math.min(14, imp.getHeight() / 20)), y = 2;
		Overlay ov = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
		for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
			Roi box = new Roi(2, y, size, size);
			box.setFillColor(new Color((Integer) e.getValue()));
			box.setStrokeColor(Color.WHITE);
			ov.add(box);
			TextRoi t = new TextRoi(4 + size, y - 2, String.valueOf(e.getKey()), new Font("SansSerif", Font.PLAIN, size));
			t.setStrokeColor(Color.WHITE);
			t.setFillColor(new Color(0, 0, 0, 140));
			ov.add(t);
			y += size + 3;
		}
		imp.setOverlay(ov);
	}
}
