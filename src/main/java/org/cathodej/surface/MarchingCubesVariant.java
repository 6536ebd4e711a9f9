package org.cathodej.surface;

import java.util.Locale;

/**
 * How marching cubes resolves the ambiguous configurations of a binary mask at iso-level 1/2. All three put the
 * mesh vertices at edge midpoints and give an area per 2x2x2 configuration (a 256-entry table per voxel size), so
 * areas stay integer configuration counts times a table.
 */
public enum MarchingCubesVariant {
	/** CathodeJ's rule: mean over both joinings of each ambiguous face; a phase and its complement get equal areas. */
	SYMMETRIC("symmetric"),
	/** Lewiner et al. 2003 as in scikit-image's {@code marching_cubes(method='lewiner')}: the inside corners are joined. */
	LEWINER("lewiner"),
	/** The classic 256-case table (Lorensen and Cline 1987), scikit-image's {@code method='lorensen'}: inside corners separated. */
	LORENSEN("lorensen");

	public final String key;

	MarchingCubesVariant(String key) {
		this.key = key;
	}

	/** The variant named by {@link #key}, case-insensitive. */
	public static MarchingCubesVariant parse(String name) {
		for (MarchingCubesVariant v : values())
			if (v.key.equals(name.trim().toLowerCase(Locale.ROOT))) return v;
		throw new IllegalArgumentException("Unknown marching-cubes variant '" + name + "'; use symmetric, lewiner or lorensen");
	}

	/** Area of each of the 256 configurations for voxel size sx x sy x sz (unit^2). */
	public double[] table(double sx, double sy, double sz) {
		return this == SYMMETRIC ? MarchingCubesAreas.table(sx, sy, sz) : ResolvedMarchingCubes.table(this == LEWINER, sx, sy, sz);
	}
}
