package org.cathodej.phase;

/** The three phases of a composite cathode, in the battery researcher's words. */
public enum Phase {
	PORE("pore", 0x202020),
	CAM("CAM", 0xE0A030),
	ISE("ISE", 0x3C8CDC);

	private final String displayName;
	private final int rgb;

	Phase(String displayName, int rgb) {
		this.displayName = displayName;
		this.rgb = rgb;
	}

	/** Short name used in table columns and file names: "pore", "CAM", "ISE". */
	public String displayName() { return displayName; }

	/** Colour of this phase in the phase LUT (0xRRGGBB). */
	public int rgb() { return rgb; }

	/** Parses "pore", "cam", "ise" (any case). */
	public static Phase parse(String s) {
		for (Phase p : values())
			if (p.displayName.equalsIgnoreCase(s.trim()) || p.name().equalsIgnoreCase(s.trim())) return p;
		throw new IllegalArgumentException("Unknown phase '" + s + "'; expected pore, CAM or ISE");
	}
}
