package org.cathodej.volume;

import java.util.Arrays;

import org.cathodej.image.VoxelSize;

/**
 * A large 8-bit label volume computed on the fly (nothing on disk or in memory beyond the slices asked for): in row y
 * of slice z the first (y + z) mod width voxels are {@code cam}, the rest {@code pore}, and every 5th slice is all
 * {@code ise}, so per-phase counts are known in closed form.
 */
public final class GeneratedSource implements VolumeSource {

	final int w, h, d, pore, cam, ise;

	public GeneratedSource(int w, int h, int d, int pore, int cam, int ise) {
		this.w = w;
		this.h = h;
		this.d = d;
		this.pore = pore;
		this.cam = cam;
		this.ise = ise;
	}

	/** CAM voxels of slice z. */
	public long camVoxels(int z) {
		if (z % 5 == 0) return 0;
		long n = 0;
		for (int y = 0; y < h; y++) n += (y + z) % w;
		return n;
	}

	@Override
	public Object[] readPlanes(int z0, int z1) {
		Object[] out = new Object[z1 - z0];
		for (int z = z0; z < z1; z++) {
			byte[] p = new byte[w * h];
			if (z % 5 == 0) Arrays.fill(p, (byte) ise);
			else for (int y = 0; y < h; y++) {
				int c = (y + z) % w;
				Arrays.fill(p, y * w, y * w + c, (byte) cam);
				Arrays.fill(p, y * w + c, (y + 1) * w, (byte) pore);
			}
			out[z - z0] = p;
		}
		return out;
	}

	@Override public int width() { return w; }
	@Override public int height() { return h; }
	@Override public int depth() { return d; }
	@Override public int bitDepth() { return 8; }
	@Override public VoxelSize voxelSize() { return new VoxelSize(0.1, 0.1, 0.1, "um"); }
	@Override public String description() { return "generated " + w + "x" + h + "x" + d + " label volume"; }
}
