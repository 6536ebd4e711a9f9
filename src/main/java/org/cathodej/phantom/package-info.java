/**
 * Generated test volumes: the synthetic cathode (spherical CAM particles, ISE, pores) and analytic phantoms with
 * known fractions, areas and chords.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.phantom;
