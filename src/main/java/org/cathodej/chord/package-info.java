/**
 * Chord length distributions, UI-free: {@link org.cathodej.chord.ChordAnalyzer#measure} records exact
 * integer-length chord histograms of every voxel class along x, y and z on lines {@code spacing} voxels apart
 * ({@link org.cathodej.chord.ChordOptions}: boundary chords discarded by default, optional Miles-Lantuejoul
 * weights); {@link org.cathodej.chord.ChordDistribution} gives calibrated n, mean, median, total length and
 * count-/length-weighted histograms; {@link org.cathodej.chord.ChordResult#cauchyMean} the Cauchy check phi/N_L.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.chord;
