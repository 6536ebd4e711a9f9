package org.cathodej.workflow.series;

import java.util.ArrayList;
import java.util.List;

/**
 * Which descriptors a series plots, from the user's text: comma-separated names ({@code <analysis>.<row>.<column>})
 * and/or {@code key} for the key descriptors. Unknown names fail with the closest known ones.
 */
public final class DescriptorChoice {

	private DescriptorChoice() {}

	/** Fails early (before any analysis runs) on a name whose analysis stem is none of {@code stems}. */
	public static void checkStems(String descriptors, List<String> stems) {
		for (String d : descriptors.split(",")) {
			d = d.trim();
			if (d.isEmpty() || d.equalsIgnoreCase("key")) continue;
			boolean known = false;
			for (String s : stems) known |= d.startsWith(s + ".");
			if (!known)
				throw new IllegalArgumentException("Unknown descriptor '" + d + "': descriptors are named <analysis>.<row>.<column> with <analysis> one of "
					+ String.join(", ", stems) + " (e.g. phase_fractions.pore.volume_fraction), or 'key'.");
		}
	}

	/** The chosen names in the order given, without repeats; {@code key} expands to {@code keys}. */
	public static List<String> choose(String descriptors, List<String> keys, List<String> available) {
		List<String> chosen = new ArrayList<>();
		for (String d : descriptors.split(",")) {
			d = d.trim();
			if (d.isEmpty()) continue;
			if (d.equalsIgnoreCase("key")) {
				for (String k : keys) if (!chosen.contains(k)) chosen.add(k);
			} else if (available.contains(d)) {
				if (!chosen.contains(d)) chosen.add(d);
			} else throw new IllegalArgumentException("Unknown descriptor '" + d + "'. Closest: " + String.join(", ", Suggest.closest(d, available, 5))
				+ ". The comparison table lists all " + available.size() + " (descriptors=key picks the key ones).");
		}
		if (chosen.isEmpty()) throw new IllegalArgumentException("No descriptor to plot: give descriptors=key or descriptor names.");
		return chosen;
	}
}
