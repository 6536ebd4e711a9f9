package org.cathodej.pores;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;

import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.distance.StreamedDistance;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabTransform;
import org.cathodej.volume.SliceSink;
import org.cathodej.volume.StreamedOutput;
import org.cathodej.volume.Streaming;
import org.cathodej.volume.VolumeSource;

/**
 * {@link LocalThickness#compute} in bounded memory. The exact distance map is streamed to disk
 * ({@link StreamedDistance}); its largest value R fixes how far a ball reaches, so each slab of the thickness map is
 * computed from the distance slab plus a halo of ceil(R / dz) + 2 slices on each side (ridge, balls by decreasing
 * value, painting: {@link LocalThickness#paintWindow}) and written to a {@link SliceSink}. The thickness voxels are
 * bit-identical to the in-memory map for every slab height; the counts are sums of integers and the maximum a
 * maximum, so they are identical too. Memory: two windows of (slab + 2 halo) slices at
 * {@link LocalThickness#BYTES_PER_VOXEL}; disk: 4 bytes per voxel for the distance map (deleted at the end).
 */
public final class StreamedLocalThickness {

	private StreamedLocalThickness() {}

	/**
	 * Local thickness of the voxels whose label passes {@code phase}, slab by slab into {@code sink} (completed at the
	 * end; aborted on failure or Esc, so no half-written output is left).
	 * @param spill a file that does not exist yet, for the distance map (deleted at the end)
	 * @return the counts and maximum ({@link LocalThickness.Result#thickness} is null: the map is in the sink)
	 */
	public static LocalThickness.Result compute(VolumeSource labels, IntPredicate phase, VoxelSize vs, Edge edge, int slabHeight, Path spill,
		SliceSink sink, int threads, Progress progress) {
		return compute(labels, phase, vs, edge, slabHeight, spill, sink, null, threads, progress);
	}

	/** Receives each slab's thickness slices with the label slab (a halo of at least one slice), in slab order. */
	interface SlabUse {
		void accept(Slab labels, float[][] thickness);
	}

	/**
	 * As above, and hands every slab's thickness to {@code use} (when not null) with the labels around it.
	 * @param sink null: the thickness slices are not kept
	 */
	static LocalThickness.Result compute(VolumeSource labels, IntPredicate phase, VoxelSize vs, Edge edge, int slabHeight, Path spill,
		SliceSink sink, SlabUse use, int threads, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		SliceSink out = sink == null ? DISCARD : sink;
		int w = labels.width(), h = labels.height(), d = labels.depth();
		boolean done = false;
		try (StreamedDistance.Squared dist = StreamedDistance.squared(labels, phase, vs, edge, slabHeight, 0, spill, threads, p.range(0, 0.4))) {
			if (dist.unbounded) throw new IllegalArgumentException("The phase fills the whole volume: its local thickness is unbounded.");
			int halo = LocalThickness.haloSlices(dist.max, vs);
			double bpv = LocalThickness.BYTES_PER_VOXEL + (use == null ? 0 : labels.bytesPerVoxel());
			Streaming.requireSlab(w, h, Math.min(d, slabHeight + 2 * halo), bpv, "Local thickness of slabs of " + slabHeight
				+ " slices with a halo of " + halo + " slices (the largest pore radius " + Math.sqrt(dist.max) + ")");
			Painter painter = new Painter(w, h, vs, new LocalThickness.Lattice(dist.max, vs, true), halo, use, threads);
			List<VolumeSource> in = use == null ? Collections.singletonList(dist.volume) : Arrays.asList(dist.volume, labels);
			StreamedOutput.run(in, new SlabPlan(d, slabHeight), painter, out, p.range(0.4, 1));
			done = true;
			return new LocalThickness.Result(null, painter.phaseVoxels, painter.ridgeVoxels, painter.max);
		} finally {
			if (!done) out.abort();
		}
	}

	/** A sink that keeps nothing. */
	private static final SliceSink DISCARD = new SliceSink() {
		@Override public void write(int z, Object plane) {}
		@Override public void complete() {}
		@Override public void abort() {}
	};

	/** One slab of the thickness map from its distance window; sums the counts in slab order. */
	private static final class Painter implements SlabTransform {
		private final int w, h, halo, threads;
		private final VoxelSize vs;
		private final LocalThickness.Lattice lattice;
		private final SlabUse use;
		long phaseVoxels, ridgeVoxels;
		double max;

		Painter(int w, int h, VoxelSize vs, LocalThickness.Lattice lattice, int halo, SlabUse use, int threads) {
			this.use = use;
			this.w = w;
			this.h = h;
			this.vs = vs;
			this.lattice = lattice;
			this.halo = halo;
			this.threads = threads;
		}

		@Override
		public int halo() {
			return halo;
		}

		@Override
		public Object[] apply(Slab[] inputs) {
			Slab s = inputs[0];
			int below = s.haloBelow(), core = s.coreDepth(), first = s.z0() - below;
			float[][] window = new float[below + core + s.haloAbove()][];
			for (int k = 0; k < window.length; k++) window[k] = (float[]) s.plane(first + k); // the spill's planes are fresh copies
			LocalThickness.Painted r = LocalThickness.paintWindow(window, below, below + core, w, h, vs, lattice, threads);
			phaseVoxels += r.phaseVoxels;
			ridgeVoxels += r.ridgeVoxels;
			max = Math.max(max, r.max);
			float[][] thickness = Arrays.copyOfRange(window, below, below + core);
			if (use != null) use.accept(inputs[1], thickness);
			return Arrays.copyOf(thickness, core, Object[].class);
		}
	}
}
