package org.cathodej.image;

import java.util.Locale;

/** Length units as ImageJ users write them, converted to micrometres. */
public final class Units {

	private Units() {}

	/** Micrometres per one of {@code unit}; NaN when the unit is not a length unit CathodeJ knows. */
	public static double micronsPer(String unit) {
		if (unit == null) return Double.NaN;
		String u = unit.trim().toLowerCase(Locale.ROOT);
		switch (u) {
			case "m": case "meter": case "metre": return 1e6;
			case "cm": return 1e4;
			case "mm": return 1e3;
			case "um": case "\u00b5m": case "\u03bcm": case "micron": case "microns": case "micrometer": case "micrometre": return 1;
			case "nm": case "nanometer": case "nanometre": return 1e-3;
			case "pm": return 1e-6;
			case "a": case "\u00e5": case "angstrom": return 1e-4;
			default: return Double.NaN;
		}
	}
}
