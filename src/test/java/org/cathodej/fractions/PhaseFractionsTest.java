package org.cathodej.fractions;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.Cursor;

class PhaseFractionsTest {

	/** Random 16-bit labels including values that are no phase, on a planar image. */
	static PlanarImg<UnsignedShortType, ?> random(int w, int h, int d, long seed) {
		PlanarImg<UnsignedShortType, ?> img = PlanarImgs.unsignedShorts(w, h, d);
		SplittableRandom r = new SplittableRandom(seed);
		int[] values = { 3, 7, 9, 300 };
		for (UnsignedShortType t : img) t.set(values[r.nextInt(values.length)]);
		return img;
	}

	@Test
	void countsAndProfilesMatchABruteForceCount() {
		int w = 13, h = 7, d = 9;
		PlanarImg<UnsignedShortType, ?> img = random(w, h, d, 42);
		PhaseLabels pl = new PhaseLabels(9, 7, 3);
		PhaseFractions.Counts c = PhaseFractions.count(img, pl, 2, Progress.NONE);
		long[] phase = new long[4];
		long[][][] prof = { new long[w][4], new long[h][4], new long[d][4] };
		Cursor<UnsignedShortType> cur = img.localizingCursor();
		while (cur.hasNext()) {
			int v = cur.next().get();
			int p = v == 9 ? 0 : v == 7 ? 1 : v == 3 ? 2 : 3;
			phase[p]++;
			prof[0][cur.getIntPosition(0)][p]++;
			prof[1][cur.getIntPosition(1)][p]++;
			prof[2][cur.getIntPosition(2)][p]++;
		}
		assertArrayEquals(phase, c.phase);
		for (int a = 0; a < 3; a++)
			for (int k = 0; k < prof[a].length; k++) assertArrayEquals(prof[a][k], c.profile[a][k], "axis " + a + " index " + k);
		assertEquals(phase[3], (long) c.otherLabels.get(300));
		assertEquals(w * h * d, c.total);
		double sum = 0;
		for (int i = 0; i < 4; i++) sum += c.fraction(i);
		assertEquals(1, sum, 1e-12);
	}

	@Test
	void threadCountDoesNotChangeTheResult() {
		PlanarImg<UnsignedShortType, ?> img = random(31, 17, 23, 7);
		PhaseLabels pl = new PhaseLabels(3, 7, 9);
		PhaseFractions.Counts a = PhaseFractions.count(img, pl, 1, Progress.NONE), b = PhaseFractions.count(img, pl, 3, Progress.NONE);
		assertArrayEquals(a.phase, b.phase);
		for (int ax = 0; ax < 3; ax++)
			for (int k = 0; k < a.profile[ax].length; k++) assertArrayEquals(a.profile[ax][k], b.profile[ax][k]);
	}

	@Test
	void worksOnNonPlanarImagesAndAbsentPhasesGiveZero() {
		PhaseFractions.Counts c = PhaseFractions.count(ArrayImgs.unsignedBytes(4, 4, 4), PhaseLabels.defaults(), 2, Progress.NONE);
		assertEquals(1.0, c.fraction(0));
		assertEquals(0.0, c.fraction(1));
		assertEquals(0.0, c.profileFraction(2, 3, 2));
	}

	@Test
	void nominalCompositionFollowsTheRuleOfMixtures() {
		NominalComposition n = new NominalComposition(0.7, 4.7, 1.64, 0, 0, 0);
		double vc = 0.7 / 4.7, vi = 0.3 / 1.64;
		assertEquals(vc / (vc + vi), n.solidFraction(org.cathodej.phase.Phase.CAM), 1e-12);
		assertFalse(n.hasPellet());
		// a pellet of 1 cm^2 x 100 um holding 80 % of the dense mass has 20 % porosity
		double dense = 1e-2 * n.compositeDensity() * 1e3; // mg in 0.01 cm^3
		NominalComposition p = new NominalComposition(0.7, 4.7, 1.64, 0.8 * dense, 1, 100);
		assertEquals(0.2, p.geometricPorosity(), 1e-12);
		assertEquals(0.8 * vi / (vc + vi), p.volumeFraction(org.cathodej.phase.Phase.ISE), 1e-12);
		assertThrows(IllegalArgumentException.class, () -> new NominalComposition(0.7, 4.7, 1.64, 2 * dense, 1, 100));
	}
}
