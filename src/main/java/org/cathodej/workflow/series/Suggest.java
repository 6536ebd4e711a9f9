package org.cathodej.workflow.series;

import java.util.ArrayList;
import java.util.List;

/** Closest names to a misspelt one, by Levenshtein distance: for "did you mean" messages. */
public final class Suggest {

	private Suggest() {}

	/** Levenshtein distance: fewest single-character insertions, deletions and substitutions turning a into b. */
	public static int distance(String a, String b) {
		int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) prev[j] = j;
		for (int i = 1; i <= a.length(); i++) {
			cur[0] = i;
			for (int j = 1; j <= b.length(); j++)
				cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
			int[] t = prev;
			prev = cur;
			cur = t;
		}
		return prev[b.length()];
	}

	/** The at most n names closest to {@code name}, closest first (ties in the given order). */
	public static List<String> closest(String name, List<String> names, int n) {
		List<String> near = new ArrayList<>(names);
		near.sort((a, b) -> Integer.compare(distance(name, a), distance(name, b)));
		return near.subList(0, Math.min(n, near.size()));
	}
}
