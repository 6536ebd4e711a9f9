package org.cathodej.commands;

import java.util.List;

import org.cathodej.tortuosity.FluxResult;

/** Test access to the command's note on an Esc (package-private there). */
public final class TortuosityFluxCommandNotes {

	private TortuosityFluxCommandNotes() {}

	public static String stopped(List<FluxResult> done, int[] axes) {
		return TortuosityFluxCommand.stoppedNote(done, axes);
	}
}
