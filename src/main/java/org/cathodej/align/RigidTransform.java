package org.cathodej.align;

/**
 * A 2D rigid map q -> R(angle)(q - c) + c + d, stored as the affine matrix [a00 a01 a02; a10 a11 a12] acting on
 * (x, y, 1). Used as "reference coordinates -> coordinates in a slice": a feature at q in the reference appears at
 * {@code apply(q)} in the slice, so the aligned slice is {@code aligned(q) = slice(apply(q))}.
 */
public final class RigidTransform implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	public static final RigidTransform IDENTITY = new RigidTransform(1, 0, 0, 0, 1, 0);

	public final double a00, a01, a02, a10, a11, a12;

	public RigidTransform(double a00, double a01, double a02, double a10, double a11, double a12) {
		this.a00 = a00;
		this.a01 = a01;
		this.a02 = a02;
		this.a10 = a10;
		this.a11 = a11;
		this.a12 = a12;
	}

	/** Content displaced by (dx, dy) and rotated by angleDeg (counter-clockwise in x-right/y-down = clockwise on screen) about (cx, cy). */
	public static RigidTransform of(double dx, double dy, double angleDeg, double cx, double cy) {
		double a = Math.toRadians(angleDeg), c = Math.cos(a), s = Math.sin(a);
		// R(q - c) + c + d
		return new RigidTransform(c, -s, cx + dx - c * cx + s * cy, s, c, cy + dy - s * cx - c * cy);
	}

	public double x(double x, double y) { return a00 * x + a01 * y + a02; }
	public double y(double x, double y) { return a10 * x + a11 * y + a12; }

	/** Rotation angle in degrees. */
	public double angleDeg() { return Math.toDegrees(Math.atan2(a10, a00)); }

	/** Displacement of the point (cx, cy): the translation when the rotation is taken about that centre. */
	public double dx(double cx, double cy) { return x(cx, cy) - cx; }
	public double dy(double cx, double cy) { return y(cx, cy) - cy; }

	/** this o other: first other, then this. */
	public RigidTransform after(RigidTransform o) {
		return new RigidTransform(a00 * o.a00 + a01 * o.a10, a00 * o.a01 + a01 * o.a11, a00 * o.a02 + a01 * o.a12 + a02,
			a10 * o.a00 + a11 * o.a10, a10 * o.a01 + a11 * o.a11, a10 * o.a02 + a11 * o.a12 + a12);
	}

	public RigidTransform inverse() {
		double det = a00 * a11 - a01 * a10;
		double i00 = a11 / det, i01 = -a01 / det, i10 = -a10 / det, i11 = a00 / det;
		return new RigidTransform(i00, i01, -(i00 * a02 + i01 * a12), i10, i11, -(i10 * a02 + i11 * a12));
	}

	public boolean isTranslation() {
		return a00 == 1 && a11 == 1 && a01 == 0 && a10 == 0;
	}

	@Override
	public String toString() {
		return "[" + a00 + " " + a01 + " " + a02 + "; " + a10 + " " + a11 + " " + a12 + "]";
	}
}
