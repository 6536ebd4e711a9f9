package org.cathodej.task;

import java.util.concurrent.CancellationException;

/**
 * How an algorithm reports progress and learns that the user wants it to stop (Esc in Fiji). Algorithms call
 * {@link #checkCancelled()} between units of work and never touch the UI themselves.
 */
public interface Progress {

	/** @param fraction 0..1 of the whole task */
	void report(double fraction, String status);

	boolean isCancelled();

	default void checkCancelled() {
		if (isCancelled()) throw new CancellationException("Cancelled by the user");
	}

	/** A sub-range [from, to] of this progress, for steps of a larger task. */
	default Progress range(double from, double to) {
		Progress parent = this;
		return new Progress() {
			@Override
			public void report(double fraction, String status) {
				parent.report(from + (to - from) * Math.max(0, Math.min(1, fraction)), status);
			}

			@Override
			public boolean isCancelled() {
				return parent.isCancelled();
			}
		};
	}

	/** This progress with {@code prefix} before every status (which axis, which step: "along z: Iteration 12 ..."). */
	default Progress named(String prefix) {
		Progress parent = this;
		return new Progress() {
			@Override
			public void report(double fraction, String status) {
				parent.report(fraction, prefix + (status == null ? "" : status));
			}

			@Override
			public boolean isCancelled() {
				return parent.isCancelled();
			}
		};
	}

	/** Ignores reports and never cancels. */
	Progress NONE = new Progress() {
		@Override
		public void report(double fraction, String status) {}

		@Override
		public boolean isCancelled() {
			return false;
		}
	};
}
