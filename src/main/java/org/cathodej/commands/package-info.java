/**
 * The SciJava commands (menu entries and macro commands): thin adapters that check inputs, call one algorithm and
 * turn its result into tables, plots and images. The base CathodeJCommand extends run.RunnableCommand.
 *
 * <p>
 * Tier: commands.
 * May import: core and Fiji-tier packages (imagej, run), ImageJ and SciJava; never workflow, cli or tools.
 */
package org.cathodej.commands;
