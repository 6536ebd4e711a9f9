package org.cathodej.ij1;

import ij.IJ;

/**
 * Which step of a pipeline macro is running, for the status bar and the progress bar. A pipeline macro says
 * {@code call("org.cathodej.ij1.PipelineStatus.step", "3", "7", "Tortuosity")} before each step and
 * {@code call("org.cathodej.ij1.PipelineStatus.done")} at the end; each command's own progress is then shown within
 * its step ("Pipeline step 3 of 7: Tortuosity - along z (1 of 1): Iteration 12 ...").
 */
public final class PipelineStatus {

	private static volatile int step, steps;
	private static volatile String name = "";

	private PipelineStatus() {}

	/** Marks the start of step {@code i} of {@code n} (1-based); returns "" for the macro. */
	public static String step(String i, String n, String stepName) {
		try {
			step = Integer.parseInt(i.trim());
			steps = Integer.parseInt(n.trim());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("PipelineStatus.step needs step numbers, got '" + i + "' of '" + n + "'");
		}
		name = stepName;
		IJ.showStatus(prefix());
		IJ.showProgress(Math.max(0, step - 1) / (double) Math.max(1, steps));
		return "";
	}

	/** The pipeline has finished (or stopped): commands report on their own again. */
	public static String done() {
		step = steps = 0;
		name = "";
		IJ.showProgress(1.0);
		return "";
	}

	/** "Pipeline step i of n: name", or "" outside a pipeline. */
	static String prefix() {
		return steps == 0 ? "" : "Pipeline step " + step + " of " + steps + ": " + name;
	}

	/** The whole pipeline's progress when the running step is at {@code fraction}, or the fraction itself outside one. */
	static double overall(double fraction) {
		return steps == 0 ? fraction : (Math.max(0, step - 1) + fraction) / steps;
	}
}
