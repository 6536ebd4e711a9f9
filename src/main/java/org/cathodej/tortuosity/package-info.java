/**
 * Tortuosity and effective conductivity: the flux (steady-state diffusion) solver with its preconditioners and the
 * random-walk estimate, with result types.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.tortuosity;
