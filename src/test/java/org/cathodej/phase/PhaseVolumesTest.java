package org.cathodej.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cathodej.image.Slices;
import org.junit.jupiter.api.Test;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

class PhaseVolumesTest {

	@Test
	void phaseIndicesBecomeLabelValuesInTheNarrowestType() {
		SplittableRandom r = new SplittableRandom(11);
		int w = 7, h = 5, d = 3;
		byte[][] phase = new byte[d][w * h];
		for (byte[] p : phase) for (int i = 0; i < p.length; i++) p[i] = (byte) r.nextInt(3);
		for (PhaseLabels pl : new PhaseLabels[] { PhaseLabels.defaults(), new PhaseLabels(10, 255, 3), new PhaseLabels(0, 256, 2),
			new PhaseLabels(65535, 1, 40000) }) {
			PlanarImg<?, ?> img = PhaseVolumes.fromPhases(phase, w, h, pl);
			boolean bytes = Math.max(pl.pore(), Math.max(pl.cam(), pl.ise())) <= 255;
			assertTrue(bytes ? img.firstElement() instanceof UnsignedByteType : img.firstElement() instanceof UnsignedShortType, pl.toString());
			@SuppressWarnings("unchecked")
			PlanarImg<? extends net.imglib2.type.numeric.IntegerType<?>, ?> li = (PlanarImg<? extends net.imglib2.type.numeric.IntegerType<?>, ?>) img;
			for (int z = 0; z < d; z++) {
				int[] v = Slices.readInts(li, z, null);
				for (int i = 0; i < w * h; i++) assertEquals(pl.valueOf(Phase.values()[phase[z][i]]), v[i], pl + " voxel " + i);
			}
		}
	}

	@Test
	void sixteenBitLabelsNarrowWhenTheyFit() {
		short[][] s = { { 0, 1, 255, 7 }, { 3, 2, 1, 0 } };
		PlanarImg<?, ?> narrow = PhaseVolumes.narrowest(s, 2, 2, 255);
		assertTrue(narrow.firstElement() instanceof UnsignedByteType);
		assertEquals(255, ((byte[]) Slices.planeArray(narrow, 0))[2] & 0xff);
		PlanarImg<?, ?> wide = PhaseVolumes.narrowest(s, 2, 2, 256);
		assertTrue(wide.firstElement() instanceof UnsignedShortType);
		assertSame(s[1], Slices.planeArray(wide, 1), "16-bit planes are shared, not copied");
	}
}
