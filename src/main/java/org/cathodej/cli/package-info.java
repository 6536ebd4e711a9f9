/**
 * The command line (cathodej): runs any command or the full analysis headless, from files, through the same runner
 * as Fiji.
 *
 * <p>
 * Tier: entry.
 * May import: every tier below it (core, fiji, commands, workflow); never tools.
 */
package org.cathodej.cli;
