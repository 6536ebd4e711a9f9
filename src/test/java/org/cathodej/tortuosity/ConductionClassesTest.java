package org.cathodej.tortuosity;

import static org.junit.jupiter.api.Assertions.*;

import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

class ConductionClassesTest {

	/** Spanning voxels by brute force: relax "reached from the face" over face neighbours until nothing changes. */
	private static boolean[][] reached(boolean[][] open, int w, int h, int d, int axis, int layer) {
		boolean[][] r = new boolean[d][w * h];
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						int i = y * w + x;
						if (!open[z][i] || r[z][i]) continue;
						boolean hit = (axis == 0 ? x : axis == 1 ? y : z) == layer || x > 0 && r[z][i - 1] || x < w - 1 && r[z][i + 1]
							|| y > 0 && r[z][i - w] || y < h - 1 && r[z][i + w] || z > 0 && r[z - 1][i] || z < d - 1 && r[z + 1][i];
						if (hit) r[z][i] = changed = true;
					}
		}
		return r;
	}

	@Test
	void scanLineFillMarksWhatABruteForceFillReaches() {
		int w = 23, h = 19, d = 21;
		for (long seed = 1; seed <= 3; seed++) {
			ConductionClasses v = ConductionClasses.read(Vols.random(w, h, d, 0.3 + 0.05 * seed, seed), Conductivities.singlePhase(1), 2,
				Progress.NONE);
			boolean[][] open = new boolean[d][w * h];
			for (int z = 0; z < d; z++)
				for (int i = 0; i < w * h; i++) open[z][i] = (v.cls[z][i] & ConductionClasses.CLASS_MASK) != 0;
			for (int axis = 0; axis < 3; axis++) {
				int n = v.extent(axis);
				boolean[][] in = reached(open, w, h, d, axis, 0), out = reached(open, w, h, d, axis, n - 1);
				long spanning = v.markSpanning(axis, Progress.NONE), expected = 0;
				for (int z = 0; z < d; z++)
					for (int i = 0; i < w * h; i++) {
						assertEquals(in[z][i], (v.cls[z][i] & ConductionClasses.FROM_INLET) != 0, "seed " + seed + " axis " + axis);
						assertEquals(out[z][i], (v.cls[z][i] & ConductionClasses.FROM_OUTLET) != 0, "seed " + seed + " axis " + axis);
						if (in[z][i] && out[z][i]) expected++;
					}
				assertEquals(expected, spanning);
				assertTrue(seed < 3 || spanning > 0, "the densest volume should span");
			}
		}
	}
}
