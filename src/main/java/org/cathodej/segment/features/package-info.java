/**
 * Image features of the pixel classifier (Gaussian, gradient, Hessian, difference of Gaussians, ...), computed
 * slab by slab.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.segment.features;
