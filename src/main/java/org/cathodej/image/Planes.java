package org.cathodej.image;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

/**
 * Java arrays (one per slice) to planar ImgLib2 images and back, sharing the arrays (no copy). UI-free: the home of
 * the conversions the algorithm packages need; {@code org.cathodej.imagej.Volumes} does the same for ImagePlus.
 */
public final class Planes {

	private Planes() {}

	/** A planar float image of size w x h x planes.length sharing the given planes. */
	public static PlanarImg<FloatType, FloatArray> floats(float[][] planes, int w, int h) {
		List<FloatArray> list = new ArrayList<>(planes.length);
		for (float[] a : planes) list.add(new FloatArray(a));
		PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(list, dims(w, h, planes.length), new Fraction());
		img.setLinkedType(new FloatType(img));
		return img;
	}

	/** A planar unsigned 8-bit image of size w x h x planes.length sharing the given planes. */
	public static PlanarImg<UnsignedByteType, ByteArray> unsignedBytes(byte[][] planes, int w, int h) {
		List<ByteArray> list = new ArrayList<>(planes.length);
		for (byte[] a : planes) list.add(new ByteArray(a));
		PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(list, dims(w, h, planes.length), new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	/** A planar unsigned 16-bit image of size w x h x planes.length sharing the given planes. */
	public static PlanarImg<UnsignedShortType, ShortArray> unsignedShorts(short[][] planes, int w, int h) {
		List<ShortArray> list = new ArrayList<>(planes.length);
		for (short[] a : planes) list.add(new ShortArray(a));
		PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(list, dims(w, h, planes.length), new Fraction());
		img.setLinkedType(new UnsignedShortType(img));
		return img;
	}

	/** A planar int image of size w x h x planes.length sharing the given planes. */
	public static PlanarImg<IntType, IntArray> ints(int[][] planes, int w, int h) {
		List<IntArray> list = new ArrayList<>(planes.length);
		for (int[] a : planes) list.add(new IntArray(a));
		PlanarImg<IntType, IntArray> img = new PlanarImg<>(list, dims(w, h, planes.length), new Fraction());
		img.setLinkedType(new IntType(img));
		return img;
	}

	/** The float planes behind a planar float image (shared, not copied). */
	public static float[][] floats(PlanarImg<FloatType, FloatArray> img) {
		float[][] a = new float[img.numSlices()][];
		for (int z = 0; z < a.length; z++) a[z] = img.getPlane(z).getCurrentStorageArray();
		return a;
	}

	private static long[] dims(int w, int h, int d) {
		return new long[] { w, h, d };
	}
}
