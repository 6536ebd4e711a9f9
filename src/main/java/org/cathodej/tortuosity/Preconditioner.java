package org.cathodej.tortuosity;

/** A symmetric positive definite preconditioner of a {@link ConductionSystem}: out = M^-1 r (out is overwritten). */
interface Preconditioner {
	void apply(float[] r, float[] out);
}
