/**
 * The runner: reads a command's parameters (CommandSpec, ParameterSpec), checks and runs it in the SciJava context
 * (FijiContext), saves its outputs with provenance (ResultFiles) and converts pure tables to ResultsTables once.
 * The one path for menus, macros, scripts and the command line. Commands reach it only through RunnableCommand.
 *
 * <p>
 * Tier: fiji.
 * May import: core packages, the other Fiji-tier packages, ImageJ 1.x, SciJava and AWT; never commands, workflow,
 * cli or tools.
 */
package org.cathodej.run;
