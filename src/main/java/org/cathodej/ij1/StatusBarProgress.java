package org.cathodej.ij1;

import org.cathodej.task.Progress;

import ij.IJ;

/** Progress in Fiji's status bar (within the running pipeline step, if any: {@link PipelineStatus}); Esc cancels. */
final class StatusBarProgress implements Progress {

	private final String step;
	private long lastShown;

	StatusBarProgress(String step) {
		this.step = step;
		IJ.resetEscape();
	}

	@Override
	public void report(double fraction, String status) {
		long now = System.nanoTime();
		if (now - lastShown < 100_000_000L && fraction < 1) return; // at most 10 updates per second
		lastShown = now;
		String pipeline = PipelineStatus.prefix();
		IJ.showProgress(PipelineStatus.overall(Math.min(1, fraction)));
		IJ.showStatus((pipeline.isEmpty() ? "" : pipeline + " - ") + step + ": " + (status == null ? "" : status) + " (Esc to stop)");
	}

	@Override
	public boolean isCancelled() {
		return IJ.escapePressed();
	}
}
