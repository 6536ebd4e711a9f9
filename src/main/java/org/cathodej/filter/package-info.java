/**
 * Shared image filters and numerics: the one separable Gaussian with its border rule, rank filters, interpolation
 * and the symmetric 3x3 eigen solver, used by the feature computer, pores, alignment and illumination.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.filter;
