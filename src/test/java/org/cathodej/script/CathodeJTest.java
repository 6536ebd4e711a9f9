package org.cathodej.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cathodej.chord.ChordDistribution;
import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.fractions.PhaseFractions;
import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.AnalyticPhantoms;
import org.cathodej.phantom.LabelVolume;
import org.cathodej.pores.PoreAnalysis;
import org.cathodej.tortuosity.FluxResult;
import org.cathodej.tortuosity.RandomWalkResult;
import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;

/** The scripting facade on phantoms with known answers; pore 0, CAM 1, ISE 2. */
class CathodeJTest {

	private static final VoxelSize VS = new VoxelSize(0.5, 0.5, 0.25, "\u00b5m");

	@Test
	void fractionsCountEveryVoxel() {
		LabelVolume v = AnalyticPhantoms.channels(24, 24, 16, 2, 4, 8, 2, 1);
		PhaseFractions.Counts f = CathodeJ.fractions(v.toImg());
		assertEquals(v.count(2) / (double) v.voxels(), f.fraction(2), 1e-15);
		assertEquals(v.count(1) / (double) v.voxels(), f.fraction(1), 1e-15);
		assertEquals(0, f.fraction(0));
	}

	@Test
	void straightChannelsHaveTortuosityOneAlongThemAndNoneAcross() {
		LabelVolume v = AnalyticPhantoms.channels(24, 24, 16, 2, 4, 8, 2, 1);
		List<FluxResult> rs = CathodeJ.tortuosityFlux(v.toImg(), VS, "ISE", "z");
		assertEquals(1, rs.size());
		assertTrue(rs.get(0).converged);
		assertEquals(1.0, rs.get(0).kappa, 1e-3);
		assertEquals(v.count(2) / (double) v.voxels(), rs.get(0).phiTotal, 1e-12);
	}

	@Test
	void slabChordsAlongItsNormalEqualItsThickness() {
		LabelVolume v = AnalyticPhantoms.slab(16, 16, 20, 2, 5, 6, 1, 2);
		ChordDistribution cam = CathodeJ.chords(v.toImg(), VS).distribution(1, 2);
		assertTrue(cam.count() > 0);
		assertEquals(6 * VS.z(), cam.mean(), 1e-12);
		assertEquals(6 * VS.z(), cam.median(), 1e-12);
	}

	@Test
	void aFloatingCamBallIsNotActive() {
		LabelVolume v = AnalyticPhantoms.ball(20, 20, 20, 5, 1, 2);
		CamUtilisation.Result r = CathodeJ.connectivity(v.toImg(), VS);
		assertEquals(v.count(1), r.camVoxels);
		assertEquals(0.0, r.activeFraction());
	}

	@Test
	void poreSlabThicknessAndPorosity() {
		LabelVolume v = AnalyticPhantoms.slab(20, 20, 20, 2, 6, 8, 0, 2);
		PoreAnalysis.Result r = CathodeJ.pores(v.toImg(), new VoxelSize(1, 1, 1, "\u00b5m"));
		assertEquals(8 / 20.0, r.porosity, 1e-12);
		assertTrue(Math.abs(r.d50 - 8) <= 1, "slab of 8 voxels reads about 8 voxels thick (n + s/2 - s/2), got " + r.d50);
	}

	@Test
	void randomWalkInOpenSpaceHasTauOneAndRepeatsForASeed() {
		// 16-bit labels: the facade takes any integer image
		var open = ArrayImgs.unsignedShorts(12, 12, 12);
		RandomWalkResult a = CathodeJ.randomWalk(open, VS, "pore", 400, 400, 3);
		RandomWalkResult b = CathodeJ.randomWalk(open, VS, "pore", 400, 400, 3);
		assertEquals(a.tau[3], b.tau[3]);
		assertEquals(1.0, a.tau[3], 0.1);
	}

	@Test
	void axesAreCheckedWithAReadableMessage() {
		assertEquals(3, CathodeJ.axisIndices("all").length);
		assertEquals(2, CathodeJ.axisIndices("xz")[1]);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CathodeJ.axisIndices("zz"));
		assertTrue(e.getMessage().contains("each at most once"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> CathodeJ.axisIndices("w"));
	}
}
