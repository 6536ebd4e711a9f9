package org.cathodej.connectivity;

/**
 * Values of the 8-bit class image written by {@link CamUtilisation}, and its colours.
 * <pre>
 * 0  background (pore, other labels; ISE too unless ISE classes are kept)
 * 1  active CAM            cluster touches the current collector AND shares a face with separator-connected ISE
 * 2  electronic-only CAM   cluster touches the current collector only
 * 3  ionic-only CAM        cluster shares a face with separator-connected ISE, but does not touch the collector
 * 4  isolated CAM          neither
 * 5  separator-connected ISE  (ISE cluster touching the separator face; only when ISE classes are kept)
 * 6  dead-end ISE             (ISE cluster not touching the separator face; only when ISE classes are kept)
 * </pre>
 */
public enum CamClass {
	BACKGROUND(0, "background", 0x000000),
	ACTIVE(1, "active", 0x2CA02C),
	ELECTRONIC_ONLY(2, "e-only", 0x1F77E4),
	IONIC_ONLY(3, "ion-only", 0xFF9F1A),
	ISOLATED(4, "isolated", 0xD62728),
	ISE_CONNECTED(5, "ISE connected to separator", 0x9EC8F0),
	ISE_DEAD(6, "ISE not connected to separator", 0x606060);

	private final int value;
	private final String displayName;
	private final int rgb;

	CamClass(int value, String displayName, int rgb) {
		this.value = value;
		this.displayName = displayName;
		this.rgb = rgb;
	}

	/** Pixel value in the class image. */
	public int value() { return value; }

	/** Column/legend name. */
	public String displayName() { return displayName; }

	/** Colour in the class LUT (0xRRGGBB). */
	public int rgb() { return rgb; }

	/** The four CAM classes, in image-value order. */
	public static CamClass[] camClasses() {
		return new CamClass[] { ACTIVE, ELECTRONIC_ONLY, IONIC_ONLY, ISOLATED };
	}

	/** Red, green and blue tables (256 entries each) for the class image; unused values are black. */
	public static byte[][] lut() {
		byte[][] rgb = new byte[3][256];
		for (CamClass c : values()) {
			rgb[0][c.value] = (byte) (c.rgb >> 16);
			rgb[1][c.value] = (byte) (c.rgb >> 8);
			rgb[2][c.value] = (byte) c.rgb;
		}
		return rgb;
	}

	/** One line per value, for the provenance and the user guide. */
	public static String legend() {
		StringBuilder sb = new StringBuilder();
		for (CamClass c : values()) sb.append(sb.length() == 0 ? "" : "; ").append(c.value).append(" = ").append(c.displayName);
		return sb.toString();
	}
}
