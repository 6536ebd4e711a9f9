package org.cathodej.bench;

import org.cathodej.fractions.PhaseFractions;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;

/** Phase Fractions: one pass over the labels (histogram and three profiles); should be memory-bandwidth bound. */
public final class FractionsBench implements BenchCase {

	@Override
	public String name() {
		return "fractions";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "256", "512x512x400" };
	}

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		var img = Phantoms.cathode(size);
		PhaseFractions.count(img, PhaseLabels.defaults(), threads, Progress.NONE); // warm-up (JIT)
		for (int rep = 0; rep < 3; rep++)
			out.time(name(), "phase fractions + profiles", size, threads,
				() -> PhaseFractions.count(img, PhaseLabels.defaults(), threads, Progress.NONE), "run " + (rep + 1));
	}
}
