/**
 * Pore analysis: local thickness (largest inscribed sphere), pore size distribution, isolated voids and crack-like
 * voids, with the derived numbers in PoreAnalysis.Result; in memory, or slab by slab with identical numbers
 * (StreamedPoreAnalysis, StreamedLocalThickness).
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.pores;
