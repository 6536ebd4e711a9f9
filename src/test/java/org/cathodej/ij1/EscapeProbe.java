package org.cathodej.ij1;

import java.awt.event.KeyEvent;

import ij.IJ;

/**
 * Runs inside a patched ImageJ (see {@link PipelineStopTest}): presses Esc, as a user would, once a CathodeJ command
 * is running (its runner is on some thread's stack, so the command's progress has already been reset).
 */
public final class EscapeProbe {

	private EscapeProbe() {}

	/** Starts a watcher that presses Esc while the next command runs; returns "" for the macro. */
	public static String pressDuringNextCommand() {
		Thread t = new Thread(() -> {
			for (int i = 0; i < 6000; i++) {
				if (commandRunning()) {
					IJ.setKeyDown(KeyEvent.VK_ESCAPE);
					return;
				}
				IJ.wait(5);
			}
		}, "EscapeProbe");
		t.setDaemon(true);
		t.start();
		return "";
	}

	private static boolean commandRunning() {
		for (StackTraceElement[] st : Thread.getAllStackTraces().values())
			for (StackTraceElement e : st)
				if (e.getClassName().equals("org.cathodej.run.CommandRunner") && e.getMethodName().equals("run")) return true;
		return false;
	}
}
