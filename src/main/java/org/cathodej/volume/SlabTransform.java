package org.cathodej.volume;

import org.cathodej.image.Slices;
import org.cathodej.task.Parallel;

import net.imglib2.img.planar.PlanarImg;

/**
 * A volume-to-volume operation run slab by slab: from aligned slabs of one or more input volumes (e.g. BSE and SE)
 * it computes the output slices of the slabs' core. An operation that needs neighbours along z (a 3x3x3 filter,
 * features of a 3D blur) asks for a {@link #halo()}; its output must then depend only on slices within the halo so
 * that every slab height gives the same voxels.
 */
public interface SlabTransform {

	/** Slices needed before and after each slab's core. */
	default int halo() {
		return 0;
	}

	/** The output planes (byte[], short[] or float[]) of the core slices z0 .. z1-1 of {@code inputs[0]}, in order. */
	Object[] apply(Slab[] inputs);

	/**
	 * A transform whose output depends on the input slabs only (no side results) and whose captured values are
	 * serializable: it may run in another process ({@link TransformExecutor}).
	 */
	interface Portable extends SlabTransform, java.io.Serializable {}

	/**
	 * A portable transform that also gives a small result per slab (e.g. per-slice statistics), kept where the work
	 * was asked for: {@link #apply} keeps it at once; elsewhere {@link StreamedOutput#writeRange} returns it and the
	 * asking side keeps it, in slab order.
	 */
	interface Reporting<R extends java.io.Serializable> extends Portable {

		/** The output planes of the core slices (as {@link #apply}) and the slab's result. */
		Output<R> transform(Slab[] inputs);

		/** Keeps the result of the slab whose core starts at slice {@code z0}. */
		void keep(int z0, R result);

		@Override
		default Object[] apply(Slab[] inputs) {
			Output<R> o = transform(inputs);
			keep(inputs[0].z0(), o.result);
			return o.planes;
		}
	}

	/** Output planes of a slab's core and its result. */
	final class Output<R> {
		public final Object[] planes;
		public final R result;

		public Output(Object[] planes, R result) {
			this.planes = planes;
			this.result = result;
		}
	}

	/** One output slice computed from the same slice of every input (as floats). */
	interface SliceFunction {
		/** @return the output slice as floats (outWidth x outHeight), stored like {@link Slices#writeFloats} does */
		float[] apply(int z, float[][] inputs);
	}

	/**
	 * A slice-wise operation: slice z of the output from slice z of the inputs, slices of a slab on {@code threads}
	 * threads. Output samples are stored as {@code outBytes} (1, 2: rounded and clamped; 4: float).
	 */
	static SlabTransform perSlice(int outBytes, int outWidth, int outHeight, int threads, SliceFunction f) {
		return inputs -> {
			Slab s0 = inputs[0];
			int n = s0.coreDepth();
			PlanarImg<?, ?> out = Slices.newGrey(outBytes, outWidth, outHeight, n);
			Parallel.forEach(n, threads, k -> {
				int z = s0.z0() + k;
				float[][] in = new float[inputs.length][];
				for (int c = 0; c < inputs.length; c++) in[c] = inputs[c].floats(z);
				Slices.writeFloats(out, k, f.apply(z, in));
			});
			return planes(out, 0, n);
		};
	}

	/** Planes {@code from} .. {@code from + n - 1} of a planar image, as {@link #apply} returns them. */
	static Object[] planes(PlanarImg<?, ?> img, int from, int n) {
		Object[] planes = new Object[n];
		for (int k = 0; k < n; k++) planes[k] = Slices.planeArray(img, from + k);
		return planes;
	}
}
