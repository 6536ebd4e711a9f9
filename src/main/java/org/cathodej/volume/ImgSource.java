package org.cathodej.volume;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * An ImgLib2 image in memory as a {@link VolumeSource}. Planar 8/16-bit unsigned and float images hand out their own
 * slice arrays (zero-copy); other integer images are read into 16-bit planes (values must be 0..65535).
 */
public final class ImgSource implements VolumeSource {

	private final RandomAccessibleInterval<? extends RealType<?>> img;
	private final VoxelSize vs;
	private final int bitDepth;
	private final String what;

	public ImgSource(RandomAccessibleInterval<? extends RealType<?>> img, VoxelSize vs, String what) {
		Slices.requireVolume(img);
		this.img = img;
		this.vs = vs;
		this.what = what;
		Object t = img.getType();
		if (t instanceof UnsignedByteType) bitDepth = 8;
		else if (t instanceof UnsignedShortType || t instanceof IntegerType) bitDepth = 16;
		else if (t instanceof FloatType) bitDepth = 32;
		else throw new IllegalArgumentException("Unsupported voxel type " + t.getClass().getSimpleName() + " of " + what);
	}

	@Override public int width() { return Slices.width(img); }
	@Override public int height() { return Slices.height(img); }
	@Override public int depth() { return Slices.depth(img); }
	@Override public int bitDepth() { return bitDepth; }
	@Override public VoxelSize voxelSize() { return vs; }
	@Override public String description() { return what + " (in memory)"; }
	@Override public boolean inMemory() { return true; }
	@Override public boolean sharesArrays() { return true; }

	@SuppressWarnings("unchecked")
	@Override
	public Object[] readPlanes(int z0, int z1) {
		Object[] r = new Object[z1 - z0];
		int n = width() * height();
		for (int z = z0; z < z1; z++) {
			Object a = Slices.planeArray(img, z);
			if (bitDepth == 8 && a instanceof byte[] || bitDepth == 16 && a instanceof short[] && img.getType() instanceof UnsignedShortType
				|| bitDepth == 32 && a instanceof float[]) {
				r[z - z0] = a;
				continue;
			}
			if (bitDepth == 32) {
				r[z - z0] = Slices.readFloats(img, z, null);
				continue;
			}
			int[] v = Slices.readInts((RandomAccessibleInterval<? extends IntegerType<?>>) img, z, null);
			if (bitDepth == 8) {
				byte[] b = new byte[n];
				for (int i = 0; i < n; i++) b[i] = (byte) v[i];
				r[z - z0] = b;
			} else {
				short[] s = new short[n];
				for (int i = 0; i < n; i++) {
					if (v[i] < 0 || v[i] > 65535)
						throw new IllegalArgumentException(what + " has value " + v[i] + " at slice " + (z + 1) + "; labels must be 0..65535");
					s[i] = (short) v[i];
				}
				r[z - z0] = s;
			}
		}
		return r;
	}
}
