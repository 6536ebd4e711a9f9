package org.cathodej.segment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;

import org.cathodej.image.VoxelSize;
import org.cathodej.segment.features.FeatureComputer;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.features.FeatureTiles;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.RealType;

/**
 * The pass that turns features into quantised probabilities, computed in in-plane tiles and thick slabs, against a
 * straightforward reference: whole-slice features of the whole volume, one voxel at a time through the forest.
 */
class TiledApplyTest {

	static final int W = 83, H = 70, D = 20;
	static final VoxelSize VS = new VoxelSize(0.02, 0.02, 0.03, "um");
	static List<RandomAccessibleInterval<? extends RealType<?>>> channels;
	static PlanarImg<UnsignedByteType, ?> scribbles;
	static PixelClassifier classifier;

	@SuppressWarnings("unchecked")
	@BeforeAll
	static void setUp() {
		SegmentTestData data = new SegmentTestData(W, H, D, 7);
		channels = Arrays.asList((RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) data.bse,
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) data.se);
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 12;
		FeatureSettings fs = new FeatureSettings(true, new double[] { 0.02, 0.04, 0.08 }, "um", FeatureSettings.DEFAULT_FAMILIES, 2);
		scribbles = data.scribbles(0.01, 6, 9);
		classifier = PixelClassifier.train(channels, scribbles, new int[] { 1, 2, 3 }, VS, fs, new IntensityNormalisation(IntensityNormalisation.Mode.SLICE, 1, 99),
			p, 3, 64L << 20, 2, Progress.NONE);
	}

	/** p_pore and p_CAM in 1/255 of every voxel, the plain way. */
	static byte[][] reference() {
		FeatureComputer fc = classifier.features(channels, VS);
		float[][] f = fc.compute(channels, classifier.maps(channels), 0, D, 1, Progress.NONE);
		byte[][] q = new byte[D][2 * W * H];
		float[] row = new float[f.length];
		for (int z = 0; z < D; z++)
			for (int j = 0; j < W * H; j++) {
				for (int k = 0; k < f.length; k++) row[k] = f[k][z * W * H + j];
				float[] p = classifier.forest().predict(row);
				int a = Math.round(p[0] * 255), c = Math.round(p[1] * 255);
				if (a + c > 255) c = 255 - a;
				q[z][2 * j] = (byte) a;
				q[z][2 * j + 1] = (byte) c;
			}
		return q;
	}

	@Test
	void tilesAndSlabsGiveTheReferenceProbabilitiesToTheBit() {
		byte[][] ref = reference();
		FeatureComputer fc = classifier.features(channels, VS);
		double[][][] maps = classifier.maps(channels);
		PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions();
		for (int[] plan : new int[][] { { 1, 1, 20, 2 }, { 3, 2, 7, 2 }, { 2, 4, 4, 1 }, { 1, 3, 1, 2 } }) {
			FeatureTiles t = FeatureTiles.grid(fc, W, H, plan[0], plan[1], plan[2]);
			o.threads = plan[3];
			for (int z0 = 0; z0 < D; z0 += plan[2]) {
				int z1 = Math.min(D, z0 + plan[2]);
				byte[][] q = classifier.quantisedProbabilities(t, channels, maps, z0, z1, o, Progress.NONE);
				for (int z = z0; z < z1; z++) assertArrayEquals(ref[z], q[z - z0], t + ", slice " + z);
			}
		}
	}

	@Test
	void applyWithASmallBudgetEqualsApplyWithALargeOne() {
		PixelClassifier.ApplyOptions a = new PixelClassifier.ApplyOptions(), b = new PixelClassifier.ApplyOptions();
		a.memoryBudget = 1L << 30;
		b.memoryBudget = 2L << 20;
		a.probabilities = b.probabilities = true;
		b.threads = 1;
		ClassificationResult ra = classifier.apply(channels, VS, a, Progress.NONE), rb = classifier.apply(channels, VS, b, Progress.NONE);
		assertTrue(rb.slabBytes <= b.memoryBudget || rb.slabSlices == 1, rb.slabBytes + " B");
		for (int z = 0; z < D; z++) {
			assertArrayEquals(ra.labels[z], rb.labels[z]);
			for (int c = 0; c < PixelClassifier.CLASSES; c++) assertArrayEquals(ra.probabilities[c][z], rb.probabilities[c][z], 0f);
		}
		assertArrayEquals(ra.counts, rb.counts);
	}

	@Test
	void trainingSamplesFromTilesEqualThoseFromWholeSlices() {
		double[][][] maps = classifier.maps(channels);
		int[] values = { 1, 2, 3 };
		PixelClassifier.TrainingSet ref = PixelClassifier.collect(channels, maps, scribbles, values, VS, classifier.settings(), 1L << 30, 2,
			Progress.NONE);
		int n = ref.y.length;
		int[] slicesCount = new int[D];
		for (int z = 0; z < D; z++)
			for (byte v : (byte[]) org.cathodej.image.Slices.planeArray(scribbles, z)) if (v != 0) slicesCount[z]++;
		FeatureComputer fc = classifier.features(channels, VS);
		for (int[] g : new int[][] { { 3, 2, 5 }, { 1, 4, 2 } }) {
			float[][] x = new float[ref.x.length][n];
			int[] y = new int[n];
			PixelClassifier.TrainingSet ts = new PixelClassifier.TrainingSet(x, y, ref.perClass, ref.labelledVoxels, ref.totalVoxels);
			PixelClassifier.gather(channels, maps, scribbles, values, slicesCount, FeatureTiles.grid(fc, W, H, g[0], g[1], g[2]), ts, 1, Progress.NONE);
			assertArrayEquals(ref.y, y);
			for (int f = 0; f < x.length; f++)
				for (int i = 0; i < n; i++)
					assertEquals(Float.floatToRawIntBits(ref.x[f][i]), Float.floatToRawIntBits(x[f][i]), "feature " + f + ", sample " + i);
		}
	}
}
