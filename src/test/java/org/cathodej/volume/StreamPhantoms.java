package org.cathodej.volume;

import java.util.SplittableRandom;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

/** Label phantoms whose clusters and chords cross many slab boundaries (pore 0, CAM 1, ISE 2, sometimes other 7). */
final class StreamPhantoms {

	private StreamPhantoms() {}

	/** Independent random labels: at 1/3 each the phases percolate (site threshold 0.31), so clusters span all slabs. */
	static byte[][] percolating(int w, int h, int d, long seed, boolean withOther) {
		SplittableRandom r = new SplittableRandom(seed);
		byte[][] v = new byte[d][w * h];
		for (byte[] p : v)
			for (int i = 0; i < p.length; i++) {
				int x = r.nextInt(withOther ? 10 : 9);
				p[i] = (byte) (x == 9 ? 7 : x / 3);
			}
		return v;
	}

	/** ISE background with a CAM helix around the z axis and a slanted pore rod through the volume. */
	static byte[][] helixAndRod(int w, int h, int d) {
		byte[][] v = new byte[d][w * h];
		double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0, rad = Math.min(w, h) / 3.0, tube = Math.max(1.2, Math.min(w, h) / 8.0);
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double a = z * 0.35, hx = cx + rad * Math.cos(a), hy = cy + rad * Math.sin(a);
					double rx = x - (0.1 * w + 0.8 * w * z / Math.max(1, d - 1)), ry = y - cy;
					int val = 2;
					if ((x - hx) * (x - hx) + (y - hy) * (y - hy) <= tube * tube) val = 1;
					else if (rx * rx + ry * ry <= tube * tube * 0.8) val = 0;
					v[z][x + y * w] = (byte) val;
				}
		return v;
	}

	static PlanarImg<UnsignedByteType, ?> bytes(byte[][] v, int w, int h) {
		PlanarImg<UnsignedByteType, ?> img = PlanarImgs.unsignedBytes(w, h, v.length);
		for (int z = 0; z < v.length; z++) System.arraycopy(v[z], 0, (byte[]) img.getPlane(z).getCurrentStorageArray(), 0, w * h);
		return img;
	}

	/** The same labels as 16-bit, with label values shifted by {@code add} (e.g. pore 100, CAM 101, ISE 102). */
	static PlanarImg<UnsignedShortType, ?> shorts(byte[][] v, int w, int h, int add) {
		PlanarImg<UnsignedShortType, ?> img = PlanarImgs.unsignedShorts(w, h, v.length);
		for (int z = 0; z < v.length; z++) {
			short[] s = (short[]) img.getPlane(z).getCurrentStorageArray();
			for (int i = 0; i < s.length; i++) s[i] = (short) (v[z][i] + add);
		}
		return img;
	}
}
