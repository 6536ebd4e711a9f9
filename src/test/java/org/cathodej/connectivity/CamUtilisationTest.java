package org.cathodej.connectivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cathodej.surface.InterfaceArea;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

class CamUtilisationTest {

	static final int PORE = 0, CAM = 1, ISE = 2;
	// object ids
	static final int CHAIN = 1, CHAIN_ISE = 2, SPHERE = 3, E_CHAIN = 4, E_ISE = 5, I_SPHERE = 6, I_ISE = 7;
	static final VoxelSize UNIT = new VoxelSize(1, 1, 1, "um");

	/** Collector at z = 0, separator at z = 23. */
	static Phantom chainTouchingCollector(Phantom p) {
		for (int z = 2; z <= 14; z += 4) p.sphere(6, 8, z, 3, CAM, CHAIN); // reaches z = 0 .. 17
		return p.box(5, 7, 18, 7, 9, 23, ISE, CHAIN_ISE); // from the separator down to the top sphere
	}

	static Phantom isolatedSphere(Phantom p) {
		return p.sphere(16, 8, 12, 3, CAM, SPHERE);
	}

	/** Touches the collector; its ISE contact ends at z = 14, far from the separator. */
	static Phantom iseContactNotReachingSeparator(Phantom p) {
		p.sphere(26, 8, 2, 3, CAM, E_CHAIN).sphere(26, 8, 6, 3, CAM, E_CHAIN);
		return p.box(25, 7, 10, 27, 9, 14, ISE, E_ISE);
	}

	/** Touches separator-spanning ISE but not the collector. */
	static Phantom ionicOnly(Phantom p) {
		p.sphere(35, 8, 12, 3, CAM, I_SPHERE);
		return p.box(34, 7, 16, 36, 9, 23, ISE, I_ISE);
	}

	static Phantom all() {
		Phantom p = new Phantom(40, 16, 24);
		chainTouchingCollector(p);
		isolatedSphere(p);
		iseContactNotReachingSeparator(p);
		return ionicOnly(p);
	}

	static CamUtilisation.Result run(Phantom p, CamUtilisation.Options o) {
		return CamUtilisation.compute(p.phases(), PhaseLabels.defaults(), UNIT, o, null, Progress.NONE);
	}

	static CamUtilisation.Options opts(Connectivity c, int threads) {
		CamUtilisation.Options o = new CamUtilisation.Options();
		o.connectivity = c;
		o.threads = threads;
		return o;
	}

	@Test
	void chainTouchingCollectorIsActive() {
		Phantom p = chainTouchingCollector(new Phantom(40, 16, 24));
		for (Connectivity c : Connectivity.values()) {
			CamUtilisation.Result r = run(p, opts(c, 2));
			assertEquals(p.count(CHAIN), r.camVoxels);
			assertEquals(1.0, r.activeFraction());
			assertEquals(1, r.classClusters[CamClass.ACTIVE.value()]);
			assertEquals(1.0, r.iseConnectedFraction());
			// only the top sphere touches the ISE pillar: 3x3 pillar foot minus the sphere's cap
			long[] f = p.faces(u -> u == CHAIN, u -> u == CHAIN_ISE);
			assertTrue(f[2] > 0);
			double area = 2.0 / 3.0 * (f[0] + f[1] + f[2]);
			assertEquals(area, r.facesActive, 1e-9);
			assertEquals(area, r.facesTotal, 1e-9);
		}
	}

	@Test
	void isolatedSphereIsIsolated() {
		Phantom p = isolatedSphere(new Phantom(40, 16, 24));
		CamUtilisation.Result r = run(p, opts(Connectivity.SIX, 1));
		assertEquals(p.count(SPHERE), r.camVoxels);
		assertEquals(1.0, r.fraction(CamClass.ISOLATED));
		assertEquals(0.0, r.activeFraction());
		assertEquals(0.0, r.interfaceTotal);
		// with a chain: electronic utilisation = chain volume / total CAM
		chainTouchingCollector(p);
		r = run(p, opts(Connectivity.SIX, 2));
		double chain = p.count(CHAIN), sphere = p.count(SPHERE);
		assertEquals(chain / (chain + sphere), r.electronicFraction(), 1e-15);
		assertEquals(chain / (chain + sphere), r.activeFraction(), 1e-15);
		assertEquals(sphere / (chain + sphere), r.fraction(CamClass.ISOLATED), 1e-15);
	}

	@Test
	void iseContactThatDoesNotReachSeparatorIsElectronicOnly() {
		Phantom p = iseContactNotReachingSeparator(new Phantom(40, 16, 24));
		CamUtilisation.Result r = run(p, opts(Connectivity.SIX, 2));
		assertEquals(1.0, r.fraction(CamClass.ELECTRONIC_ONLY));
		assertEquals(0.0, r.ionicFraction());
		assertEquals(0.0, r.iseConnectedFraction());
		assertEquals(0.0, r.interfaceConnectedIse);
		long[] f = p.faces(u -> u == E_CHAIN, u -> u == E_ISE);
		assertEquals(2.0 / 3.0 * (f[0] + f[1] + f[2]), r.facesTotal, 1e-9);
		assertTrue(r.interfaceTotal > 0);
	}

	@Test
	void contactWithSpanningIseButNotCollectorIsIonicOnly() {
		Phantom p = ionicOnly(new Phantom(40, 16, 24));
		CamUtilisation.Result r = run(p, opts(Connectivity.SIX, 2));
		assertEquals(1.0, r.fraction(CamClass.IONIC_ONLY));
		assertEquals(0.0, r.electronicFraction());
		assertEquals(0.0, r.interfaceActive);
		assertTrue(r.interfaceConnectedIse > 0);
	}

	@Test
	void allFourClassesWithExactFractionsAndClassImage() {
		Phantom p = all();
		CamUtilisation.Options o = opts(Connectivity.SIX, 2);
		o.keepIseClasses = true;
		CamUtilisation.Result r = run(p, o);
		double a = p.count(CHAIN), b = p.count(SPHERE), c = p.count(E_CHAIN), d = p.count(I_SPHERE), t = a + b + c + d;
		assertEquals(a / t, r.activeFraction(), 1e-15);
		assertEquals(c / t, r.fraction(CamClass.ELECTRONIC_ONLY), 1e-15);
		assertEquals(d / t, r.fraction(CamClass.IONIC_ONLY), 1e-15);
		assertEquals(b / t, r.fraction(CamClass.ISOLATED), 1e-15);
		for (int k = 1; k <= 4; k++) assertEquals(1, r.classClusters[k]);
		assertEquals(4, r.cam.summary.clusters);
		assertEquals(3, r.ise.summary.clusters);
		assertEquals(p.count(CHAIN_ISE) + p.count(I_ISE), r.iseConnectedVoxels);
		int[] expect = new int[8];
		expect[CHAIN] = 1;
		expect[SPHERE] = 4;
		expect[E_CHAIN] = 2;
		expect[I_SPHERE] = 3;
		expect[CHAIN_ISE] = 5;
		expect[I_ISE] = 5;
		expect[E_ISE] = 6;
		for (int z = 0; z < p.d; z++)
			for (int i = 0; i < p.w * p.h; i++) assertEquals(expect[p.id[z][i]], r.classImage[z][i]);
		long[] all = p.faces(u -> u == CHAIN || u == SPHERE || u == E_CHAIN || u == I_SPHERE, u -> u == CHAIN_ISE || u == E_ISE || u == I_ISE);
		long[] act = p.faces(u -> u == CHAIN, u -> u == CHAIN_ISE);
		assertEquals(2.0 / 3.0 * (all[0] + all[1] + all[2]), r.facesTotal, 1e-9);
		assertEquals(2.0 / 3.0 * (act[0] + act[1] + act[2]), r.facesActive, 1e-9);
		assertTrue(r.interfaceActive < r.interfaceConnectedIse && r.interfaceConnectedIse < r.interfaceTotal);
		// without ISE classes the image has only 0..4
		r = run(p, opts(Connectivity.SIX, 1));
		for (byte[] s : r.classImage) for (byte v : s) assertTrue(v >= 0 && v <= 4);
		// spanning: ISE pillars do not span z; the pore does; CAM chain touches z = 0 only
		assertEquals(0.0, r.ise.summary.spanningFraction[2]);
		assertEquals(1.0, r.pore.summary.spanningFraction[2]);
		assertEquals(1, r.pore.summary.clusters);
	}

	@Test
	void anyInterfaceEstimatorCanBePluggedIn() {
		Phantom p = all();
		VoxelSize vs = new VoxelSize(0.5, 0.7, 1.3, "um");
		int[] calls = { 0 };
		CamUtilisation.Options o = opts(Connectivity.SIX, 2);
		o.interfaceArea = new InterfaceArea() { // same numbers through the generic path
			@Override
			public String name() {
				return "test estimator";
			}

			@Override
			public double area(net.imglib2.RandomAccessibleInterval<? extends net.imglib2.type.numeric.IntegerType<?>> img,
				java.util.function.IntPredicate a, java.util.function.IntPredicate b, VoxelSize v, int threads, Progress pr) {
				calls[0]++;
				return InterfaceArea.VOXEL_FACES.area(img, a, b, v, threads, pr);
			}
		};
		CamUtilisation.Result generic = CamUtilisation.compute(p.phases(), PhaseLabels.defaults(), vs, o, null, Progress.NONE);
		CamUtilisation.Options fo = opts(Connectivity.SIX, 2);
		fo.interfaceArea = InterfaceArea.VOXEL_FACES;
		CamUtilisation.Result fast = CamUtilisation.compute(p.phases(), PhaseLabels.defaults(), vs, fo, null, Progress.NONE);
		assertEquals(3, calls[0]);
		assertEquals("test estimator", generic.interfaceEstimator);
		assertEquals("voxel faces x 2/3", fast.interfaceEstimator);
		assertEquals(fast.interfaceTotal, generic.interfaceTotal, 1e-9);
		assertEquals(fast.interfaceConnectedIse, generic.interfaceConnectedIse, 1e-9);
		assertEquals(fast.interfaceActive, generic.interfaceActive, 1e-9);
		assertTrue(fast.interfaceActive > 0);
	}

	@Test
	void anisotropicVoxelsWeighFacesByTheirArea() {
		Phantom p = all();
		VoxelSize vs = new VoxelSize(0.5, 0.7, 1.3, "um");
		CamUtilisation.Result r = CamUtilisation.compute(p.phases(), PhaseLabels.defaults(), vs, opts(Connectivity.SIX, 2), null,
			Progress.NONE);
		long[] act = p.faces(u -> u == CHAIN, u -> u == CHAIN_ISE);
		assertEquals(2.0 / 3.0 * (act[0] * 0.7 * 1.3 + act[1] * 0.5 * 1.3 + act[2] * 0.5 * 0.7), r.facesActive, 1e-9);
		assertEquals(p.count(CHAIN) * 0.5 * 0.7 * 1.3, r.cam.summary.volume - (p.count(SPHERE) + p.count(E_CHAIN) + p.count(I_SPHERE))
			* 0.5 * 0.7 * 1.3, 1e-6);
	}

	@Test
	void croftonAreaOfAFlatContactIsItsGeometricArea() {
		// CAM below z = 10 across the whole section (touches the collector), ISE above (touches the separator): active
		Phantom p = new Phantom(40, 16, 24).box(0, 0, 0, 39, 15, 9, CAM, CHAIN).box(0, 0, 10, 39, 15, 23, ISE, CHAIN_ISE);
		VoxelSize vs = new VoxelSize(0.5, 0.5, 0.8, "um");
		CamUtilisation.Result r = CamUtilisation.compute(p.phases(), PhaseLabels.defaults(), vs, opts(Connectivity.SIX, 2), null,
			Progress.NONE);
		double plane = 40 * 0.5 * 16 * 0.5;
		assertEquals(1.0, r.activeFraction());
		assertEquals("Crofton 13 directions", r.interfaceEstimator);
		// 13 Crofton directions are unbiased for isotropic surfaces; on one axis plane they err by up to ~15 %
		assertEquals(plane, r.interfaceActive, 0.15 * plane);
		org.cathodej.surface.InterfaceAreas.Result ref = org.cathodej.surface.InterfaceAreas.between(p.phases(), CAM, ISE, vs, 1,
			Progress.NONE);
		assertEquals(ref.crofton, r.interfaceActive, 1e-9);
		assertEquals(r.interfaceActive, r.interfaceTotal, 1e-9);
		assertEquals(2.0 / 3.0 * plane, r.facesActive, 1e-9); // faces x 2/3 is made for isotropic surfaces, not planes
	}

	@Test
	void surfaceEstimatorMeasuresOverlappingSetsInOneSweepLikeOneByOne() {
		Phantom p = all();
		CamUtilisation.Options o = opts(Connectivity.SIX, 2);
		o.keepIseClasses = true;
		CamUtilisation.Result r = run(p, o);
		net.imglib2.RandomAccessibleInterval<net.imglib2.type.numeric.integer.UnsignedByteType> ci = r.classImg();
		java.util.function.IntPredicate cam = v -> v >= 1 && v <= 4, act = v -> v == 1, ise = v -> v >= 5, conn = v -> v == 5;
		for (InterfaceArea e : new InterfaceArea[] { InterfaceArea.CROFTON, InterfaceArea.MARCHING_CUBES }) {
			double[] together = e.areas(ci, 255, new java.util.function.IntPredicate[] { cam, cam, act },
				new java.util.function.IntPredicate[] { ise, conn, conn }, UNIT, 2, Progress.NONE);
			assertEquals(e.area(ci, cam, ise, UNIT, 1, Progress.NONE), together[0], 1e-9);
			assertEquals(e.area(ci, cam, conn, UNIT, 1, Progress.NONE), together[1], 1e-9);
			assertEquals(e.area(ci, act, conn, UNIT, 1, Progress.NONE), together[2], 1e-9);
			assertTrue(together[2] > 0 && together[2] < together[1] && together[1] < together[0]);
		}
		assertEquals(r.interfaceActive, InterfaceArea.CROFTON.area(ci, act, conn, UNIT, 1, Progress.NONE), 1e-9);
	}

	static void assertSame(CamUtilisation.Result a, CamUtilisation.Result b) {
		assertArrayEquals(a.classVoxels, b.classVoxels);
		assertArrayEquals(a.classClusters, b.classClusters);
		assertEquals(a.interfaceTotal, b.interfaceTotal, 1e-9);
		assertEquals(a.interfaceConnectedIse, b.interfaceConnectedIse, 1e-9);
		assertEquals(a.interfaceActive, b.interfaceActive, 1e-9);
		assertEquals(a.iseConnectedVoxels, b.iseConnectedVoxels);
		for (CamUtilisation.PhaseStats[] s : new CamUtilisation.PhaseStats[][] { { a.cam, b.cam }, { a.ise, b.ise }, { a.pore, b.pore } }) {
			assertEquals(s[0].summary.clusters, s[1].summary.clusters);
			assertEquals(s[0].summary.largestVoxels, s[1].summary.largestVoxels);
			assertArrayEquals(s[0].largestSizes, s[1].largestSizes);
			assertEquals(s[0].collectorVoxels, s[1].collectorVoxels);
		}
	}

	@Test
	void invariantUnderLateralMirroringLabelPermutationAndAxisChoice() {
		Phantom p = all();
		for (Connectivity c : Connectivity.values()) {
			CamUtilisation.Result ref = run(p, opts(c, 2));
			assertSame(ref, run(p.mirror(0), opts(c, 2)));
			assertSame(ref, run(p.mirror(1), opts(c, 1)));
			assertSame(ref, run(p.mirror(0).mirror(1), opts(c, 3)));
			// permuted label values: pore 2, CAM 0, ISE 1
			CamUtilisation.Result perm = CamUtilisation.compute(p.phases(new int[] { 2, 0, 1 }), new PhaseLabels(2, 0, 1), UNIT,
				opts(c, 2), null, Progress.NONE);
			assertSame(ref, perm);
			// flipped along z with the collector at z = max
			CamUtilisation.Options o = opts(c, 2);
			o.collectorAtMax = true;
			assertSame(ref, run(p.mirror(2), o));
			// transport along x after exchanging x and z
			o = opts(c, 2);
			o.axis = 0;
			assertSame(ref, run(p.swapXZ(), o));
		}
	}

	@Test
	void diagonalContactCountsOnlyWith26() {
		Phantom p = new Phantom(8, 8, 12);
		p.box(2, 2, 0, 2, 2, 5, CAM, 1); // touches the collector
		p.box(3, 3, 6, 3, 3, 8, CAM, 2); // corner-adjacent to the lower column
		p.box(3, 4, 8, 3, 4, 11, ISE, 3); // face-adjacent to the top of the upper column, reaches the separator
		CamUtilisation.Result r6 = run(p, opts(Connectivity.SIX, 2));
		CamUtilisation.Result r26 = run(p, opts(Connectivity.TWENTY_SIX, 2));
		assertEquals(6.0 / 9, r6.fraction(CamClass.ELECTRONIC_ONLY), 1e-15);
		assertEquals(3.0 / 9, r6.fraction(CamClass.IONIC_ONLY), 1e-15);
		assertEquals(0.0, r6.activeFraction());
		assertEquals(1.0, r26.activeFraction());
		assertTrue(r6.activeFraction() <= r26.activeFraction());
	}

	@Test
	void sixIsALowerBoundOf26OnRandomPhantoms() {
		for (long seed = 1; seed <= 4; seed++) {
			org.cathodej.phantom.SyntheticCathode.Params sp = new org.cathodej.phantom.SyntheticCathode.Params();
			sp.width = sp.height = sp.depth = 40;
			sp.camFraction = 0.3;
			sp.camRadius = 0.3;
			sp.camRadiusSd = 0.1;
			sp.poreFraction = 0.2;
			sp.poreRadius = 0.2;
			sp.clustering = 0.2;
			sp.seed = seed;
			net.imglib2.RandomAccessibleInterval<net.imglib2.type.numeric.integer.UnsignedByteType> im =
				org.cathodej.phantom.SyntheticCathode.generate(sp, Progress.NONE).volume.toImg();
			CamUtilisation.Result r6 = CamUtilisation.compute(im, PhaseLabels.defaults(), UNIT, opts(Connectivity.SIX, 2), null, Progress.NONE);
			CamUtilisation.Result r26 = CamUtilisation.compute(im, PhaseLabels.defaults(), UNIT, opts(Connectivity.TWENTY_SIX, 2), null,
				Progress.NONE);
			assertTrue(r6.activeFraction() <= r26.activeFraction(), "seed " + seed);
			assertTrue(r6.electronicFraction() <= r26.electronicFraction());
			assertTrue(r6.ionicFraction() <= r26.ionicFraction());
			assertTrue(r6.cam.summary.clusters >= r26.cam.summary.clusters);
			double sum = 0;
			for (CamClass c : CamClass.camClasses()) sum += r6.fraction(c);
			assertEquals(1.0, sum, 1e-12);
		}
	}

	@Test
	void particlesAreActiveOnlyWithOwnContact() {
		Phantom p = all();
		// particle labels: each chain sphere separately (nearest centre), the other objects whole
		short[][] part = new short[p.d][p.w * p.h];
		for (int z = 0; z < p.d; z++)
			for (int y = 0; y < p.h; y++)
				for (int x = 0; x < p.w; x++) {
					int i = x + y * p.w, o = p.id[z][i];
					int lab = 0;
					if (o == CHAIN) lab = 10 + Math.min(3, Math.max(0, Math.round((z - 2) / 4f)));
					else if (o == SPHERE) lab = 20;
					else if (o == E_CHAIN) lab = z <= 4 ? 30 : 31;
					else if (o == I_SPHERE) lab = 40;
					part[z][i] = (short) lab;
				}
		java.util.List<net.imglib2.img.basictypeaccess.array.ShortArray> planes = new java.util.ArrayList<>();
		for (short[] s : part) planes.add(new net.imglib2.img.basictypeaccess.array.ShortArray(s));
		net.imglib2.img.planar.PlanarImg<net.imglib2.type.numeric.integer.UnsignedShortType, ?> pi = new net.imglib2.img.planar.PlanarImg<>(
			planes, new long[] { p.w, p.h, p.d }, new net.imglib2.util.Fraction());
		pi.setLinkedType(new net.imglib2.type.numeric.integer.UnsignedShortType(
			(net.imglib2.img.NativeImg<?, ? extends net.imglib2.img.basictypeaccess.ShortAccess>) (Object) pi));
		CamUtilisation.Result r = CamUtilisation.compute(p.phases(), PhaseLabels.defaults(), UNIT, opts(Connectivity.SIX, 2), pi,
			Progress.NONE);
		CamUtilisation.ParticleStats s = r.particles;
		assertEquals(8, s.particles);
		assertEquals(1, s.active); // the top chain sphere
		assertEquals(3, s.activeClusterNoContact);
		assertEquals(4, s.notInActiveCluster);
		assertEquals(0, s.nonCamVoxels);
		assertEquals(r.camVoxels, s.voxels);
		long top = 0;
		for (int z = 0; z < p.d; z++) for (short v : part[z]) if (v == 13) top++;
		assertEquals(top, s.activeVoxels);
		assertNull(run(p, opts(Connectivity.SIX, 1)).particles);
	}
}
