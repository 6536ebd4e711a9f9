package org.cathodej.connectivity;

import java.util.function.IntPredicate;

import org.cathodej.image.Slices;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * The input of {@link ComponentLabeler}: a binary volume read one slice at a time. {@link #read} must be callable
 * from several threads at once for different slices.
 */
@FunctionalInterface
public interface SliceMask {

	/**
	 * Writes slice z into {@code out} (length >= width*height, row-major): any non-zero value for a foreground voxel,
	 * 0 for background. {@code out} holds garbage on entry and every element must be written.
	 */
	void read(int z, int[] out);

	/** Voxels of an integer image whose value passes {@code test}. */
	static SliceMask of(RandomAccessibleInterval<? extends IntegerType<?>> img, IntPredicate test) {
		int n = Slices.width(img) * Slices.height(img);
		return (z, out) -> {
			Slices.readInts(img, z, out);
			for (int i = 0; i < n; i++) out[i] = test.test(out[i]) ? 1 : 0;
		};
	}

	/** Voxels of an integer image equal to {@code value} (e.g. one phase of a label image). */
	static SliceMask ofValue(RandomAccessibleInterval<? extends IntegerType<?>> img, int value) {
		int n = Slices.width(img) * Slices.height(img);
		boolean unsigned = img.getType() instanceof net.imglib2.type.numeric.integer.UnsignedByteType
			|| img.getType() instanceof net.imglib2.type.numeric.integer.UnsignedShortType;
		return (z, out) -> {
			Object a = unsigned ? Slices.planeArray(img, z) : null;
			if (a instanceof byte[]) { // fast paths: compare the raw planes
				byte[] b = (byte[]) a;
				for (int i = 0; i < n; i++) out[i] = (b[i] & 0xff) == value ? 1 : 0;
				return;
			}
			if (a instanceof short[]) {
				short[] b = (short[]) a;
				for (int i = 0; i < n; i++) out[i] = (b[i] & 0xffff) == value ? 1 : 0;
				return;
			}
			Slices.readInts(img, z, out);
			for (int i = 0; i < n; i++) out[i] = out[i] == value ? 1 : 0;
		};
	}

	/** Voxels of an integer image that are not 0. */
	static SliceMask nonZero(RandomAccessibleInterval<? extends IntegerType<?>> img) {
		return (z, out) -> Slices.readInts(img, z, out);
	}

	/** A planar byte volume (one array per slice), foreground = non-zero. */
	static SliceMask ofBytes(byte[][] planes) {
		return (z, out) -> {
			byte[] b = planes[z];
			for (int i = 0; i < b.length; i++) out[i] = b[i];
		};
	}
}
