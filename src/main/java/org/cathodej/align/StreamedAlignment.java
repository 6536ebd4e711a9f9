package org.cathodej.align;

import java.util.Collections;

import org.cathodej.filter.Interpolate;
import org.cathodej.image.Slices;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabTransform;
import org.cathodej.volume.SliceSink;
import org.cathodej.volume.StreamedOutput;
import org.cathodej.volume.VolumeSource;

import net.imglib2.img.planar.PlanarImg;

/**
 * The apply step of Align Stack slab by slab: a drift table applied slice by slice onto the canvas
 * ({@link TransformApplier#resample}), the aligned slices written to a {@link SliceSink}. With {@code quality} the
 * slab also holds the slice before its core (a halo), so the normalised cross-correlation of each aligned slice with
 * the previous one is computed from the same stored values as in memory: slices and ncc are bit-identical to
 * {@link TransformApplier#apply} + {@link StackAligner#quality} for any slab height.
 */
public final class StreamedAlignment {

	private StreamedAlignment() {}

	/** @return ncc per slice (slice 0 NaN: no previous slice) when {@code quality}, else null */
	public static double[] apply(VolumeSource src, SlabPlan plan, DriftTable drift, Canvas c, Interpolate.Method method, double fill, int threads,
		boolean quality, SliceSink sink, Progress progress) {
		int w = src.width(), h = src.height(), d = src.depth(), bytes = src.bytesPerVoxel();
		TransformApplier.check(w, h, d, drift);
		double[] ncc = quality ? new double[d] : null;
		if (quality) ncc[0] = Double.NaN;
		SlabTransform op = new Aligned(w, h, bytes, drift, c, method, (float) fill, threads, ncc);
		StreamedOutput.run(Collections.singletonList(src), plan, op, sink, progress);
		return ncc;
	}

	/**
	 * The drift applied to a slab's slices, with the ncc of each core slice with the previous one as the slab's
	 * result (null without quality): portable, so the slices may be computed on other machines (cathodej-spark).
	 */
	private static final class Aligned implements SlabTransform.Reporting<double[]> {
		private static final long serialVersionUID = 1L;
		private final int w, h, bytes, threads;
		private final DriftTable drift;
		private final Canvas c;
		private final Interpolate.Method method;
		private final float fill;
		private final boolean quality;
		private final transient double[] ncc;

		Aligned(int w, int h, int bytes, DriftTable drift, Canvas c, Interpolate.Method method, float fill, int threads, double[] ncc) {
			this.w = w;
			this.h = h;
			this.bytes = bytes;
			this.drift = drift;
			this.c = c;
			this.method = method;
			this.fill = fill;
			this.threads = threads;
			this.quality = ncc != null;
			this.ncc = ncc;
		}

		@Override
		public int halo() {
			return quality ? 1 : 0;
		}

		@Override
		public SlabTransform.Output<double[]> transform(Slab[] in) {
			Slab s = in[0];
			int first = quality ? s.z0() - s.haloBelow() : s.z0(), m = s.z1() - first;
			PlanarImg<?, ?> out = Slices.newGrey(bytes, c.width, c.height, m);
			Parallel.forEach(m, threads, k -> Slices.writeFloats(out, k,
				TransformApplier.resample(s.floats(first + k), w, h, drift.global(first + k), c, method, fill)));
			double[] q = quality ? new double[s.coreDepth()] : null;
			if (quality) Parallel.forEach(s.coreDepth(), threads, k -> {
				int z = s.z0() + k;
				if (z == 0) {
					q[k] = Double.NaN;
					return;
				}
				float[] p = Slab.floats(Slices.planeArray(out, z - 1 - first)), r = Slab.floats(Slices.planeArray(out, z - first));
				q[k] = StackAligner.ncc(p, r, TransformApplier.coverage(w, h, drift.global(z - 1), c), TransformApplier.coverage(w, h, drift.global(z), c));
			});
			return new SlabTransform.Output<>(SlabTransform.planes(out, s.z0() - first, s.coreDepth()), q);
		}

		@Override
		public void keep(int z0, double[] result) {
			if (quality) System.arraycopy(result, 0, ncc, z0, result.length);
		}
	}
}
