package org.cathodej.ij1;

import java.awt.GraphicsEnvironment;

import org.cathodej.run.CommandResult;
import org.cathodej.run.ParameterSpec;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

/**
 * Shows a command's outputs the way Fiji users expect: the first table in the Results window (so macros read it
 * with getResult/nResults, headless too), further tables in windows titled by their label, plots and images in
 * windows (in batch mode images become the macro's batch images). Notes and saved files go to the Log.
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
				} else if (!headless) rt.show(o.label());
			} else if (v instanceof Plot) {
				if (!headless) ((Plot) v).show();
			} else if (v instanceof ImagePlus) {
				((ImagePlus) v).show();
			} else {
				IJ.log(r.spec().label() + ": " + o.name() + " = " + v);
			}
		}
		for (String n : r.notes()) IJ.log(r.spec().label() + ": " + n);
		if (!r.files().isEmpty()) IJ.log(r.spec().label() + ": wrote " + r.files().size() + " files to " + r.files().get(0).getParent());
	}
}
