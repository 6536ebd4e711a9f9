package org.cathodej.filter;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class GaussTest {

	/** Brute force: 2D convolution with the product kernel and mirrored borders. */
	@Test
	void separableBlurMatchesBruteForce() {
		java.util.Random r = new java.util.Random(1);
		int w = 23, h = 17;
		float[] a = new float[w * h];
		for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
		double sx = 1.3, sy = 2.1;
		float[] got = Gauss.blur2D(a, w, h, sx, sy, null);
		float[] kx = Gauss.kernel(sx), ky = Gauss.kernel(sy);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int j = -(ky.length - 1); j < ky.length; j++)
					for (int i = -(kx.length - 1); i < kx.length; i++)
						s += kx[Math.abs(i)] * ky[Math.abs(j)] * a[Gauss.mirror(y + j, h) * w + Gauss.mirror(x + i, w)];
				assertEquals(s, got[y * w + x], 1e-5);
			}
		float[] c = new float[w * h];
		java.util.Arrays.fill(c, 5f);
		for (float v : Gauss.blur2D(c, w, h, 30, 30, null)) assertEquals(5f, v, 1e-4, "constant stays constant even when the kernel exceeds the image");
	}

	@Test
	void mirrorRepeatsTheEdge() {
		assertEquals(0, Gauss.mirror(-1, 5));
		assertEquals(1, Gauss.mirror(-2, 5));
		assertEquals(4, Gauss.mirror(5, 5));
		assertEquals(3, Gauss.mirror(6, 5));
		assertEquals(0, Gauss.mirror(10, 5));
		assertEquals(0, Gauss.mirror(7, 1));
	}
}
