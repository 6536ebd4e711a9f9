package org.cathodej.pores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.LabelVolume;
import org.cathodej.phantom.Sphere;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

class PoreAnalysisTest {

	static final int PORE = 0, CAM = 1, ISE = 2;

	static PoreAnalysis.Result analyse(LabelVolume v, PoreAnalysis.Options o) {
		return PoreAnalysis.run(v.toImg(), PhaseLabels.defaults(), v.voxelSize(), o, 2, Progress.NONE);
	}

	static void box(LabelVolume v, int x0, int y0, int z0, int x1, int y1, int z1, int label) {
		for (int z = z0; z <= z1; z++)
			for (int y = y0; y <= y1; y++)
				for (int x = x0; x <= x1; x++) v.set(x, y, z, label);
	}

	/** ISE block; a CAM slab in z 30..47; voids placed inside ISE, against CAM, inside CAM and on the border. */
	@Test
	void voidsInsideIseVersusAgainstCamCountedExactly() {
		VoxelSize vs = new VoxelSize(0.5, 0.5, 0.5, "um");
		LabelVolume v = new LabelVolume(48, 48, 48, vs, ISE);
		box(v, 0, 0, 30, 47, 47, 47, CAM);
		// 4 voids inside ISE (3x3x3 cubes, far from CAM)
		int[][] ise = { { 5, 5, 5 }, { 20, 5, 5 }, { 5, 20, 10 }, { 30, 30, 15 } };
		for (int[] c : ise) box(v, c[0], c[1], c[2], c[0] + 2, c[1] + 2, c[2] + 2, PORE);
		// 3 voids against CAM from the ISE side (z 27..29; faces CAM at z = 30): in the ISE, touching CAM
		int[][] atCam = { { 5, 35, 27 }, { 20, 35, 27 }, { 35, 20, 27 } };
		for (int[] c : atCam) box(v, c[0], c[1], c[2], c[0] + 3, c[1] + 3, c[2] + 2, PORE);
		// 2 voids inside CAM
		box(v, 10, 10, 38, 12, 12, 40, PORE);
		box(v, 30, 30, 38, 31, 31, 39, PORE);
		// 1 pore touching the volume border (x = 0): not isolated
		box(v, 0, 40, 10, 3, 43, 13, PORE);
		PoreAnalysis.Result r = analyse(v, new PoreAnalysis.Options());
		assertEquals(10, r.components);
		assertEquals(9, r.isolatedVoids);
		assertEquals(4 + 1, r.classComponents(r.classCounts, PoreAnalysis.IN_ISE)); // the border pore sits in ISE too
		assertEquals(4, r.classComponents(r.isolatedClassCounts, PoreAnalysis.IN_ISE));
		assertEquals(3, r.classComponents(r.isolatedClassCounts, PoreAnalysis.CAM_ISE));
		assertEquals(2, r.classComponents(r.isolatedClassCounts, PoreAnalysis.IN_CAM));
		assertEquals(4 * 27, r.classVoxels(r.isolatedClassCounts, PoreAnalysis.IN_ISE));
		assertEquals(3 * 48 + 27 + 8, r.classVoxels(r.isolatedClassCounts, PoreAnalysis.CAM_ISE)
			+ r.classVoxels(r.isolatedClassCounts, PoreAnalysis.IN_CAM));
		double face = 0.25;
		// CAM faces: the 3 at-CAM voids share a 4x4 face each with CAM; the in-CAM voids their whole surface
		assertEquals(face * (3 * 16 + 6 * 9 + 6 * 4), r.camPoreSurface, 1e-9);
		// total pore-solid surface: every face of every box except those on the volume border
		double total = face * (4 * 54 + 3 * (2 * 16 + 4 * 12) + 6 * 9 + 6 * 4 + (6 * 16 - 16));
		assertEquals(total, r.poreSurface, 1e-9);
		assertEquals(r.camPoreSurface / r.poreSurface, r.camShareOfPoreSurface(), 1e-12);
		long isoVox = 0;
		for (PoreAnalysis.VoidInfo vi : r.voids) {
			isoVox += vi.voxels;
			assertEquals(vi.voxels * vs.voxelVolume(), vi.volume, 1e-12);
		}
		assertEquals(4 * 27 + 3 * 48 + 27 + 8, isoVox);
		assertEquals(isoVox * vs.voxelVolume(), r.isolatedVolume, 1e-9);
		// profile: pore area fraction per slice equals a direct count
		for (int z = 0; z < 48; z++) {
			long n = 0;
			for (int y = 0; y < 48; y++)
				for (int x = 0; x < 48; x++) if (v.get(x, y, z) == PORE) n++;
			assertEquals(n / (48.0 * 48), r.poreFractionZ[z], 1e-12);
			assertEquals(z * 0.5, r.zPosition[z], 1e-12);
		}
	}

	@Test
	void sizeDistributionOfTwoBallPopulations() {
		VoxelSize vs = new VoxelSize(1, 1, 1, "um");
		LabelVolume v = new LabelVolume(80, 80, 40, vs, ISE);
		// 8 small balls of radius 3 and 2 large of radius 9 (centres on voxel centres), well apart
		int small = 0, large = 0;
		for (int i = 0; i < 8; i++) small += v.paint(new Sphere(6.5 + 9 * i, 6.5, 6.5, 3), PORE, null);
		for (int i = 0; i < 2; i++) large += v.paint(new Sphere(15.5 + 30 * i, 40.5, 20.5, 9), PORE, null);
		PoreAnalysis.Result r = analyse(v, new PoreAnalysis.Options());
		assertEquals(small + large, r.poreVoxels);
		double fs = (double) small / (small + large);
		assertTrue(fs < 0.2 && fs > 0.1, "small-ball volume share " + fs);
		// every voxel of a ball reads its diameter within a voxel, so the quantiles do too
		assertEquals(6, r.d10, 1.0);
		assertEquals(18, r.d50, 1.0);
		assertEquals(18, r.d90, 1.0);
		double mean = fs * 6 + (1 - fs) * 18;
		assertEquals(mean, r.meanThickness, 1.0);
		double sum = 0;
		for (double f : r.binVolumeFraction) sum += f;
		assertEquals(1, sum, 1e-9);
		assertEquals(1, r.binCumulative[r.binCumulative.length - 1], 1e-9);
		assertEquals(vs.x(), r.binWidth, 0);
	}

	@Test
	void flatAndElongatedVoidsAreCrackLike() {
		VoxelSize vs = new VoxelSize(1, 1, 1, "um");
		LabelVolume v = new LabelVolume(60, 60, 30, vs, ISE);
		box(v, 5, 5, 10, 24, 24, 10, PORE);      // flat 20x20x1 disc: crack
		box(v, 35, 5, 10, 55, 6, 11, PORE);      // 21x2x2 needle: elongated
		v.paint(new Sphere(20.5, 40.5, 15.5, 5), PORE, null); // compact ball
		box(v, 40, 40, 10, 42, 42, 10, PORE);    // 3x3x1: flat but too small to call
		PoreAnalysis.Result r = analyse(v, new PoreAnalysis.Options());
		assertEquals(4, r.isolatedVoids);
		assertEquals(2, r.crackLikeVoids);
		int flat = 0, elong = 0;
		for (PoreAnalysis.VoidInfo vi : r.voids) {
			if (vi.crackType.equals("flat")) {
				flat++;
				assertEquals(400, vi.voxels);
			}
			if (vi.crackType.equals("elongated")) {
				elong++;
				assertEquals(84, vi.voxels);
			}
			assertTrue(vi.a1 >= vi.a2 && vi.a2 >= vi.a3 && vi.a3 > 0);
		}
		assertEquals(1, flat);
		assertEquals(1, elong);
		assertEquals((400 + 84) * vs.voxelVolume(), r.crackLikeVolume, 1e-9);
		PoreAnalysis.Options off = new PoreAnalysis.Options();
		off.detectCracks = false;
		assertEquals(0, analyse(v, off).crackLikeVoids);
		// the ellipsoid fit of the ball: equal axes about the radius (5 + half a voxel)
		for (PoreAnalysis.VoidInfo vi : r.voids)
			if (vi.voxels > 400) {
				assertEquals(vi.a1, vi.a3, 0.05 * vi.a1);
				assertEquals(5.3, vi.a1, 0.5);
			}
	}

	@Test
	void anisotropicVoxelsScaleVolumesAreasAndThickness() {
		VoxelSize vs = new VoxelSize(0.2, 0.2, 0.6, "um");
		LabelVolume v = new LabelVolume(40, 40, 20, vs, ISE);
		// a pore slab 5 slices thick in z (3.0 um), spanning x and y: local thickness 3.0 within a z voxel when the
		// border is open (with walls the pore narrows towards the x and y borders)
		box(v, 0, 0, 8, 39, 39, 12, PORE);
		PoreAnalysis.Options open = new PoreAnalysis.Options();
		open.edge = org.cathodej.distance.EuclideanDistance.Edge.OPEN;
		PoreAnalysis.Result r = analyse(v, open);
		assertTrue(analyse(v, new PoreAnalysis.Options()).d10 < r.d10);
		assertEquals(40 * 40 * 5, r.poreVoxels);
		assertEquals(40 * 40 * 5 * vs.voxelVolume(), r.poreVolume, 1e-9);
		assertEquals(2 * 40 * 40 * vs.faceArea(2), r.isePoreSurface, 1e-9);
		assertEquals(3.0, r.d50, 0.6);
		assertEquals(r.d10, r.d90, 1e-6);
		assertEquals(0, r.isolatedVoids);
	}

	/** The phantom generator puts pores against CAM when clustered: the analysis must see it. */
	@Test
	void clusteredPhantomHasMorePoreOnCam() {
		double[] share = new double[2], touching = new double[2];
		for (int k = 0; k < 2; k++) {
			org.cathodej.phantom.SyntheticCathode.Params p = new org.cathodej.phantom.SyntheticCathode.Params();
			p.width = p.height = p.depth = 64;
			p.clustering = k;
			p.poreFraction = 0.08;
			p.seed = 11;
			LabelVolume v = org.cathodej.phantom.SyntheticCathode.generate(p, Progress.NONE).volume;
			PoreAnalysis.Result r = analyse(v, new PoreAnalysis.Options());
			share[k] = r.camShareOfPoreSurface();
			touching[k] = (double) (r.classVoxels(r.classCounts, PoreAnalysis.IN_CAM) + r.classVoxels(r.classCounts, PoreAnalysis.CAM_ISE)) / r.poreVoxels;
		}
		assertTrue(share[1] > share[0], "CAM share of pore surface: homogeneous " + share[0] + ", clustered " + share[1]);
		assertTrue(touching[1] >= touching[0], "pore volume touching CAM: " + touching[0] + " vs " + touching[1]);
	}

	@Test
	void randomVolumeTotalsAreConsistent() {
		SplittableRandom rnd = new SplittableRandom(7);
		VoxelSize vs = new VoxelSize(0.3, 0.3, 0.45, "um");
		LabelVolume v = new LabelVolume(40, 36, 30, vs, ISE);
		for (int i = 0; i < 30; i++) v.paint(new Sphere(rnd.nextDouble() * 12, rnd.nextDouble() * 11, rnd.nextDouble() * 13, 0.5 + rnd.nextDouble() * 2), CAM, null);
		for (int i = 0; i < 60; i++) v.paint(new Sphere(rnd.nextDouble() * 12, rnd.nextDouble() * 11, rnd.nextDouble() * 13, 0.3 + rnd.nextDouble()), PORE, null);
		PoreAnalysis.Result r = analyse(v, new PoreAnalysis.Options());
		long byClass = 0;
		for (long[] c : r.classCounts.values()) byClass += c[1];
		assertEquals(r.poreVoxels, byClass);
		assertEquals(v.count(PORE), r.poreVoxels);
		// brute-force face count
		double cam = 0, ise = 0;
		int[][] nb = { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0, -1 } };
		for (int z = 0; z < 30; z++)
			for (int y = 0; y < 36; y++)
				for (int x = 0; x < 40; x++) {
					if (v.get(x, y, z) != PORE) continue;
					for (int[] o : nb) {
						int X = x + o[0], Y = y + o[1], Z = z + o[2];
						if (X < 0 || Y < 0 || Z < 0 || X >= 40 || Y >= 36 || Z >= 30) continue;
						double a = vs.faceArea(o[0] != 0 ? 0 : o[1] != 0 ? 1 : 2);
						if (v.get(X, Y, Z) == CAM) cam += a;
						if (v.get(X, Y, Z) == ISE) ise += a;
					}
				}
		assertEquals(cam, r.camPoreSurface, 1e-9);
		assertEquals(ise, r.isePoreSurface, 1e-9);
		double cum = 0;
		for (double f : r.binVolumeFraction) cum += f;
		assertEquals(1, cum, 1e-9);
		assertTrue(r.d10 <= r.d50 && r.d50 <= r.d90 && r.d90 <= r.maxThickness);
	}
}
