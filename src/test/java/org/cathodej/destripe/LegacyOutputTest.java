package org.cathodej.destripe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.img.planar.PlanarImg;

/**
 * Old macros (no curtain_length, i.e. 0) give bit-identical output: hashes of the float bits of the output on a
 * fixed rendering, recorded with the filter as it was before curtain_length existed (commit cbd6d77), for the
 * defaults, the whole-slice filter and the automatic mode.
 */
class LegacyOutputTest {

	static long hash(PlanarImg<?, ?> img, int d) {
		long h = 1125899906842597L;
		for (int z = 0; z < d; z++)
			for (float v : DestriperTest.slice(img, z)) h = 31 * h + Float.floatToIntBits(v);
		return h;
	}

	private static long run(int width, boolean auto) {
		PlanarImg<?, ?>[] cs = DestriperTest.cleanAndStriped(5, 10000);
		Destriper.Params p = new Destriper.Params();
		p.stripeWidth = width;
		p.auto = auto;
		p.threads = 2;
		return hash(Destriper.run(DestriperTest.real(cs[1]), p, Progress.NONE).output, DestriperTest.D);
	}

	@Test
	void curtainLengthZeroIsTheFormerFilter() {
		long[] got = { run(4, false), run(0, false), run(4, true) };
		System.out.println("legacy hashes " + got[0] + "L, " + got[1] + "L, " + got[2] + "L");
		assertEquals(LEGACY[0], got[0], "defaults");
		assertEquals(LEGACY[1], got[1], "whole-slice filter");
		assertEquals(LEGACY[2], got[2], "automatic");
	}

	static final long[] LEGACY = { 9199879816955394409L, 191243564870927580L, -7768677249119545733L };
}
