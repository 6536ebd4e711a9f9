package org.cathodej.volume;

import org.cathodej.image.Planes;
import org.cathodej.image.Slices;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Slices [z0, z1) of a volume (the core) plus up to {@code haloBelow} slices before and {@code haloAbove} after it
 * (fewer at the volume's ends), as primitive planes. {@link #img()} and {@link #coreImg()} view them as ImgLib2
 * planar images without copying, so per-slice kernels run on a slab as on a whole volume.
 */
public final class Slab {

	private final int width, height, depth, z0, z1, below, above, bitDepth;
	private final Object[] planes;

	/**
	 * @param planes slices z0 - haloBelow .. z1 + haloAbove - 1
	 * @param depth the whole volume's depth
	 */
	public Slab(int width, int height, int depth, int bitDepth, int z0, int z1, int haloBelow, int haloAbove, Object[] planes) {
		if (planes.length != z1 - z0 + haloBelow + haloAbove)
			throw new IllegalArgumentException("Slab [" + z0 + ", " + z1 + ") with halo " + haloBelow + "/" + haloAbove + " needs "
				+ (z1 - z0 + haloBelow + haloAbove) + " planes, got " + planes.length);
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.bitDepth = bitDepth;
		this.z0 = z0;
		this.z1 = z1;
		this.below = haloBelow;
		this.above = haloAbove;
		this.planes = planes;
	}

	/** Reads slab i of the plan with the halo a kernel asks for (clipped at the volume's ends). */
	public static Slab read(VolumeSource src, SlabPlan plan, int i, int haloBelow, int haloAbove) {
		int z0 = plan.start(i), z1 = plan.end(i);
		int b = Math.min(haloBelow, z0), a = Math.min(haloAbove, src.depth() - z1);
		return new Slab(src.width(), src.height(), src.depth(), src.bitDepth(), z0, z1, b, a, src.readPlanes(z0 - b, z1 + a));
	}

	public int width() { return width; }
	public int height() { return height; }
	/** Depth of the whole volume. */
	public int volumeDepth() { return depth; }
	/** First core slice (global index). */
	public int z0() { return z0; }
	/** End of the core (global, exclusive). */
	public int z1() { return z1; }
	public int coreDepth() { return z1 - z0; }
	/** Halo slices present before the core (0 at the volume's start). */
	public int haloBelow() { return below; }
	/** Halo slices present after the core (0 at the volume's end). */
	public int haloAbove() { return above; }
	public int bitDepth() { return bitDepth; }
	public boolean isFirst() { return z0 == 0; }
	public boolean isLast() { return z1 == depth; }

	/** The plane of global slice z (core or halo). */
	public Object plane(int z) {
		int i = z - z0 + below;
		if (i < 0 || i >= planes.length) throw new IndexOutOfBoundsException("Slice " + z + " is not in slab " + this);
		return planes[i];
	}

	/** A byte[] (unsigned) or short[] (unsigned) label plane as ints (a new array). */
	public static int[] ints(Object p) {
		int n = java.lang.reflect.Array.getLength(p);
		return Slices.ints(p, n, new int[n]);
	}

	/** Global slice z (core or halo) as floats (a new array). */
	public float[] floats(int z) {
		return floats(plane(z));
	}

	/** A byte[] (unsigned), short[] (unsigned) or float[] plane as floats (a new array). */
	public static float[] floats(Object p) {
		int n = java.lang.reflect.Array.getLength(p);
		return Slices.floats(p, n, new float[n]);
	}

	/**
	 * The slab as a volume of the whole depth whose loaded slices (core and halo) alone can be read, e.g. for code
	 * that reads a slab with its halo from a whole-volume view ({@link SourceImg}).
	 */
	public VolumeSource asVolume(org.cathodej.image.VoxelSize vs) {
		Slab s = this;
		return new VolumeSource() {
			@Override public int width() { return width; }
			@Override public int height() { return height; }
			@Override public int depth() { return depth; }
			@Override public int bitDepth() { return bitDepth; }
			@Override public org.cathodej.image.VoxelSize voxelSize() { return vs; }
			@Override public String description() { return "slab " + s; }

			@Override
			public Object[] readPlanes(int from, int to) {
				Object[] p = new Object[to - from];
				for (int z = from; z < to; z++) p[z - from] = plane(z);
				return p;
			}
		};
	}

	/** All loaded planes (halo included) as one image; local slice 0 is global slice z0 - haloBelow. */
	public PlanarImg<?, ?> img() {
		return wrap(planes, 0, planes.length, width, height);
	}

	/** The core slices only as an image; local slice 0 is global slice z0. */
	public PlanarImg<?, ?> coreImg() {
		return wrap(planes, below, below + z1 - z0, width, height);
	}

	/** Byte planes as a planar 8-bit w x h x planes.length image sharing the arrays. */
	public static PlanarImg<UnsignedByteType, ByteArray> wrapBytes(byte[][] planes, int w, int h) {
		return Planes.unsignedBytes(planes, w, h);
	}

	/** Planes [from, to) (byte[], short[] or float[], all alike) as a planar w x h x (to-from) image sharing the arrays. */
	public static PlanarImg<?, ?> wrap(Object[] planes, int from, int to, int w, int h) {
		if (to <= from) throw new IllegalArgumentException("No planes to wrap");
		int n = to - from;
		Object first = planes[from];
		if (first instanceof byte[]) return Planes.unsignedBytes(range(planes, from, new byte[n][]), w, h);
		if (first instanceof short[]) return Planes.unsignedShorts(range(planes, from, new short[n][]), w, h);
		return Planes.floats(range(planes, from, new float[n][]), w, h);
	}

	/** planes[from ..] in {@code out} (the arrays themselves). */
	private static <P> P[] range(Object[] planes, int from, P[] out) {
		System.arraycopy(planes, from, out, 0, out.length);
		return out;
	}

	@Override
	public String toString() {
		return "[" + z0 + ", " + z1 + ") of " + depth + " slices";
	}
}
