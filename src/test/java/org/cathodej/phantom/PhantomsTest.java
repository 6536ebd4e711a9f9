package org.cathodej.phantom;

import static org.junit.jupiter.api.Assertions.*;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

class PhantomsTest {

	@Test
	void ballSlabChannelsAndLayersHaveTheirExactVolumes() {
		assertEquals(4.0 / 3 * Math.PI * 20 * 20 * 20, AnalyticPhantoms.ball(50, 50, 50, 20, 1, 2).count(1), 0.005 * 33510);
		assertEquals(30 * 20 * 5, AnalyticPhantoms.slab(30, 20, 16, 2, 4, 5, 1, 2).count(1));
		// 4 channels of 3x3 along z in a 16x16 cross-section with period 8
		assertEquals(4 * 9 * 10, AnalyticPhantoms.channels(16, 16, 10, 2, 3, 8, 1, 2).count(1));
		LabelVolume l = AnalyticPhantoms.layers(4, 4, 80, 2, new int[] { 30, 40, 10 }, new int[] { 5, 6, 7 });
		assertEquals(16 * 30, l.count(5));
		assertEquals(16 * 40, l.count(6));
		assertEquals(6, l.get(0, 0, 30));
	}

	@Test
	void booleanSpheresLeaveTheExpectedVoidFraction() {
		double lambda = 1e-4, r = 5;
		LabelVolume v = AnalyticPhantoms.booleanSpheres(100, 100, 100, lambda, r, 3, 1, 0);
		double expected = Math.exp(-lambda * 4.0 / 3 * Math.PI * r * r * r);
		assertEquals(expected, v.count(0) / 1e6, 0.02);
	}

	static SyntheticCathode.Params params(double clustering, long seed) {
		SyntheticCathode.Params p = new SyntheticCathode.Params();
		p.width = p.height = p.depth = 64;
		p.voxelSize = new VoxelSize(0.1, 0.1, 0.1, "um");
		p.camFraction = 0.4;
		p.poreFraction = 0.08;
		p.clustering = clustering;
		p.seed = seed;
		return p;
	}

	@Test
	void syntheticCathodeIsDeterministicAndReachesItsTargets() {
		SyntheticCathode.Result a = SyntheticCathode.generate(params(0, 5), Progress.NONE);
		SyntheticCathode.Result b = SyntheticCathode.generate(params(0, 5), Progress.NONE);
		SyntheticCathode.Result c = SyntheticCathode.generate(params(0, 6), Progress.NONE);
		for (int z = 0; z < 64; z++) assertArrayEquals(a.volume.slices[z], b.volume.slices[z]);
		boolean differs = false;
		for (int z = 0; z < 64 && !differs; z++) differs = !java.util.Arrays.equals(a.volume.slices[z], c.volume.slices[z]);
		assertTrue(differs, "another seed must give another phantom");
		assertEquals(0.4, a.camFraction, 0.01);
		assertEquals(0.08, a.poreFraction, 0.01);
		assertEquals(a.camFraction, a.volume.count(1) / (double) a.volume.voxels(), 1e-12);
		assertEquals(a.poreFraction, a.volume.count(0) / (double) a.volume.voxels(), 1e-12);
		assertTrue(a.notes.isEmpty(), a.notes.toString());
	}

	/** Share of pore voxels with a CAM face-neighbour, and CAM-ISE faces per CAM voxel. */
	static double[] contacts(LabelVolume v) {
		long poreNextToCam = 0, pores = 0, camIse = 0, cam = 0;
		int[][] n = { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0, -1 } };
		for (int z = 1; z < v.d - 1; z++)
			for (int y = 1; y < v.h - 1; y++)
				for (int x = 1; x < v.w - 1; x++) {
					int l = v.get(x, y, z);
					boolean touchesCam = false;
					for (int[] o : n) {
						int m = v.get(x + o[0], y + o[1], z + o[2]);
						if (m == 1) touchesCam = true;
						if (l == 1 && m == 2) camIse++;
					}
					if (l == 0) {
						pores++;
						if (touchesCam) poreNextToCam++;
					}
					if (l == 1) cam++;
				}
		return new double[] { poreNextToCam / (double) pores, camIse / (double) cam };
	}

	@Test
	void clusteringMakesAgglomeratesAndPutsPoresAgainstCam() {
		double[] fine = contacts(SyntheticCathode.generate(params(0, 9), Progress.NONE).volume);
		double[] coarse = contacts(SyntheticCathode.generate(params(1, 9), Progress.NONE).volume);
		assertTrue(coarse[0] > fine[0] + 0.1, "pores against CAM: fine " + fine[0] + " coarse " + coarse[0]);
		assertTrue(coarse[1] < fine[1], "CAM-ISE contact per CAM voxel: fine " + fine[1] + " coarse " + coarse[1]);
	}

	@Test
	void impossibleSettingsAreRejected() {
		SyntheticCathode.Params p = params(0, 1);
		p.camFraction = 0.9;
		p.poreFraction = 0.1;
		assertThrows(IllegalArgumentException.class, () -> SyntheticCathode.generate(p, Progress.NONE));
		SyntheticCathode.Params q = params(0, 1);
		q.labels = new PhaseLabels(0, 1, 300);
		assertThrows(IllegalArgumentException.class, () -> SyntheticCathode.generate(q, Progress.NONE));
	}
}
