package org.cathodej.illumination;

import static org.junit.jupiter.api.Assertions.*;

import org.cathodej.filter.Gauss;
import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.render.TestVolumes;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

class IlluminationCorrectorTest {

	@SuppressWarnings("unchecked")
	static RandomAccessibleInterval<? extends RealType<?>> real(Object img) {
		return (RandomAccessibleInterval<? extends RealType<?>>) img;
	}

	/** Mean grey level of the ISE pixels in the left and right quarter of slice z. */
	static double[] iseLeftRight(PlanarImg<?, ?> img, PlanarImg<UnsignedByteType, ?> lab, int z, int w, int h) {
		float[] a = Slices.readFloats(real(img), z, null);
		int[] l = Slices.readInts(lab, z, null);
		double[] s = new double[4];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				if (l[y * w + x] != 2) continue;
				if (x < w / 4) {
					s[0] += a[y * w + x];
					s[1]++;
				} else if (x >= 3 * w / 4) {
					s[2] += a[y * w + x];
					s[3]++;
				}
			}
		return new double[] { s[0] / s[1], s[2] / s[3] };
	}

	@Test
	void gradientRemovedPerSliceAnd3D() {
		int w = 192, h = 160, d = 4;
		PlanarImg<UnsignedByteType, ?> lab = TestVolumes.blobs(w, h, d, 3, 1, 8);
		FibSemRenderer.Params p = new FibSemRenderer.Params();
		p.illumination = 0.5;
		FibSemRenderer.Result r = FibSemRenderer.render(lab, PhaseLabels.defaults(), p, 2, Progress.NONE);
		double[] before = iseLeftRight(r.bse, lab, 1, w, h);
		assertTrue(before[1] / before[0] > 1.25, "rendered gradient " + before[1] / before[0]);
		VoxelSize vs = new VoxelSize(0.01, 0.01, 0.02, "um");
		for (boolean in3D : new boolean[] { false, true }) {
			IlluminationCorrector.Result c = IlluminationCorrector.correct(real(r.bse), vs, 0.3, in3D, 2, Progress.NONE);
			assertEquals(30, c.sigmaX, 1e-9);
			assertEquals(in3D ? 15 : 0, c.sigmaZ, 1e-9);
			double[] after = iseLeftRight(c.output, lab, 1, w, h);
			System.out.printf("3D=%b ISE right/left before %.3f after %.3f%n", in3D, before[1] / before[0], after[1] / after[0]);
			assertEquals(1, after[1] / after[0], 0.05);
			// same type, rescaled onto the input range
			assertTrue(c.output.firstElement() instanceof net.imglib2.type.numeric.integer.UnsignedShortType);
			double[] inR = range(real(r.bse), d), outR = range(real(c.output), d);
			assertEquals(inR[0], outR[0], 1.0);
			assertEquals(inR[1], outR[1], 1.0);
		}
	}

	static double[] range(RandomAccessibleInterval<? extends RealType<?>> img, int d) {
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		for (int z = 0; z < d; z++)
			for (float v : Slices.readFloats(img, z, null)) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		return new double[] { lo, hi };
	}

	@Test
	void largeSigmaBlurMatchesTheDirectBlur() {
		int w = 150, h = 120;
		java.util.Random r = new java.util.Random(2);
		float[] a = new float[w * h];
		for (int i = 0; i < a.length; i++) a[i] = 100 + (float) r.nextGaussian() * 10 + (i % w) * 0.5f;
		float[] fast = IlluminationCorrector.blur(a, w, h, 20, 20), exact = Gauss.blur2D(a, w, h, 20, 20, null);
		double maxErr = 0;
		for (int y = 10; y < h - 10; y++)
			for (int x = 10; x < w - 10; x++) maxErr = Math.max(maxErr, Math.abs(fast[y * w + x] - exact[y * w + x]));
		assertTrue(maxErr < 1.0, "downsampled blur differs by " + maxErr);
	}

	@Test
	void eightAndThirtyTwoBitAndBadInput() {
		PlanarImg<?, ?> b = PlanarImgs.unsignedBytes(64, 64, 2), f = PlanarImgs.floats(64, 64, 1);
		for (int z = 0; z < 2; z++) {
			byte[] a = (byte[]) Slices.planeArray(b, z);
			for (int i = 0; i < a.length; i++) a[i] = (byte) (40 + (i % 64) * 2 + (i / 64 % 7));
		}
		float[] fa = (float[]) Slices.planeArray(f, 0);
		for (int i = 0; i < fa.length; i++) fa[i] = 1 + (i % 64) * 0.01f + (i / 64 % 5) * 0.1f;
		VoxelSize vs = VoxelSize.uncalibrated();
		IlluminationCorrector.Result rb = IlluminationCorrector.correct(real(b), vs, 10, false, 1, Progress.NONE);
		assertTrue(rb.output.firstElement() instanceof UnsignedByteType);
		double[] ib = range(real(b), 2), ob = range(real(rb.output), 2);
		assertEquals(ib[0], ob[0], 0.51);
		assertEquals(ib[1], ob[1], 0.51);
		IlluminationCorrector.Result rf = IlluminationCorrector.correct(real(f), vs, 10, false, 1, Progress.NONE);
		assertTrue(rf.output.firstElement() instanceof net.imglib2.type.numeric.real.FloatType);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> IlluminationCorrector.correct(real(f), new VoxelSize(1, 1, 1, "um"), 0.5, false, 1, Progress.NONE));
		assertTrue(e.getMessage().contains("below one pixel"), e.getMessage());
	}
}
