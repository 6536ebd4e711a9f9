package org.cathodej.image;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
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
		return planar(planes, FloatArray::new, FloatType::new, w, h);
	}

	/** A planar unsigned 8-bit image of size w x h x planes.length sharing the given planes. */
	public static PlanarImg<UnsignedByteType, ByteArray> unsignedBytes(byte[][] planes, int w, int h) {
		return planar(planes, ByteArray::new, UnsignedByteType::new, w, h);
	}

	/** A planar unsigned 16-bit image of size w x h x planes.length sharing the given planes. */
	public static PlanarImg<UnsignedShortType, ShortArray> unsignedShorts(short[][] planes, int w, int h) {
		return planar(planes, ShortArray::new, UnsignedShortType::new, w, h);
	}

	/** A planar int image of size w x h x planes.length sharing the given planes. */
	public static PlanarImg<IntType, IntArray> ints(int[][] planes, int w, int h) {
		return planar(planes, IntArray::new, IntType::new, w, h);
	}

	/** The planes wrapped by {@code access}, in an image whose pixel type {@code type} makes (linked to the image). */
	private static <P, T extends NativeType<T>, A extends ArrayDataAccess<A>> PlanarImg<T, A> planar(P[] planes, Function<P, A> access,
		Function<PlanarImg<T, A>, T> type, int w, int h) {
		List<A> list = new ArrayList<>(planes.length);
		for (P a : planes) list.add(access.apply(a));
		PlanarImg<T, A> img = new PlanarImg<>(list, dims(w, h, planes.length), new Fraction());
		img.setLinkedType(type.apply(img));
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
