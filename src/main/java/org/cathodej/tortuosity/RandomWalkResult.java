package org.cathodej.tortuosity;

/** Mean squared displacement curves and tortuosity factors of a lattice random walk. */
public final class RandomWalkResult {
	/** Volume fraction of the phase. */
	public double phi;
	public int walkers;
	public long steps;
	/** Step counts at which the MSD was sampled. */
	public long[] time;
	/** MSD along x, y, z and total (index 3), in calibrated units^2, per sample. */
	public double[][] msd;
	/** Fit window (steps). */
	public long fitFirstStep, fitLastStep;
	/** MSD slope per step (x, y, z, total) and its standard error over independent walker groups. */
	public double[] slope, slopeError;
	/** Tortuosity factor x, y, z, total = free-space slope / measured slope, and its standard error. */
	public double[] tau, tauError;
}
