/**
 * Exact Euclidean distance transform of label volumes (separable, squared distances), used by the pores package: in
 * memory (EuclideanDistance) or in bounded memory through a float file on disk (StreamedDistance), bit-identical.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.distance;
