package org.cathodej.segment.features;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import org.cathodej.image.VoxelSize;
import org.cathodej.segment.features.FeatureSettings.Family;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.real.FloatType;

class FeatureComputerTest {

	static PlanarImg<FloatType, ?> random(int w, int h, int d, long seed) {
		PlanarImg<FloatType, ?> img = PlanarImgs.floats(w, h, d);
		SplittableRandom r = new SplittableRandom(seed);
		for (int z = 0; z < d; z++) {
			float[] a = (float[]) org.cathodej.image.Slices.planeArray(img, z);
			for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextDouble() * 100);
		}
		return img;
	}

	static PlanarImg<FloatType, ?> fill(int w, int h, int d, java.util.function.IntFunction<Float>... unused) {
		return PlanarImgs.floats(w, h, d);
	}

	@Test
	void slabsGiveBitIdenticalFeaturesToTheWholeVolume() {
		int w = 21, h = 17, d = 19;
		PlanarImg<FloatType, ?> img = random(w, h, d, 3);
		VoxelSize vs = new VoxelSize(0.5, 0.5, 0.8, "um");
		FeatureSettings fs = new FeatureSettings(true, new double[] { 0.5, 1.0 }, "um", EnumSet.allOf(Family.class), 1);
		FeatureComputer fc = new FeatureComputer(fs, vs, w, h, d);
		assertTrue(fc.halo() >= 2);
		List<PlanarImg<FloatType, ?>> ch = Collections.singletonList(img);
		float[][] whole = fc.compute(ch, 0, d, 2, Progress.NONE);
		assertEquals(fs.numFeatures(), whole.length);
		for (int z0 = 0; z0 < d; z0 += 4) {
			int z1 = Math.min(d, z0 + 4);
			float[][] part = fc.compute(ch, z0, z1, 1, Progress.NONE);
			for (int f = 0; f < whole.length; f++)
				assertArrayEquals(Arrays.copyOfRange(whole[f], z0 * w * h, z1 * w * h), part[f], 0f,
					"feature " + fs.featureNames().get(f) + " slab " + z0);
		}
	}

	@Test
	void twoDimensionalFeaturesOfASliceDoNotSeeOtherSlices() {
		int w = 16, h = 13, d = 5;
		PlanarImg<FloatType, ?> img = random(w, h, d, 5);
		PlanarImg<FloatType, ?> one = PlanarImgs.floats(w, h, 1);
		System.arraycopy(img.getPlane(2).getCurrentStorageArray(), 0, one.getPlane(0).getCurrentStorageArray(), 0, w * h);
		FeatureSettings fs = new FeatureSettings(false, new double[] { 1, 2 }, "voxel", EnumSet.allOf(Family.class), 1);
		float[][] a = new FeatureComputer(fs, VoxelSize.uncalibrated(), w, h, d).compute(Collections.singletonList(img), 2, 3, 2, Progress.NONE);
		float[][] b = new FeatureComputer(fs, VoxelSize.uncalibrated(), w, h, 1).compute(Collections.singletonList(one), 0, 1, 2, Progress.NONE);
		for (int f = 0; f < a.length; f++) assertArrayEquals(b[f], a[f], 0f);
		assertEquals(0, new FeatureComputer(fs, VoxelSize.uncalibrated(), w, h, d).halo());
	}

	@Test
	void analyticDerivativesOfAQuadratic() {
		// f = 3x^2 - 2y^2 + 0.5z^2 + 4xy (calibrated coordinates): Hessian is constant, gradient known
		int w = 40, h = 40, d = 40;
		VoxelSize vs = new VoxelSize(0.5, 0.5, 1.0, "um");
		PlanarImg<FloatType, ?> img = PlanarImgs.floats(w, h, d);
		for (int z = 0; z < d; z++) {
			float[] a = (float[]) org.cathodej.image.Slices.planeArray(img, z);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double X = (x - 20) * 0.5, Y = (y - 20) * 0.5, Z = (z - 20) * 1.0;
					a[y * w + x] = (float) (3 * X * X - 2 * Y * Y + 0.5 * Z * Z + 4 * X * Y);
				}
		}
		FeatureSettings fs = new FeatureSettings(true, new double[] { 1 }, "um",
			EnumSet.of(Family.GAUSSIAN, Family.GRADIENT, Family.HESSIAN), 1);
		FeatureComputer fc = new FeatureComputer(fs, vs, w, h, d);
		float[][] f = fc.compute(Collections.singletonList(img), 18, 23, 2, Progress.NONE);
		// eigenvalues of [[6, 4, 0], [4, -4, 0], [0, 0, 1]]: 1 +- sqrt(25+16), 1
		double l1 = 1 + Math.sqrt(41), l3 = 1 - Math.sqrt(41);
		int i = (20 - 18) * w * h + 20 * w + 20; // centre voxel
		List<String> names = fs.featureNames();
		assertEquals("c1_hessian1_s1", names.get(3));
		assertEquals(l1, f[3][i], 1e-2);
		assertEquals(1, f[4][i], 1e-2);
		assertEquals(l3, f[5][i], 1e-2);
		// gradient at (x = 24, y = 20, z = 20): X = 2, Y = 0 -> (12 + 0, -0 + 8, 0) -> |g| = sqrt(208)
		int j = (20 - 18) * w * h + 20 * w + 24;
		assertEquals(Math.sqrt(208), f[2][j], 0.05);
	}

	@Test
	void minMaxMedianMatchBruteForce() {
		int w = 12, h = 11, d = 9;
		PlanarImg<FloatType, ?> img = random(w, h, d, 7);
		VoxelSize vs = new VoxelSize(1, 1, 2, "nm");
		FeatureSettings fs = new FeatureSettings(true, new double[] { 2 }, "nm", EnumSet.of(Family.MIN, Family.MAX, Family.MEDIAN), 1);
		float[][] f = new FeatureComputer(fs, vs, w, h, d).compute(Collections.singletonList(img), 0, d, 2, Progress.NONE);
		int rx = 2, ry = 2, rz = 1;
		float[][] p = new float[d][];
		for (int z = 0; z < d; z++) p[z] = (float[]) org.cathodej.image.Slices.planeArray(img, z);
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					float[] v = new float[(2 * rx + 1) * (2 * ry + 1) * (2 * rz + 1)];
					int n = 0;
					for (int k = -rz; k <= rz; k++)
						for (int j = -ry; j <= ry; j++)
							for (int i = -rx; i <= rx; i++)
								v[n++] = p[org.cathodej.filter.Gauss.mirror(z + k, d)][org.cathodej.filter.Gauss.mirror(y + j, h) * w + org.cathodej.filter.Gauss.mirror(x + i, w)];
					Arrays.sort(v);
					int idx = z * w * h + y * w + x;
					assertEquals(v[0], f[1][idx], 0f);
					assertEquals(v[n - 1], f[2][idx], 0f);
					assertEquals(v[n / 2], f[3][idx], 0f);
				}
	}

	@Test
	void gaussianKeepsConstantsAndVarianceOfConstantIsZero() {
		int w = 9, h = 8, d = 7;
		PlanarImg<FloatType, ?> img = PlanarImgs.floats(w, h, d);
		for (int z = 0; z < d; z++) Arrays.fill((float[]) org.cathodej.image.Slices.planeArray(img, z), 42f);
		FeatureSettings fs = new FeatureSettings(true, new double[] { 1, 3 }, "voxel", EnumSet.of(Family.GAUSSIAN, Family.VARIANCE, Family.DOG), 1);
		float[][] f = new FeatureComputer(fs, VoxelSize.uncalibrated(), w, h, d).compute(Collections.singletonList(img), 0, d, 1, Progress.NONE);
		for (int i = 0; i < w * h * d; i++) {
			assertEquals(42, f[1][i], 1e-3);
			assertEquals(0, f[2][i], 1e-3);
			assertEquals(0, f[3][i], 0.05);
			assertEquals(42, f[4][i], 1e-3);
		}
	}

	@Test
	void eigenvaluesSatisfyTheCharacteristicPolynomial() {
		SplittableRandom r = new SplittableRandom(11);
		double[] ev = new double[3];
		for (int t = 0; t < 1000; t++) {
			double a = r.nextDouble(-5, 5), b = r.nextDouble(-5, 5), c = r.nextDouble(-5, 5), dd = r.nextDouble(-5, 5),
				e = t % 3 == 0 ? 0 : r.nextDouble(-5, 5), f = t % 5 == 0 ? 0 : r.nextDouble(-5, 5);
			org.cathodej.filter.Eigen3.symmetric3(a, b, c, dd, e, f, ev);
			assertTrue(ev[0] >= ev[1] - 1e-9 && ev[1] >= ev[2] - 1e-9);
			assertEquals(a + b + c, ev[0] + ev[1] + ev[2], 1e-8);
			double det = a * (b * c - f * f) - dd * (dd * c - f * e) + e * (dd * f - b * e);
			double m = Math.max(Math.abs(ev[0]), Math.abs(ev[2]));
			assertEquals(det, ev[0] * ev[1] * ev[2], 1e-6 * (1 + m * m * m));
			for (double l : ev) // each eigenvalue is a root of det(A - l I)
				assertEquals(0, (a - l) * ((b - l) * (c - l) - f * f) - dd * (dd * (c - l) - f * e) + e * (dd * f - (b - l) * e), 1e-6 * (1 + m * m * m));
		}
	}

	@Test
	void fastArccosIsAccurate() {
		for (double x = -1; x <= 1; x += 1e-4) assertEquals(Math.acos(x), org.cathodej.filter.Eigen3.acos(x), 5e-8, "x=" + x);
	}

	@Test
	void settingsRoundTripAndNames() {
		FeatureSettings fs = new FeatureSettings(true, new double[] { 2, 0.5 }, "nm", FeatureSettings.parseFamilies("gauss, hessian,median"), 2);
		assertEquals(fs, FeatureSettings.parse(fs.encode()));
		assertEquals(2 * (1 + 2 * (1 + 3 + 1)), fs.numFeatures());
		assertEquals(fs.numFeatures(), fs.featureNames().size());
		assertEquals("c2_median_s2", fs.featureNames().get(fs.numFeatures() - 1));
		assertThrows(IllegalArgumentException.class, () -> FeatureSettings.parseFamilies("gauss,wavelet"));
		assertThrows(IllegalArgumentException.class, () -> new FeatureSettings(true, new double[] { 1, -1 }, "nm", FeatureSettings.DEFAULT_FAMILIES, 1));
	}

	@Test
	void scalesConvertBetweenUnits() {
		// scale 0.002 um on a 1 nm grid = 2 voxels: same features as scale 2 nm
		int w = 15, h = 14, d = 6;
		PlanarImg<FloatType, ?> img = random(w, h, d, 9);
		FeatureSettings um = new FeatureSettings(true, new double[] { 0.002 }, "um", FeatureSettings.DEFAULT_FAMILIES, 1);
		FeatureSettings nm = new FeatureSettings(true, new double[] { 2 }, "nm", FeatureSettings.DEFAULT_FAMILIES, 1);
		VoxelSize vs = new VoxelSize(1, 1, 1, "nm");
		float[][] a = new FeatureComputer(um, vs, w, h, d).compute(Collections.singletonList(img), 0, d, 1, Progress.NONE);
		float[][] b = new FeatureComputer(nm, vs, w, h, d).compute(Collections.singletonList(img), 0, d, 1, Progress.NONE);
		for (int f = 0; f < a.length; f++) assertArrayEquals(b[f], a[f], 1e-3f);
	}
}
