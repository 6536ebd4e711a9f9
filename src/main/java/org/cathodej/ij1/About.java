package org.cathodej.ij1;

import org.cathodej.phase.PhaseLabels;
import org.cathodej.results.Version;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/** Help > About CathodeJ: version, the user guide (bundled; its button opens it), and the conventions every result states. */
public class About implements PlugIn {

	@Override
	public void run(String arg) {
		PhaseLabels d = PhaseLabels.defaults();
		String text = "CathodeJ " + Version.get() + "\n3D microstructure analysis of solid-state-battery composite cathodes.\n \n"
			+ "User guide: a page per command; click 'User guide' below, or Help in any CathodeJ dialog.\n"
			+ "Command line: cathodej list | help <command> | <command> image.tif key=value ... --out DIR\n \n"
			+ "Conventions (parameters of every command, written into every result's JSON sidecar):\n"
			+ "  labels: pore = " + d.pore() + ", CAM = " + d.cam() + ", ISE = " + d.ise() + "\n"
			+ "  axes: x = image width, y = image height, z = slice; the current collector is at z = 0 by default\n"
			+ "  units: the image calibration (possibly anisotropic); uncalibrated images are measured in voxels\n"
			+ "  results: the first table of a command goes to the Results window, further tables to '<command> - <table>' windows;\n"
			+ "  output_dir saves CSV + JSON + PNG + TIFF";
		if (IJ.getInstance() == null || java.awt.GraphicsEnvironment.isHeadless()) {
			IJ.log(text);
			return;
		}
		GenericDialog gd = new GenericDialog("About CathodeJ");
		gd.addMessage(text);
		String guide = Guide.index();
		if (guide != null) {
			gd.addHelp(guide);
			gd.setHelpLabel("User guide");
		}
		gd.hideCancelButton();
		gd.showDialog();
	}
}
