package org.cathodej.tortuosity;

import org.cathodej.image.Slices;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * A label volume turned into conduction classes (one byte per voxel, one array per slice): 0 = insulating,
 * 1..63 = conducting class. The two top bits mark voxels reached by a flood fill from the inlet (0x40) and the
 * outlet (0x80) face, which is how non-spanning and dead-end clusters are found.
 * <p>Not {@link org.cathodej.surface.ClassVolume}: that one is a read-only view (label image -> voxel class, read
 * slice by slice by the surface and chord sweeps); this one is materialised and carries mutable flood-fill marks that
 * the solvers index voxel by voxel, so it is a different concept with its own name.
 */
final class ConductionClasses {

	static final int CLASS_MASK = 0x3f, FROM_INLET = 0x40, FROM_OUTLET = 0x80, SPANNING = FROM_INLET | FROM_OUTLET;

	final int w, h, d;
	final byte[][] cls;
	final int nClasses;
	/** Conducting voxels per class (index 0 unused), and those that span the two faces (after {@link #markSpanning}). */
	final long[] count, spanningCount;

	private ConductionClasses(int w, int h, int d, int nClasses) {
		this.w = w;
		this.h = h;
		this.d = d;
		this.nClasses = nClasses;
		this.cls = new byte[d][];
		this.count = new long[nClasses + 1];
		this.spanningCount = new long[nClasses + 1];
	}

	static ConductionClasses read(RandomAccessibleInterval<? extends IntegerType<?>> labels, Conductivities cond, int threads,
		Progress progress) {
		Slices.requireVolume(labels);
		if (cond.isEmpty()) throw new IllegalArgumentException("No label conducts: give at least one label a conductivity > 0");
		int w = Slices.width(labels), h = Slices.height(labels), d = Slices.depth(labels);
		MemoryBudget.require((long) w * h * d, "Conduction classes of " + w + "x" + h + "x" + d + " voxels", 1);
		ConductionClasses v = new ConductionClasses(w, h, d, cond.labels().size());
		byte[] lut = cond.classLut().toArray();
		long[][] perSlice = new long[d][v.nClasses + 1];
		Parallel.forEach(d, threads, z -> {
			progress.checkCancelled();
			int[] buf = Slices.readInts(labels, z, null);
			byte[] c = new byte[w * h];
			long[] cnt = perSlice[z];
			for (int i = 0; i < c.length; i++) {
				int l = buf[i];
				byte k = l >= 0 && l < lut.length ? lut[l] : 0;
				c[i] = k;
				cnt[k]++;
			}
			v.cls[z] = c;
		});
		for (long[] cnt : perSlice)
			for (int k = 1; k <= v.nClasses; k++) v.count[k] += cnt[k];
		return v;
	}

	static int extent(int w, int h, int d, int axis) {
		return axis == 0 ? w : axis == 1 ? h : d;
	}

	int extent(int axis) {
		return extent(w, h, d, axis);
	}

	/**
	 * Flood fills (face neighbours) from the conducting voxels on the inlet face (coordinate 0 along {@code axis})
	 * and from the outlet face, and counts the voxels reached from both. Returns the number of spanning voxels.
	 */
	long markSpanning(int axis, Progress progress) {
		for (byte[] c : cls)
			for (int i = 0; i < c.length; i++) c[i] &= CLASS_MASK;
		fill(axis, 0, FROM_INLET, progress.range(0, 0.5));
		fill(axis, extent(axis) - 1, FROM_OUTLET, progress.range(0.5, 1));
		java.util.Arrays.fill(spanningCount, 0);
		long n = 0;
		for (byte[] c : cls)
			for (byte b : c)
				if ((b & SPANNING) == SPANNING) {
					spanningCount[b & CLASS_MASK]++;
					n++;
				}
		return n;
	}

	/** Bytes of {@link #spanningBits} for a volume of {@code voxels}. */
	static long spanningBitsBytes(long voxels) {
		return (voxels + 63) / 64 * 8;
	}

	/** The spanning marks (after {@link #markSpanning}) as one bit per voxel, raster order; into {@code into} when it fits. */
	long[] spanningBits(long[] into) {
		long vox = (long) w * h * d;
		long[] bits = into != null && into.length == (vox + 63) >> 6 ? into : new long[(int) ((vox + 63) >> 6)];
		java.util.Arrays.fill(bits, 0);
		long p = 0;
		for (byte[] c : cls)
			for (byte b : c) {
				if ((b & SPANNING) == SPANNING) bits[(int) (p >> 6)] |= 1L << p;
				p++;
			}
		return bits;
	}

	/** Whether the spanning marks are those of {@code bits} ({@link #spanningBits}). */
	boolean sameSpanning(long[] bits) {
		long p = 0;
		for (byte[] c : cls)
			for (byte b : c) {
				if (((b & SPANNING) == SPANNING) != ((bits[(int) (p >> 6)] >>> p & 1) != 0)) return false;
				p++;
			}
		return true;
	}

	/** Conducting voxels per layer along the axis. */
	long[] layerCounts(int axis) {
		long[] n = new long[extent(axis)];
		for (int z = 0; z < d; z++) {
			byte[] c = cls[z];
			for (int y = 0, i = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++)
					if ((c[i] & CLASS_MASK) != 0) n[axis == 0 ? x : axis == 1 ? y : z]++;
		}
		return n;
	}

	/**
	 * Scan-line flood fill: a queued voxel grows into its whole run along x of conducting voxels not yet marked, the
	 * run is marked, and the first voxel of each such run it touches in the four neighbouring rows (y +- 1, z +- 1)
	 * is queued; a voxel found marked when taken from the queue is skipped. Marks the same voxels as a voxel-by-voxel
	 * fill with far fewer queue operations.
	 */
	private void fill(int axis, int layer, int bit, Progress progress) {
		LongQueue q = new LongQueue();
		long wh = (long) w * h;
		// seeds: every conducting voxel of the face layer
		for (int z = 0; z < d; z++) {
			if (axis == 2 && z != layer) continue;
			byte[] c = cls[z];
			for (int y = 0; y < h; y++) {
				if (axis == 1 && y != layer) continue;
				for (int x = 0; x < w; x++) {
					if (axis == 0 && x != layer) continue;
					int i = y * w + x;
					if (open(c[i], bit)) q.add(z * wh + i);
				}
			}
		}
		long visited = 0, runs = 0;
		while (!q.isEmpty()) {
			long p = q.poll();
			int z = (int) (p / wh), i = (int) (p - z * wh), y = i / w, row = y * w;
			byte[] c = cls[z];
			if (!open(c[i], bit)) continue;
			int x0 = i - row, x1 = x0;
			while (x0 > 0 && open(c[row + x0 - 1], bit)) x0--;
			while (x1 < w - 1 && open(c[row + x1 + 1], bit)) x1++;
			for (int x = x0; x <= x1; x++) c[row + x] |= bit;
			long base = z * wh;
			if (y > 0) queueRuns(c, row - w, x0, x1, bit, base, q);
			if (y < h - 1) queueRuns(c, row + w, x0, x1, bit, base, q);
			if (z > 0) queueRuns(cls[z - 1], row, x0, x1, bit, base - wh, q);
			if (z < d - 1) queueRuns(cls[z + 1], row, x0, x1, bit, base + wh, q);
			visited += x1 - x0 + 1;
			if ((++runs & 0xffff) == 0) {
				progress.checkCancelled();
				progress.report(Math.min(1, visited / (double) (wh * d)), "Finding spanning clusters");
			}
		}
	}

	private static boolean open(byte b, int bit) {
		return (b & CLASS_MASK) != 0 && (b & bit) == 0;
	}

	/** Queues the first voxel of each run of open voxels of row {@code row} of slice c within [x0, x1]. */
	private static void queueRuns(byte[] c, int row, int x0, int x1, int bit, long base, LongQueue q) {
		boolean inRun = false;
		for (int x = x0; x <= x1; x++) {
			boolean o = open(c[row + x], bit);
			if (o && !inRun) q.add(base + row + x);
			inRun = o;
		}
	}

	/** A growable ring buffer of longs. */
	static final class LongQueue {
		private long[] a = new long[1 << 12];
		private int head, size;

		void add(long v) {
			if (size == a.length) {
				long[] b = new long[a.length * 2];
				for (int k = 0; k < size; k++) b[k] = a[(head + k) & (a.length - 1)];
				a = b;
				head = 0;
			}
			a[(head + size) & (a.length - 1)] = v;
			size++;
		}

		long poll() {
			long v = a[head];
			head = (head + 1) & (a.length - 1);
			size--;
			return v;
		}

		boolean isEmpty() {
			return size == 0;
		}
	}
}
