package org.cathodej.tortuosity;

import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

/**
 * Conjugate gradients (preconditioned by a multigrid cycle, {@link AggregationMultigrid} or {@link Multigrid}, or by Jacobi) on a {@link ConductionSystem}, float vectors with double dot products
 * summed per slice in a fixed order (so the result does not depend on the thread count). Stops when the relative
 * residual (relative to that of the linear start potential) is below {@code tolerance} AND the inlet and outlet currents agree to {@code balanceTolerance}.
 */
final class PcgSolver {

	static final class Outcome {
		int iterations;
		double relResidual, balance, currentIn, currentOut;
		boolean converged, stalled;
		float[] e;
	}

	/** Iterations between recomputing the true residual in double (restarting the recurrence). */
	static final int REPLACE_EVERY = 2000;
	static final boolean TRACE = Boolean.getBoolean("pcg.trace");

	static Outcome solve(ConductionSystem s, double tolerance, double balanceTolerance, int maxIterations, Progress progress) {
		return solve(s, null, tolerance, balanceTolerance, maxIterations, progress);
	}

	/** @param mg multigrid preconditioner, or null for Jacobi */
	static Outcome solve(ConductionSystem s, Preconditioner mg, double tolerance, double balanceTolerance, int maxIterations,
		Progress progress) {
		int n = s.n, d = s.d, t = s.threads;
		// four vectors: q = A p is dead once r is updated and then holds the preconditioned residual
		float[] e = new float[n], r = new float[n], p = new float[n], q = new float[n];
		double[] part = new double[d], part2 = new double[d];
		s.residual(null, r, part, part2);
		double rr = sum(part2);
		// residuals are measured against the start residual (linear potential), floored for near-exact starts
		double bnorm = Math.max(Math.sqrt(rr), Math.sqrt(sum(part)) * 1e-3 / s.nAxis);
		double startRes = Math.max(Math.sqrt(rr) / bnorm, tolerance * 10);
		Outcome o = new Outcome();
		o.e = e;
		int it = 0, sinceRestart = 0, itAtMin = 0;
		double lastTrue = Double.POSITIVE_INFINITY, minRr = rr, rrAtRestart = rr;
		double rz = restart(s, mg, r, p, part);
		while (true) {
			o.relResidual = Math.sqrt(rr) / bnorm;
			balance(s, e, o);
			boolean met = o.relResidual <= tolerance && o.balance <= balanceTolerance;
			if (TRACE) System.out.printf(java.util.Locale.ROOT, "  it %d res %.3e bal %.3e%n", it, o.relResidual, o.balance);
			if (rr < minRr) {
				minRr = rr;
				itAtMin = it;
			}
			// the float recurrence stalls near its precision limit (or drifts): check the true residual and restart from it
			boolean stalled = it - itAtMin > 50 || rr > 1e4 * minRr;
			// residual met but not the balance: the float recurrence may have drifted from the true residual (for
			// tortuous phases the current is small, so the balance needs more than the recurrence carries): replace it
			// by the true one each time it has dropped another 1e3 since the last restart
			boolean replace = !met && o.relResidual <= tolerance && rr < 1e-6 * rrAtRestart;
			if (met || stalled || replace || sinceRestart >= REPLACE_EVERY || it >= maxIterations) {
				s.residual(e, r, part, part2);
				rr = sum(part2);
				double trueRes = Math.sqrt(rr) / bnorm;
				o.relResidual = trueRes;
				if (trueRes <= tolerance && o.balance <= balanceTolerance || rr == 0) {
					o.converged = true;
					break;
				}
				if (it >= maxIterations) break;
				if ((met || stalled || replace) && trueRes > 0.5 * lastTrue) {
					// no progress since the last check: float precision reached
					o.converged = o.balance <= balanceTolerance;
					o.stalled = true;
					break;
				}
				lastTrue = Math.min(lastTrue, trueRes);
				rz = restart(s, mg, r, p, part);
				sinceRestart = 0;
				minRr = rrAtRestart = rr;
				itAtMin = it;
			}
			if ((it & 7) == 0) report(progress, o, it, tolerance, startRes);
			// q = A p, pq = p.q
			s.apply(p, q, part);
			double pq = sum(part);
			if (!(pq > 0)) break; // breakdown (cannot happen for an SPD system in exact arithmetic)
			step(s, mg, (float) (rz / pq), e, r, p, q, part, part2);
			double rzNew = sum(part);
			rr = sum(part2);
			final float beta = (float) (rzNew / rz);
			rz = rzNew;
			direction(s, mg, beta, r, p, q);
			it++;
			sinceRestart++;
		}
		o.iterations = it;
		balance(s, e, o);
		return o;
	}

	private static void report(Progress progress, Outcome o, int it, double tolerance, double startRes) {
		progress.checkCancelled();
		double f = Math.log(Math.max(o.relResidual, tolerance) / startRes) / Math.log(tolerance / startRes);
		progress.report(Double.isFinite(f) ? Math.max(0, Math.min(1, f)) : 0,
			String.format(java.util.Locale.ROOT, "Iteration %d, residual %.2e, balance %.2e", it, o.relResidual, o.balance));
	}

	/**
	 * e += alpha p and r -= alpha q (q = A p), then the preconditioned residual: part[z] = r.z and part2[z] = r.r per
	 * slice; with the multigrid, q then holds z = M^-1 r (A p is dead once r is updated).
	 */
	private static void step(ConductionSystem s, Preconditioner mg, float alpha, float[] e, float[] r, float[] p, float[] q,
		double[] part, double[] part2) {
		int d = s.d, t = s.threads;
		if (mg == null) {
			Parallel.forEach(d, t, z -> {
				double a = 0, b = 0;
				for (int k = s.offset[z], end = s.offset[z + 1]; k < end; k++) {
					e[k] += alpha * p[k];
					float rk = r[k] - alpha * q[k];
					r[k] = rk;
					a += (double) rk * (rk / s.diag(k));
					b += (double) rk * rk;
				}
				part[z] = a;
				part2[z] = b;
			});
			return;
		}
		Parallel.forEach(d, t, z -> {
			double b = 0;
			for (int k = s.offset[z], end = s.offset[z + 1]; k < end; k++) {
				e[k] += alpha * p[k];
				float rk = r[k] - alpha * q[k];
				r[k] = rk;
				b += (double) rk * rk;
			}
			part2[z] = b;
		});
		mg.apply(r, q);
		Parallel.forEach(d, t, z -> {
			double a = 0;
			for (int k = s.offset[z], end = s.offset[z + 1]; k < end; k++) a += (double) r[k] * q[k];
			part[z] = a;
		});
	}

	/** The new search direction p = z + beta p (z = r / diag for Jacobi, q for the multigrid). */
	private static void direction(ConductionSystem s, Preconditioner mg, float beta, float[] r, float[] p, float[] q) {
		if (mg == null) Parallel.forEach(s.d, s.threads, z -> {
			for (int k = s.offset[z], end = s.offset[z + 1]; k < end; k++) p[k] = r[k] / s.diag(k) + beta * p[k];
		});
		else Parallel.forEach(s.d, s.threads, z -> {
			for (int k = s.offset[z], end = s.offset[z + 1]; k < end; k++) p[k] = q[k] + beta * p[k];
		});
	}

	private static void balance(ConductionSystem s, float[] e, Outcome o) {
		double[] cur = s.currents(e);
		o.currentIn = cur[0];
		o.currentOut = cur[1];
		o.balance = Math.abs(cur[0] - cur[1]) / Math.max(Math.abs(cur[0]), Math.abs(cur[1]));
	}

	/** p = M^-1 r; returns r.p. */
	private static double restart(ConductionSystem s, Preconditioner mg, float[] r, float[] p, double[] part) {
		if (mg != null) mg.apply(r, p);
		Parallel.forEach(s.d, s.threads, z -> {
			double rz = 0;
			for (int k = s.offset[z], end = s.offset[z + 1]; k < end; k++) {
				float zk = mg == null ? r[k] / s.diag(k) : p[k];
				p[k] = zk;
				rz += (double) r[k] * zk;
			}
			part[z] = rz;
		});
		return sum(part);
	}

	static double sum(double[] a) {
		double s = 0;
		for (double v : a) s += v;
		return s;
	}
}
