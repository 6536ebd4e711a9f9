package org.cathodej.phantom;

/** A ball in physical coordinates (same unit as the voxel size). */
public final class Sphere {
	public final double x, y, z, r;

	public Sphere(double x, double y, double z, double r) {
		this.x = x;
		this.y = y;
		this.z = z;
		this.r = r;
	}

	double distance(Sphere o) {
		double dx = x - o.x, dy = y - o.y, dz = z - o.z;
		return Math.sqrt(dx * dx + dy * dy + dz * dz);
	}
}
