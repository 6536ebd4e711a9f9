package org.cathodej.tortuosity;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

class RandomWalkTortuosityTest {

	static RandomWalkTortuosity.Options opts(int walkers, long steps, long seed) {
		RandomWalkTortuosity.Options o = new RandomWalkTortuosity.Options();
		o.walkers = walkers;
		o.steps = steps;
		o.seed = seed;
		o.threads = 2;
		return o;
	}

	@Test
	void openSpaceTauIsOne() {
		for (VoxelSize vs : new VoxelSize[] { VoxelSize.uncalibrated(), new VoxelSize(0.5, 0.5, 1.5, "um") }) {
			RandomWalkResult r = RandomWalkTortuosity.compute(Vols.make(30, 25, 20, (x, y, z) -> 1), 1, vs, opts(100000, 1000, 5),
				Progress.NONE);
			for (int b = 0; b < 4; b++) {
				assertEquals(1, r.tau[b], 0.02, "axis " + b + " " + vs);
				assertTrue(r.tauError[b] > 0 && r.tauError[b] < 0.02, "se " + r.tauError[b]);
				assertEquals(1, r.tau[b], 3.5 * r.tauError[b], "the standard error covers the truth, axis " + b);
			}
			assertEquals(500, r.fitFirstStep);
			assertEquals(1000, r.fitLastStep);
			assertEquals(1, r.phi);
		}
	}

	@Test
	void mirroringKeepsWalkersInside() {
		assertEquals(0, RandomWalkTortuosity.fold(0, 5));
		assertEquals(4, RandomWalkTortuosity.fold(5, 5));
		assertEquals(0, RandomWalkTortuosity.fold(-1, 5));
		assertEquals(0, RandomWalkTortuosity.fold(10, 5));
		assertEquals(4, RandomWalkTortuosity.fold(-6, 5));
	}

	@Test
	void channelsFreeAlongBlockedAcross() {
		// 1-voxel channels along z, separated by walls
		RandomWalkResult r = RandomWalkTortuosity.compute(Vols.make(12, 12, 30, (x, y, z) -> x % 3 == 1 && y % 3 == 1 ? 0 : 1), 0,
			VoxelSize.uncalibrated(), opts(4000, 3000, 2), Progress.NONE);
		// only z moves are accepted: the axial slope is the free one, so tau_z = 1
		assertEquals(1, r.tau[2], 0.03);
		assertEquals(Double.POSITIVE_INFINITY, r.tau[0]);
		assertEquals(Double.POSITIVE_INFINITY, r.tau[1]);
		assertEquals(0, r.msd[0][r.msd[0].length - 1]);
	}

	@Test
	void sameSeedSameNumbersAnyThreads() {
		RandomAccessibleInterval<? extends IntegerType<?>> img = Vols.spheres(30, 30, 30, 4, 0.4, 11);
		RandomWalkTortuosity.Options a = opts(500, 3000, 9), b = opts(500, 3000, 9), c = opts(500, 3000, 10);
		a.threads = 1;
		b.threads = 3;
		RandomWalkResult ra = RandomWalkTortuosity.compute(img, 0, VoxelSize.uncalibrated(), a, Progress.NONE);
		RandomWalkResult rb = RandomWalkTortuosity.compute(img, 0, VoxelSize.uncalibrated(), b, Progress.NONE);
		RandomWalkResult rc = RandomWalkTortuosity.compute(img, 0, VoxelSize.uncalibrated(), c, Progress.NONE);
		assertArrayEquals(ra.msd[3], rb.msd[3], 0);
		assertArrayEquals(ra.tau, rb.tau, 0);
		assertNotEquals(ra.msd[3][199], rc.msd[3][199]);
	}

	@Test
	void anySplitOfTheWalkersAddsUpToTheSameNumbers() {
		RandomAccessibleInterval<? extends IntegerType<?>> img = Vols.spheres(24, 24, 24, 4, 0.4, 5);
		RandomWalkTortuosity.Options o = opts(333, 2000, 21);
		RandomWalkResult whole = RandomWalkTortuosity.compute(img, 0, VoxelSize.uncalibrated(), o, Progress.NONE);
		RandomWalkTortuosity.Walk walk = RandomWalkTortuosity.prepare(img, 0, VoxelSize.uncalibrated(), o);
		for (int[] cuts : new int[][] { { 0, 333 }, { 0, 1, 333 }, { 0, 100, 101, 250, 333 }, { 0, 17, 17, 40, 41, 200, 333 } }) {
			long[][][] sum = walk.emptySums();
			for (int i = cuts.length - 2; i >= 0; i--) // added in reverse order
				RandomWalkTortuosity.add(sum, RandomWalkTortuosity.walkers(walk, cuts[i], cuts[i + 1], Progress.NONE));
			RandomWalkResult split = RandomWalkTortuosity.finish(walk, sum);
			for (int b = 0; b < 4; b++) assertArrayEquals(whole.msd[b], split.msd[b], 0, java.util.Arrays.toString(cuts));
			assertArrayEquals(whole.tau, split.tau, 0);
			assertArrayEquals(whole.tauError, split.tauError, 0);
		}
		assertThrows(IllegalArgumentException.class, () -> RandomWalkTortuosity.walkers(walk, 300, 334, Progress.NONE));
	}

	@Test
	void agreesWithFluxOnHomogeneousPhantom() {
		// pore (label 0) = 75 % around overlapping spheres: percolating, few dead ends
		RandomAccessibleInterval<? extends IntegerType<?>> img = Vols.spheres(48, 48, 48, 3, 0.25, 3);
		VoxelSize vs = VoxelSize.uncalibrated();
		FluxTortuosity.Options fo = new FluxTortuosity.Options();
		fo.threads = 2;
		List<FluxResult> flux = FluxTortuosity.compute(img, Conductivities.singlePhase(0), vs, new int[] { 0, 1, 2 }, fo, Progress.NONE);
		RandomWalkResult rw = RandomWalkTortuosity.compute(img, 0, vs, opts(4000, 20000, 4), Progress.NONE);
		double invSum = 0;
		for (int b = 0; b < 3; b++) {
			invSum += 1 / flux.get(b).kappa;
			assertEquals(flux.get(b).kappa, rw.tau[b], 0.05 * flux.get(b).kappa, "axis " + b);
		}
		// total: the walk's total MSD slope averages the three axial diffusivities
		assertEquals(3 / invSum, rw.tau[3], 0.05 * 3 / invSum);
		assertTrue(rw.tau[3] > 1.05, "tortuous: " + rw.tau[3]);
	}
}
