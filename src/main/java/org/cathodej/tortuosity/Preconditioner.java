package org.cathodej.tortuosity;

/** A symmetric positive definite preconditioner of a {@link ConductionSystem}: out = M^-1 r (out, a vector other than r, is overwritten; it may serve as scratch meanwhile). */
interface Preconditioner {
	void apply(float[] r, float[] out);
}
