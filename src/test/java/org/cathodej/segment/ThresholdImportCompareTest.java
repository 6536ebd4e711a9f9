package org.cathodej.segment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

class ThresholdImportCompareTest {

	@SuppressWarnings("unchecked")
	static RandomAccessibleInterval<? extends RealType<?>> real(Object o) {
		return (RandomAccessibleInterval<? extends RealType<?>>) o;
	}

	static byte[][] truth(SegmentTestData t) {
		byte[][] a = new byte[Slices.depth(t.truth)][];
		for (int z = 0; z < a.length; z++) a[z] = (byte[]) Slices.planeArray(t.truth, z);
		return a;
	}

	@Test
	void thresholdRouteReaches93PercentWithAndWithoutSe() {
		SegmentTestData t = new SegmentTestData(96, 96, 16, 21);
		ThresholdSegmentation.Params p = new ThresholdSegmentation.Params();
		p.minIsland = 10;
		p.majorityFilter = true;
		VoxelSize vs = VoxelSize.uncalibrated();
		ThresholdSegmentation.Result withSe = ThresholdSegmentation.segment(real(t.bse), real(t.se), vs, p, Progress.NONE);
		Comparison c = Comparison.of(withSe.phase, truth(t));
		assertTrue(c.accuracy() >= 0.93, c.toString());
		// renderer grey levels: pore 6000 < ISE 26000 < CAM 46000; the thresholds fall between them
		assertTrue(withSe.bseThresholds[0] > 26000 && withSe.bseThresholds[0] < 46000, "" + withSe.bseThresholds[0]);
		ThresholdSegmentation.Result bseOnly = ThresholdSegmentation.segment(real(t.bse), null, vs, p, Progress.NONE);
		Comparison c2 = Comparison.of(bseOnly.phase, truth(t));
		assertTrue(c2.accuracy() >= 0.93, c2.toString());
		assertTrue(bseOnly.bseThresholds[0] > 6000 && bseOnly.bseThresholds[0] < 26000, "" + bseOnly.bseThresholds[0]);
		assertTrue(bseOnly.bseThresholds[1] > 26000 && bseOnly.bseThresholds[1] < 46000, "" + bseOnly.bseThresholds[1]);
	}

	@Test
	void otsuFindsTheValleysOfSeparatedModes() {
		long[] h = new long[100];
		for (int i = 10; i < 20; i++) h[i] = 100;
		for (int i = 50; i < 55; i++) h[i] = 300;
		for (int i = 80; i < 90; i++) h[i] = 50;
		int t = ThresholdSegmentation.otsu2(h);
		assertTrue(t >= 19 && t < 50 || t >= 54 && t < 80, "" + t);
		int[] t3 = ThresholdSegmentation.otsu3(h);
		assertTrue(t3[0] >= 19 && t3[0] < 50, "" + t3[0]);
		assertTrue(t3[1] >= 54 && t3[1] < 80, "" + t3[1]);
	}

	@Test
	void smallIslandsJoinTheirSurroundingsAndMajorityRemovesSpecks() {
		int w = 10, h = 10, d = 5;
		byte[][] ph = new byte[d][w * h];
		for (byte[] a : ph) java.util.Arrays.fill(a, (byte) 2);
		for (int z = 0; z < 5; z++) for (int y = 0; y < 5; y++) for (int x = 0; x < 5; x++) ph[z][y * w + x] = 1; // 125-voxel CAM block
		ph[2][7 * w + 7] = 0; // single pore voxel in ISE
		ph[2][8 * w + 8] = 1; ph[2][8 * w + 9] = 1; // 2-voxel CAM island
		long[] st = Cleanup.mergeSmallIslands(ph, w, h, 5, Progress.NONE);
		assertEquals(2, st[0]);
		assertEquals(3, st[1]);
		assertEquals(2, ph[2][7 * w + 7]);
		assertEquals(2, ph[2][8 * w + 9]);
		assertEquals(1, ph[0][0]);
		ph[2][7 * w + 7] = 0;
		long changed = Cleanup.majority(ph, w, h, 2);
		assertEquals(2, ph[2][7 * w + 7]);
		assertTrue(changed >= 1);
		assertEquals(1, ph[2][2 * w + 2]); // interior of the block unchanged
	}

	@Test
	void importMapsValuesExactlyAndReportsTheRest() {
		int w = 17, h = 9, d = 4;
		PlanarImg<UnsignedShortType, ?> in = PlanarImgs.unsignedShorts(w, h, d);
		SplittableRandom r = new SplittableRandom(3);
		int[] values = { 1, 2, 3, 4, 5, 1000 };
		long[] expectCount = new long[6];
		for (int z = 0; z < d; z++) {
			short[] a = (short[]) Slices.planeArray(in, z);
			for (int i = 0; i < a.length; i++) {
				int k = r.nextInt(values.length);
				a[i] = (short) values[k];
				expectCount[k]++;
			}
		}
		LabelImport.Mapping m = new LabelImport.Mapping("1", "2, 4-5", "3");
		PhaseLabels out = new PhaseLabels(10, 20, 30);
		LabelImport.Result res = LabelImport.apply(in, m, out, 255, 2, Progress.NONE);
		int[] expectOut = { 10, 20, 30, 20, 20, 255 };
		assertTrue(res.labels.firstElement() instanceof net.imglib2.type.numeric.integer.UnsignedByteType, "values up to 255 are stored 8-bit");
		for (int z = 0; z < d; z++) {
			short[] a = (short[]) Slices.planeArray(in, z);
			int[] o = ints(res.labels, z);
			for (int i = 0; i < a.length; i++) {
				int k = java.util.Arrays.binarySearch(values, a[i] & 0xffff);
				assertEquals(expectOut[k], o[i]);
			}
		}
		LabelImport.Result wide = LabelImport.apply(in, m, new PhaseLabels(10, 20, 300), 255, 2, Progress.NONE);
		assertTrue(wide.labels.firstElement() instanceof net.imglib2.type.numeric.integer.UnsignedShortType, "a value over 255 needs 16 bits");
		short[] a0 = (short[]) Slices.planeArray(in, 0);
		int[] o0 = ints(wide.labels, 0);
		for (int i = 0; i < a0.length; i++)
			if (a0[i] == 3) assertEquals(300, o0[i], "ISE (input 3) at " + i);
		assertEquals(1, res.unmapped.size());
		assertEquals(expectCount[5], (long) res.unmapped.get(1000));
		assertEquals(expectCount[1] + expectCount[3] + expectCount[4], res.phaseCounts[1]);
		assertThrows(IllegalArgumentException.class, () -> new LabelImport.Mapping("1", "1", "3"));
		assertThrows(IllegalArgumentException.class, () -> new LabelImport.Mapping("1", "x", "3"));
		assertThrows(IllegalArgumentException.class, () -> LabelImport.apply(in, m, out, 20, 1, Progress.NONE));
	}

	@Test
	void comparisonAgreesWithBruteForceCounts() {
		int w = 13, h = 11, d = 3;
		SplittableRandom r = new SplittableRandom(8);
		PlanarImg<UnsignedShortType, ?> seg = PlanarImgs.unsignedShorts(w, h, d), tru = PlanarImgs.unsignedShorts(w, h, d);
		PhaseLabels ps = new PhaseLabels(0, 1, 2), pt = new PhaseLabels(5, 6, 7);
		long tp1 = 0, fp1 = 0, fn1 = 0, same = 0, t1 = 0, s1 = 0;
		for (int z = 0; z < d; z++) {
			short[] a = (short[]) Slices.planeArray(seg, z), b = (short[]) Slices.planeArray(tru, z);
			for (int i = 0; i < a.length; i++) {
				int sa = r.nextInt(4), tb = r.nextInt(4); // 3 = other
				if (r.nextDouble() < 0.5) sa = tb;
				a[i] = (short) (sa == 3 ? 99 : sa);
				b[i] = (short) (tb == 3 ? 98 : tb + 5);
				if (sa == tb) same++;
				if (sa == 1 && tb == 1) tp1++;
				if (sa == 1 && tb != 1) fp1++;
				if (sa != 1 && tb == 1) fn1++;
				if (tb == 1) t1++;
				if (sa == 1) s1++;
			}
		}
		Comparison c = Comparison.of(seg, ps, tru, pt, 2, Progress.NONE);
		assertEquals(w * h * d, c.total());
		assertEquals(same / (double) (w * h * d), c.accuracy(), 1e-12);
		assertEquals(tp1 / (double) (tp1 + fp1 + fn1), c.iou(1), 1e-12);
		assertEquals((s1 - t1) / (double) (w * h * d), c.fractionError(1), 1e-12);
		assertEquals(tp1 / (double) t1, c.recall(1), 1e-12);
		PlanarImg<UnsignedShortType, ?> small = PlanarImgs.unsignedShorts(w, h, d + 1);
		assertThrows(IllegalArgumentException.class, () -> Comparison.of(seg, ps, small, pt, 1, Progress.NONE));
	}

	@SuppressWarnings("unchecked")
	private static int[] ints(PlanarImg<?, ?> labels, int z) {
		return Slices.readInts((RandomAccessibleInterval<? extends net.imglib2.type.numeric.IntegerType<?>>) (RandomAccessibleInterval<?>) labels, z, null);
	}
}
