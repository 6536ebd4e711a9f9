package org.cathodej.connectivity;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Clusters of one phase over a run of consecutive slices, as a slab-streamed partial result: provisional labels
 * 1..n (each slab's {@link ComponentLabeler} labels, shifted by the labels of the slabs before it), a union-find
 * forest over them (a parent is never larger than its child), the voxels and image faces of every provisional label,
 * and the labels of the run's first and last slice for the merge with its neighbours. Merging two adjacent runs
 * joins the clusters that touch across the seam (6 or 26 neighbours, as the in-memory labeller). Because slabs are
 * numbered in z order and each slab's labels follow the raster order of their first voxel, the smallest provisional
 * label of a cluster is its first voxel in raster order: {@link #finish} numbers clusters exactly as the in-memory
 * {@link ComponentLabeler} does.
 */
public final class SlabClusters implements Serializable {

	private static final long serialVersionUID = 2L;

	final int z0, width, height;
	int depth, n;
	/** Clusters so far: provisional labels less the joins across seams (a cluster touching the run's last slice may still join another). */
	int clusters;
	final Connectivity connectivity;
	// travel in CompactCodec form (writeObject): varints, boundary slices as runs
	transient int[] parent;
	transient long[] size;
	transient byte[] faces;
	transient int[] first, last;
	/** First slice and first label offset of every slab merged in, in z order (for relabelling a slab later). */
	int[] slabZ0, slabOffset;

	private SlabClusters(int z0, int depth, int width, int height, Connectivity conn, int n, int[] parent, long[] size, byte[] faces,
		int[] first, int[] last) {
		this.z0 = z0;
		this.depth = depth;
		this.width = width;
		this.height = height;
		this.connectivity = conn;
		this.n = n;
		this.clusters = n;
		this.parent = parent;
		this.size = size;
		this.faces = faces;
		this.first = first;
		this.last = last;
		slabZ0 = new int[] { z0 };
		slabOffset = new int[] { 0 };
	}

	/** The partial of one slab from its labelling; z faces count only where the slab is the volume's first/last slice. */
	public static SlabClusters of(Clusters c, int z0, boolean volumeStart, boolean volumeEnd) {
		int n = c.count();
		int[] parent = new int[n + 1];
		for (int i = 0; i <= n; i++) parent[i] = i;
		byte[] f = new byte[n + 1];
		int zBits = (volumeStart ? 0 : Face.Z_MIN.bit()) | (volumeEnd ? 0 : Face.Z_MAX.bit());
		for (int k = 1; k <= n; k++) f[k] = (byte) (c.faces(k) & ~zBits);
		return new SlabClusters(z0, c.depth(), c.width(), c.height(), c.connectivity(), n, parent, c.sizes().clone(), f,
			c.slice(0).clone(), c.slice(c.depth() - 1).clone());
	}

	public int z0() { return z0; }
	public int depth() { return depth; }
	/** Provisional labels so far. */
	public int provisional() { return n; }
	/** Clusters so far (every cluster of the volume when this is the partial of all slabs, as {@link #finish} numbers them). */
	public int clusters() { return clusters; }

	/**
	 * Joins {@code upper} (the run directly after this one) into this partial and returns it; {@code upper} must not
	 * be used afterwards. Provisional labels of upper are shifted by this run's count.
	 */
	public SlabClusters append(SlabClusters upper) {
		if (z0 + depth != upper.z0) throw new IllegalArgumentException("Slabs must be merged in order: " + (z0 + depth) + " then " + upper.z0);
		int off = n, total = n + upper.n;
		if ((long) n + upper.n >= Integer.MAX_VALUE) throw new IllegalStateException("More than 2^31 provisional cluster labels");
		if (parent.length < total + 1) {
			int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(total + 1L, parent.length * 3L / 2));
			parent = Arrays.copyOf(parent, cap);
			size = Arrays.copyOf(size, cap);
			faces = Arrays.copyOf(faces, cap);
		}
		for (int i = 1; i <= upper.n; i++) {
			parent[off + i] = off + upper.parent[i];
			size[off + i] = upper.size[i];
			faces[off + i] = upper.faces[i];
		}
		UnionFind uf = new UnionFind(parent, total);
		int[] upFirst = upper.first;
		ComponentLabeler.mergeSeam(upFirst, off, last, 0, width, height, connectivity == Connectivity.SIX, uf);
		int[] upLast = upper.last;
		for (int i = 0; i < upLast.length; i++) if (upLast[i] != 0) upLast[i] += off;
		int m = slabZ0.length;
		slabZ0 = Arrays.copyOf(slabZ0, m + upper.slabZ0.length);
		slabOffset = Arrays.copyOf(slabOffset, m + upper.slabZ0.length);
		for (int j = 0; j < upper.slabZ0.length; j++) {
			slabZ0[m + j] = upper.slabZ0[j];
			slabOffset[m + j] = upper.slabOffset[j] + off;
		}
		parent = uf.parent;
		clusters += upper.clusters - uf.joins;
		n = total;
		depth += upper.depth;
		last = upLast;
		return this;
	}

	/** Label offset of the slab that starts at slice z (its provisional labels are offset + 1 .. ). */
	public int offsetOfSlab(int z) {
		int j = Arrays.binarySearch(slabZ0, z);
		if (j < 0) throw new IllegalArgumentException("No slab starts at slice " + z);
		return slabOffset[j];
	}

	/**
	 * Serialised compactly (a Spark task's result; the driver holds them): per provisional label the step to its
	 * parent, its size as varints and its faces byte, only labels 0..n (not the arrays' spare capacity), and the
	 * two boundary slices as runs of equal labels.
	 */
	private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
		out.defaultWriteObject();
		CompactCodec c = new CompactCodec();
		for (int i = 0; i <= n; i++) {
			c.put(i - parent[i]); // a parent is never larger than its child
			c.put(size[i]);
		}
		c.writeTo(out);
		out.write(faces, 0, n + 1);
		c = new CompactCodec();
		c.putRuns(first);
		c.putRuns(last);
		c.writeTo(out);
	}

	private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
		in.defaultReadObject();
		CompactCodec.Reader r = CompactCodec.readFrom(in);
		parent = new int[n + 1];
		size = new long[n + 1];
		for (int i = 0; i <= n; i++) {
			parent[i] = i - r.getInt();
			size[i] = r.get();
		}
		faces = new byte[n + 1];
		in.readFully(faces, 0, n + 1);
		r = CompactCodec.readFrom(in);
		first = r.getRuns();
		last = r.getRuns();
	}

	/** Final clusters of the whole volume (labels as the in-memory labeller; no label arrays) and the label map. */
	public static final class Finished {
		final Clusters clusters;
		/** map[provisional] = final cluster label. */
		final int[] map;

		Finished(Clusters clusters, int[] map) {
			this.clusters = clusters;
			this.map = map;
		}

		/** The clusters (sizes, image faces; no label arrays). */
		public Clusters clusters() { return clusters; }

		/** Final label of a provisional one. */
		public int finalLabel(int provisional) { return map[provisional]; }
	}

	/** Numbers the clusters; call once, on the partial of the whole volume. */
	public Finished finish() {
		UnionFind uf = new UnionFind(parent.clone(), n);
		int count = uf.flatten();
		int[] map = uf.parent;
		long[] sizes = new long[count + 1];
		byte[] f = new byte[count + 1];
		for (int i = 1; i <= n; i++) {
			sizes[map[i]] += size[i];
			f[map[i]] |= faces[i];
		}
		return new Finished(new Clusters(width, height, depth, connectivity, null, count, sizes, f), map);
	}
}
