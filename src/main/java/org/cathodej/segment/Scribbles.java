package org.cathodej.segment;

import java.util.List;
import java.util.Locale;

import org.cathodej.phase.Phase;
import org.cathodej.task.MemoryBudget;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Training regions named by class (e.g. the ROIs of ImageJ's ROI Manager) turned into a partial label image:
 * 0 = unlabelled, {@link #value(Phase)} (pore 1, CAM 2, ISE 3) inside the regions. UI-free.
 * <p>
 * Class names are matched case-insensitively; a name may carry a suffix after a non-letter ("CAM 3", "cam-1",
 * "ISE_a", "pore2"). Slices are 1-based; slice 0 means every slice (ImageJ's "no position").
 */
public final class Scribbles {

	private Scribbles() {}

	/** Label value of a phase in the partial label image: pore 1, CAM 2, ISE 3. */
	public static int value(Phase p) { return p.ordinal() + 1; }

	/** The scribble values in phase order, as {@link PixelClassifier#train} takes them. */
	public static int[] classValues() { return new int[] { 1, 2, 3 }; }

	/** One named training region: pixels (x, y) on a slice (1-based; 0 = all slices). */
	public static final class Region {
		final String name;
		final int slice;
		final int[] x, y;

		private Region(String name, int slice, int[] x, int[] y) {
			if (slice < 0) throw new IllegalArgumentException("Region '" + name + "': slice " + slice + " < 0");
			this.name = name == null ? "" : name;
			this.slice = slice;
			this.x = x;
			this.y = y;
		}

		/** Explicit pixel list (e.g. ImageJ's Roi.getContainedPoints()). */
		public static Region ofPixels(String name, int slice, int[] x, int[] y) {
			if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length");
			return new Region(name, slice, x.clone(), y.clone());
		}

		/** A mask over the bounds (x0, y0, w, h), row by row; null = the whole rectangle. */
		public static Region ofMask(String name, int slice, int x0, int y0, int w, int h, boolean[] mask) {
			if (mask != null && mask.length != w * h) throw new IllegalArgumentException("mask has " + mask.length + " values, not " + w + "x" + h);
			IntList xs = new IntList(), ys = new IntList();
			for (int j = 0; j < h; j++)
				for (int i = 0; i < w; i++)
					if (mask == null || mask[j * w + i]) {
						xs.add(x0 + i);
						ys.add(y0 + j);
					}
			return new Region(name, slice, xs.toArray(), ys.toArray());
		}

		public String name() { return name; }
		public int slice() { return slice; }
		public int size() { return x.length; }
	}

	/** The partial label image and what went into it. */
	public static final class Result {
		public final PlanarImg<UnsignedByteType, ByteArray> labels;
		/** Labelled voxels per phase (pore, CAM, ISE), after clipping to the image. */
		public final long[] voxelsPerClass;
		/** Regions per phase. */
		public final int[] regionsPerClass;

		Result(PlanarImg<UnsignedByteType, ByteArray> labels, long[] voxels, int[] regions) {
			this.labels = labels;
			this.voxelsPerClass = voxels;
			this.regionsPerClass = regions;
		}
	}

	/** The accepted names, for messages. */
	public static final String ACCEPTED = "pore, CAM or ISE (any case, optionally followed by a suffix after a non-letter, e.g. 'CAM 3', 'cam-1', 'ISE_a')";

	/** The phase a region name stands for; IllegalArgumentException listing the accepted names otherwise. */
	public static Phase classOf(String name) {
		String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		for (Phase p : Phase.values()) {
			String c = p.displayName().toLowerCase(Locale.ROOT);
			if (n.startsWith(c) && (n.length() == c.length() || !Character.isLetter(n.charAt(c.length())))) return p;
		}
		throw new IllegalArgumentException("Training region '" + name + "' is named after no phase; name each region " + ACCEPTED + ".");
	}

	/**
	 * Paints the regions into a w x h x d partial label image. Pixels outside the image are dropped. Regions of one
	 * class may overlap; regions of different classes on the same voxel are an error naming the slice and classes.
	 */
	public static Result toLabels(List<Region> regions, int w, int h, int d) {
		if (regions.isEmpty()) throw new IllegalArgumentException("No training regions given.");
		Phase[] cls = new Phase[regions.size()];
		for (int i = 0; i < cls.length; i++) {
			Region r = regions.get(i);
			cls[i] = classOf(r.name);
			if (r.slice > d) throw new IllegalArgumentException("Training region '" + r.name + "' is on slice " + r.slice + " but the stack has " + d + " slices.");
		}
		MemoryBudget.require((long) w * h * d, "Partial label image from training regions (" + w + "x" + h + "x" + d + ", 8-bit)", 1);
		PlanarImg<UnsignedByteType, ByteArray> img = PlanarImgs.unsignedBytes(w, h, d);
		long[] voxels = new long[Phase.values().length];
		int[] count = new int[Phase.values().length];
		for (int i = 0; i < cls.length; i++) {
			Region r = regions.get(i);
			count[cls[i].ordinal()]++;
			byte v = (byte) value(cls[i]);
			int z0 = r.slice == 0 ? 0 : r.slice - 1, z1 = r.slice == 0 ? d : r.slice;
			for (int z = z0; z < z1; z++) {
				byte[] plane = img.getPlane(z).getCurrentStorageArray();
				for (int k = 0; k < r.x.length; k++) {
					int x = r.x[k], y = r.y[k];
					if (x < 0 || y < 0 || x >= w || y >= h) continue;
					int o = y * w + x;
					int old = plane[o] & 0xff;
					if (old == 0) {
						plane[o] = v;
						voxels[cls[i].ordinal()]++;
					} else if (old != (v & 0xff))
						throw new IllegalArgumentException(String.format(Locale.ROOT,
							"Training regions of different phases overlap on slice %d at (%d, %d): %s and %s (region '%s'). Remove the overlap.",
							z + 1, x, y, Phase.values()[old - 1].displayName(), cls[i].displayName(), r.name));
				}
			}
		}
		return new Result(img, voxels, count);
	}

	private static final class IntList {
		int[] a = new int[16];
		int n;

		void add(int v) {
			if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
			a[n++] = v;
		}

		int[] toArray() { return java.util.Arrays.copyOf(a, n); }
	}

	/**
	 * Synthetic scribbles drawn from a ground-truth phase-index image (0 pore, 1 CAM, 2 ISE): seeded short horizontal
	 * strokes (up to {@code len} voxels) inside the phase under their start, values {@link #value(Phase)}, until
	 * {@code target} voxels are labelled, every phase getting about the same number; with {@code onSlices} > 0 only
	 * on that many evenly spaced slices. For tests and benchmarks of the classifier.
	 */
	public static PlanarImg<UnsignedByteType, ?> strokesFromTruth(PlanarImg<UnsignedByteType, ?> truth, long target, int len, long seed,
		int onSlices) {
		int w = org.cathodej.image.Slices.width(truth), h = org.cathodej.image.Slices.height(truth), d = org.cathodej.image.Slices.depth(truth);
		PlanarImg<UnsignedByteType, ?> s = PlanarImgs.unsignedBytes(w, h, d);
		java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
		long[] per = new long[3];
		long done = 0;
		for (long tries = 0; done < target && tries < 100L * target + 10_000_000L; tries++) {
			int x = r.nextInt(w), y = r.nextInt(h), z = onSlices > 0 ? r.nextInt(onSlices) * d / onSlices : r.nextInt(d);
			byte[] t = (byte[]) org.cathodej.image.Slices.planeArray(truth, z), a = (byte[]) org.cathodej.image.Slices.planeArray(s, z);
			int ph = t[y * w + x];
			if (ph < 0 || ph > 2 || per[ph] > target / 3 + 1) continue;
			for (int k = 0; k < len && x + k < w && done < target; k++) {
				int i = y * w + x + k;
				if (t[i] != ph) break;
				if (a[i] == 0) {
					a[i] = (byte) (ph + 1);
					per[ph]++;
					done++;
				}
			}
		}
		return s;
	}
}
