/**
 * The HTML analysis report of one or more samples (key numbers, plots, mid-slices, provenance) and the Analysis
 * Report command.
 *
 * <p>
 * Tier: workflow.
 * May import: core, Fiji-tier packages, commands and the other workflow packages; never cli or tools.
 */
package org.cathodej.workflow.report;
