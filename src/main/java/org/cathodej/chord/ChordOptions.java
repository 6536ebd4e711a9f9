package org.cathodej.chord;

/** How chords are sampled. */
public final class ChordOptions {

	/** Lines lie every {@code spacing} voxels in both lateral directions (the paper uses 2). */
	public int spacing = 2;
	/** Keep chords that touch the volume's border (they are truncated, which biases the CLD short). */
	public boolean keepBoundaryChords = false;
	/**
	 * Weight each complete chord of n voxels on a line of L voxels by (L-1)/(L-1-n) (Miles-Lantuejoul minus-sampling
	 * correction), which removes the bias against long chords that discarding boundary chords introduces.
	 * Ignored when boundary chords are kept.
	 */
	public boolean milesLantuejoul = false;

	public ChordOptions() {}

	public ChordOptions(int spacing, boolean keepBoundaryChords, boolean milesLantuejoul) {
		if (spacing < 1) throw new IllegalArgumentException("Line spacing must be at least 1 voxel, got " + spacing);
		this.spacing = spacing;
		this.keepBoundaryChords = keepBoundaryChords;
		this.milesLantuejoul = milesLantuejoul;
	}
}
