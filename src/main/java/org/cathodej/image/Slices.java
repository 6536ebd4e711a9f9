package org.cathodej.image;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

/**
 * Slice-wise reading of 3D images into primitive buffers: the fast path for algorithms that sweep a volume slice
 * by slice. Planar 8/16/32-bit images are read straight from their arrays; any other image through a cursor.
 * Images are indexed (x, y, z); 2D images count as one slice.
 */
public final class Slices {

	private Slices() {}

	public static int width(RandomAccessibleInterval<?> img) { return (int) img.dimension(0); }
	public static int height(RandomAccessibleInterval<?> img) { return img.numDimensions() > 1 ? (int) img.dimension(1) : 1; }
	public static int depth(RandomAccessibleInterval<?> img) { return img.numDimensions() > 2 ? (int) img.dimension(2) : 1; }
	public static long voxels(RandomAccessibleInterval<?> img) { return (long) width(img) * height(img) * depth(img); }

	/** Throws unless the image is 2D or 3D with a slice of at most 2^31-1 pixels. */
	public static void requireVolume(RandomAccessibleInterval<?> img) {
		if (img.numDimensions() < 2 || img.numDimensions() > 3)
			throw new IllegalArgumentException("Expected a 2D or 3D image, got " + img.numDimensions() + " dimensions");
		if ((long) width(img) * height(img) > Integer.MAX_VALUE)
			throw new IllegalArgumentException("A slice larger than 2^31 pixels is not supported");
	}

	/** The raw array behind slice z when the image is planar, else null. */
	public static Object planeArray(RandomAccessibleInterval<?> img, int z) {
		if (img instanceof PlanarImg) {
			Object a = ((PlanarImg<?, ?>) img).getPlane(z);
			if (a instanceof ArrayDataAccess) return ((ArrayDataAccess<?>) a).getCurrentStorageArray();
		}
		return null;
	}

	/** Bytes per sample of a greyscale image as ImageJ stores it: 1 (8-bit), 2 (16-bit), else 4 (32-bit float). */
	public static int greyBytes(RandomAccessibleInterval<? extends RealType<?>> img) {
		Object t = img.getType();
		return t instanceof UnsignedByteType ? 1 : t instanceof UnsignedShortType ? 2 : 4;
	}

	/** A new planar 8-bit, 16-bit or 32-bit float image ({@code bytes} = 1, 2 or 4). */
	public static PlanarImg<?, ?> newGrey(int bytes, int w, int h, int d) {
		return bytes == 1 ? PlanarImgs.unsignedBytes(w, h, d) : bytes == 2 ? PlanarImgs.unsignedShorts(w, h, d) : PlanarImgs.floats(w, h, d);
	}

	/** Writes {@code values} into slice z of a planar 8/16/32-bit image, rounded and clamped to its range. */
	public static void writeFloats(PlanarImg<?, ?> img, int z, float[] values) {
		Object a = planeArray(img, z);
		if (a instanceof float[]) System.arraycopy(values, 0, a, 0, values.length);
		else if (a instanceof short[]) {
			short[] s = (short[]) a;
			for (int i = 0; i < values.length; i++) s[i] = (short) Math.max(0, Math.min(65535, Math.round(values[i])));
		} else if (a instanceof byte[]) {
			byte[] b = (byte[]) a;
			for (int i = 0; i < values.length; i++) b[i] = (byte) Math.max(0, Math.min(255, Math.round(values[i])));
		} else throw new IllegalArgumentException("Not a planar 8/16/32-bit image: " + img.firstElement().getClass().getSimpleName());
	}

	/** Integer values of slice z into {@code out} (length >= width*height), row-major. */
	public static int[] readInts(RandomAccessibleInterval<? extends IntegerType<?>> img, int z, int[] out) {
		int n = width(img) * height(img);
		if (out == null || out.length < n) out = new int[n];
		Object a = planeArray(img, z);
		if (a instanceof int[] || !isSigned(img) && (a instanceof byte[] || a instanceof short[])) return ints(a, n, out);
		Cursor<? extends IntegerType<?>> c = Views.flatIterable(slice(img, z)).cursor();
		for (int i = 0; i < n; i++) out[i] = c.next().getInteger();
		return out;
	}

	/** The first {@code n} values of a byte[] (unsigned), short[] (unsigned) or int[] plane into {@code out}. */
	public static int[] ints(Object plane, int n, int[] out) {
		if (plane instanceof byte[]) {
			byte[] b = (byte[]) plane;
			for (int i = 0; i < n; i++) out[i] = b[i] & 0xff;
		} else if (plane instanceof short[]) {
			short[] s = (short[]) plane;
			for (int i = 0; i < n; i++) out[i] = s[i] & 0xffff;
		} else System.arraycopy((int[]) plane, 0, out, 0, n);
		return out;
	}

	/** Real values of slice z into {@code out} (length >= width*height), row-major. */
	public static float[] readFloats(RandomAccessibleInterval<? extends RealType<?>> img, int z, float[] out) {
		int n = width(img) * height(img);
		if (out == null || out.length < n) out = new float[n];
		Object a = planeArray(img, z);
		if (a instanceof float[] || !isSigned(img) && (a instanceof byte[] || a instanceof short[])) return floats(a, n, out);
		Cursor<? extends RealType<?>> c = Views.flatIterable(slice(img, z)).cursor();
		for (int i = 0; i < n; i++) out[i] = c.next().getRealFloat();
		return out;
	}

	/** The first {@code n} values of a byte[] (unsigned), short[] (unsigned) or float[] plane into {@code out}. */
	public static float[] floats(Object plane, int n, float[] out) {
		if (plane instanceof byte[]) {
			byte[] b = (byte[]) plane;
			for (int i = 0; i < n; i++) out[i] = b[i] & 0xff;
		} else if (plane instanceof short[]) {
			short[] s = (short[]) plane;
			for (int i = 0; i < n; i++) out[i] = s[i] & 0xffff;
		} else System.arraycopy((float[]) plane, 0, out, 0, n);
		return out;
	}

	/**
	 * Reads the rectangle [x0, x0 + w) x [y0, y0 + h) of slice z into {@code out} (row by row, w values per row),
	 * with the conversions of {@link #readFloats(RandomAccessibleInterval, int, float[])}.
	 */
	public static float[] readFloats(RandomAccessibleInterval<? extends RealType<?>> img, int z, int x0, int y0, int w, int h, float[] out) {
		if (out == null || out.length < w * h) out = new float[w * h];
		Object a = planeArray(img, z);
		int W = width(img);
		boolean signed = isSigned(img);
		for (int y = 0; y < h; y++) {
			int src = (y0 + y) * W + x0, dst = y * w;
			if (a instanceof float[]) System.arraycopy(a, src, out, dst, w);
			else if (a instanceof byte[] && !signed) {
				byte[] b = (byte[]) a;
				for (int i = 0; i < w; i++) out[dst + i] = b[src + i] & 0xff;
			} else if (a instanceof short[] && !signed) {
				short[] s = (short[]) a;
				for (int i = 0; i < w; i++) out[dst + i] = s[src + i] & 0xffff;
			} else {
				RandomAccessibleInterval<? extends RealType<?>> row = Views.interval(slice(img, z), new long[] { img.min(0) + x0, img.min(1) + y0 + y },
					new long[] { img.min(0) + x0 + w - 1, img.min(1) + y0 + y });
				Cursor<? extends RealType<?>> c = Views.flatIterable(row).cursor();
				for (int i = 0; i < w; i++) out[dst + i] = c.next().getRealFloat();
			}
		}
		return out;
	}

	private static <T> RandomAccessibleInterval<T> slice(RandomAccessibleInterval<T> img, int z) {
		return img.numDimensions() > 2 ? Views.hyperSlice(img, 2, img.min(2) + z) : img;
	}

	private static boolean isSigned(RandomAccessibleInterval<?> img) {
		Object t = img.getType();
		return t instanceof net.imglib2.type.numeric.integer.ByteType || t instanceof net.imglib2.type.numeric.integer.ShortType;
	}
}
