/**
 * Drift correction of FIB-SEM stacks: phase correlation with sub-pixel refinement, rigid transforms, the drift
 * table (read in any of the accepted formats, written by the one CSV writer) and their application to a stack.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.align;
