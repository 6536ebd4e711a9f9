package org.cathodej.surface;

import java.io.Serializable;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.LabelLut;
import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabKernel;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Surface and interface counts streamed slab by slab: slabs overlap by one slice (halo above), each slab's counts
 * come from {@link GeometryScanner#scanRange} and are integers (voxels, class-pair transitions, 2x2x2 configuration
 * histograms), so the merged {@link GeometryCounts} and every area computed from them (counts times area tables)
 * are bit-identical to {@link GeometryScanner#scan} on the whole volume, for any slab split.
 */
public final class GeometryKernel implements SlabKernel<GeometryKernel.Partial>, Serializable {

	private static final long serialVersionUID = 1L;

	private final byte[] lut;
	private final int classes, threads;
	private final boolean marchingCubes;

	/**
	 * @param lut class of each label value (negative or beyond the table = other), as {@link ClassVolume#fromLookup}
	 * @param marchingCubes record the configuration histograms (else transitions only: Crofton and faces)
	 */
	public GeometryKernel(byte[] lut, int classes, boolean marchingCubes, int threads) {
		this.lut = lut.clone();
		this.classes = classes;
		this.marchingCubes = marchingCubes;
		this.threads = threads;
	}

	/** Labels mapped to classes as {@link ClassVolume#fromLabels}: class i = label {@code labelOfClass[i]}. */
	public static GeometryKernel ofLabels(boolean marchingCubes, int threads, int... labelOfClass) {
		return new GeometryKernel(LabelLut.classes(labelOfClass).toArray(), labelOfClass.length, marchingCubes, threads);
	}

	/** A table as kernels keep it (a Serializable byte[]) back as a {@link LabelLut}; negative entries are other. */
	public static LabelLut toLut(byte[] table) {
		LabelLut l = LabelLut.allOther(-1);
		for (int i = 0; i < table.length; i++) if (table[i] >= 0) l.set(i, table[i]);
		return l;
	}

	/** The label-to-class table (a copy). */
	public byte[] lut() {
		return lut.clone();
	}

	@Override
	public int haloAbove() {
		return 1;
	}

	/** Integer counts of a run of slices (see {@link GeometryScanner#scanRange}). */
	public static final class Partial implements Serializable {
		private static final long serialVersionUID = 1L;
		final int width, height, z0, depth, classes;
		final long[] voxels;
		final long[][] pairs, configs;
		final int[] subsets;

		Partial(int z0, GeometryCounts g) {
			this(g.width, g.height, z0, g.depth, g.classes, g.voxels, g.pairs, g.subsets, g.configs);
		}

		Partial(int width, int height, int z0, int depth, int classes, long[] voxels, long[][] pairs, int[] subsets, long[][] configs) {
			this.width = width;
			this.height = height;
			this.z0 = z0;
			this.depth = depth;
			this.classes = classes;
			this.voxels = voxels;
			this.pairs = pairs;
			this.subsets = subsets;
			this.configs = configs;
		}

		/** The counts of the run; for the whole volume equal to {@link GeometryScanner#scan}'s. */
		public GeometryCounts counts(VoxelSize vs) {
			return new GeometryCounts(width, height, depth, classes, vs, voxels, pairs, subsets, configs);
		}
	}

	@SuppressWarnings("unchecked")
	@Override
	public Partial partial(Slab slab) {
		ClassVolume cv = ClassVolume.fromLookup((RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) slab.img(),
			toLut(lut), classes);
		int from = slab.haloBelow();
		return new Partial(slab.z0(), GeometryScanner.scanRange(cv, VoxelSize.uncalibrated(), marchingCubes, from, from + slab.coreDepth(),
			threads, Progress.NONE));
	}

	/** Counts of a class volume's slices [from, to) (for callers that hold class slices themselves). */
	public static Partial ofRange(ClassVolume cv, boolean marchingCubes, int z0, int from, int to, int threads) {
		return new Partial(z0, GeometryScanner.scanRange(cv, VoxelSize.uncalibrated(), marchingCubes, from, to, threads, Progress.NONE));
	}

	@Override
	public Partial merge(Partial a, Partial b) {
		if (a.z0 + a.depth != b.z0) throw new IllegalArgumentException("Slabs must be merged in order: " + (a.z0 + a.depth) + " then " + b.z0);
		long[] v = new long[a.voxels.length];
		for (int i = 0; i < v.length; i++) v[i] = a.voxels[i] + b.voxels[i];
		return new Partial(a.width, a.height, a.z0, a.depth + b.depth, a.classes, v, add(a.pairs, b.pairs), a.subsets, add(a.configs, b.configs));
	}

	private static long[][] add(long[][] a, long[][] b) {
		long[][] s = new long[a.length][];
		for (int i = 0; i < a.length; i++) {
			s[i] = new long[a[i].length];
			for (int j = 0; j < s[i].length; j++) s[i][j] = a[i][j] + b[i][j];
		}
		return s;
	}
}
