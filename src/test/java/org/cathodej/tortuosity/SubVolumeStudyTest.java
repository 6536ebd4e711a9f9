package org.cathodej.tortuosity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.junit.jupiter.api.Test;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * The representative-volume study: positions are deterministic (by seed for random ones) and inside the volume, each
 * cube's kappa equals a direct solve of the cropped volume, and the summary is the mean and sample SD of those.
 */
class SubVolumeStudyTest {

	static final VoxelSize VS = new VoxelSize(0.1, 0.1, 0.15, "um");

	@Test
	void positionsAreInsideAndDeterministic() {
		for (SubVolumeStudy.Layout l : SubVolumeStudy.Layout.values()) {
			List<SubVolumeStudy.Cube> a = SubVolumeStudy.positions(40, 31, 27, 12, 9, l, 5), b = SubVolumeStudy.positions(40, 31, 27, 12, 9, l, 5);
			assertEquals(9, a.size());
			assertEquals(a.toString(), b.toString());
			for (SubVolumeStudy.Cube c : a) {
				assertTrue(c.x0 >= 0 && c.x0 + 12 <= 40 && c.y0 >= 0 && c.y0 + 12 <= 31 && c.z0 >= 0 && c.z0 + 12 <= 27, c.toString());
			}
		}
		assertNotEquals(SubVolumeStudy.positions(40, 31, 27, 12, 9, SubVolumeStudy.Layout.RANDOM, 5).toString(),
			SubVolumeStudy.positions(40, 31, 27, 12, 9, SubVolumeStudy.Layout.RANDOM, 6).toString());
		List<SubVolumeStudy.Cube> g = SubVolumeStudy.positions(40, 31, 27, 12, 8, SubVolumeStudy.Layout.GRID, 0);
		assertEquals("12^3 at (0, 0, 0)", g.get(0).toString());
		assertEquals("12^3 at (28, 19, 15)", g.get(7).toString(), "grid corners reach the far faces");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> SubVolumeStudy.positions(40, 31, 27, 28, 1, SubVolumeStudy.Layout.GRID, 0));
		assertTrue(e.getMessage().contains("at most 27"), e.getMessage());
	}

	/** The cube copied voxel by voxel, independently of {@link SubVolumeStudy#read}. */
	static PlanarImg<UnsignedByteType, ByteArray> crop(PlanarImg<UnsignedByteType, ByteArray> v, int w, SubVolumeStudy.Cube c) {
		return Vols.make(c.edge, c.edge, c.edge,
			(x, y, z) -> v.getPlane(c.z0 + z).getCurrentStorageArray()[(c.y0 + y) * w + c.x0 + x] & 0xff);
	}

	@Test
	void eachCubeEqualsADirectSolveOfTheCroppedVolumeAndTheSummaryTheirStatistics() {
		int w = 30, h = 26, d = 22;
		PlanarImg<UnsignedByteType, ByteArray> v = Vols.random(w, h, d, 0.62, 11);
		Conductivities cond = Conductivities.singlePhase(1);
		FluxTortuosity.Options o = new FluxTortuosity.Options();
		o.threads = 1;
		List<SubVolumeStudy.CubeResult> rs = SubVolumeStudy.run(new ImgSource(v, VS, "random"), new int[] { 14, 10 }, 3,
			SubVolumeStudy.Layout.RANDOM, 42, cond, VS, 2, o, Progress.NONE);
		assertEquals(6, rs.size());
		assertEquals(10, rs.get(0).cube.edge, "smallest edge first");
		List<Double> k10 = new ArrayList<>(), k14 = new ArrayList<>();
		for (SubVolumeStudy.CubeResult r : rs) {
			FluxResult direct = FluxTortuosity.compute(crop(v, w, r.cube), cond, VS, new int[] { 2 }, o, Progress.NONE).get(0);
			assertEquals(direct.kappa, r.flux.kappa, 0, r.cube.toString());
			assertEquals(direct.phiTotal, r.flux.phiTotal, 0);
			assertTrue(Double.isFinite(r.flux.kappa) && r.flux.kappa > 1, "percolating random cube " + r.flux.kappa);
			(r.cube.edge == 10 ? k10 : k14).add(r.flux.kappa);
		}
		List<SubVolumeStudy.EdgeSummary> s = SubVolumeStudy.summarise(rs);
		assertEquals(2, s.size());
		double m10 = mean(k10), m14 = mean(k14);
		assertEquals(m10, s.get(0).mean, 1e-12);
		assertEquals(m14, s.get(1).mean, 1e-12);
		assertEquals(sd(k14, m14), s.get(1).sd, 1e-12);
		assertEquals((m14 - m10) / m10, s.get(1).changeFromSmaller, 1e-12);
		assertTrue(Double.isNaN(s.get(0).changeFromSmaller));
		// the same seed gives the same study
		List<SubVolumeStudy.CubeResult> again = SubVolumeStudy.run(new ImgSource(v, VS, "random"), new int[] { 10, 14 }, 3,
			SubVolumeStudy.Layout.RANDOM, 42, cond, VS, 2, o, Progress.NONE);
		for (int i = 0; i < rs.size(); i++) assertEquals(rs.get(i).flux.kappa, again.get(i).flux.kappa, 0);
	}

	/** A runner elsewhere gets the cubes in study order and serialised settings; solving there changes no number. */
	@Test
	void aCubeRunnerGivesTheNumbersOfTheLocalLoop() {
		int w = 24, h = 22, d = 20;
		PlanarImg<UnsignedByteType, ByteArray> v = Vols.random(w, h, d, 0.6, 5);
		ImgSource src = new ImgSource(v, VS, "random");
		Conductivities cond = Conductivities.singlePhase(1);
		FluxTortuosity.Options o = new FluxTortuosity.Options();
		o.threads = 1;
		List<SubVolumeStudy.Cube> asked = new ArrayList<>();
		SubVolumeStudy.CubeRunner remote = (cubes, c, vs, axis, opt, p) -> {
			List<SubVolumeStudy.CubeResult> out = new ArrayList<>();
			asked.addAll(cubes);
			for (int i = cubes.size() - 1; i >= 0; i--) // solved in another order, returned in the asked one
				out.add(0, roundTrip(SubVolumeStudy.solve(src, roundTrip(cubes.get(i)), roundTrip(c), roundTrip(vs), axis, roundTrip(opt), p)));
			return out;
		};
		List<SubVolumeStudy.CubeResult> here = SubVolumeStudy.run(src, new int[] { 12, 8 }, 2, SubVolumeStudy.Layout.GRID, 0, cond, VS, 1, o, Progress.NONE);
		List<SubVolumeStudy.CubeResult> there = SubVolumeStudy.run(src, new int[] { 12, 8 }, 2, SubVolumeStudy.Layout.GRID, 0, cond, VS, 1, o, remote,
			Progress.NONE);
		assertEquals(SubVolumeStudy.cubes(w, h, d, new int[] { 8, 12 }, 2, SubVolumeStudy.Layout.GRID, 0).toString(), asked.toString());
		assertEquals(4, there.size());
		for (int i = 0; i < here.size(); i++) {
			assertEquals(here.get(i).cube.toString(), there.get(i).cube.toString());
			assertEquals(here.get(i).flux.kappa, there.get(i).flux.kappa, 0);
			assertEquals(here.get(i).flux.iterations, there.get(i).flux.iterations);
		}
	}

	@SuppressWarnings("unchecked")
	static <T> T roundTrip(T o) {
		try {
			java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
			try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(b)) {
				out.writeObject(o);
			}
			try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(b.toByteArray()))) {
				return (T) in.readObject();
			}
		} catch (java.io.IOException | ClassNotFoundException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void nonPercolatingCubesAreCountedApart() {
		// label 1 only in the lower half along x: cubes there percolate along z, cubes in the other half do not
		PlanarImg<UnsignedByteType, ByteArray> v = Vols.make(24, 12, 12, (x, y, z) -> x < 12 ? 1 : 0);
		FluxTortuosity.Options o = new FluxTortuosity.Options();
		List<SubVolumeStudy.CubeResult> rs = new ArrayList<>();
		for (SubVolumeStudy.Cube c : Arrays.asList(new SubVolumeStudy.Cube(12, 0, 0, 0), new SubVolumeStudy.Cube(12, 12, 0, 0)))
			rs.add(SubVolumeStudy.solve(new ImgSource(v, VS, "halves"), c, Conductivities.singlePhase(1), VS, 2, o, null));
		SubVolumeStudy.EdgeSummary s = SubVolumeStudy.summarise(rs).get(0);
		assertEquals(2, s.cubes);
		assertEquals(1, s.nonPercolating);
		assertEquals(1.0, s.mean, 1e-6, "an open block has kappa 1 (float solver)");
		assertEquals(0, s.sd, 0);
	}

	static double mean(List<Double> v) {
		double s = 0;
		for (double x : v) s += x;
		return s / v.size();
	}

	static double sd(List<Double> v, double m) {
		double s = 0;
		for (double x : v) s += (x - m) * (x - m);
		return Math.sqrt(s / (v.size() - 1));
	}
}
