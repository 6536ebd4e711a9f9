package org.cathodej.render;

import static org.junit.jupiter.api.Assertions.*;

import org.cathodej.image.Slices;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

class FibSemRendererTest {

	static final PhaseLabels PL = PhaseLabels.defaults();

	@Test
	void deterministicAndThreadIndependent() {
		PlanarImg<UnsignedByteType, ?> lab = TestVolumes.blobs(64, 48, 6, 3);
		FibSemRenderer.Params p = new FibSemRenderer.Params();
		p.driftStep = 1.5;
		p.rotationStep = 0.3;
		p.stripeAmplitude = 3000;
		p.illumination = 0.2;
		p.seed = 42;
		FibSemRenderer.Result a = FibSemRenderer.render(lab, PL, p, 1, Progress.NONE);
		FibSemRenderer.Result b = FibSemRenderer.render(lab, PL, p, 2, Progress.NONE);
		for (int z = 0; z < 6; z++) {
			assertArrayEquals((short[]) Slices.planeArray(a.bse, z), (short[]) Slices.planeArray(b.bse, z));
			assertArrayEquals((short[]) Slices.planeArray(a.se, z), (short[]) Slices.planeArray(b.se, z));
		}
		assertArrayEquals(a.dx, b.dx);
		assertEquals(0, a.dx[0]);
		assertNotEquals(0, a.dx[5]);
		p.seed = 43;
		FibSemRenderer.Result c = FibSemRenderer.render(lab, PL, p, 1, Progress.NONE);
		assertFalse(java.util.Arrays.equals((short[]) Slices.planeArray(a.bse, 3), (short[]) Slices.planeArray(c.bse, 3)));
	}

	@Test
	void greyLevelsPerPhaseWithoutBlurOrNoise() {
		PlanarImg<UnsignedByteType, ?> lab = TestVolumes.blobs(80, 80, 2, 5);
		FibSemRenderer.Params p = new FibSemRenderer.Params();
		p.blurSigma = 0;
		p.noiseSigma = 0;
		FibSemRenderer.Result r = FibSemRenderer.render(lab, PL, p, 1, Progress.NONE);
		int[] l = Slices.readInts(lab, 1, null);
		short[] bse = (short[]) Slices.planeArray(r.bse, 1), se = (short[]) Slices.planeArray(r.se, 1);
		int rims = 0;
		for (int i = 0; i < l.length; i++) {
			double want = l[i] == 0 ? p.bsePore : l[i] == 1 ? p.bseCam : p.bseIse;
			assertEquals(want, bse[i] & 0xffff, 0.5);
			double s = se[i] & 0xffff;
			if (l[i] == 0) assertEquals(p.sePore, s, 0.5);
			else if (s > (l[i] == 1 ? p.seCam : p.seIse) + 1) {
				assertEquals((l[i] == 1 ? p.seCam : p.seIse) + p.seEdge, s, 0.5);
				rims++;
			}
		}
		assertTrue(rims > 10, "pore rims should be bright in SE");
		assertTrue(p.bseCam > p.bseIse && p.bseIse > p.bsePore);
	}

	@Test
	void integerDriftIsAnExactShift() {
		PlanarImg<UnsignedByteType, ?> lab = TestVolumes.blobs(40, 30, 2, 8);
		FibSemRenderer.Params p = new FibSemRenderer.Params();
		p.noiseSigma = 0;
		p.float32 = true;
		FibSemRenderer.Result ref = FibSemRenderer.render(lab, PL, p, 1, Progress.NONE);
		p.drift = new double[][] { { 0, 0, 0 }, { 3, -2, 0 } };
		FibSemRenderer.Result r = FibSemRenderer.render(lab, PL, p, 1, Progress.NONE);
		float[] a = (float[]) Slices.planeArray(ref.bse, 1), b = (float[]) Slices.planeArray(r.bse, 1);
		for (int y = 0; y < 28; y++)
			for (int x = 3; x < 40; x++)
				assertEquals(a[(y + 2) * 40 + x - 3], b[y * 40 + x], 1e-2, "content moves by (+3, -2)");
		assertEquals(3, r.dx[1]);
		assertEquals(-2, r.dy[1]);
	}

	@Test
	void stripesAreVerticalAndIlluminationIsSmooth() {
		PlanarImg<UnsignedByteType, ?> lab = TestVolumes.blobs(64, 64, 1, 9);
		FibSemRenderer.Params p = new FibSemRenderer.Params();
		p.noiseSigma = 0;
		p.float32 = true;
		float[] clean = (float[]) Slices.planeArray(FibSemRenderer.render(lab, PL, p, 1, Progress.NONE).bse, 0);
		p.stripeAmplitude = 5000;
		float[] striped = (float[]) Slices.planeArray(FibSemRenderer.render(lab, PL, p, 1, Progress.NONE).bse, 0);
		int stripedColumns = 0;
		for (int x = 0; x < 64; x++) {
			float d0 = striped[x] - clean[x];
			if (Math.abs(d0) > 1) {
				stripedColumns++;
				// full height, amplitude fading linearly towards the bottom: constant second differences along y
				for (int y = 1; y < 63; y++) {
					float a = striped[(y - 1) * 64 + x] - clean[(y - 1) * 64 + x], b = striped[y * 64 + x] - clean[y * 64 + x],
						c = striped[(y + 1) * 64 + x] - clean[(y + 1) * 64 + x];
					assertEquals(0, a - 2 * b + c, 0.05);
					assertTrue(Math.abs(b) <= Math.abs(d0) + 0.05 && Math.abs(b) >= 0.29 * Math.abs(d0));
				}
			}
		}
		assertTrue(stripedColumns >= 1 && stripedColumns < 40, "stripes in " + stripedColumns + " columns");
		p.stripeAmplitude = 0;
		p.illumination = 0.4;
		float[] lit = (float[]) Slices.planeArray(FibSemRenderer.render(lab, PL, p, 1, Progress.NONE).bse, 0);
		assertEquals(1 - 0.4 * 0.7, lit[0] / clean[0], 1e-4);
		assertEquals(1 + 0.4 * 0.7, lit[64 * 64 - 1] / clean[64 * 64 - 1], 1e-4);
	}
}
