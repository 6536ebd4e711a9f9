package org.cathodej.tortuosity;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

class FluxTortuosityTest {

	static final VoxelSize ISO = VoxelSize.uncalibrated();

	static FluxTortuosity.Options opts() {
		FluxTortuosity.Options o = new FluxTortuosity.Options();
		o.threads = 2;
		return o;
	}

	static List<FluxResult> solve(RandomAccessibleInterval<? extends IntegerType<?>> img, Conductivities c, VoxelSize vs,
		FluxTortuosity.Options o, int... axes) {
		return FluxTortuosity.compute(img, c, vs, axes, o, Progress.NONE);
	}

	@Test
	void openBlockIsExactlyOne() {
		for (VoxelSize vs : new VoxelSize[] { ISO, new VoxelSize(0.5, 0.7, 2.0, "um") }) {
			List<FluxResult> rs = solve(Vols.make(9, 11, 13, (x, y, z) -> 1), Conductivities.singlePhase(1), vs, opts(), 0, 1, 2);
			for (FluxResult r : rs) {
				assertEquals(1, r.kappa, 1e-6, "axis " + r.axis + " " + vs);
				assertEquals(1, r.kappaSpanning, 1e-6);
				assertEquals(1, r.sigmaEff, 1e-6);
				assertEquals(1, r.phiTotal, 0);
				assertTrue(r.converged);
				assertTrue(r.balance < 1e-6);
			}
		}
	}

	@Test
	void conductivityScalesSigmaNotKappa() {
		List<FluxResult> rs = solve(Vols.make(8, 8, 8, (x, y, z) -> 3), new Conductivities().set(3, 2.5), ISO, opts(), 2);
		assertEquals(2.5, rs.get(0).sigmaEff, 1e-6);
		assertEquals(1, rs.get(0).kappa, 1e-6);
	}

	@Test
	void straightChannels() {
		// 2x2 channels along z every 5 voxels
		List<FluxResult> rs = solve(Vols.make(20, 20, 15, (x, y, z) -> x % 5 < 2 && y % 5 < 2 ? 0 : 1),
			Conductivities.singlePhase(0), ISO, opts(), 0, 1, 2);
		assertEquals(Double.POSITIVE_INFINITY, rs.get(0).kappa);
		assertEquals(Double.POSITIVE_INFINITY, rs.get(1).kappa);
		assertEquals(0, rs.get(0).sigmaEff);
		assertEquals(0, rs.get(0).iterations);
		assertFalse(rs.get(0).message.isEmpty());
		assertEquals(1, rs.get(2).kappa, 1e-6);
		assertEquals(16 * 4 / 400.0, rs.get(2).phiTotal, 1e-12);
	}

	@Test
	void layeredStack() {
		Conductivities c = new Conductivities().set(1, 1).set(2, 0.1).set(3, 0.01);
		Vols.Label f = (x, y, z) -> z < 30 ? 1 : z < 70 ? 2 : 3;
		FluxTortuosity.Options o = opts();
		o.tolerance = 1e-6;
		List<FluxResult> rs = solve(Vols.make(6, 5, 80, f), c, ISO, o, 0, 1, 2);
		assertEquals(80 / 1430.0, rs.get(2).sigmaEff, 80 / 1430.0 * 1e-5);
		assertEquals(0.42625, rs.get(0).sigmaEff, 1e-6);
		assertEquals(0.42625, rs.get(1).sigmaEff, 1e-6);
		assertEquals(1, rs.get(0).kappa, 1e-5); // parallel layers: kappa = 1
		double mean = 0.42625;
		assertEquals(mean / (80 / 1430.0), rs.get(2).kappa, 1e-4 * rs.get(2).kappa);
		// the same along x with anisotropic voxels: the stack is along x now
		Vols.Label g = (x, y, z) -> x < 30 ? 1 : x < 70 ? 2 : 3;
		List<FluxResult> ra = solve(Vols.make(80, 4, 3, g), c, new VoxelSize(0.3, 1.7, 0.9, "um"), o, 0, 2);
		assertEquals(80 / 1430.0, ra.get(0).sigmaEff, 80 / 1430.0 * 1e-5);
		assertEquals(0.42625, ra.get(1).sigmaEff, 1e-6);
	}

	@Test
	void deadEndPoreIsInfinite() {
		// a pore channel from the inlet face (z = 0) that stops before the outlet
		Vols.Label f = (x, y, z) -> x >= 3 && x < 6 && y >= 3 && y < 6 && z < 15 ? 0 : 1;
		FluxResult r = solve(Vols.make(10, 10, 20, f), Conductivities.singlePhase(0), ISO, opts(), 2).get(0);
		assertEquals(Double.POSITIVE_INFINITY, r.kappa);
		assertEquals(0, r.sigmaEff);
		assertEquals(0, r.spanningVoxels);
		assertTrue(r.phiTotal > 0);
	}

	@Test
	void deadEndsAndIsolatedClustersCarryNoCurrent() {
		// a straight channel along z plus a blind branch and an isolated blob: sigma_eff unchanged, phi differs
		Vols.Label channel = (x, y, z) -> x == 2 && y == 2 ? 1 : 0;
		Vols.Label withExtras = (x, y, z) -> channel.at(x, y, z) == 1 || (z == 5 && y == 2 && x > 2) // blind branch
			|| (x >= 6 && y >= 6 && z >= 3 && z < 7) ? 1 : 0; // isolated blob
		FluxResult a = solve(Vols.make(9, 9, 12, channel), Conductivities.singlePhase(1), ISO, opts(), 2).get(0);
		FluxResult b = solve(Vols.make(9, 9, 12, withExtras), Conductivities.singlePhase(1), ISO, opts(), 2).get(0);
		assertEquals(a.sigmaEff, b.sigmaEff, 1e-7);
		assertEquals(1 / 81.0, a.sigmaEff, 1e-7);
		assertTrue(b.phiTotal > b.phiSpanning);
		assertEquals(1, a.kappa, 1e-6);
		assertEquals(b.phiTotal / b.sigmaEff, b.kappa, 1e-9);
		// the blind branch is reached from both faces, so it stays (it holds a constant potential)
		assertEquals(12 + 6, b.spanningVoxels);
	}

	@Test
	void slantedStrip() {
		// 20 x 21 x 21 (z, y, x): slice z = i conducts at rows i..i+1 and columns i..i+1
		Vols.Label f = (x, y, z) -> y >= z && y <= z + 1 && x >= z && x <= z + 1 ? 1 : 0;
		FluxTortuosity.Options o = opts();
		o.tolerance = 1e-7;
		FluxResult r = solve(Vols.make(21, 21, 20, f), Conductivities.singlePhase(1), ISO, o, 2).get(0);
		assertEquals(451 / 60.0, r.kappa, 1e-5 * 451 / 60.0);
	}

	@Test
	void matchesDoublePrecisionReferenceOnRandomVolumes() {
		for (long seed = 1; seed <= 4; seed++) {
			int w = 7, h = 6, d = 8;
			VoxelSize vs = seed % 2 == 0 ? ISO : new VoxelSize(1, 1.3, 2.2, "um");
			// three labels: 0 insulating, 1 and 2 conducting with contrast 1:0.05
			java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
			int[][][] lab = new int[d][h][w];
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						double u = rnd.nextDouble();
						lab[z][y][x] = u < 0.55 ? 1 : u < 0.8 ? 2 : 0;
					}
			Conductivities c = new Conductivities().set(1, 1).set(2, 0.05);
			FluxTortuosity.Options o = opts();
			o.tolerance = 1e-7;
			o.balanceTolerance = 1e-6;
			for (int axis = 0; axis < 3; axis++) {
				FluxResult r = solve(Vols.make(w, h, d, (x, y, z) -> lab[z][y][x]), c, vs, o, axis).get(0);
				double ref = Reference.sigmaEff(lab, new double[] { 0, 1, 0.05 }, vs, axis);
				if (ref == 0) assertEquals(Double.POSITIVE_INFINITY, r.kappa);
				else assertEquals(ref, r.sigmaEff, 1e-5 * ref, "seed " + seed + " axis " + axis);
			}
		}
	}

	@Test
	void sameAnswerForAnyThreadCount() {
		RandomAccessibleInterval<? extends IntegerType<?>> img = Vols.spheres(24, 20, 22, 3, 0.4, 7);
		FluxTortuosity.Options o1 = opts(), o2 = opts();
		o1.threads = 1;
		o2.threads = 3;
		FluxResult a = solve(img, Conductivities.singlePhase(0), ISO, o1, 0).get(0);
		FluxResult b = solve(img, Conductivities.singlePhase(0), ISO, o2, 0).get(0);
		assertEquals(a.sigmaEff, b.sigmaEff, 0);
		assertEquals(a.iterations, b.iterations);
		assertTrue(a.kappa > 1 && a.kappa < 3, "kappa " + a.kappa);
	}

	@Test
	void threeAxesTogetherGiveTheBitsOfEachAxisAlone() {
		// solved together, the axes after the first reuse the multigrid hierarchy (same spanning voxels); in the last
		// volume a rod along x spans x only, so z must not reuse the hierarchy of x
		Conductivities two = new Conductivities().set(0, 1).set(1, 1e-3);
		net.imglib2.img.planar.PlanarImg<?, ?> rod = Vols.spheres(40, 36, 44, 4, 0.4, 3);
		for (int z = 0; z < 44; z++) {
			byte[] p = (byte[]) rod.getPlane(z).getCurrentStorageArray();
			java.util.Arrays.fill(p, 30 * 40, p.length, (byte) 1);
			if (z == 20) java.util.Arrays.fill(p, 33 * 40, 34 * 40, (byte) 0);
		}
		Object[][] cases = { { Vols.spheres(40, 36, 44, 4, 0.4, 3), Conductivities.singlePhase(0), ISO },
			{ Vols.spheres(40, 36, 44, 4, 0.4, 3), two, new VoxelSize(0.1, 0.1, 0.2, "um") },
			{ rod, Conductivities.singlePhase(0), ISO } };
		for (Object[] c : cases) {
			@SuppressWarnings("unchecked")
			RandomAccessibleInterval<? extends IntegerType<?>> img = (RandomAccessibleInterval<? extends IntegerType<?>>) c[0];
			List<FluxResult> all = solve(img, (Conductivities) c[1], (VoxelSize) c[2], opts(), 0, 1, 2);
			for (int axis = 0; axis < 3; axis++) {
				FluxResult alone = solve(img, (Conductivities) c[1], (VoxelSize) c[2], opts(), axis).get(0);
				assertEquals(alone.sigmaEff, all.get(axis).sigmaEff, 0, "axis " + axis);
				assertEquals(alone.iterations, all.get(axis).iterations);
			}
		}
	}

	@Test
	void layersAndFields() {
		FluxTortuosity.Options o = opts();
		o.layers = o.potential = o.currentDensity = true;
		o.tolerance = 1e-7;
		FluxResult r = solve(Vols.spheres(20, 18, 24, 3, 0.35, 3), Conductivities.singlePhase(0), ISO, o, 2).get(0);
		assertEquals(24, r.layers.size());
		for (FluxResult.LayerRow row : r.layers) {
			assertEquals(1, row.meanCurrent, 1e-3, "current conservation in layer " + row.layer);
			assertTrue(row.spanningFraction <= row.phaseFraction);
			assertEquals(row.meanCurrent / row.spanningFraction, row.meanCurrentInPhase, 1e-9);
		}
		float[] p0 = r.potential.getPlane(0).getCurrentStorageArray();
		float[] pl = r.potential.getPlane(23).getCurrentStorageArray();
		double m0 = 0, ml = 0;
		int n0 = 0, nl = 0;
		for (float v : p0) if (!Float.isNaN(v)) { m0 += v; n0++; }
		for (float v : pl) if (!Float.isNaN(v)) { ml += v; nl++; }
		assertTrue(m0 / n0 > 0.9 && ml / nl < 0.1);
		assertNotNull(r.currentDensity);
	}

	@Test
	void flatVoxelsAndHighContrastsWithinThreeHundredthsOfAPercentOfATightSolve() {
		// the hierarchies these build differ from the isotropic single-class one: 2x2x1 first aggregates, materials apart
		RandomAccessibleInterval<? extends IntegerType<?>> spheres = Vols.spheres(48, 44, 52, 4, 0.45, 9);
		Object[][] cases = { { Conductivities.singlePhase(1), new VoxelSize(0.1, 0.1, 0.2, "um") },
			{ new Conductivities().set(1, 1).set(0, 1e-3), ISO }, { new Conductivities().set(1, 1).set(0, 1e-6), new VoxelSize(0.1, 0.1, 0.2, "um") } };
		// asked for 1e-10, the float solver stops where its precision ends (a relative residual of a few 1e-6)
		FluxTortuosity.Options tight = opts();
		tight.tolerance = 1e-10;
		tight.balanceTolerance = 1e-9;
		for (Object[] c : cases)
			for (int axis : new int[] { 0, 2 }) {
				FluxResult def = solve(spheres, (Conductivities) c[0], (VoxelSize) c[1], opts(), axis).get(0);
				FluxResult ref = solve(spheres, (Conductivities) c[0], (VoxelSize) c[1], tight, axis).get(0);
				String what = c[0] + " " + c[1] + " axis " + axis;
				assertTrue(ref.relResidual <= 0.5 * def.relResidual, what + ": tight solve " + ref.relResidual + ", default " + def.relResidual);
				assertEquals(ref.kappa, def.kappa, 3e-4 * ref.kappa, what);
			}
	}

	@Test
	void multigridAndJacobiAgree() {
		// three phases with contrast 1 : 0.01 : 0 on a sphere packing, anisotropic voxels, > 4096 conducting voxels
		RandomAccessibleInterval<? extends IntegerType<?>> spheres = Vols.spheres(28, 26, 30, 3.5, 0.45, 21);
		VoxelSize vs = new VoxelSize(1, 1, 1.7, "um");
		for (Conductivities c : new Conductivities[] { new Conductivities().set(0, 1).set(1, 0.01), Conductivities.singlePhase(0) })
			agree(spheres, c, vs);
	}

	private static void agree(RandomAccessibleInterval<? extends IntegerType<?>> spheres, Conductivities c, VoxelSize vs) {
		FluxTortuosity.Options mg = opts(), jac = opts();
		mg.tolerance = jac.tolerance = 1e-5;
		mg.balanceTolerance = jac.balanceTolerance = 1e-5;
		jac.preconditioning = FluxTortuosity.Preconditioning.JACOBI;
		for (int axis = 0; axis < 3; axis++) {
			FluxResult a = solve(spheres, c, vs, mg, axis).get(0);
			FluxResult b = solve(spheres, c, vs, jac, axis).get(0);
			assertEquals(b.sigmaEff, a.sigmaEff, 1e-5 * b.sigmaEff, c + " axis " + axis);
			assertTrue(a.iterations * 3 < b.iterations, "multigrid " + a.iterations + " vs Jacobi " + b.iterations);
			// default tolerances are within 0.1 % of the tight answer
			FluxResult def = solve(spheres, c, vs, opts(), axis).get(0);
			assertEquals(b.kappa, def.kappa, 1e-3 * b.kappa);
		}
	}
}
