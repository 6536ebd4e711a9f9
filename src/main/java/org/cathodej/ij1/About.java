package org.cathodej.ij1;

import org.cathodej.phase.PhaseLabels;
import org.cathodej.results.Version;

import ij.IJ;
import ij.plugin.PlugIn;

/** Help > About CathodeJ: version, where the documentation is, and the conventions every result states. */
public class About implements PlugIn {

	public static final String DOCS = "https://github.com/cathodej/cathodej#readme";

	@Override
	public void run(String arg) {
		PhaseLabels d = PhaseLabels.defaults();
		String text = "CathodeJ " + Version.get() + "\n3D microstructure analysis of solid-state-battery composite cathodes.\n \n"
			+ "User guide: " + DOCS + " (docs/guide)\n \n" + "Conventions (parameters of every command, written into every result's JSON sidecar):\n"
			+ "  labels: pore = " + d.pore() + ", CAM = " + d.cam() + ", ISE = " + d.ise() + "\n"
			+ "  axes: x = image width, y = image height, z = slice; the current collector is at z = 0 by default\n"
			+ "  units: the image calibration (possibly anisotropic); uncalibrated images are measured in voxels\n"
			+ "  results: the first table of a command goes to the Results window; output_dir saves CSV + JSON + PNG + TIFF";
		if (IJ.getInstance() == null || java.awt.GraphicsEnvironment.isHeadless()) IJ.log(text);
		else IJ.showMessage("About CathodeJ", text);
	}
}
