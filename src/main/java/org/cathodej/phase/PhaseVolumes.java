package org.cathodej.phase;

import org.cathodej.image.Planes;

import net.imglib2.img.planar.PlanarImg;

/**
 * Label volumes written by segmentation and import: phase indices become the user's label values, stored 8-bit when
 * every value fits (the common case, half the memory of 16-bit) and 16-bit otherwise.
 */
public final class PhaseVolumes {

	private PhaseVolumes() {}

	/** Whether label values up to {@code maxValue} fit an 8-bit image. */
	public static boolean fitsInBytes(int maxValue) {
		return maxValue <= 255;
	}

	/**
	 * A label volume from phase indices (0 pore, 1 CAM, 2 ISE per voxel, one array per slice of w*h): each voxel
	 * gets its phase's label value; 8-bit when the three values are at most 255, else 16-bit.
	 */
	public static PlanarImg<?, ?> fromPhases(byte[][] phase, int w, int h, PhaseLabels pl) {
		int[] value = { pl.pore(), pl.cam(), pl.ise() };
		if (fitsInBytes(Math.max(value[0], Math.max(value[1], value[2])))) {
			byte[][] out = new byte[phase.length][];
			for (int z = 0; z < phase.length; z++) {
				byte[] p = phase[z], b = new byte[p.length];
				for (int i = 0; i < p.length; i++) b[i] = (byte) value[p[i]];
				out[z] = b;
			}
			return Planes.unsignedBytes(out, w, h);
		}
		short[][] out = new short[phase.length][];
		for (int z = 0; z < phase.length; z++) {
			byte[] p = phase[z];
			short[] s = new short[p.length];
			for (int i = 0; i < p.length; i++) s[i] = (short) value[p[i]];
			out[z] = s;
		}
		return Planes.unsignedShorts(out, w, h);
	}

	/**
	 * 16-bit label planes whose values are at most {@code maxValue}: copied into an 8-bit volume when that fits, else
	 * wrapped as they are (shared).
	 */
	public static PlanarImg<?, ?> narrowest(short[][] labels, int w, int h, int maxValue) {
		if (!fitsInBytes(maxValue)) return Planes.unsignedShorts(labels, w, h);
		byte[][] out = new byte[labels.length][];
		for (int z = 0; z < labels.length; z++) {
			short[] s = labels[z];
			byte[] b = new byte[s.length];
			for (int i = 0; i < s.length; i++) b[i] = (byte) s[i];
			out[z] = b;
		}
		return Planes.unsignedBytes(out, w, h);
	}
}
