package org.cathodej.tortuosity;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

class AggregationMultigridTest {

	/** A sphere packing large enough for coarse levels that run in chunks (parallel). */
	private static ConductionSystem system(int threads, int axis) {
		return system(threads, axis, 88);
	}

	/** The pore phase conducts in slices z < zMax only (the slices above hold no system voxels). */
	private static ConductionSystem system(int threads, int axis, int zMax) {
		Conductivities c = Conductivities.singlePhase(0);
		net.imglib2.img.planar.PlanarImg<net.imglib2.type.numeric.integer.UnsignedByteType, ?> img = Vols.spheres(84, 80, 88, 4, 0.4, 5);
		for (int z = zMax; z < 88; z++) java.util.Arrays.fill((byte[]) img.getPlane(z).getCurrentStorageArray(), (byte) 1);
		ConductionClasses v = ConductionClasses.read(img, c, threads, Progress.NONE);
		long spanning = v.markSpanning(axis, Progress.NONE);
		return new ConductionSystem(v, c.classConductivity(), VoxelSize.uncalibrated(), axis, spanning, threads, Progress.NONE);
	}

	private static float[] random(int n, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		float[] r = new float[n];
		for (int i = 0; i < n; i++) r[i] = (float) (rnd.nextDouble() - 0.5);
		return r;
	}

	@Test
	void chunkedCoarseLevelsGiveTheSameBitsOnAnyThreadCount() {
		ConductionSystem s1 = system(1, 2), s3 = system(3, 2);
		AggregationMultigrid m1 = new AggregationMultigrid(s1), m3 = new AggregationMultigrid(s3);
		assertTrue(m1.levels.get(0).chunkSlabs().length > 2, "the test needs a coarse level split in chunks");
		assertEquals(m1.levels.size(), m3.levels.size());
		float[] r = random(s1.n, 3), o1 = new float[s1.n], o3 = new float[s1.n];
		m1.apply(r, o1);
		m3.apply(r, o3);
		assertArrayEquals(o1, o3);
	}

	/** CAM-like spheres (label 1, sigma 1) in an ISE-like matrix (label 0, sigma 1e-3), z spacing twice x and y. */
	private static ConductionSystem twoClassesOnFlatVoxels(int threads) {
		Conductivities c = new Conductivities().set(0, 1e-3).set(1, 1);
		ConductionClasses v = ConductionClasses.read(Vols.spheres(84, 80, 88, 4, 0.4, 5), c, threads, Progress.NONE);
		long spanning = v.markSpanning(2, Progress.NONE);
		return new ConductionSystem(v, c.classConductivity(), new VoxelSize(1, 1, 2, "um"), 2, spanning, threads, Progress.NONE);
	}

	@Test
	void flatVoxelsAndTwoClassesAggregateWithinOneSliceAndOneMaterialAndGiveTheSameBitsOnAnyThreadCount() {
		ConductionSystem s1 = twoClassesOnFlatVoxels(1), s3 = twoClassesOnFlatVoxels(3);
		AggregationMultigrid m1 = new AggregationMultigrid(s1), m3 = new AggregationMultigrid(s3);
		FineAggregates fa = m1.fa;
		int[] sliceOf = new int[fa.count], classOf = new int[fa.count];
		java.util.Arrays.fill(sliceOf, -1);
		ConductionSystem.Window win = s1.new Window();
		for (int z = 0; z < s1.d; z++) {
			int[] ix = win.slice(z);
			for (int y = 0, i = 0; y < s1.h; y++)
				for (int x = 0; x < s1.w; x++, i++) {
					if (ix[i] == s1.n) continue;
					int a = fa.of(fa.row(y, z), x, ix[i]), cls = ConductionSystem.cls(s1.v.cls[z][i]);
					if (sliceOf[a] < 0) {
						sliceOf[a] = z;
						classOf[a] = cls;
					}
					assertEquals(sliceOf[a], z, "a first-level aggregate crosses the weak z faces");
					assertEquals(classOf[a], cls, "a first-level aggregate mixes the two materials");
				}
		}
		assertTrue(m1.levels.get(0).chunkSlabs().length > 2, "the test needs a coarse level split in chunks");
		float[] r = random(s1.n, 6), o1 = new float[s1.n], o3 = new float[s1.n];
		m1.apply(r, o1);
		m3.apply(r, o3);
		assertArrayEquals(o1, o3);
	}

	@Test
	void hierarchyOfAnotherAxisGivesTheBitsOfAFreshBuild() {
		ConductionSystem sx = system(2, 0), sz = system(2, 2), again = system(2, 2);
		assertTrue(sz.v.sameSpanning(sx.v.spanningBits(null)), "the test needs the same spanning voxels along x and z");
		AggregationMultigrid fresh = new AggregationMultigrid(sz), reused = new AggregationMultigrid(new AggregationMultigrid(sx), again);
		assertEquals(fresh.levels.size(), reused.levels.size());
		for (int li = 0; li < fresh.levels.size(); li++)
			assertArrayEquals(fresh.levels.get(li).diag, reused.levels.get(li).diag, "level " + li);
		float[] r = random(sz.n, 5), o1 = new float[sz.n], o2 = new float[sz.n];
		fresh.apply(r, o1);
		reused.apply(r, o2);
		assertArrayEquals(o1, o2);
		assertThrows(IllegalArgumentException.class, () -> new AggregationMultigrid(reused, system(1, 2, 60)));
	}

	@Test
	void emptySlabsAboveTheConductingRegionKeepChunksConsistent() {
		// along x the system lies in the lower 60 slices: the upper chunks of the first coarse level hold no cells
		ConductionSystem s1 = system(1, 0, 60), s3 = system(3, 0, 60);
		AggregationMultigrid m1 = new AggregationMultigrid(s1), m3 = new AggregationMultigrid(s3);
		CoarseLevel l = m1.levels.get(0);
		int[] cs = l.chunkSlabs();
		assertTrue(cs.length > 2 && l.first[cs[cs.length - 2] * l.bw * l.bh] == l.n, "the test needs an empty chunk");
		float[] r = random(s1.n, 4), o1 = new float[s1.n], o3 = new float[s1.n], again = new float[s1.n];
		m1.apply(r, o1);
		m3.apply(r, o3);
		m1.apply(r, again); // stale coarse right-hand sides would change a second application
		assertArrayEquals(o1, o3);
		assertArrayEquals(o1, again);
	}

	@Test
	void preconditionerIsSymmetricAndPositive() {
		ConductionSystem s = system(2, 0);
		AggregationMultigrid m = new AggregationMultigrid(s);
		float[] a = random(s.n, 1), b = random(s.n, 2), ma = new float[s.n], mb = new float[s.n];
		m.apply(a, ma);
		m.apply(b, mb);
		double bma = 0, amb = 0, ama = 0, norm = 0;
		for (int i = 0; i < s.n; i++) {
			bma += (double) b[i] * ma[i];
			amb += (double) a[i] * mb[i];
			ama += (double) a[i] * ma[i];
			norm += Math.abs((double) b[i] * ma[i]);
		}
		assertEquals(bma, amb, 1e-4 * norm, "b.M^-1 a = a.M^-1 b");
		assertTrue(ama > 0);
	}

	/** The memory check's estimate against the arrays actually alive at the build's peak and while solving. */
	@Test
	void memoryCheckBoundsTheBuildPeakAndTheSolve() {
		for (long seed = 1; seed <= 3; seed++)
			for (int label = 0; label <= 1; label++) {
				Conductivities c = Conductivities.singlePhase(label);
				ConductionClasses v = ConductionClasses.read(Vols.spheres(64, 60, 70, 3 + seed, 0.3 + 0.1 * seed, seed), c, 2, Progress.NONE);
				long n = v.markSpanning(2, Progress.NONE);
				if (n < 4096) continue;
				// 2:1 voxels: the first aggregation stays within slices (about twice the cells)
				VoxelSize vs = seed == 2 ? new VoxelSize(1, 1, 2, "um") : VoxelSize.uncalibrated();
				ConductionSystem s = new ConductionSystem(v, c.classConductivity(), vs, 2, n, 2, Progress.NONE);
				AggregationMultigrid m = new AggregationMultigrid(s);
				long actual = m.solverBytes();
				long estimate = ConductionSystem.solverBytes(s.w, s.h, s.d, s.vs, n, 1, FluxTortuosity.Preconditioning.AGGREGATION, 2);
				String what = "seed " + seed + " label " + label + " voxels " + vs + " phi_s " + (double) n / (64 * 60 * 70) + ": estimate " + estimate + ", actual " + actual
					+ " (build " + m.buildPeak + ", levels " + m.bytes() + ")";
				assertTrue(estimate >= actual, what);
				assertTrue(estimate < 1.5 * actual, what);
			}
	}

	/** Cubic and 2:1 voxels (semi-coarsened first levels: about 1.7 times the first-level cells, counted by the estimate). */
	@Test
	void atMost16BytesPerVoxelAtHalfFractionForOneClass() {
		long w = 512, h = 512, d = 400, n = w * h * d / 2;
		double cubic = 0;
		for (VoxelSize vs : new VoxelSize[] { VoxelSize.uncalibrated(), new VoxelSize(1, 1, 2, "um") }) {
			long bytes = ConductionSystem.solverBytes((int) w, (int) h, (int) d, vs, n, 1, FluxTortuosity.Preconditioning.AGGREGATION, 2);
			double perVoxel = 1 + (double) bytes / (w * h * d); // + the class volume
			assertTrue(perVoxel <= 16, vs + ": B/voxel " + perVoxel);
			if (cubic == 0) cubic = perVoxel;
			else assertTrue(perVoxel > cubic, "the estimate counts the finer first level of 2:1 voxels");
		}
	}
}
