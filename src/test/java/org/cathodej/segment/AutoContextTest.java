package org.cathodej.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Auto-context on a phantom where only context separates two phases: bright discs (CAM), a 10 px shell around each
 * (ISE) and the rest (pore), shell and pore with the same grey level and noise. Features of 1 px reach see the disc
 * only from the first few pixels of the shell, so one forest calls most of the shell pore; the distance to the CAM of
 * the first stage tells the second where the shell ends.
 */
class AutoContextTest {

	static final int W = 96, H = 96, D = 2, SHELL = 10;
	static final PhaseLabels TRUTH = new PhaseLabels(1, 2, 3);
	static PlanarImg<FloatType, ?> grey;
	static PlanarImg<UnsignedByteType, ?> truth;

	@BeforeAll
	static void phantom() {
		grey = PlanarImgs.floats(W, H, D);
		truth = PlanarImgs.unsignedBytes(W, H, D);
		java.util.Random r = new java.util.Random(7);
		for (int z = 0; z < D; z++) {
			double[][] discs = new double[5][];
			for (int k = 0; k < discs.length; k++) discs[k] = new double[] { W * r.nextDouble(), H * r.nextDouble(), 6 + 4 * r.nextDouble() };
			float[] g = (float[]) Slices.planeArray(grey, z);
			byte[] t = (byte[]) Slices.planeArray(truth, z);
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					double edge = Double.POSITIVE_INFINITY; // distance outside the nearest disc's edge (negative inside)
					for (double[] c : discs) edge = Math.min(edge, Math.hypot(x - c[0], y - c[1]) - c[2]);
					int phase = edge <= 0 ? 2 : edge <= SHELL ? 3 : 1;
					t[y * W + x] = (byte) phase;
					g[y * W + x] = (float) ((phase == 2 ? 1.0 : 0.3) + 0.05 * r.nextGaussian());
				}
		}
	}

	static List<RandomAccessibleInterval<? extends RealType<?>>> channels() {
		return Collections.singletonList(grey);
	}

	static SliceEvaluation.Result evaluate(int stages, int threads) {
		return evaluate(stages, threads, new PixelClassifier.ApplyOptions().memoryBudget);
	}

	static SliceEvaluation.Result evaluate(int stages, int threads, long memoryBudget) {
		FeatureSettings fs = new FeatureSettings(false, new double[] { 1 }, "voxel", FeatureSettings.DEFAULT_FAMILIES, 1);
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 20;
		p.balanced = true;
		PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions();
		o.priorCorrection = false;
		o.threads = threads;
		o.memoryBudget = memoryBudget;
		return SliceEvaluation.run(channels(), truth, TRUTH, 0, 0.03, 1, VoxelSize.uncalibrated(), fs, IntensityNormalisation.NONE, p, stages, o, null);
	}

	@Test
	void contextFindsTheShellThatPixelFeaturesCannotReach() {
		double one = evaluate(1, 2).perSlice.get(1).iou(2), two = evaluate(2, 2).perSlice.get(1).iou(2);
		// measured: one forest 0.286, two stages 0.970
		assertTrue(one < 0.7, "one forest should miss the far part of the shell: ISE IoU " + one);
		assertTrue(two > 0.85 && two > one + 0.2, "auto-context should find the shell: ISE IoU " + two + " (one forest " + one + ")");
	}

	@Test
	void sameLabelsOnOneAndTwoThreadsAndAfterSaving(@TempDir Path tmp) throws Exception {
		SliceEvaluation.Result a = evaluate(3, 1), b = evaluate(3, 2);
		for (int z = 0; z < D; z++) assertArrayEquals(a.labels.labels[z], b.labels.labels[z]);
		PixelClassifier c = b.classifier;
		assertEquals(3, c.autoContextStages());
		Path f = tmp.resolve("ac.classifier");
		c.save(f);
		String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
		assertTrue(text.contains("version=4\n") && text.contains("auto_context=3\n"), "builds without auto-context must see a newer format");
		PixelClassifier back = PixelClassifier.load(f);
		assertEquals(3, back.autoContextStages());
		assertEquals(4, back.fileVersion());
		PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions();
		o.priorCorrection = false;
		ClassificationResult x = c.apply(channels(), VoxelSize.uncalibrated(), o, Progress.NONE), y = back.apply(channels(), VoxelSize.uncalibrated(), o,
			Progress.NONE);
		for (int z = 0; z < D; z++) assertArrayEquals(x.labels[z], y.labels[z]);
		Path cut = tmp.resolve("cut.classifier");
		byte[] all = Files.readAllBytes(f);
		Files.write(cut, java.util.Arrays.copyOf(all, all.length - 100));
		Exception e = assertThrows(java.io.IOException.class, () -> PixelClassifier.load(cut));
		assertTrue(e.getMessage().contains("damaged"), e.getMessage());
	}

	@Test
	void featuresKeptOrComputedAgainGiveTheSameClassifier() {
		// 128 kB: the training slice's features (about 300 kB) are not kept, and every slab is one slice
		SliceEvaluation.Result kept = evaluate(3, 2), again = evaluate(3, 2, 128 << 10);
		for (int z = 0; z < D; z++) assertArrayEquals(kept.labels.labels[z], again.labels.labels[z]);
		assertEquals(kept.classifier.forest(), again.classifier.forest());
	}

	@Test
	void withoutAutoContextTheFileStaysFormatTwo(@TempDir Path tmp) throws Exception {
		Path f = tmp.resolve("one.classifier");
		evaluate(1, 2).classifier.save(f);
		String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
		assertTrue(text.contains("version=2\n") && !text.contains("auto_context"), text.substring(0, 200));
	}

	@Test
	void stagesOutsideOneToThreeAreRefused() {
		Exception e = assertThrows(IllegalArgumentException.class, () -> evaluate(4, 1));
		assertTrue(e.getMessage().contains("stages"), e.getMessage());
	}

	@Test
	void foldsAreClassStratifiedAndSeeded() {
		int[] y = new int[103];
		for (int i = 0; i < y.length; i++) y[i] = i < 60 ? 0 : i < 97 ? 1 : 2;
		int[] f = AutoContext.folds(y, 1);
		assertArrayEquals(f, AutoContext.folds(y, 1));
		for (int c = 0; c < 3; c++) {
			int[] n = new int[AutoContext.FOLDS];
			for (int i = 0; i < y.length; i++) if (y[i] == c) n[f[i]]++;
			int min = Integer.MAX_VALUE, max = 0;
			for (int v : n) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
			assertTrue(max - min <= 1, "class " + c + " per fold " + java.util.Arrays.toString(n));
		}
	}

	@Test
	void outOfFoldProbabilitiesDoNotKnowTheVoxelsOwnLabel() {
		// labels independent of the features: a forest grown to purity recalls its training voxels, out-of-fold is chance
		int n = 600;
		SplittableRandom r = new SplittableRandom(3);
		float[][] x = new float[4][n];
		int[] y = new int[n];
		for (int i = 0; i < n; i++) {
			for (float[] col : x) col[i] = (float) r.nextDouble();
			y[i] = r.nextInt(3);
		}
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 20;
		float[] in = AutoContext.predict(RandomForest.train(x, y, 3, p, 1, 1, null), x, n, 1);
		float[] oof = AutoContext.outOfFold(x, y, AutoContext.folds(y, 1), p, 1, 1);
		double accIn = accuracy(in, y), accOof = accuracy(oof, y);
		assertTrue(accIn > 0.9, "in-sample accuracy " + accIn);
		assertTrue(accOof < 0.45, "out-of-fold accuracy " + accOof + " (chance 1/3)");
	}

	private static double accuracy(float[] p, int[] y) {
		int ok = 0;
		for (int i = 0; i < y.length; i++) {
			int b = 0;
			for (int c = 1; c < 3; c++) if (p[3 * i + c] > p[3 * i + b]) b = c;
			if (b == y[i]) ok++;
		}
		return ok / (double) y.length;
	}

	@Test
	void signedDistanceIsTheDistanceToThePhaseOutsideAndToItsEdgeInside() {
		int w = 9, h = 7;
		byte[] phase = new byte[w * h];
		for (int y = 2; y <= 4; y++)
			for (int x = 3; x <= 5; x++) phase[y * w + x] = 1;
		float[] s = AutoContext.signedDistance(phase, 1, w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double out = Double.POSITIVE_INFINITY, in = Double.POSITIVE_INFINITY;
				for (int v = 0; v < h; v++)
					for (int u = 0; u < w; u++) {
						double dd = Math.hypot(u - x, v - y);
						if (phase[v * w + u] == 1) out = Math.min(out, dd);
						else in = Math.min(in, dd);
					}
				assertEquals(out - in, s[y * w + x], 1e-5, "at " + x + "," + y);
			}
		assertEquals(w + h, AutoContext.signedDistance(new byte[w * h], 1, w, h)[0], 0, "an absent phase is far away");
	}
}
