package org.cathodej.segment.forest;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.SplittableRandom;

import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

class RandomForestTest {

	/** Three classes by two noisy informative features (a checkerboard-like rule) plus noise features. */
	static Object[] data(int n, int F, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[][] x = new float[F][n];
		int[] y = new int[n];
		for (int i = 0; i < n; i++) {
			double a = r.nextDouble(), b = r.nextDouble();
			y[i] = a < 0.3 ? 0 : (b < 0.5 ^ a < 0.65) ? 1 : 2;
			x[0][i] = (float) a;
			x[1][i] = (float) b;
			for (int f = 2; f < F; f++) x[f][i] = (float) r.nextDouble();
		}
		return new Object[] { x, y };
	}

	static double accuracy(RandomForest rf, float[][] x, int[] y) {
		int F = x.length, n = y.length, ok = 0;
		float[] rows = new float[n * F], p = new float[n * 3];
		for (int i = 0; i < n; i++) for (int f = 0; f < F; f++) rows[i * F + f] = x[f][i];
		rf.predict(rows, n, p);
		for (int i = 0; i < n; i++) {
			int best = 0;
			for (int c = 1; c < 3; c++) if (p[i * 3 + c] > p[i * 3 + best]) best = c;
			if (best == y[i]) ok++;
		}
		return ok / (double) n;
	}

	@Test
	void learnsANonLinearRuleAndGeneralises() {
		Object[] tr = data(4000, 6, 1), te = data(4000, 6, 2);
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 30;
		RandomForest rf = RandomForest.train((float[][]) tr[0], (int[]) tr[1], 3, p, 42, 2, Progress.NONE);
		assertTrue(accuracy(rf, (float[][]) tr[0], (int[]) tr[1]) > 0.99);
		double test = accuracy(rf, (float[][]) te[0], (int[]) te[1]);
		assertTrue(test > 0.95, "test accuracy " + test);
	}

	@Test
	void sameSeedSameForestWhateverTheThreadCount() {
		Object[] tr = data(3000, 5, 3);
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 12;
		RandomForest a = RandomForest.train((float[][]) tr[0], (int[]) tr[1], 3, p, 7, 1, Progress.NONE);
		RandomForest b = RandomForest.train((float[][]) tr[0], (int[]) tr[1], 3, p, 7, 2, Progress.NONE);
		RandomForest c = RandomForest.train((float[][]) tr[0], (int[]) tr[1], 3, p, 8, 2, Progress.NONE);
		assertEquals(a, b);
		assertNotEquals(a, c);
	}

	@Test
	void probabilitiesSumToOneAndPureLeavesOnTrainingData() {
		Object[] tr = data(500, 4, 5);
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 5;
		RandomForest rf = RandomForest.train((float[][]) tr[0], (int[]) tr[1], 3, p, 1, 1, Progress.NONE);
		float[] row = { 0.5f, 0.5f, 0.5f, 0.5f };
		float[] pr = rf.predict(row);
		assertEquals(1, pr[0] + pr[1] + pr[2], 1e-5);
	}

	@Test
	void saveLoadRoundTrip() throws Exception {
		Object[] tr = data(1000, 4, 5);
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 4;
		RandomForest rf = RandomForest.train((float[][]) tr[0], (int[]) tr[1], 3, p, 1, 1, Progress.NONE);
		ByteArrayOutputStream bo = new ByteArrayOutputStream();
		rf.write(new DataOutputStream(bo));
		RandomForest back = RandomForest.read(new DataInputStream(new ByteArrayInputStream(bo.toByteArray())));
		assertEquals(rf, back);
		byte[] bad = bo.toByteArray();
		bad[4] ^= 0x7f; // feature count
		assertThrows(java.io.IOException.class, () -> RandomForest.read(new DataInputStream(new ByteArrayInputStream(bad))));
		byte[] cut = java.util.Arrays.copyOf(bo.toByteArray(), bo.size() - 9);
		assertThrows(java.io.IOException.class, () -> RandomForest.read(new DataInputStream(new ByteArrayInputStream(cut))));
	}

	@Test
	void edgesSeparateDistinctValues() {
		float[] v = { 1, 1, 1, 2, 3, 3, 10 };
		float[] e = RandomForest.edges(v, 256);
		assertArrayEquals(new float[] { 1.5f, 2.5f, 6.5f }, e);
		byte[] b = RandomForest.binned(v, e);
		assertArrayEquals(new byte[] { 0, 0, 0, 1, 2, 2, 3 }, b);
		// a constant feature gives no threshold
		assertEquals(0, RandomForest.edges(new float[] { 4, 4, 4 }, 256).length);
	}
}
