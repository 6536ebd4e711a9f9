package org.cathodej.pores;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.TestVolumes;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

/** The derived pore numbers of {@link PoreAnalysis.Result} on a volume whose pores are placed by hand. */
class PoreSharesTest {

	static boolean in(int v, int lo, int hi) {
		return v >= lo && v <= hi;
	}

	@Test
	void sharesCountsAndVoidDiametersOfHandPlacedPores() {
		// CAM (1) for x < 10, ISE (2) for x >= 10, pores (0): A 8 voxels in ISE, B 27 in CAM, C 4 across the CAM-ISE
		// boundary, D 4 in ISE touching the x = 19 border (not isolated)
		int w = 20, h = 12, d = 12;
		TestVolumes.Labeler f = (x, y, z) -> {
			boolean a = in(x, 13, 14) && in(y, 3, 4) && in(z, 3, 4);
			boolean b = in(x, 3, 5) && in(y, 3, 5) && in(z, 3, 5);
			boolean c = in(x, 8, 11) && y == 8 && z == 8;
			boolean dd = x == 19 && in(y, 8, 9) && in(z, 2, 3);
			return a || b || c || dd ? 0 : x < 10 ? 1 : 2;
		};
		double s = 0.5;
		VoxelSize vs = new VoxelSize(s, s, s, "um");
		PoreAnalysis.Result r = PoreAnalysis.run(TestVolumes.of(w, h, d, f), new PhaseLabels(0, 1, 2), vs, null, 2, Progress.NONE);
		double vv = s * s * s;
		assertEquals(43, r.poreVoxels);
		assertEquals(12 * vv, r.poreInIseVolume(), 1e-12);
		assertEquals(12 / 43.0, r.poreInIseShare(), 1e-12);
		assertEquals(31 / 43.0, r.poreTouchingCamShare(), 1e-12);
		assertEquals(4 / 43.0, r.poreAtCamIseShare(), 1e-12);
		assertEquals(27 / 43.0, r.poreInCamShare(), 1e-12);
		assertEquals(3, r.isolatedVoids);
		assertEquals(39.0 / (w * h * d), r.isolatedVoidFraction(), 1e-12);
		double mean = (Math.cbrt(6 * 8 * vv / Math.PI) + Math.cbrt(6 * 27 * vv / Math.PI) + Math.cbrt(6 * 4 * vv / Math.PI)) / 3;
		assertEquals(mean, r.meanVoidDiameter(), 1e-12);
		assertEquals(1, r.isolatedVoidsInIse());
		assertEquals(2, r.isolatedVoidsTouchingCam());
		List<PoreAnalysis.VoidInfo> two = r.largestVoids(2);
		assertEquals(2, two.size());
		assertEquals(27, two.get(0).voxels); // B is met first in raster order (z = 3, y = 3, x = 3): smaller id
		assertEquals(8, two.get(1).voxels);
		assertEquals(3, r.largestVoids(5).size());
	}

	@Test
	void noPoresGiveZeroSharesAndNaNDiameters() {
		PoreAnalysis.Result r = PoreAnalysis.run(TestVolumes.of(6, 6, 6, (x, y, z) -> x < 3 ? 1 : 2), new PhaseLabels(0, 1, 2),
			new VoxelSize(1, 1, 1, "um"), null, 1, Progress.NONE);
		assertEquals(0, r.poreInIseShare());
		assertEquals(0, r.poreTouchingCamShare());
		assertEquals(0, r.isolatedVoidFraction());
		assertEquals(0, r.camShareOfPoreSurface());
		assertEquals(Double.NaN, r.meanVoidDiameter());
	}
}
