package org.cathodej.commands;

import org.cathodej.run.RunnableCommand;
import org.scijava.plugin.Parameter;

/**
 * Base of every CathodeJ step. Subclasses declare their inputs and outputs as {@code @Parameter} fields
 * (lowercase snake_case; {@code persist = false} on images) and nothing else; {@link org.cathodej.run.CommandRunner}
 * validates, runs, shows and saves them. Every command can write its outputs (tables as CSV with a JSON provenance
 * sidecar, plots as PNG, images as TIFF) into {@code output_dir}. Progress, notes and conventions come from
 * {@link RunnableCommand}, the runner's view of a command.
 */
public abstract class CathodeJCommand extends RunnableCommand {

	@Parameter(label = "Output folder", description = "Folder for CSV/JSON/PNG/TIFF results; empty = do not save",
		required = false, style = "directory")
	public String output_dir = "";

	@Parameter(label = "Overwrite existing files", description = "Replace result files that already exist in the output folder")
	public boolean overwrite = false;

	/** {@link #note} for the helpers of this package that are not subclasses (e.g. {@link StreamedImageOutput}). */
	final void remark(String message) {
		note(message);
	}

	/** {@link #convention} for the helpers of this package that are not subclasses. */
	final void record(String key, Object value) {
		convention(key, value);
	}
}
