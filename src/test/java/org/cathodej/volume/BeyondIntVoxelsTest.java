package org.cathodej.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cathodej.fractions.FractionsKernel;
import org.cathodej.fractions.PhaseFractions;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

/**
 * A volume of more than 2^31 voxels (4096 x 4096 x 129, generated slice by slice, never held whole) through the
 * streamed Phase Fractions: the counts equal the closed-form ones, so no count or index wraps at 2^31.
 */
class BeyondIntVoxelsTest {

	@Test
	void phaseFractionsCountMoreThanTwoToThe31Voxels() {
		PhaseLabels pl = new PhaseLabels(0, 1, 2);
		GeneratedSource src = new GeneratedSource(4096, 4096, 129, pl.pore(), pl.cam(), pl.ise());
		long total = src.voxels();
		assertTrue(total > (1L << 31), "more than 2^31 voxels: " + total);
		PhaseFractions.Counts c = SlabStreamer.run(src, new SlabPlan(src.depth(), 16), new FractionsKernel(pl, 2), Progress.NONE).counts();
		long cam = 0, ise = 0;
		for (int z = 0; z < src.depth(); z++) {
			cam += src.camVoxels(z);
			if (z % 5 == 0) ise += 4096L * 4096;
			long[] row = c.profile[2][z];
			assertEquals(src.camVoxels(z), row[1], "CAM in slice " + z);
		}
		assertEquals(total, c.total);
		assertEquals(cam, c.phase[1]);
		assertEquals(ise, c.phase[2]);
		assertEquals(total - cam - ise, c.phase[0]);
		assertEquals(total, c.phase[0] + c.phase[1] + c.phase[2] + c.phase[3], "every voxel counted once");
	}
}
