package org.cathodej.ij1;

import java.awt.GraphicsEnvironment;
import java.awt.Window;

import org.cathodej.run.CommandResult;
import org.cathodej.run.ParameterSpec;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

/**
 * Shows a command's outputs the way Fiji users expect: the first table in the Results window (so macros read it
 * with getResult/nResults, headless too); further tables and plots in windows titled "&lt;command&gt; - &lt;output&gt;"
 * (plus " - &lt;input image&gt;"), which a re-run on the same image replaces instead of piling up; images in new
 * windows under titles no open image has (in batch mode they become the macro's batch images). Notes and saved
 * files go to the Log.
 */
final class OutputDisplay {

	private OutputDisplay() {}

	static void show(CommandResult r) {
		boolean headless = GraphicsEnvironment.isHeadless();
		boolean firstTable = true;
		for (ParameterSpec o : r.spec().outputs()) {
			Object v = r.output(o.name());
			if (v == null) continue;
			if (v instanceof ResultsTable) {
				ResultsTable rt = (ResultsTable) v;
				if (firstTable) {
					if (headless) Analyzer.setResultsTable(rt);
					else rt.show("Results");
					firstTable = false;
				} else if (!headless) {
					String title = windowTitle(r, o);
					boolean isNew = WindowManager.getWindow(title) == null;
					rt.show(title); // show() reuses the table window of that title
					if (isNew) cascade(WindowManager.getWindow(title));
				}
			} else if (v instanceof Plot) {
				if (!headless) showPlot((Plot) v, windowTitle(r, o));
			} else if (v instanceof ImagePlus) {
				ImagePlus imp = (ImagePlus) v;
				imp.setTitle(ImageChoice.unique(imp.getTitle()));
				if (!headless) org.cathodej.imagej.ColourKey.draw(imp); // which colour is which phase or class
				imp.show();
				if (!headless) org.cathodej.imagej.ColourKey.drawBar(imp); // where values matter: a calibration bar
			} else {
				IJ.log(r.spec().label() + ": " + o.name() + " = " + v);
			}
		}
		for (String n : r.notes()) IJ.log(r.spec().label() + ": " + n);
		if (!r.files().isEmpty()) IJ.log(r.spec().label() + ": wrote " + r.files().size() + " files to " + r.files().get(0).getParent());
	}

	/** "&lt;command&gt; - &lt;output&gt;", with the first input image's title when there is one. */
	static String windowTitle(CommandResult r, ParameterSpec output) {
		String t = r.spec().label() + " - " + output.label();
		for (ParameterSpec in : r.spec().inputs())
			if (in.kind() == ParameterSpec.Kind.IMAGE) {
				String title = r.parameters().get(in.name());
				if (title != null && !title.isEmpty()) return t + " - " + title;
			}
		return t;
	}

	/** Draws into the open plot window of that title, else opens one. */
	private static void showPlot(Plot plot, String title) {
		Window w = WindowManager.getWindow(title);
		plot.getImagePlus().setTitle(title);
		if (w instanceof PlotWindow) {
			((PlotWindow) w).drawPlot(plot);
			return;
		}
		PlotWindow pw = plot.show();
		if (pw != null) {
			pw.getImagePlus().setTitle(title);
			cascade(pw);
		}
	}

	private static int placed;

	/** New result windows step down and right from the screen's upper left instead of all opening on one spot. */
	private static void cascade(Window w) {
		if (w == null) return;
		java.awt.Rectangle screen = w.getGraphicsConfiguration().getBounds();
		int k = placed++ % 12;
		w.setLocation(screen.x + screen.width / 3 + 30 * k, screen.y + 80 + 30 * k);
	}
}
