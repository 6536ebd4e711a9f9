package org.cathodej.phantom;

import org.cathodej.image.Planes;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** A writable 8-bit label volume, one array per slice, used to build phantoms; painting works in physical units. */
public final class LabelVolume {

	final int w, h, d;
	final byte[][] slices;
	final VoxelSize vs;

	public LabelVolume(int w, int h, int d, VoxelSize vs, int fill) {
		if (w < 1 || h < 1 || d < 1) throw new IllegalArgumentException("Volume size must be positive: " + w + "x" + h + "x" + d);
		if ((long) w * h > Integer.MAX_VALUE) throw new IllegalArgumentException("Slices over 2^31 pixels are not supported");
		MemoryBudget.require((long) w * h * d, "A " + w + "x" + h + "x" + d + " label volume", 1);
		this.w = w;
		this.h = h;
		this.d = d;
		this.vs = vs;
		slices = new byte[d][w * h];
		if (fill != 0) for (byte[] s : slices) java.util.Arrays.fill(s, (byte) fill);
	}

	public int get(int x, int y, int z) {
		return slices[z][y * w + x] & 0xff;
	}

	public void set(int x, int y, int z, int v) {
		slices[z][y * w + x] = (byte) v;
	}

	/**
	 * Paints the voxels whose centres lie inside the ball with {@code value}, but only where the current label is
	 * in {@code replaceable} (null = any). Voxel centres sit at (i + 0.5) * size. Returns the number of voxels changed.
	 */
	public long paint(Sphere s, int value, int[] replaceable) {
		long changed = 0;
		int z0 = Math.max(0, (int) Math.floor((s.z - s.r) / vs.z() - 0.5)), z1 = Math.min(d - 1, (int) Math.ceil((s.z + s.r) / vs.z() - 0.5));
		int y0 = Math.max(0, (int) Math.floor((s.y - s.r) / vs.y() - 0.5)), y1 = Math.min(h - 1, (int) Math.ceil((s.y + s.r) / vs.y() - 0.5));
		int x0 = Math.max(0, (int) Math.floor((s.x - s.r) / vs.x() - 0.5)), x1 = Math.min(w - 1, (int) Math.ceil((s.x + s.r) / vs.x() - 0.5));
		double r2 = s.r * s.r;
		byte bv = (byte) value;
		for (int z = z0; z <= z1; z++) {
			double dz = (z + 0.5) * vs.z() - s.z;
			byte[] sl = slices[z];
			for (int y = y0; y <= y1; y++) {
				double dy = (y + 0.5) * vs.y() - s.y, dyz = dy * dy + dz * dz;
				if (dyz > r2) continue;
				int row = y * w;
				for (int x = x0; x <= x1; x++) {
					double dx = (x + 0.5) * vs.x() - s.x;
					if (dx * dx + dyz > r2) continue;
					int cur = sl[row + x] & 0xff;
					if (cur == value) continue;
					if (replaceable != null && !contains(replaceable, cur)) continue;
					sl[row + x] = bv;
					changed++;
				}
			}
		}
		return changed;
	}

	private static boolean contains(int[] a, int v) {
		for (int x : a)
			if (x == v) return true;
		return false;
	}

	public long count(int value) {
		long n = 0;
		byte b = (byte) value;
		for (byte[] s : slices)
			for (byte v : s)
				if (v == b) n++;
		return n;
	}

	public long voxels() {
		return (long) w * h * d;
	}

	/** The volume as an ImgLib2 image sharing these arrays. */
	public PlanarImg<UnsignedByteType, ByteArray> toImg() {
		return Planes.unsignedBytes(slices, w, h);
	}

	public VoxelSize voxelSize() {
		return vs;
	}
}
