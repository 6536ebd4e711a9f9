package org.cathodej.ij1;

import org.cathodej.run.FijiContext;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.cathodej.run.CommandResult;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.MacroOptions;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;

/**
 * The single ImageJ 1.x entry point of every CathodeJ command. plugins.config registers it once per command with
 * the command's class as argument; it takes the parameters from the macro options (or asks with a dialog built
 * from the command's {@code @Parameter}s), runs the command through {@link CommandRunner} and shows its outputs.
 * Errors abort a macro with the reason, or show an error dialog.
 */
public class CommandBridge implements PlugIn {

	@Override
	public void run(String commandClass) {
		CommandSpec spec;
		try {
			spec = CommandSpec.forName(commandClass, getClass().getClassLoader());
		} catch (RuntimeException e) {
			IJ.error("CathodeJ", e.getMessage());
			return;
		}
		String options = Macro.getOptions();
		// run("Label") without options shows the dialog, as in ImageJ; headless there is none, so defaults apply
		if (options == null && java.awt.GraphicsEnvironment.isHeadless()) options = "";
		boolean macro = options != null;
		try {
			Map<String, String> values;
			WindowImages images;
			if (macro) {
				values = MacroOptions.parse(options);
				images = new WindowImages();
			} else {
				ParameterDialog.Answer a = ParameterDialog.answer(spec);
				if (a == null) return; // dialog cancelled
				values = a.values;
				images = new WindowImages(a.images); // the images picked, not whichever has their title
			}
			long t0 = System.nanoTime();
			CommandResult r = new CommandRunner(FijiContext.get()).run(spec, values, images, new StatusBarProgress(spec.label()));
			OutputDisplay.show(r);
			IJ.showProgress(1.0);
			IJ.showStatus(spec.label() + " done in " + IJ.d2s((System.nanoTime() - t0) / 1e9, 1) + " s");
		} catch (CancellationException e) {
			IJ.showProgress(1.0);
			IJ.showStatus(spec.label() + " stopped");
			IJ.log(spec.label() + ": stopped by the user; nothing was changed.");
			logPipelineStop();
			if (macro) abortMacro(null);
		} catch (OutOfMemoryError e) {
			fail(spec.label(), "ran out of memory. Increase Edit > Options > Memory & Threads or work on a crop.", macro);
		} catch (RuntimeException e) {
			if (Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
			// a refusal with its reason (bad input, memory check, unwritable or missing file) needs no stack trace
			boolean refusal = e instanceof IllegalArgumentException || e instanceof org.cathodej.task.InsufficientMemoryException
				|| e instanceof java.io.UncheckedIOException;
			String msg = refusal || e instanceof IllegalStateException ? e.getMessage() : "unexpected " + e;
			if (!refusal) IJ.log(stackTrace(e));
			fail(spec.label(), msg, macro);
		}
	}

	private static void fail(String label, String message, boolean macro) {
		IJ.showProgress(1.0);
		String text = message.startsWith(label) ? message : label + ": " + message;
		IJ.log("CathodeJ error: " + text);
		if (macro) logPipelineStop();
		if (macro) abortMacro(text);
		else IJ.error("CathodeJ", text);
	}

	/** Stops the running macro, showing the reason as a macro error (printed when headless). */
	private static void abortMacro(String message) {
		PipelineStatus.reset(); // the pipeline macro stops here: no stale "Pipeline step" in later statuses
		Interpreter interp = Interpreter.getInstance();
		if (interp != null && message != null) interp.abort(message);
		else if (interp != null) interp.abortMacro(); // Esc: the macro stops here too (the exception alone does not stop it)
		throw new RuntimeException(Macro.MACRO_CANCELED);
	}

	/** In a pipeline macro: which steps had finished (their results stay), in the Log and the status bar. */
	private static void logPipelineStop() {
		String s = PipelineStatus.stopped();
		if (s.isEmpty()) return;
		IJ.log(s);
		IJ.showStatus(s);
	}

	private static String stackTrace(Throwable t) {
		java.io.StringWriter w = new java.io.StringWriter();
		t.printStackTrace(new java.io.PrintWriter(w));
		return w.toString();
	}
}
