/**
 * Sample series: a table of samples and descriptors, each analysed by the suite, compared in one table and plots
 * (Sample Series command).
 *
 * <p>
 * Tier: workflow.
 * May import: core, Fiji-tier packages, commands and the other workflow packages; never cli or tools.
 */
package org.cathodej.workflow.series;
