package org.cathodej.distance;

import java.nio.file.Path;
import java.util.function.IntPredicate;

import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.distance.EuclideanDistance.Line;
import org.cathodej.image.Planes;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.SpillVolume;
import org.cathodej.volume.VolumeSource;

/**
 * {@link EuclideanDistance#squared} in bounded memory, for label volumes read as z-slabs. Pass 1 reads the labels
 * slab by slab and writes each slice's exact 2D transform (x then y) to a float {@link SpillVolume} on disk; pass 2
 * reads that file back in blocks of whole rows through every slice, runs the pass along z on each column and writes
 * the block back in place. When the whole map takes no more than the share of the free heap (or of the user's memory
 * cap) that pass 2's blocks may take (and no block height is imposed), the planes stay in memory instead: no spill
 * file, no second read of them.
 * The 1D passes are {@link EuclideanDistance}'s own, run on the same values in the same order, so every squared
 * distance is bit-identical to the in-memory transform whatever the slab and block sizes. A pass that reads the label
 * slabs anyway feeds pass 1 through a {@link Builder}, so the labels are read once for both.
 * Memory: two label slabs with their float planes in pass 1, two row blocks of 4 bytes x width x rows x depth in
 * pass 2 (or the whole map at 4 bytes per voxel when held); disk: 4 bytes per voxel when spilled.
 */
public final class StreamedDistance {

	/** Share of the free heap that the two row blocks of pass 2 (one being read ahead) may take together. */
	private static final double BLOCK_SHARE = 0.25;

	/** The squared distance map on disk (closing it deletes the file) and what the caller needs to know of it. */
	public static final class Squared implements AutoCloseable {
		/**
		 * Squared distances in calibrated units, 32-bit float, one plane per slice: a {@link SpillVolume} on disk, or
		 * the planes held in memory (then {@link VolumeSource#sharesArrays()}: copy a plane before writing it).
		 */
		public final VolumeSource volume;
		/** Largest finite squared distance. */
		public final double max;
		/** True when some voxel has no background voxel at all (+Infinity; only with {@link Edge#OPEN} and no background). */
		public final boolean unbounded;

		Squared(VolumeSource volume, double max, boolean unbounded) {
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
	 * @param blockRows image rows per block of pass 2; 0 = as many as an eighth of the free heap holds, and the whole map
	 *        held in memory (no spill) when all rows fit
	 * @param spill a file that does not exist yet (4 bytes per voxel; deleted when the result is closed, or on failure
	 *        and cancellation); not created when the map is held in memory
	 */
	public static Squared squared(VolumeSource labels, IntPredicate foreground, VoxelSize voxelSize, Edge edge, int slabHeight, int blockRows,
		Path spill, int threads, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		Builder b = new Builder(labels, foreground, voxelSize, edge, blockRows, spill);
		try {
			SlabPlan plan = new SlabPlan(labels.depth(), slabHeight);
			SlabStreamer.drive(plan.count(), i -> labels.readPlanes(plan.start(i), plan.end(i)), (planes, i) -> b.add(plan.start(i), planes,
				threads), p.range(0, labels.depth() > 1 ? 0.5 : 1));
			return b.finish(threads, p.range(0.5, 1));
		} catch (RuntimeException | Error e) {
			b.close();
			throw e;
		}
	}

	/**
	 * The transform fed by a caller that reads the label slabs for its own pass anyway, so that the labels are read
	 * once for both: {@link #add} every slab's label planes (pass 1), then {@link #finish} (pass 2). Same numbers,
	 * memory and disk as {@link #squared}; {@link #close()} deletes the spill unless {@link #finish} handed it on.
	 */
	public static final class Builder implements AutoCloseable {
		private final int w, h, d, rows;
		private final IntPredicate fg;
		private final VoxelSize vs;
		private final boolean wall;
		/** The 2D transforms held in memory, or null when they go to {@link #spill}. */
		private final float[][] held;
		private final SpillVolume spill;
		private final Extremes ext = new Extremes();
		private boolean handedOn;

		/** As {@link StreamedDistance#squared}'s parameters (the labels are only looked at for their size and type). */
		public Builder(VolumeSource labels, IntPredicate foreground, VoxelSize voxelSize, Edge edge, int blockRows, Path spillFile) {
			this(labels, foreground, voxelSize, edge, blockRows, spillFile, 0);
		}

		/**
		 * As above, within the user's memory cap: the map is held and the blocks of pass 2 sized from
		 * {@link MemoryBudget#within(long) at most cap bytes} (0 = what the heap has free).
		 */
		public Builder(VolumeSource labels, IntPredicate foreground, VoxelSize voxelSize, Edge edge, int blockRows, Path spillFile, long cap) {
			if (labels.bitDepth() == 32) throw new IllegalArgumentException("The distance transform needs a label volume (8 or 16 bit), not 32-bit "
				+ labels.description());
			w = labels.width();
			h = labels.height();
			d = labels.depth();
			fg = foreground;
			vs = voxelSize;
			wall = edge == Edge.BACKGROUND;
			long memory = MemoryBudget.within(cap);
			if (blockRows <= 0 && held(w, h, d, memory)) {
				MemoryBudget.require(4L * w * h * d, "Distance map of " + w + "x" + h + "x" + d + " voxels", 0);
				held = new float[d][];
				spill = null;
				rows = h;
				return;
			}
			requireDisk(spillFile, w, h, d);
			long column = (long) w * d; // one image row through every slice: the smallest block of pass 2
			if (column > Integer.MAX_VALUE - 8)
				throw new IllegalArgumentException("The distance transform along z holds one image row through every slice at a time: " + w + " x "
					+ d + " voxels is more than one Java array holds; analyse a sub-volume (fewer slices or a narrower crop).");
			rows = (int) Math.min(blockRows > 0 ? Math.min(blockRows, h) : autoRows(w, h, d, memory), (Integer.MAX_VALUE - 8) / column);
			if (d > 1) MemoryBudget.requireWithin(2L * 4 * w * rows * d, cap, 2L * 4 * column, "Distance transform along z (two blocks of " + w
				+ "x" + rows + "x" + d + " floats)");
			held = null;
			spill = new SpillVolume(spillFile, w, h, d, 32, voxelSize);
		}

		/** Whether the map is held in memory (4 bytes per voxel), not spilled to disk. */
		public boolean holdsMap() {
			return held != null;
		}

		/** Pass 1 on slices z0 .. z0 + planes.length - 1 (label planes, not modified): seeds and each slice's 2D transform. */
		public void add(int z0, Object[] planes, int threads) {
			double sx = vs.x() * vs.x(), sy = vs.y() * vs.y();
			int n = Math.max(w, h);
			Parallel.forEach(planes.length, threads, k -> {
				float[] a = seeds(planes[k], fg, w * h);
				EuclideanDistance.inPlane(a, w, h, sx, sy, wall, new Line(n));
				if (d == 1) ext.add(a, 0, a.length);
				if (held != null) held[z0 + k] = a;
				else spill.writeRows(z0 + k, 0, a, 0, a.length);
			});
		}

		/** Pass 2, along z, once every slice was added; the caller closes the result. */
		public Squared finish(int threads, Progress progress) {
			Progress p = progress == null ? Progress.NONE : progress;
			handedOn = true;
			if (held == null) {
				if (d > 1) alongZPass(spill, rows, vs, wall, ext, threads, p);
				return new Squared(spill, ext.max, ext.inf);
			}
			if (d > 1) { // one block of all rows: Esc is seen before it, as between the blocks of a spilled map
				p.checkCancelled();
				EuclideanDistance.alongZ(held, w, h, vs.z() * vs.z(), wall, threads, Progress.NONE);
				p.report(1, "Distance transform (z)");
				Parallel.forEach(d, threads, z -> ext.add(held[z], 0, held[z].length));
			}
			return new Squared(new ImgSource(Planes.floats(held, w, h), vs, "distance map in memory"), ext.max, ext.inf);
		}

		@Override
		public void close() {
			if (!handedOn && spill != null) spill.close();
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

	/** Rows per block so that two blocks take at most {@link #BLOCK_SHARE} of {@code memory} bytes; at least 1. */
	private static int autoRows(int w, int h, int d, long memory) {
		return (int) Math.max(1, Math.min(h, rowsThatFit(w, d, memory)));
	}

	/** Rows of w x d floats that two blocks may hold within {@link #BLOCK_SHARE} of {@code memory} bytes (may exceed h). */
	private static long rowsThatFit(int w, int d, long memory) {
		return (long) (memory * BLOCK_SHARE / (2.0 * 4 * w * d));
	}

	/**
	 * Whether the map of w x h x d voxels is held in memory when {@code memory} bytes may be used (an eighth of them:
	 * pass 2's share of one block of all rows), else spilled to disk.
	 */
	public static boolean held(int w, int h, int d, long memory) {
		return rowsThatFit(w, d, memory) >= h;
	}

	/** Pass 2: blocks of whole rows through every slice, the z pass on each column, written back in place. */
	private static void alongZPass(SpillVolume vol, int rows, VoxelSize vs, boolean wall, Extremes ext, int threads, Progress p) {
		int w = vol.width(), h = vol.height(), d = vol.depth();
		double sz = vs.z() * vs.z();
		int blocks = (h + rows - 1) / rows;
		SlabStreamer.drive(blocks, b -> readBlock(vol, b * rows, Math.min(h, (b + 1) * rows)), (block, b) -> {
			int y0 = b * rows, ny = Math.min(h, y0 + rows) - y0, stride = ny * w;
			Parallel.forEach(ny, threads, r -> { // row r through every slice gathered first: the z lines run in cache
				Line line = new Line(Math.max(w, d));
				float[] row = new float[w * d];
				for (int z = 0; z < d; z++) System.arraycopy(block, z * stride + r * w, row, z * w, w);
				for (int x = 0; x < w; x++) line.run(row, x, w, d, sz, wall);
				for (int z = 0; z < d; z++) System.arraycopy(row, z * w, block, z * stride + r * w, w);
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
