package org.cathodej.segment.features;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TextureFeaturesTest {

	@Test
	void binaryPatternCountsBrighterNeighbours() {
		int w = 15, h = 11;
		float[] ramp = new float[w * h], flat = new float[w * h], out = new float[w * h];
		for (int i = 0; i < ramp.length; i++) {
			ramp[i] = i % w;
			flat[i] = 7;
		}
		TextureFeatures.binaryPatternCount(ramp, w, h, 2, 2, out, 0);
		// brighter: the +x axis neighbour and the two +x diagonals (away from the mirrored borders)
		for (int y = 0; y < h; y++)
			for (int x = 1; x < w - 2; x++) assertEquals(3, out[y * w + x], 0, "x " + x + " y " + y);
		TextureFeatures.binaryPatternCount(flat, w, h, 3, 3, out, 0);
		for (float v : out) assertEquals(0, v, 0);
		float[] spot = new float[w * h];
		spot[5 * w + 7] = 1;
		TextureFeatures.binaryPatternCount(spot, w, h, 1, 1, out, 0);
		assertEquals(0, out[5 * w + 7], 0);
		assertEquals(1, out[5 * w + 6], 0);
		assertEquals(1, out[4 * w + 6], 0);
		assertEquals(0, out[5 * w + 4], 0);
	}

	@Test
	void membraneProjectionsOfAThinLine() {
		int w = 31, h = 31, r = 4, n = 2 * r + 1;
		float[] img = new float[w * h];
		for (int x = 0; x < w; x++) img[15 * w + x] = 1; // a horizontal bright wall in row 15
		float[][] o = { new float[w * h], new float[w * h], new float[w * h] };
		TextureFeatures.membraneProjections(img, w, h, r, o, 0);
		int on = 15 * w + 15, off = 3 * w + 15;
		assertEquals(1, o[0][on], 1e-6, "along the wall the line mean is 1");
		assertEquals(1.0 / n, o[1][on], 1e-6, "across the wall one of the 2r+1 pixels is on it");
		assertTrue(o[2][on] > 0.1);
		assertEquals(0, o[0][off], 0);
		assertEquals(0, o[2][off], 0);
		// brute force at one pixel and orientation 45 degrees: the diagonal line crosses the wall once
		double sum = 0;
		for (int i = -r; i <= r; i++) sum += img[(15 + i) * w + 15 + i];
		assertTrue(sum / n >= o[1][on] - 1e-6 && sum / n <= o[0][on] + 1e-6);
	}

	@Test
	void membraneProjectionsMatchBruteForceWithMirroredBorders() {
		int w = 23, h = 19, r = 3, n = 2 * r + 1, k = TextureFeatures.ORIENTATIONS;
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
		float[] img = new float[w * h];
		for (int i = 0; i < img.length; i++) img[i] = (float) rnd.nextDouble();
		float[][] o = { new float[w * h], new float[w * h], new float[w * h] };
		TextureFeatures.membraneProjections(img, w, h, r, o, 0);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double max = -1, min = 2, s = 0, s2 = 0;
				for (int a = 0; a < k; a++) {
					double t = Math.PI * a / k, sum = 0;
					for (int i = -r; i <= r; i++) {
						int xx = org.cathodej.filter.Gauss.mirror(x + (int) Math.round(i * Math.cos(t)), w);
						int yy = org.cathodej.filter.Gauss.mirror(y + (int) Math.round(i * Math.sin(t)), h);
						sum += img[yy * w + xx];
					}
					double m = (float) (sum / n);
					max = Math.max(max, m);
					min = Math.min(min, m);
					s += m;
					s2 += m * m;
				}
				double sd = Math.sqrt(Math.max(0, s2 / k - (s / k) * (s / k)));
				assertEquals(max, o[0][y * w + x], 1e-6);
				assertEquals(min, o[1][y * w + x], 1e-6);
				assertEquals(sd, o[2][y * w + x], 1e-5);
			}
	}

	@Test
	void newFamiliesRoundTripInSettings() {
		FeatureSettings fs = new FeatureSettings(false, new double[] { 1, 2 }, "voxel", FeatureSettings.parseFamilies("gauss,lbp,membrane"), 1);
		assertEquals(1 + 2 * (1 + 1 + 3), fs.numFeatures());
		assertEquals(fs, FeatureSettings.parse(fs.encode()));
		assertTrue(fs.featureNames().contains("c1_membrane3_s2"));
		assertTrue(fs.featureNames().contains("c1_lbp_s1"));
	}
}
