package org.cathodej.run;

import org.cathodej.commands.LabelAnalysisCommand;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Test-only command that, like every truly 3D analysis, insists on a stack. */
@Plugin(type = Command.class, label = "Needs 3D (test)")
public class Needs3DCommand extends LabelAnalysisCommand {
	@Override
	public void run() {
		labelVolume(true, "Needs 3D (test)");
	}
}
