package org.cathodej.tortuosity;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CoarseLevelTest {

	/** Random upper-triangle rows of m cells in two block slabs: for each conductance, row, column and value. */
	private static float[][] rows(int m, int distinct, long seed, CoarseLevel.RowBuilder[] out, CoarseLevel l) {
		SplittableRandom rnd = new SplittableRandom(seed);
		float[] values = new float[distinct];
		for (int v = 0; v < distinct; v++) values[v] = (float) (0.1 + rnd.nextDouble());
		java.util.List<float[]> added = new java.util.ArrayList<>();
		int half = m / 2;
		out[0] = new CoarseLevel.RowBuilder(0, half);
		out[1] = new CoarseLevel.RowBuilder(half, m - half);
		for (int i = 0; i < m - 1; i++)
			for (int k = 0; k < 3; k++) {
				int j = i + 1 + rnd.nextInt(Math.min(40, m - 1 - i));
				float g = values[rnd.nextInt(distinct)];
				out[i < half ? 0 : 1].addPair(j, i, g);
				added.add(new float[] { i, j, g });
			}
		return added.toArray(new float[0][]);
	}

	/** The stored rows (palette or not, row starts or lengths) give back each row's sums of what was added. */
	private static void assertRows(CoarseLevel l, float[][] added, int m) {
		java.util.Map<Long, Float> want = new java.util.HashMap<>(), got = new java.util.HashMap<>();
		for (float[] a : added) want.merge((long) a[0] * m + (long) a[1], a[2], Float::sum);
		for (int i = 0, e = l.start(0); i < m; i++)
			for (int end = e + l.length(i); e < end; e++) {
				int j = l.col(i, e);
				assertTrue(j > i && j < m, "column " + j + " of row " + i);
				assertNull(got.put((long) i * m + j, l.g(e)), "one entry per pair");
			}
		assertEquals(want.size(), got.size());
		for (java.util.Map.Entry<Long, Float> w : want.entrySet()) assertEquals(w.getValue(), got.get(w.getKey()), 0f, "pair " + w.getKey());
	}

	@Test
	void rowsKeepTheirValuesWithAPaletteWithoutOneAndAfterCompaction() {
		int m = 3000;
		for (int distinct : new int[] { 5, 256, 2000 }) {
			CoarseLevel l = new CoarseLevel(m, 1, 1, 2, new int[] { 0, m / 2, m });
			CoarseLevel.RowBuilder[] rb = new CoarseLevel.RowBuilder[2];
			float[][] added = rows(m, distinct, distinct, rb, l);
			l.setRows(rb);
			// sums of equal values in one row can make new values: a palette only while there are at most 256
			if (distinct == 2000) assertNull(l.palette, "more than 256 values: floats");
			if (distinct == 5) assertNotNull(l.palette);
			float[] diag = l.diag.clone();
			assertRows(l, added, m);
			l.compactRows();
			assertNull(l.ptr, "rows of at most 255 conductances are compacted");
			assertRows(l, added, m);
			l.sumDiagonal();
			assertArrayEquals(diag, l.diag, "the same sums in the same order");
		}
	}
}
