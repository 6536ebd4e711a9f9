package org.cathodej.distance;

import java.nio.file.Path;
import java.util.function.IntPredicate;

import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.distance.EuclideanDistance.Line;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.SpillVolume;
import org.cathodej.volume.VolumeSource;

/**
 * {@link EuclideanDistance#squared} in bounded memory, for label volumes read as z-slabs. Pass 1 reads the labels
 * slab by slab and writes each slice's exact 2D transform (x then y) to a float {@link SpillVolume} on disk; pass 2
 * reads that file back in blocks of whole rows through every slice, runs the pass along z on each column and writes
 * the block back in place. The 1D passes are {@link EuclideanDistance}'s own, run on the same values in the same
 * order, so every squared distance is bit-identical to the in-memory transform whatever the slab and block sizes.
 * Memory: two label slabs with their float planes in pass 1, two row blocks of 4 bytes x width x rows x depth in
 * pass 2; disk: 4 bytes per voxel.
 */
public final class StreamedDistance {

	/** Share of the free heap that the two row blocks of pass 2 (one being read ahead) may take together. */
	private static final double BLOCK_SHARE = 0.25;

	/** The squared distance map on disk (closing it deletes the file) and what the caller needs to know of it. */
	public static final class Squared implements AutoCloseable {
		/** Squared distances in calibrated units, 32-bit float, one plane per slice. */
		public final SpillVolume volume;
		/** Largest finite squared distance. */
		public final double max;
		/** True when some voxel has no background voxel at all (+Infinity; only with {@link Edge#OPEN} and no background). */
		public final boolean unbounded;

		Squared(SpillVolume volume, double max, boolean unbounded) {
			this.volume = volume;
			this.max = max;
			this.unbounded = unbounded;
		}

		@Override
		public void close() {
			volume.close();
		}
	}

	private StreamedDistance() {}

	/**
	 * Squared distance of every voxel whose label passes {@code foreground} to the nearest voxel whose label does not,
	 * in calibrated units squared (as {@link EuclideanDistance#squared}).
	 * @param labels 8- or 16-bit labels (not modified)
	 * @param slabHeight slices per label slab in pass 1
	 * @param blockRows image rows per block of pass 2; 0 = as many as an eighth of the free heap holds
	 * @param spill a file that does not exist yet (4 bytes per voxel; deleted when the result is closed, or on failure
	 *        and cancellation)
	 */
	public static Squared squared(VolumeSource labels, IntPredicate foreground, VoxelSize voxelSize, Edge edge, int slabHeight, int blockRows,
		Path spill, int threads, Progress progress) {
		if (labels.bitDepth() == 32) throw new IllegalArgumentException("The distance transform needs a label volume (8 or 16 bit), not 32-bit "
			+ labels.description());
		Progress p = progress == null ? Progress.NONE : progress;
		int w = labels.width(), h = labels.height(), d = labels.depth();
		requireDisk(spill, w, h, d);
		long column = (long) w * d; // one image row through every slice: the smallest block of pass 2
		if (column > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("The distance transform along z holds one image row through every slice at a time: " + w + " x "
				+ d + " voxels is more than one Java array holds; analyse a sub-volume (fewer slices or a narrower crop).");
		int rows = (int) Math.min(blockRows > 0 ? Math.min(blockRows, h) : autoRows(w, h, d), (Integer.MAX_VALUE - 8) / column);
		if (d > 1) MemoryBudget.require(2L * 4 * w * rows * d, "Distance transform along z (two blocks of " + w + "x" + rows + "x" + d
			+ " floats)", 0);
		SpillVolume out = new SpillVolume(spill, w, h, d, 32, voxelSize);
		try {
			Extremes ext = new Extremes();
			SlabPlan plan = new SlabPlan(d, slabHeight);
			inPlanePass(labels, plan, foreground, voxelSize, edge == Edge.BACKGROUND, out, d > 1 ? null : ext, threads, p.range(0, d > 1 ? 0.5 : 1));
			if (d > 1) alongZPass(out, rows, voxelSize, edge == Edge.BACKGROUND, ext, threads, p.range(0.5, 1));
			return new Squared(out, ext.max, ext.inf);
		} catch (RuntimeException | Error e) {
			out.close();
			throw e;
		}
	}

	/** Checks that the folder of {@code spill} has room for the distance map of w x h x d voxels (4 bytes each). */
	public static void requireDisk(Path spill, int w, int h, int d) {
		long need = 4L * w * h * d;
		java.io.File dir = spill.toAbsolutePath().getParent().toFile();
		long free = dir.getUsableSpace();
		if (need > free)
			throw new IllegalArgumentException("The distance map of " + w + "x" + h + "x" + d + " voxels needs " + MemoryBudget.bytes(need)
				+ " of disk in " + dir + " but " + MemoryBudget.bytes(free) + " is free: give an output folder (output_dir) on a disk with room, "
				+ "or analyse a sub-volume (Image > Duplicate with a slice range, or Image > Crop).");
	}

	/** Rows per block so that two blocks take at most {@link #BLOCK_SHARE} of the free heap; at least 1. */
	private static int autoRows(int w, int h, int d) {
		long fit = (long) (MemoryBudget.available() * BLOCK_SHARE / (2.0 * 4 * w * d));
		return (int) Math.max(1, Math.min(h, fit));
	}

	/** Pass 1: seeds (0 background, +Infinity foreground) and the 2D transform of every slice, written to the spill. */
	private static void inPlanePass(VolumeSource labels, SlabPlan plan, IntPredicate fg, VoxelSize vs, boolean wall, SpillVolume out,
		Extremes ext, int threads, Progress p) {
		int w = labels.width(), h = labels.height(), n = Math.max(w, h);
		double sx = vs.x() * vs.x(), sy = vs.y() * vs.y();
		SlabStreamer.drive(plan.count(), i -> labels.readPlanes(plan.start(i), plan.end(i)), (planes, i) -> {
			int z0 = plan.start(i);
			Parallel.forEach(planes.length, threads, k -> {
				float[] a = seeds(planes[k], fg, w * h);
				EuclideanDistance.inPlane(a, w, h, sx, sy, wall, new Line(n));
				if (ext != null) ext.add(a, 0, a.length);
				out.writeRows(z0 + k, 0, a, 0, a.length);
			});
		}, p);
	}

	/** Pass 2: blocks of whole rows through every slice, the z pass on each column, written back in place. */
	private static void alongZPass(SpillVolume vol, int rows, VoxelSize vs, boolean wall, Extremes ext, int threads, Progress p) {
		int w = vol.width(), h = vol.height(), d = vol.depth();
		double sz = vs.z() * vs.z();
		int blocks = (h + rows - 1) / rows;
		SlabStreamer.drive(blocks, b -> readBlock(vol, b * rows, Math.min(h, (b + 1) * rows)), (block, b) -> {
			int y0 = b * rows, ny = Math.min(h, y0 + rows) - y0, stride = ny * w;
			Parallel.forEach(ny, threads, r -> {
				Line line = new Line(Math.max(w, d));
				for (int x = 0; x < w; x++) line.run(block, r * w + x, stride, d, sz, wall);
			});
			ext.add(block, 0, block.length);
			for (int z = 0; z < d; z++) vol.writeRows(z, y0, block, z * stride, stride);
		}, p);
	}

	/** Rows [y0, y1) of every slice, slice after slice: block[(z * (y1 - y0) + r) * w + x]. */
	private static float[] readBlock(SpillVolume vol, int y0, int y1) {
		int stride = (y1 - y0) * vol.width(), d = vol.depth();
		float[] block = new float[stride * d];
		for (int z = 0; z < d; z++) vol.readRows(z, y0, block, z * stride, stride);
		return block;
	}

	/** 0 for background labels, +Infinity for foreground: the seeds of the transform. */
	private static float[] seeds(Object plane, IntPredicate fg, int n) {
		int[] labels = Slab.ints(plane);
		float[] a = new float[n];
		for (int i = 0; i < n; i++) a[i] = fg.test(labels[i]) ? Float.POSITIVE_INFINITY : 0f;
		return a;
	}

	/** The largest finite value and whether any is infinite, over the final planes (thread-safe). */
	private static final class Extremes {
		double max;
		boolean inf;

		void add(float[] a, int from, int to) {
			float m = 0;
			boolean anyInf = false;
			for (int i = from; i < to; i++) {
				float v = a[i];
				if (v == Float.POSITIVE_INFINITY) anyInf = true;
				else if (v > m) m = v;
			}
			synchronized (this) {
				max = Math.max(max, m);
				inf |= anyInf;
			}
		}
	}
}
