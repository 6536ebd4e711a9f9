package org.cathodej.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cathodej.task.Progress;
import org.scijava.command.Command;

/**
 * What the {@link CommandRunner} needs of a command, so that the runner (Fiji tier) never knows a concrete command
 * (commands tier): progress, notes, conventions, and the hook {@link #standingConventions()} through which a family of
 * commands states what every one of its results must record (the label values of a label analysis).
 */
public abstract class RunnableCommand implements Command {

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

	/**
	 * Conventions every result of this command states even when its {@code run} did not record them; the runner adds
	 * each one that {@link #conventions()} lacks, after the run. None by default.
	 */
	public Map<String, Object> standingConventions() {
		return Collections.emptyMap();
	}
}
