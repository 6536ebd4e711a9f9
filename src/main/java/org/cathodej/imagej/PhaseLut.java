package org.cathodej.imagej;

import java.awt.image.IndexColorModel;

import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;

import ij.ImagePlus;
import ij.process.LUT;

/** The phase colour table: pore, CAM and ISE in fixed colours at their label values, other labels in grey. */
public final class PhaseLut {

	private PhaseLut() {}

	public static LUT create(PhaseLabels labels) {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int i = 0; i < 256; i++) r[i] = g[i] = b[i] = (byte) (96 + i * 159 / 255);
		for (Phase p : Phase.values()) {
			int v = labels.valueOf(p);
			if (v > 255) continue;
			r[v] = (byte) (p.rgb() >> 16);
			g[v] = (byte) (p.rgb() >> 8);
			b[v] = (byte) p.rgb();
		}
		return new LUT(new IndexColorModel(8, 256, r, g, b), 0, 255);
	}

	/** Gives an 8- or 16-bit label image the phase LUT with display range 0..255. */
	public static void apply(ImagePlus imp, PhaseLabels labels) {
		LUT lut = create(labels);
		if (imp.isComposite()) return;
		imp.getProcessor().setColorModel(lut);
		if (imp.getStackSize() > 1) imp.getStack().setColorModel(lut);
		imp.setDisplayRange(0, 255);
		java.util.Map<String, Integer> key = new java.util.LinkedHashMap<>();
		for (Phase p : Phase.values()) key.put(p.displayName() + " (" + labels.valueOf(p) + ")", p.rgb());
		ColourKey.set(imp, key);
	}
}
