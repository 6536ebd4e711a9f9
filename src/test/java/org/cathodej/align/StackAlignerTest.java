package org.cathodej.align;

import static org.junit.jupiter.api.Assertions.*;

import org.cathodej.phase.PhaseLabels;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.render.TestVolumes;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

class StackAlignerTest {

	@SuppressWarnings("unchecked")
	static RandomAccessibleInterval<? extends RealType<?>> real(Object img) {
		return (RandomAccessibleInterval<? extends RealType<?>>) img;
	}

	static FibSemRenderer.Result drifted(int w, int h, int d, double step, double rotStep, long seed) {
		FibSemRenderer.Params p = new FibSemRenderer.Params();
		p.driftStep = step;
		p.rotationStep = rotStep;
		p.noiseSigma = 2500;
		p.blurSigma = 1.2;
		p.seed = seed;
		return FibSemRenderer.render(TestVolumes.blobs(w, h, d, seed, 0.1), PhaseLabels.defaults(), p, 2, Progress.NONE);
	}

	/** RMS translation error (px) and max angle error (deg) of the estimated drift against the rendered truth. */
	static double[] errors(DriftTable t, FibSemRenderer.Result r, int w, int h) {
		double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
		RigidTransform t0 = RigidTransform.of(r.dx[0], r.dy[0], r.angleDeg[0], cx, cy);
		double se = 0, amax = 0;
		for (int z = 0; z < t.slices(); z++) {
			RigidTransform truth = RigidTransform.of(r.dx[z], r.dy[z], r.angleDeg[z], cx, cy).after(t0.inverse());
			double ex = t.cumDx(z) - truth.dx(cx, cy), ey = t.cumDy(z) - truth.dy(cx, cy);
			se += ex * ex + ey * ey;
			amax = Math.max(amax, Math.abs(t.cumAngleDeg(z) - truth.angleDeg()));
		}
		return new double[] { Math.sqrt(se / t.slices()), amax };
	}

	@Test
	void translationDriftRecovered() {
		int w = 256, h = 256, d = 12;
		FibSemRenderer.Result r = drifted(w, h, d, 1.7, 0, 11);
		for (boolean refine : new boolean[] { false, true }) {
			StackAligner.Params p = new StackAligner.Params();
			p.refine = refine;
			DriftTable t = StackAligner.estimate(real(r.bse), p, Progress.NONE);
			double[] e = errors(t, r, w, h);
			System.out.println("translation refine=" + refine + " rms=" + e[0]);
			// phase correlation alone is a little less precise than with the intensity refinement (the default)
			assertTrue(e[0] < (refine ? 0.1 : 0.2), "RMS drift error " + e[0] + " px (refine=" + refine + ")");
			assertEquals(0, e[1], 1e-12);
			assertEquals(DriftTable.Type.TRANSLATION, t.type());
		}
	}

	@Test
	void rigidDriftRecovered() {
		int w = 256, h = 256, d = 10;
		FibSemRenderer.Result r = drifted(w, h, d, 1.5, 0.4, 12);
		StackAligner.Params p = new StackAligner.Params();
		p.transform = DriftTable.Type.RIGID_BODY;
		DriftTable t = StackAligner.estimate(real(r.bse), p, Progress.NONE);
		double[] e = errors(t, r, w, h);
		System.out.println("rigid rms=" + e[0] + " maxAngle=" + e[1]);
		assertTrue(e[0] < 0.1, "RMS drift error " + e[0] + " px");
		assertTrue(e[1] < 0.05, "angle error " + e[1] + " deg");
	}

	@Test
	void otherReferences() {
		int w = 128, h = 128, d = 8;
		FibSemRenderer.Result r = drifted(w, h, d, 1.5, 0, 13);
		for (StackAligner.Reference ref : new StackAligner.Reference[] { StackAligner.Reference.FIRST, StackAligner.Reference.RUNNING_MEAN }) {
			StackAligner.Params p = new StackAligner.Params();
			p.reference = ref;
			double[] e = errors(StackAligner.estimate(real(r.bse), p, Progress.NONE), r, w, h);
			System.out.println(ref + " rms=" + e[0]);
			assertTrue(e[0] < 0.15, ref + ": RMS drift error " + e[0] + " px");
		}
	}

	/** Slice-to-slice brightness and contrast changes (charging, beam current) do not bias the drift. */
	@Test
	void robustToContrastChanges() {
		int w = 256, h = 256, d = 8;
		FibSemRenderer.Result r = drifted(w, h, d, 1.5, 0, 14);
		java.util.Random g = new java.util.Random(5);
		for (int z = 0; z < d; z++) {
			short[] a = (short[]) org.cathodej.image.Slices.planeArray(r.bse, z);
			double gain = 0.6 + 0.8 * g.nextDouble(), offset = 4000 * g.nextDouble();
			for (int i = 0; i < a.length; i++) a[i] = (short) Math.max(0, Math.min(65535, Math.round((a[i] & 0xffff) * gain + offset)));
		}
		double[] e = errors(StackAligner.estimate(real(r.bse), new StackAligner.Params(), Progress.NONE), r, w, h);
		System.out.println("contrast changes rms=" + e[0]);
		assertTrue(e[0] < 0.1, "RMS drift error " + e[0] + " px");
	}
}
