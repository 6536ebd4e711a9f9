/**
 * The three phases (pore, CAM, ISE), their label values and the one label-to-class lookup (LabelLut, with its
 * 0..65535 check) every analysis uses; phase indices to label volumes.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.phase;
