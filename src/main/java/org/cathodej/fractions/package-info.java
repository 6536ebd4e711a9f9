/**
 * Phase volume fractions and their profiles along x, y and z, in memory or slab by slab, and the nominal
 * composition a fraction is compared with.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.fractions;
