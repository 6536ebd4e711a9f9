/**
 * Segmentation: pixel classifier (random forest on image features), training regions (scribbles), threshold
 * segmentation, intensity normalisation, cleanup, label import and comparison with ground truth.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.segment;
