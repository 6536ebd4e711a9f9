package org.cathodej.segment;

import java.util.Arrays;
import java.util.List;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

class DiagTest {
	@SuppressWarnings("unchecked")
	@Test
	void diag() {
		SegmentTestData data = new SegmentTestData(80, 72, 24, 5);
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = Arrays.asList((RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) data.bse,
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) data.se);
		VoxelSize vs = new VoxelSize(1, 1, 1, "px");
		byte[][] t = new byte[24][];
		for (int z = 0; z < 24; z++) t[z] = (byte[]) Slices.planeArray(data.truth, z);
		for (double frac : new double[] { 0.01 })
			for (String sc : new String[] { "1,2,4", "0.7,1.4,2.8", "1,2" })
				for (String fam : new String[] { "default" }) {
					long t0 = System.nanoTime();
					FeatureSettings fs = new FeatureSettings(true, FeatureSettings.parseScales(sc), "px", FeatureSettings.parseFamilies(fam), 2);
					RandomForest.Params p = new RandomForest.Params();
					p.trees = 30;
					PixelClassifier c = PixelClassifier.train(ch, data.scribbles(frac, 6, 9), new int[] { 1, 2, 3 }, vs, fs, p, 1, 256L << 20, 2, Progress.NONE);
					long t1 = System.nanoTime();
					PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions(); for (boolean pc : new boolean[] {false, true}) { o.priorCorrection = pc; ClassificationResult r = c.apply(ch, vs, o, Progress.NONE);
					long t2 = System.nanoTime();
					Comparison cmp = Comparison.of(r.labels, t);
					System.out.printf("frac %.2f scales %s fam %s F=%d train %.2fs apply %.2fs : %s%n", frac, sc, fam, fs.numFeatures(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, cmp);
					}
				}
	}
}
