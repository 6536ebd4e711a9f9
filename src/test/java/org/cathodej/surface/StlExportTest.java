package org.cathodej.surface;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.GeometryCounts.Estimator;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

class StlExportTest {

	@TempDir
	Path tmp;

	@Test
	void interfaceMeshesSplitThePhaseMesh() throws Exception {
		// CAM ball half in pore (z < 12), half in ISE; anisotropic voxels
		PlanarImg<UnsignedByteType, ByteArray> img = TestVolumes.of(26, 26, 24, (x, y, z) -> {
			double dx = x - 12.6, dy = y - 12.3, dz = (z - 11.7) * 1.2;
			return dx * dx + dy * dy + dz * dz <= 81 ? 1 : z < 12 ? 0 : 2;
		});
		VoxelSize vs = new VoxelSize(1, 1, 1.2, "um");
		Path cam = tmp.resolve("cam.stl"), pc = tmp.resolve("pc.stl"), ci = tmp.resolve("ci.stl");
		long n = StlExport.write(img, 1, vs, cam, Progress.NONE);
		long n1 = StlExport.write(img, 1, 0, vs, pc, Progress.NONE);
		long n2 = StlExport.write(img, 1, 2, vs, ci, Progress.NONE);
		assertTrue(n1 > 0 && n2 > 0);
		// every CAM triangle faces either pore or ISE; the majority rule gives each to exactly one side
		assertEquals(n, n1 + n2);
		double a = StlExport.area(cam), a1 = StlExport.area(pc), a2 = StlExport.area(ci);
		assertEquals(a, a1 + a2, 1e-3 * a);
		PhaseSurfaces ps = PhaseSurfaces.measure(img, PhaseLabels.defaults(), vs, 1, Progress.NONE);
		assertEquals(ps.surface[1][Estimator.MARCHING_CUBES.ordinal()], a, 0.01 * a);
		assertEquals(ps.interfaceArea[0][Estimator.MARCHING_CUBES.ordinal()], a1, 0.05 * a1);
		assertEquals(ps.interfaceArea[2][Estimator.MARCHING_CUBES.ordinal()], a2, 0.05 * a2);
	}
}
