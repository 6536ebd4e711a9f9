package org.cathodej.commands;

import org.cathodej.phase.PhaseLabels;
import org.scijava.plugin.Parameter;

/**
 * Base of every step that reads or writes phase labels: the three label values as parameters (the one place they
 * are declared), checked and recorded as a convention by {@link #phaseLabels()}.
 */
public abstract class PhaseLabelsCommand extends CathodeJCommand {

	@Parameter(label = "Pore label", description = "label value of pore voxels", min = "0", max = "65535")
	public int pore_label = PhaseLabels.DEFAULT_PORE;

	@Parameter(label = "CAM label", description = "label value of cathode active material voxels", min = "0", max = "65535")
	public int cam_label = PhaseLabels.DEFAULT_CAM;

	@Parameter(label = "ISE label", description = "label value of solid electrolyte voxels", min = "0", max = "65535")
	public int ise_label = PhaseLabels.DEFAULT_ISE;

	/** The label values, checked; recorded as a convention. */
	protected PhaseLabels phaseLabels() {
		PhaseLabels pl = new PhaseLabels(pore_label, cam_label, ise_label);
		convention("phase_labels", pl.asMap());
		return pl;
	}
}
