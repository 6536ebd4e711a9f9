/**
 * The pure result table (Table: rows, columns, units, notes), the one CSV writer and reader, JSON provenance, the
 * reader of "key=value;..." settings lines (KeyValues), the undefined-value rule and the version. No ResultsTable: run.ResultsTables converts once.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.results;
