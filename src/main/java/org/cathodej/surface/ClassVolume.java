package org.cathodej.surface;

import org.cathodej.image.Slices;
import org.cathodej.phase.LabelLut;
import org.cathodej.phase.PhaseLabels;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * A volume whose voxels belong to one of {@code classes()} voxel classes (0..K-1) or to "other" (class K). This is
 * what the surface and interface measurements read: a label image with a label-to-class mapping (the three phases),
 * a per-voxel class image (e.g. active CAM = 0, spanning ISE = 1, everything else other), or two masks.
 * At most {@link #MAX_CLASSES} classes.
 */
public abstract class ClassVolume {

	public static final int MAX_CLASSES = 7;

	private final int width, height, depth, classes;

	protected ClassVolume(int width, int height, int depth, int classes) {
		if (classes < 1 || classes > MAX_CLASSES)
			throw new IllegalArgumentException("Between 1 and " + MAX_CLASSES + " voxel classes are supported, got " + classes);
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.classes = classes;
	}

	public int width() { return width; }
	public int height() { return height; }
	public int depth() { return depth; }
	/** K: number of classes; class index K means "other". */
	public int classes() { return classes; }

	/**
	 * Fills {@code out[x + width*y]} with the class of voxel (x, y, z), K for other. Must be thread-safe (called from
	 * several threads with different buffers).
	 * @param ints scratch buffer of at least width*height ints (may be reused)
	 */
	public abstract void readSlice(int z, byte[] out, int[] ints);

	/**
	 * Fills {@code out[0..width)} with the classes of row y of slice z. The default reads the whole slice into
	 * {@code slice} (width*height bytes) first; label volumes on planar images read the row alone.
	 */
	public void readRow(int z, int y, byte[] out, byte[] slice, int[] ints) {
		readSlice(z, slice, ints);
		System.arraycopy(slice, y * width, out, 0, width);
	}

	/**
	 * Labels mapped to classes: class i = voxels whose label equals {@code labelOfClass[i]}; all other labels are
	 * "other". E.g. {@code fromLabels(img, pore, cam, ise)} gives classes 0 pore, 1 CAM, 2 ISE.
	 */
	public static ClassVolume fromLabels(RandomAccessibleInterval<? extends IntegerType<?>> labels, int... labelOfClass) {
		return fromLookup(labels, LabelLut.classes(labelOfClass), labelOfClass.length);
	}

	/** The three phases: classes 0 pore, 1 CAM, 2 ISE. */
	public static ClassVolume fromPhases(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl) {
		return fromLookup(labels, pl.lut(), 3);
	}

	/**
	 * Labels mapped to classes through a lookup table: class = {@code lut.classOf(label)}, where a negative class, or
	 * one of {@code classes} or more, means "other".
	 */
	public static ClassVolume fromLookup(RandomAccessibleInterval<? extends IntegerType<?>> labels, LabelLut lut, int classes) {
		Slices.requireVolume(labels);
		final byte[] map = lut.toArray();
		for (int i = 0; i < map.length; i++)
			if (map[i] < 0 || map[i] >= classes) map[i] = (byte) classes;
		final byte other = (byte) classes;
		return new ClassVolume(Slices.width(labels), Slices.height(labels), Slices.depth(labels), classes) {
			@Override
			public void readSlice(int z, byte[] out, int[] ints) {
				int n = width() * height();
				int[] v = Slices.readInts(labels, z, ints);
				for (int i = 0; i < n; i++) {
					int l = v[i];
					out[i] = l >= 0 && l < map.length ? map[l] : other;
				}
			}

			@Override
			public void readRow(int z, int y, byte[] out, byte[] slice, int[] ints) {
				Object a = Slices.planeArray(labels, z);
				int w = width(), off = y * w;
				if (a instanceof byte[] && !(labels.getType() instanceof net.imglib2.type.numeric.integer.ByteType)) {
					byte[] b = (byte[]) a;
					for (int x = 0; x < w; x++) out[x] = map[b[off + x] & 0xff];
				} else if (a instanceof short[] && !(labels.getType() instanceof net.imglib2.type.numeric.integer.ShortType)) {
					short[] b = (short[]) a;
					for (int x = 0; x < w; x++) out[x] = map[b[off + x] & 0xffff];
				} else super.readRow(z, y, out, slice, ints);
			}
		};
	}

	/** A per-voxel class image: voxel value k in 0..K-1 is class k, anything else is "other". */
	public static ClassVolume fromClassImage(RandomAccessibleInterval<? extends IntegerType<?>> classImage, int classes) {
		LabelLut lut = LabelLut.allOther(-1);
		for (int i = 0; i < classes; i++) lut.set(i, i);
		return fromLookup(classImage, lut, classes);
	}

	/**
	 * Two masks (non-zero = member): class 0 = A, class 1 = B, other = neither. The masks must not overlap and must
	 * have the same size.
	 */
	public static ClassVolume fromMasks(RandomAccessibleInterval<? extends IntegerType<?>> a, RandomAccessibleInterval<? extends IntegerType<?>> b) {
		Slices.requireVolume(a);
		Slices.requireVolume(b);
		if (Slices.width(a) != Slices.width(b) || Slices.height(a) != Slices.height(b) || Slices.depth(a) != Slices.depth(b))
			throw new IllegalArgumentException("The two masks differ in size");
		return new ClassVolume(Slices.width(a), Slices.height(a), Slices.depth(a), 2) {
			@Override
			public void readSlice(int z, byte[] out, int[] ints) {
				int n = width() * height();
				int[] va = Slices.readInts(a, z, ints);
				for (int i = 0; i < n; i++) out[i] = va[i] != 0 ? (byte) 0 : (byte) 2;
				int[] vb = Slices.readInts(b, z, ints);
				for (int i = 0; i < n; i++) {
					if (vb[i] == 0) continue;
					if (out[i] == 0)
						throw new IllegalArgumentException("The two masks overlap at voxel (" + (i % width()) + ", " + (i / width()) + ", " + z
							+ "); an interface needs disjoint voxel sets");
					out[i] = 1;
				}
			}
		};
	}
}
