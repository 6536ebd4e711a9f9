package org.cathodej.connectivity;

/**
 * Which voxels count as neighbours when clusters are labelled: 6 = shared face only (conservative), 26 = shared
 * face, edge or corner. Clusters under 26-connectivity are unions of 6-connected clusters, so connected fractions
 * computed with 6 and 26 are a lower and an upper bound.
 */
public enum Connectivity {
	SIX(6), TWENTY_SIX(26);

	private final int neighbours;

	Connectivity(int neighbours) {
		this.neighbours = neighbours;
	}

	/** 6 or 26. */
	public int neighbours() { return neighbours; }

	/** Parses "6" or "26". */
	public static Connectivity of(int n) {
		if (n == 6) return SIX;
		if (n == 26) return TWENTY_SIX;
		throw new IllegalArgumentException("Connectivity must be 6 or 26, got " + n);
	}

	@Override
	public String toString() {
		return Integer.toString(neighbours);
	}
}
