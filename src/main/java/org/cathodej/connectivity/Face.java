package org.cathodej.connectivity;

/** One of the six faces of the image box: the first (index 0) or last slice along x, y or z. */
public enum Face {
	X_MIN(0, false), X_MAX(0, true), Y_MIN(1, false), Y_MAX(1, true), Z_MIN(2, false), Z_MAX(2, true);

	private final int axis;
	private final boolean high;

	Face(int axis, boolean high) {
		this.axis = axis;
		this.high = high;
	}

	/** 0 = x, 1 = y, 2 = z. */
	public int axis() { return axis; }

	/** True for the face at the last index (max), false for index 0. */
	public boolean isHigh() { return high; }

	/** The face across the box. */
	public Face opposite() { return of(axis, !high); }

	/** Bit of this face in {@link Clusters#faces(int)}. */
	public int bit() { return 1 << ordinal(); }

	public static Face of(int axis, boolean high) {
		if (axis < 0 || axis > 2) throw new IllegalArgumentException("axis must be 0, 1 or 2: " + axis);
		return values()[2 * axis + (high ? 1 : 0)];
	}

	@Override
	public String toString() {
		return "xyz".charAt(axis) + (high ? " = max" : " = 0");
	}
}
