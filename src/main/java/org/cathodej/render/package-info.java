/**
 * Rendering of synthetic FIB-SEM images (BSE and SE contrast, drift, curtains, uneven illumination, noise) from a
 * label volume.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.render;
