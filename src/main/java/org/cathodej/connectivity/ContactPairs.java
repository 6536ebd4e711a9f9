package org.cathodej.connectivity;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Distinct (a, b) label pairs, e.g. a CAM cluster label and an ISE cluster label whose voxels share a face, packed
 * as longs and kept sorted and unique when compacted. Grows on demand.
 */
final class ContactPairs implements Serializable {

	private static final long serialVersionUID = 2L;

	transient long[] pairs = new long[256]; // travels compacted, as varints (writeObject)
	int size;
	private int sortedUpTo;
	private static final int RECENT_BITS = 12, RECENT = 1 << RECENT_BITS;

	/** Sorted unique pairs as varints: the step in a, then b's step from the previous pair with the same a, else b. */
	private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
		compact();
		out.defaultWriteObject();
		CompactCodec c = new CompactCodec();
		for (int i = 0, pa = 0, pb = 0; i < size; i++) {
			int a = a(pairs[i]), b = b(pairs[i]);
			c.put(a - pa);
			c.put(a == pa && i > 0 ? b - pb : b);
			pa = a;
			pb = b;
		}
		c.writeTo(out);
	}

	private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
		in.defaultReadObject();
		CompactCodec.Reader r = CompactCodec.readFrom(in);
		pairs = new long[Math.max(256, size)];
		for (int i = 0, pa = 0, pb = 0; i < size; i++) {
			int a = pa + r.getInt();
			int b = a == pa && i > 0 ? pb + r.getInt() : r.getInt();
			pairs[i] = (long) a << 32 | (b & 0xffffffffL);
			pa = a;
			pb = b;
		}
	}

	/**
	 * Pairs added lately, by a hash of the pair: a face contact between two clusters repeats at many voxels, and a
	 * repeat found here is dropped before it costs a sort (the set is the same: compact() drops repeats anyway).
	 */
	private transient long[] recent;
	private transient long last; // 0 is no pair: labels start at 1

	void add(int a, int b) {
		long v = (long) a << 32 | (b & 0xffffffffL);
		if (v == last) return; // neighbouring voxels mostly repeat the pair just seen
		last = v;
		if (recent == null) recent = new long[RECENT];
		int h = (int) ((v * 0x9E3779B97F4A7C15L) >>> (64 - RECENT_BITS));
		if (recent[h] == v) return;
		recent[h] = v;
		if (size == pairs.length) {
			compact();
			if (size > pairs.length / 2) pairs = Arrays.copyOf(pairs, pairs.length * 2);
		}
		pairs[size++] = v;
	}

	/** Adds the pairs of another set with labels shifted by offA and offB. */
	void addAll(ContactPairs o, int offA, int offB) {
		for (int i = 0; i < o.size; i++) add(a(o.pairs[i]) + offA, b(o.pairs[i]) + offB);
	}

	ContactPairs compact() {
		if (sortedUpTo == size) return this;
		Arrays.sort(pairs, 0, size);
		int m = 0;
		for (int i = 0; i < size; i++) if (m == 0 || pairs[i] != pairs[m - 1]) pairs[m++] = pairs[i];
		size = m;
		sortedUpTo = m;
		return this;
	}

	static int a(long v) { return (int) (v >>> 32); }

	static int b(long v) { return (int) v; }

	/**
	 * Pairs of voxels sharing a face between slice planes: label a from {@code la} and label b from {@code lb} at the
	 * same index (a z neighbour), both non-zero.
	 */
	void addAcross(int[] la, int[] lb, int offA, int offB) {
		for (int i = 0; i < la.length; i++) if (la[i] != 0 && lb[i] != 0) add(la[i] + offA, lb[i] + offB);
	}

	/** Face-sharing pairs within one slice of w x h voxels (x and y neighbours). */
	void addInPlane(int[] la, int[] lb, int w, int h) {
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int a = la[i];
				if (a == 0) continue;
				if (x > 0 && lb[i - 1] != 0) add(a, lb[i - 1]);
				if (x < w - 1 && lb[i + 1] != 0) add(a, lb[i + 1]);
				if (y > 0 && lb[i - w] != 0) add(a, lb[i - w]);
				if (y < h - 1 && lb[i + w] != 0) add(a, lb[i + w]);
			}
	}
}
