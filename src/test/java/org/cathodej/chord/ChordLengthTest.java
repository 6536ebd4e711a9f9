package org.cathodej.chord;

import static org.junit.jupiter.api.Assertions.*;

import org.cathodej.image.VoxelSize;
import org.cathodej.surface.ClassVolume;
import org.cathodej.surface.GeometryCounts;
import org.cathodej.surface.GeometryCounts.Estimator;
import org.cathodej.surface.GeometryScanner;
import org.cathodej.surface.TestVolumes;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

class ChordLengthTest {

	static ChordResult chords(PlanarImg<UnsignedByteType, ByteArray> img, VoxelSize vs, ChordOptions o, int threads) {
		return ChordAnalyzer.measure(ClassVolume.fromLabels(img, 0, 1, 2), vs, o, threads, Progress.NONE);
	}

	@Test
	void slabChordsEqualTheThickness() {
		// CAM slab 7 voxels thick in z, voxel 0.5 x 0.5 x 0.3 um
		PlanarImg<UnsignedByteType, ByteArray> img = TestVolumes.of(21, 17, 30, (x, y, z) -> z >= 9 && z < 16 ? 1 : z < 9 ? 0 : 2);
		VoxelSize vs = new VoxelSize(0.5, 0.5, 0.3, "um");
		ChordResult r = chords(img, vs, new ChordOptions(2, false, false), 2);
		ChordDistribution d = r.distribution(1, 2);
		assertEquals(11 * 9, d.count()); // every z-line: x = 0, 2, .., 20 and y = 0, 2, .., 16
		assertEquals(7 * 0.3, d.mean(), 1e-12);
		assertEquals(7 * 0.3, d.median(), 1e-12);
		assertEquals(11 * 9 * 7 * 0.3, d.totalLength(), 1e-9);
		assertEquals(d.count(), d.weight(7), 0);
		// along x and y the slab's chords run from border to border: discarded by default, kept on request
		assertEquals(0, r.distribution(1, 0).count());
		ChordResult keep = chords(img, vs, new ChordOptions(2, true, false), 1);
		assertEquals(3 * 9, keep.distribution(1, 0).count()); // slices z = 10, 12, 14 in the slab, lines y = 0, 2, .., 16
		assertEquals(21 * 0.5, keep.distribution(1, 0).mean(), 1e-12);
		// Cauchy along z: mean chord = phi / N_L exactly for a slab inside the volume
		assertEquals(1, d.mean() / r.cauchyMean(1, 2), 1e-12);
	}

	@Test
	void matchesBruteForce() {
		for (int sp = 1; sp <= 3; sp++)
			for (boolean keep : new boolean[] { false, true }) {
				int w = 19, h = 14, dp = 11;
				PlanarImg<UnsignedByteType, ByteArray> img = TestVolumes.random(w, h, dp, 4, 3 + sp);
				ChordResult r = chords(img, new VoxelSize(1, 1, 1, "um"), new ChordOptions(sp, keep, false), 2);
				int[] dims = { w, h, dp };
				for (int axis = 0; axis < 3; axis++) {
					long[][] ref = new long[4][dims[axis] + 1];
					int a1 = axis == 0 ? 1 : 0, a2 = axis == 2 ? 1 : 2;
					for (int u = 0; u < dims[a1]; u += sp)
						for (int v = 0; v < dims[a2]; v += sp) {
							int[] p = new int[3];
							p[a1] = u;
							p[a2] = v;
							int start = 0;
							for (int t = 1; t <= dims[axis]; t++) {
								p[axis] = t - 1;
								int prev = TestVolumes.get(img, p[0], p[1], p[2]);
								int cur = -1;
								if (t < dims[axis]) {
									p[axis] = t;
									cur = TestVolumes.get(img, p[0], p[1], p[2]);
								}
								if (cur != prev) {
									boolean touches = start == 0 || t == dims[axis];
									if (keep || !touches) ref[prev][t - start]++;
									start = t;
								}
							}
						}
					for (int c = 0; c < 4; c++)
						for (int n = 0; n <= dims[axis]; n++)
							assertEquals(ref[c][n], r.count(c, axis, n), "spacing " + sp + " keep " + keep + " axis " + axis + " class " + c + " n " + n);
				}
			}
	}

	@Test
	void booleanSpheresGiveExponentialVoidChords() {
		int n = 160;
		double radius = 6, lambda = Math.log(2) / (4.0 / 3 * Math.PI * radius * radius * radius);
		double[] realised = new double[1];
		PlanarImg<UnsignedByteType, ByteArray> img = TestVolumes.booleanBalls(n, radius, lambda, 1, realised);
		VoxelSize vs = new VoxelSize(1, 1, 1, "um");
		ChordResult r = chords(img, vs, new ChordOptions(2, false, true), 2);
		double mu = realised[0] * Math.PI * radius * radius;
		GeometryCounts g = GeometryScanner.scan(ClassVolume.fromLabels(img, 0, 1), vs, 2, Progress.NONE);
		double phi = g.voxelCount(0) / (double) g.totalVoxels();
		double sv = g.surfaceDensity(GeometryCounts.set(0), Estimator.CROFTON13);
		ChordResult trimmed = chords(img, vs, new ChordOptions(2, false, false), 1);
		double meanAll = 0;
		for (int axis = 0; axis < 3; axis++) {
			ChordDistribution d = r.distribution(0, axis);
			meanAll += d.mean() / 3;
			double cauchyAxis = d.mean() / r.cauchyMean(0, axis);
			System.out.printf("Boolean spheres axis %s: void phi %.3f, rate %.4f vs lambda pi R^2 %.4f, mean / (phi/N_L) %.4f, trimmed mean %.3f vs ML %.3f%n",
				d.axis, phi, -Math.log(1 - 1 / d.mean()), mu, cauchyAxis, trimmed.distribution(0, axis).mean(), d.mean());
			assertEquals(1, cauchyAxis, 0.03, "Cauchy phi/N_L ratio along " + d.axis);
			// the tail of the survival function is exponential: P(n >= 20) / P(n >= 10) = exp(-10 mu)
			double s10 = 0, s20 = 0;
			for (int k = 10; k <= r.lineLength(axis); k++) s10 += d.weight(k);
			for (int k = 20; k <= r.lineLength(axis); k++) s20 += d.weight(k);
			assertEquals(Math.exp(-10 * mu), s20 / s10, 0.1 * Math.exp(-10 * mu), "survival tail along " + d.axis);
			// discarding boundary chords without the correction under-samples long chords
			assertTrue(trimmed.distribution(0, axis).mean() < d.mean());
		}
		// lattice-sampled exponential chords are geometric for n >= 1: mean n = 1 / (1 - exp(-mu)); voxel units here
		double rate = -Math.log(1 - 1 / meanAll);
		double ratio = meanAll / (4 * phi / sv);
		System.out.printf("Boolean spheres, 3 axes: rate/(lambda pi R^2) %.4f, mean/(4 phi/S_V Crofton) %.4f%n", rate / mu, ratio);
		assertEquals(1, rate / mu, 0.05, "exponential rate");
		assertEquals(1, ratio, 0.03, "Cauchy 4 phi / S_V ratio");
		// the line spacing only thins the sample: the mean chord barely moves
		ChordResult r3 = chords(img, vs, new ChordOptions(3, false, true), 2);
		double mean3 = 0;
		for (int axis = 0; axis < 3; axis++) mean3 += r3.distribution(0, axis).mean() / 3;
		assertEquals(1, mean3 / meanAll, 0.03, "spacing 3 vs 2");
	}

	@Test
	void invariantUnderMirroringAndTransposing() {
		int w = 21, h = 15, d = 13; // (L - 1) divisible by the spacing keeps the same lines after mirroring
		PlanarImg<UnsignedByteType, ByteArray> img = TestVolumes.random(w, h, d, 3, 17);
		ChordOptions o = new ChordOptions(2, false, true);
		ChordResult ref = chords(img, new VoxelSize(0.4, 0.5, 0.6, "um"), o, 1);
		PlanarImg<UnsignedByteType, ByteArray> mir = TestVolumes.of(w, h, d, (x, y, z) -> TestVolumes.get(img, w - 1 - x, h - 1 - y, z));
		PlanarImg<UnsignedByteType, ByteArray> tr = TestVolumes.of(d, h, w, (x, y, z) -> TestVolumes.get(img, z, y, x));
		ChordResult rm = chords(mir, new VoxelSize(0.4, 0.5, 0.6, "um"), o, 2);
		ChordResult rt = chords(tr, new VoxelSize(0.6, 0.5, 0.4, "um"), o, 2);
		int[] tAxis = { 2, 1, 0 };
		for (int c = 0; c < 3; c++)
			for (int a = 0; a < 3; a++) {
				ChordDistribution d0 = ref.distribution(c, a), dm = rm.distribution(c, a), dt = rt.distribution(c, tAxis[a]);
				assertEquals(d0.count(), dm.count());
				assertEquals(d0.count(), dt.count());
				assertEquals(d0.mean(), dm.mean(), 1e-12);
				assertEquals(d0.mean(), dt.mean(), 1e-12);
				assertEquals(d0.median(), dt.median(), 1e-12);
				assertEquals(ref.cauchyMean(c, a), rt.cauchyMean(c, tAxis[a]), 1e-12);
			}
	}

	@Test
	void milesLantuejoulRemovesTheTrimmingBiasOnShortLines() {
		// along z, a two-state Markov chain: runs of both phases are geometric with mean 1/p = 8 voxels, on lines of
		// 64 voxels (long enough that chords beyond the longest observable one, 62, are negligible: 2.5e-4)
		double p = 1.0 / 8;
		int w = 64, h = 64, d = 64;
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
		int[][] col = new int[w * h][d];
		for (int i = 0; i < w * h; i++) {
			int s = rnd.nextInt(2);
			for (int z = 0; z < d; z++) {
				col[i][z] = s;
				if (rnd.nextDouble() < p) s = 1 - s;
			}
		}
		PlanarImg<UnsignedByteType, ByteArray> img = TestVolumes.of(w, h, d, (x, y, z) -> col[x + w * y][z]);
		VoxelSize vs = new VoxelSize(1, 1, 1, "um");
		ChordDistribution ml = chords(img, vs, new ChordOptions(1, false, true), 2).distribution(1, 2);
		ChordDistribution trimmed = chords(img, vs, new ChordOptions(1, false, false), 2).distribution(1, 2);
		ChordDistribution kept = chords(img, vs, new ChordOptions(1, true, false), 2).distribution(1, 2);
		System.out.printf("geometric runs, mean 8 on lines of 64: Miles-Lantuejoul %.3f, trimmed %.3f, boundary chords kept %.3f%n", ml.mean(),
			trimmed.mean(), kept.mean());
		assertEquals(8, ml.mean(), 0.25);
		// trimming alone: expected sum n rho_n (L-1-n) / sum rho_n (L-1-n) = 8 - 56/55 ~ 7.0
		assertEquals(7.0, trimmed.mean(), 0.25, "trimming alone is biased short");
		assertTrue(kept.mean() < 7.8, "truncated chords are biased short: " + kept.mean());
	}

	@Test
	void sixteenBitAndNonPlanarImagesGiveTheSameChordsAndAreas() {
		int w = 17, h = 13, d = 11;
		PlanarImg<UnsignedByteType, ByteArray> img = TestVolumes.random(w, h, d, 3, 21);
		net.imglib2.img.Img<net.imglib2.type.numeric.integer.UnsignedShortType> planar16 = net.imglib2.img.planar.PlanarImgs.unsignedShorts(w, h, d);
		net.imglib2.img.Img<net.imglib2.type.numeric.integer.UnsignedShortType> array16 = net.imglib2.img.array.ArrayImgs.unsignedShorts(w, h, d);
		for (net.imglib2.img.Img<net.imglib2.type.numeric.integer.UnsignedShortType> t : java.util.Arrays.asList(planar16, array16)) {
			net.imglib2.RandomAccess<net.imglib2.type.numeric.integer.UnsignedShortType> ra = t.randomAccess();
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						ra.setPosition(new int[] { x, y, z });
						ra.get().set(TestVolumes.get(img, x, y, z) * 1000); // labels 0, 1000, 2000
					}
		}
		VoxelSize vs = new VoxelSize(1, 1, 1, "um");
		ChordOptions o = new ChordOptions(2, false, false);
		ChordResult ref = chords(img, vs, o, 1);
		GeometryCounts gref = GeometryScanner.scan(ClassVolume.fromLabels(img, 0, 1, 2), vs, 1, Progress.NONE);
		for (net.imglib2.img.Img<net.imglib2.type.numeric.integer.UnsignedShortType> t : java.util.Arrays.asList(planar16, array16)) {
			ChordResult r = ChordAnalyzer.measure(ClassVolume.fromLabels(t, 0, 1000, 2000), vs, o, 2, Progress.NONE);
			for (int c = 0; c < 4; c++)
				for (int a = 0; a < 3; a++)
					for (int n = 0; n <= r.lineLength(a); n++) assertEquals(ref.count(c, a, n), r.count(c, a, n));
			GeometryCounts g = GeometryScanner.scan(ClassVolume.fromLabels(t, 0, 1000, 2000), vs, 2, Progress.NONE);
			for (Estimator e : Estimator.values())
				assertEquals(gref.interfaceArea(1, 4, e), g.interfaceArea(1, 4, e), 1e-9);
		}
	}

	@Test
	void absentPhaseGivesZeros() {
		PlanarImg<UnsignedByteType, ByteArray> img = TestVolumes.of(10, 10, 10, (x, y, z) -> x < 5 ? 0 : 1);
		ChordResult r = chords(img, new VoxelSize(1, 1, 1, "um"), new ChordOptions(), 1);
		for (int a = 0; a < 3; a++) {
			ChordDistribution d = r.distribution(2, a);
			assertEquals(0, d.count());
			assertEquals(0, d.mean(), 0);
			assertEquals(0, d.median(), 0);
			assertEquals(0, r.cauchyMean(2, a), 0);
			for (double[] b : d.histogram(ChordDistribution.edges(1, 10, 5, true))) for (double v : b) assertEquals(0, v, 0);
		}
	}

	@Test
	void histogramBins() {
		PlanarImg<UnsignedByteType, ByteArray> img = TestVolumes.of(40, 3, 3, (x, y, z) -> (x >= 1 && x < 3) || (x >= 5 && x < 9) || (x >= 12 && x < 20) ? 1 : 0);
		ChordResult r = chords(img, new VoxelSize(0.5, 1, 1, "um"), new ChordOptions(1, false, false), 1);
		ChordDistribution d = r.distribution(1, 0);
		assertEquals(27, d.count()); // 3 chords (1, 2, 4 um) on 9 lines
		double[][] lin = d.histogram(ChordDistribution.edges(0, 4, 4, false));
		assertEquals(27, lin[0][0] + lin[1][0] + lin[2][0] + lin[3][0], 0);
		assertEquals(9, lin[1][0], 0); // 1 um in [1, 2)
		assertEquals(9, lin[2][0], 0); // 2 um in [2, 3)
		assertEquals(9, lin[3][0], 0); // 4 um in the closed last bin
		assertEquals(1.0 / 3, lin[3][1], 1e-12); // count share
		assertEquals(4.0 / 7, lin[3][2], 1e-12); // length-weighted share
		assertEquals(36, lin[3][3], 1e-12); // total chord length in the bin
		double[][] log = d.histogram(ChordDistribution.edges(1, 4, 2, true));
		assertEquals(9, log[0][0], 0);
		assertEquals(18, log[1][0], 0);
		assertEquals(2, d.median(), 1e-12);
	}
}
