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
 * Keys shown with output images: the colour key of a class or label image (which colour is which phase or class) and
 * the calibration bar of a quantitative image, asked for with an image property and drawn as an overlay when the image
 * is shown in a window; the pixels and the saved TIFF stay as they are.
 */
public final class ColourKey {

	/** The image property holding the key (an entry per class: name -> RGB). */
	public static final String PROPERTY = "CathodeJ colour key";

	/** The image property asking for a calibration bar (value: what the grey values are, e.g. "potential"). */
	public static final String BAR = "CathodeJ calibration bar";

	private ColourKey() {}

	/** Asks for a calibration bar beside a quantitative image when it is shown (potential, current density, thickness). */
	public static void wantBar(ImagePlus imp, String quantity) {
		imp.setProperty(BAR, quantity);
	}

	/** Draws ImageJ's calibration bar as an overlay on a shown image that asked for one (a colour table first). */
	public static void drawBar(ImagePlus imp) {
		if (imp.getProperty(BAR) == null || imp.getWindow() == null || imp.getWidth() < 64) return;
		ij.IJ.run(imp, "Fire", "");
		imp.resetDisplayRange();
		ij.IJ.run(imp, "Calibration Bar...", "location=[Upper Right] fill=White label=Black number=5 decimal=3 font=10 zoom=1 overlay");
	}

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
