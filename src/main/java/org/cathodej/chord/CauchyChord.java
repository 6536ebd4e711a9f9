package org.cathodej.chord;

import org.cathodej.surface.GeometryCounts;
import org.cathodej.surface.GeometryCounts.Estimator;

/**
 * Cauchy's mean chord of a phase from its volume fraction and surface density, 4 phi / S_V (valid for isotropic
 * structures): the check a measured chord-length distribution is compared with.
 */
public final class CauchyChord {

	private CauchyChord() {}

	/**
	 * 4 phi / S_V of class c, with phi the class's fraction of the whole volume and S_V its Crofton (13 directions)
	 * surface density, in the unit of the counts' voxel size; 0 when the class has no surface.
	 */
	public static double fromSurface(GeometryCounts g, int c) {
		double phi = g.voxelCount(c) / (double) g.totalVoxels();
		double sv = g.surfaceDensity(GeometryCounts.set(c), Estimator.CROFTON13);
		return sv > 0 ? 4 * phi / sv : 0;
	}

	/** measured / reference, 0 when the reference is not positive (no chords to compare with). */
	public static double ratio(double measured, double reference) {
		return reference > 0 ? measured / reference : 0;
	}
}
