package org.cathodej.commands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cathodej.task.Progress;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;

/**
 * Base of every CathodeJ step. Subclasses declare their inputs and outputs as {@code @Parameter} fields
 * (lowercase snake_case; {@code persist = false} on images) and nothing else; {@link org.cathodej.run.CommandRunner}
 * validates, runs, shows and saves them. Every command can write its outputs (tables as CSV with a JSON provenance
 * sidecar, plots as PNG, images as TIFF) into {@code output_dir}.
 */
public abstract class CathodeJCommand implements Command {

	@Parameter(label = "Output folder", description = "Folder for CSV/JSON/PNG/TIFF results; empty = do not save",
		required = false, style = "directory")
	public String output_dir = "";

	@Parameter(label = "Overwrite existing files", description = "Replace result files that already exist in the output folder")
	public boolean overwrite = false;

	private transient Progress progress = Progress.NONE;
	private final transient List<String> notes = new ArrayList<>();
	private final transient Map<String, Object> conventions = new LinkedHashMap<>();

	/** Set by the runner before {@link #run()}: reports to Fiji's progress bar and sees Esc. */
	public void setProgress(Progress progress) {
		this.progress = progress == null ? Progress.NONE : progress;
	}

	protected Progress progress() {
		return progress;
	}

	/** A remark for the user (logged, and written into the provenance), e.g. "no calibration: voxel units". */
	protected void note(String message) {
		notes.add(message);
	}

	public List<String> notes() {
		return Collections.unmodifiableList(notes);
	}

	/**
	 * Records a convention that is not itself a parameter (boundary handling, estimator names, units) so that it
	 * lands in every result's provenance.
	 */
	protected void convention(String key, Object value) {
		conventions.put(key, value);
	}

	public Map<String, Object> conventions() {
		return Collections.unmodifiableMap(conventions);
	}
}
