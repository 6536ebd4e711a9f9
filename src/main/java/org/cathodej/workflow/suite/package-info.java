/**
 * The full analysis of one label image: AnalysisSuite runs the commands of its ANALYSES list with one set of
 * options.
 *
 * <p>
 * Tier: workflow.
 * May import: core, Fiji-tier packages, commands and the other workflow packages; never cli or tools.
 */
package org.cathodej.workflow.suite;
