package org.cathodej.ij1;

import java.util.ArrayList;
import java.util.List;

import ij.IJ;

/**
 * Which step of a pipeline macro is running, for the status bar and the progress bar. A pipeline macro says
 * {@code call("org.cathodej.ij1.PipelineStatus.step", "my_pipeline", "3", "7", "Tortuosity")} before each step and
 * {@code call("org.cathodej.ij1.PipelineStatus.done", "my_pipeline")} at the end; each command's own progress is then
 * shown within its step ("Pipeline step 3 of 7: Tortuosity - along z (1 of 1): Iteration 12 ..."). A pipeline run by
 * another (main_job.ijm runs analyse_labels.ijm) nests inside the outer step ("Pipeline step 2 of 4: Analyse labels &gt;
 * step 3 of 9: ..."). When the user stops a command with Esc, {@link #stopped()} says which steps had finished: their
 * tables, images and files stay (nothing a finished step made is undone).
 */
public final class PipelineStatus {

	/** One running pipeline: its name, the running step and the names of the steps finished before it. */
	private static final class Level {
		final String pipeline;
		int step, steps;
		String name = "";
		final List<String> finished = new ArrayList<>();

		Level(String pipeline) {
			this.pipeline = pipeline;
		}
	}

	private static final List<Level> levels = new ArrayList<>();

	private PipelineStatus() {}

	/** Step {@code i} of {@code n} of the (unnamed) pipeline; for macros written before pipelines had names. */
	public static String step(String i, String n, String stepName) {
		return step("", i, n, stepName);
	}

	/** Marks the start of step {@code i} of {@code n} (1-based) of {@code pipeline}; returns "" for the macro. */
	public static synchronized String step(String pipeline, String i, String n, String stepName) {
		int k, total;
		try {
			k = Integer.parseInt(i.trim());
			total = Integer.parseInt(n.trim());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("PipelineStatus.step needs step numbers, got '" + i + "' of '" + n + "'");
		}
		Level l = level(pipeline);
		if (l.steps > 0 && k > l.step) l.finished.add(l.step + " " + l.name);
		l.step = k;
		l.steps = total;
		l.name = stepName;
		IJ.showStatus(prefix());
		IJ.showProgress(overall(0));
		return "";
	}

	/** The level of {@code pipeline}: the running one, an outer one (inner levels ended), or a new inner one. */
	private static Level level(String pipeline) {
		for (int at = levels.size() - 1; at >= 0; at--)
			if (levels.get(at).pipeline.equals(pipeline)) {
				while (levels.size() > at + 1) levels.remove(levels.size() - 1);
				return levels.get(at);
			}
		Level l = new Level(pipeline);
		levels.add(l);
		return l;
	}

	/** The (unnamed) pipeline has finished. */
	public static String done() {
		return done("");
	}

	/** {@code pipeline} has finished (with any pipeline it ran): an outer pipeline's step goes on, or commands report on their own again. */
	public static synchronized String done(String pipeline) {
		for (int at = levels.size() - 1; at >= 0; at--)
			if (levels.get(at).pipeline.equals(pipeline)) {
				while (levels.size() > at) levels.remove(levels.size() - 1);
				break;
			}
		IJ.showProgress(levels.isEmpty() ? 1.0 : overall(0));
		if (!levels.isEmpty()) IJ.showStatus(prefix());
		return "";
	}

	/** The macro stopped (Esc or an error): no pipeline is running any more. */
	static synchronized void reset() {
		levels.clear();
	}

	/**
	 * What a stop (Esc) during a pipeline leaves: "Pipeline stopped during step 3 of 9 (Surface and Interface Areas);
	 * finished: 1 Phase Fractions, 2 Connectivity ...; their tables, images and files are kept.", or "" outside one.
	 */
	static synchronized String stopped() {
		if (levels.isEmpty()) return "";
		StringBuilder during = new StringBuilder(), finished = new StringBuilder();
		for (Level l : levels) {
			during.append(during.length() == 0 ? "step " : " > step ").append(l.step).append(" of ").append(l.steps).append(" (").append(l.name).append(')');
			for (String f : l.finished) finished.append(finished.length() == 0 ? "" : ", ").append(f);
		}
		return "Pipeline stopped during " + during + "; "
			+ (finished.length() == 0 ? "no step had finished." : "finished: " + finished + "; their tables, images and files are kept.");
	}

	/** "Pipeline step i of n: name" (nested: "... &gt; step j of m: name"), or "" outside a pipeline. */
	static synchronized String prefix() {
		StringBuilder s = new StringBuilder();
		for (Level l : levels)
			s.append(s.length() == 0 ? "Pipeline step " : " > step ").append(l.step).append(" of ").append(l.steps).append(": ").append(l.name);
		return s.toString();
	}

	/** The whole (outermost) pipeline's progress when the running step is at {@code fraction}, or the fraction itself outside one. */
	static synchronized double overall(double fraction) {
		double f = fraction;
		for (int at = levels.size() - 1; at >= 0; at--) {
			Level l = levels.get(at);
			f = (Math.max(0, l.step - 1) + f) / Math.max(1, l.steps);
		}
		return f;
	}
}
