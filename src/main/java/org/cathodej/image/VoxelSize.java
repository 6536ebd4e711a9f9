package org.cathodej.image;

/**
 * Physical size of one voxel along x, y and z, with its unit. Carried beside every ImgLib2 image because
 * imglib2 core has no calibrated axes. Anisotropic voxels (FIB-SEM: z = slice thickness) are the rule.
 */
public final class VoxelSize implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	private final double x, y, z;
	private final String unit;
	private final boolean calibrated;

	public VoxelSize(double x, double y, double z, String unit) {
		this(x, y, z, unit, true);
	}

	private VoxelSize(double x, double y, double z, String unit, boolean calibrated) {
		if (!(x > 0) || !(y > 0) || !(z > 0) || Double.isInfinite(x) || Double.isInfinite(y) || Double.isInfinite(z))
			throw new IllegalArgumentException("Voxel size must be positive and finite, got " + x + " x " + y + " x " + z);
		this.x = x;
		this.y = y;
		this.z = z;
		this.unit = unit == null || unit.isEmpty() ? "voxel" : unit;
		this.calibrated = calibrated;
	}

	/** Unit voxels; used when an image carries no calibration. */
	public static VoxelSize uncalibrated() {
		return new VoxelSize(1, 1, 1, "voxel", false);
	}

	public double x() { return x; }
	public double y() { return y; }
	public double z() { return z; }

	/** Size along axis 0 = x, 1 = y, 2 = z. */
	public double along(int axis) {
		switch (axis) {
			case 0: return x;
			case 1: return y;
			case 2: return z;
			default: throw new IllegalArgumentException("axis must be 0, 1 or 2: " + axis);
		}
	}

	public String unit() { return unit; }

	/** False when the source image had no spatial calibration and unit voxels are assumed. */
	public boolean isCalibrated() { return calibrated; }

	public boolean isIsotropic() {
		return Math.abs(x - y) <= 1e-9 * x && Math.abs(x - z) <= 1e-9 * x;
	}

	public double voxelVolume() { return x * y * z; }

	/** Area of the voxel face normal to the given axis. */
	public double faceArea(int axis) {
		return voxelVolume() / along(axis);
	}

	/** Factor that converts a length in this unit to micrometres, or NaN for an unknown unit. */
	public double micronsPerUnit() {
		return Units.micronsPer(unit);
	}

	@Override
	public String toString() {
		return x + " x " + y + " x " + z + " " + unit + (calibrated ? "" : " (uncalibrated)");
	}
}
