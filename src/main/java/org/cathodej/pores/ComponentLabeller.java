package org.cathodej.pores;

import java.util.Arrays;
import java.util.function.IntPredicate;

import org.cathodej.image.Slices;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * 6-connected (face-sharing) component labelling of the voxels whose label satisfies a predicate: two raster passes
 * with a union-find over provisional labels. Components are numbered 1..n in the order their first voxel appears in
 * z, y, x scan order, so labels do not depend on anything but the image. A small local helper for the pore analysis
 * (the connectivity topic may provide a general one).
 */
public final class ComponentLabeller {

	/** Component ids per voxel (0 = not in the set), one int array per slice, and the number of components. */
	public static final class Labels {
		public final int[][] planes;
		public final int count;
		public final int width, height;

		Labels(int[][] planes, int count, int width, int height) {
			this.planes = planes;
			this.count = count;
			this.width = width;
			this.height = height;
		}
	}

	private ComponentLabeller() {}

	public static Labels label6(RandomAccessibleInterval<? extends IntegerType<?>> img, IntPredicate inside, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		Slices.requireVolume(img);
		int w = Slices.width(img), h = Slices.height(img), d = Slices.depth(img);
		MemoryBudget.require(4L * w * h * d, "Labelling pore components of " + w + "x" + h + "x" + d + " voxels", 4);
		int[][] lab = new int[d][];
		int[] parent = new int[1024];
		int next = 1;
		int[] buf = null;
		for (int z = 0; z < d; z++) {
			if (z % 16 == 0) {
				p.checkCancelled();
				p.report(0.8 * z / d, "Labelling components");
			}
			buf = Slices.readInts(img, z, buf);
			int[] cur = new int[w * h], below = z > 0 ? lab[z - 1] : null;
			for (int y = 0, i = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++) {
					if (!inside.test(buf[i])) continue;
					int a = x > 0 ? cur[i - 1] : 0, b = y > 0 ? cur[i - w] : 0, c = below != null ? below[i] : 0;
					int l = 0;
					if (a != 0) l = a;
					if (b != 0) l = l == 0 ? b : union(parent, l, b);
					if (c != 0) l = l == 0 ? c : union(parent, l, c);
					if (l == 0) {
						if (next == parent.length) parent = Arrays.copyOf(parent, 2 * next);
						parent[next] = next;
						l = next++;
					}
					cur[i] = l;
				}
			lab[z] = cur;
		}
		// final ids in order of first appearance
		int[] fin = new int[next];
		int count = 0;
		for (int z = 0; z < d; z++) {
			int[] cur = lab[z];
			for (int i = 0; i < cur.length; i++) {
				int l = cur[i];
				if (l == 0) continue;
				int r = find(parent, l);
				if (fin[r] == 0) fin[r] = ++count;
				cur[i] = fin[r];
			}
		}
		p.report(1, "Labelling components");
		return new Labels(lab, count, w, h);
	}

	private static int find(int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	}

	/** Joins the sets of a and b; returns the root (the smaller root, for determinism). */
	private static int union(int[] parent, int a, int b) {
		int ra = find(parent, a), rb = find(parent, b);
		if (ra == rb) return ra;
		if (ra < rb) {
			parent[rb] = ra;
			return ra;
		}
		parent[ra] = rb;
		return rb;
	}
}
