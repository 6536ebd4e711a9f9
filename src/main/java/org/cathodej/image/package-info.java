/**
 * Pure image helpers on ImgLib2 planar images: planes and wrapping, slices, voxel size and units, PSNR, the
 * BigTIFF reader. The ImageJ-backed counterparts live in org.cathodej.imagej.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.image;
