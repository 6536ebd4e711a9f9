/**
 * Curtain (stripe) removal from FIB-SEM slices: wavelet-Fourier destriping, the automatic parameter choice and the
 * stripe layer (input minus output) it removed.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.destripe;
