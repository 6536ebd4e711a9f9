package org.cathodej.chord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cathodej.image.VoxelSize;
import org.cathodej.surface.ClassVolume;
import org.cathodej.surface.GeometryCounts;
import org.cathodej.surface.GeometryScanner;
import org.cathodej.surface.TestVolumes;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

class CauchyChordTest {

	@Test
	void ballGivesFourThirdsOfItsRadius() {
		// 4 phi / S_V = 4 V / S = 4 r / 3 for a ball. phi is over the whole box but S_V counts intercepts per length of
		// the lattice lines inside it (n - 1 pairs per n voxels), so the estimate sits ~1/n per direction low: a large
		// box keeps that under 3 %.
		double r = 14;
		VoxelSize vs = new VoxelSize(0.5, 0.5, 0.5, "um");
		GeometryCounts g = GeometryScanner.scan(ClassVolume.fromLabels(TestVolumes.ball(96, 96, 96, 47.6, 48.2, 47.8, r, 1, 1, 1), 0, 1), vs, 1,
			Progress.NONE);
		assertEquals(4 * r * 0.5 / 3, CauchyChord.fromSurface(g, 1), 0.03 * 4 * r * 0.5 / 3);
	}

	@Test
	void noSurfaceGivesZeroNotInfinity() {
		GeometryCounts g = GeometryScanner.scan(ClassVolume.fromLabels(TestVolumes.of(6, 5, 4, (x, y, z) -> 1), 0, 1), new VoxelSize(1, 1, 1, "um"), 1,
			Progress.NONE);
		assertEquals(0, CauchyChord.fromSurface(g, 0));
		assertEquals(0, CauchyChord.fromSurface(g, 1));
		assertEquals(0, CauchyChord.ratio(3, 0));
		assertEquals(1.5, CauchyChord.ratio(3, 2));
	}
}
