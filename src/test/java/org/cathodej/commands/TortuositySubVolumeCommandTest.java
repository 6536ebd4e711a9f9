package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cathodej.phase.PhaseLabels;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;

/** Tortuosity (Flux) states the full solve's memory, and its sub-volume mode reports kappa per cube and per edge. */
class TortuositySubVolumeCommandTest {

	static ImagePlus labels(int w, int h, int d) {
		SplittableRandom r = new SplittableRandom(3);
		ImageStack st = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			byte[] p = new byte[w * h];
			for (int i = 0; i < p.length; i++) p[i] = (byte) (r.nextDouble() < 0.65 ? PhaseLabels.DEFAULT_ISE : PhaseLabels.DEFAULT_CAM);
			st.addSlice(new ByteProcessor(w, h, p));
		}
		return new ImagePlus("cathode", st);
	}

	@Test
	void subVolumeModeReportsCubesAndTheirSummary() {
		TortuosityFluxCommand c = new TortuosityFluxCommand();
		c.labels = labels(28, 25, 23);
		c.subvolume_edge = "8, 12";
		c.subvolume_count = 3;
		c.subvolume_layout = "random";
		c.seed = 9;
		c.run();
		assertNull(c.tortuosity, "no full solve in the sub-volume mode");
		assertEquals(6, c.subvolumes.size());
		assertEquals(2, c.subvolume_summary.size());
		assertEquals(8, c.subvolume_summary.getValue("edge", 0), 0);
		assertEquals(3, c.subvolume_summary.getValue("cubes", 1), 0);
		double k = c.subvolume_summary.getValue("kappa_mean", 1);
		assertTrue(k > 1 && k < 3, "kappa of a 65 % random phase " + k);
		assertTrue(String.join("\n", c.notes()).contains("A full solve of 28x25x23 voxels needs up to"), String.join("\n", c.notes()));
		assertTrue(String.valueOf(c.conventions().get("full_solve_memory")).contains("needs up to"));
		// the free heap changes from run to run: not in the provenance
		assertFalse(String.valueOf(c.conventions().get("full_solve_memory")).contains("free heap"));
	}

	@Test
	void subVolumeModeRefusesAllAxesAndEdgesThatDoNotFit() {
		TortuosityFluxCommand c = new TortuosityFluxCommand();
		c.labels = labels(20, 20, 10);
		c.subvolume_edge = "12";
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::run);
		assertTrue(e.getMessage().contains("at most 10"), e.getMessage());
		c.axis = "all";
		e = assertThrows(IllegalArgumentException.class, c::run);
		assertTrue(e.getMessage().contains("one axis"), e.getMessage());
	}

	/**
	 * Pores and Voids on a (generated, virtual) volume far beyond the heap and the disk: streamed, it is refused before
	 * reading for want of disk (or, on a huge disk, of memory for a slab), with a sub-volume as the alternative; with
	 * streaming=never, for want of memory, with the streamed path and sub-volumes as alternatives.
	 */
	@Test
	void poresRefuseAVolumeThatDoesNotFitWithTheSubVolumeAlternative() {
		PoresCommand c = new PoresCommand();
		c.labels = org.cathodej.imagej.SourceStack.imagePlus(new org.cathodej.volume.GeneratedSource(8192, 8192, 4096, 0, 1, 2), "huge");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::run);
		String m = e.getMessage();
		assertTrue(m.contains("8192x8192") && m.contains("GB") && m.contains("sub-volume"), m);
		c.streaming = "never";
		m = assertThrows(IllegalArgumentException.class, c::run).getMessage();
		assertTrue(m.contains("8192x8192x4096") && m.contains("GB") && m.contains("streaming=auto") && m.contains("sub-volumes"), m);
	}
}
