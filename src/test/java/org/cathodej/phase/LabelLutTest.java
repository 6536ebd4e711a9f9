package org.cathodej.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LabelLutTest {

	@Test
	void classesAgreeWithPhaseOfForEveryLabel() {
		SplittableRandom r = new SplittableRandom(7);
		for (int trial = 0; trial < 20; trial++) {
			int a = r.nextInt(65536), b = r.nextInt(65536), c = r.nextInt(65536);
			if (a == b || a == c || b == c) continue;
			PhaseLabels pl = new PhaseLabels(a, b, c);
			LabelLut lut = pl.lut();
			byte[] t = lut.toArray();
			for (int v = -3; v <= 65538; v++) {
				assertEquals(pl.phaseOf(v), lut.classOf(v), "label " + v);
				if (v >= 0 && v <= 65535) assertEquals(pl.phaseOf(v), t[v]);
			}
		}
	}

	@Test
	void rangeAndDuplicatesAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> LabelLut.checkLabel(-1));
		assertThrows(IllegalArgumentException.class, () -> LabelLut.checkLabel(65536));
		assertEquals(65535, LabelLut.checkLabel(65535));
		assertThrows(IllegalArgumentException.class, () -> LabelLut.classes(3, 70000));
		assertThrows(IllegalArgumentException.class, () -> LabelLut.classes(3, 4, 3));
		assertThrows(IllegalArgumentException.class, () -> new PhaseLabels(0, 1, 65536));
		assertThrows(IllegalArgumentException.class, () -> LabelLut.allOther(0).set(-5, 1));
	}

	@Test
	void allOtherKeepsItsOtherClassOutsideTheRange() {
		LabelLut lut = LabelLut.allOther(0).set(9, 1).set(65535, 2);
		assertEquals(0, lut.classOf(-1));
		assertEquals(0, lut.classOf(65536));
		assertEquals(1, lut.classOf(9));
		assertEquals(2, lut.classOf(65535));
		assertEquals(0, lut.classOf(10));
		assertEquals(0, lut.other());
	}
}
