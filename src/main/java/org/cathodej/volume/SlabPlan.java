package org.cathodej.volume;

import java.io.Serializable;

/**
 * A split of depth slices into consecutive slabs of {@code height} slices (the last one shorter). Slab i covers
 * slices [start(i), end(i)). Serializable so a Spark driver can ship it.
 */
public final class SlabPlan implements Serializable {

	private static final long serialVersionUID = 1L;

	private final int depth, height;

	public SlabPlan(int depth, int height) {
		if (depth < 1) throw new IllegalArgumentException("A volume needs at least one slice, got " + depth);
		if (height < 1) throw new IllegalArgumentException("Slab height must be at least 1 slice, got " + height);
		this.depth = depth;
		this.height = Math.min(height, depth);
	}

	public int depth() { return depth; }

	public int height() { return height; }

	public int count() { return (depth + height - 1) / height; }

	public int start(int i) { return check(i) * height; }

	public int end(int i) { return Math.min(depth, (check(i) + 1) * height); }

	private int check(int i) {
		if (i < 0 || i >= count()) throw new IndexOutOfBoundsException("Slab " + i + " of " + count());
		return i;
	}

	@Override
	public String toString() {
		return count() + " slabs of " + height + " slices (" + depth + " slices)";
	}
}
