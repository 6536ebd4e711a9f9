package org.cathodej.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import weka.classifiers.trees.RandomForest;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * One-off measurement behind the choice of CathodeJ's own forest over Weka's: both train on the same 10^5 scribbled
 * voxels x 56 real features of a rendered Synthetic Cathode (50 trees, sqrt(56) = 7 features per split, seed 1, 2
 * threads) and predict another 10^5 scribbled voxels. Run:
 * {@code java -cp target/test-classes:target/classes:$(cat cp-test.txt) org.cathodej.bench.WekaForestComparison [n] [trees]}
 */
public final class WekaForestComparison {

	static double cpu() {
		return SegmentBench.cpu();
	}

	@SuppressWarnings("unchecked")
	public static void main(String[] args) throws Exception {
		int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int trees = args.length > 1 ? Integer.parseInt(args[1]) : 50;
		int[] size = { 256, 256, 64 };
		VoxelSize vs = new VoxelSize(0.05, 0.05, 0.05, "um");
		SyntheticCathode.Params cp = new SyntheticCathode.Params();
		cp.width = size[0];
		cp.height = size[1];
		cp.depth = size[2];
		cp.voxelSize = vs;
		PlanarImg<UnsignedByteType, ?> truth = (PlanarImg<UnsignedByteType, ?>) (PlanarImg<?, ?>) SyntheticCathode.generate(cp, Progress.NONE).volume.toImg();
		FibSemRenderer.Params rp = new FibSemRenderer.Params();
		rp.stripeAmplitude = 2500;
		FibSemRenderer.Result img = FibSemRenderer.render(truth, PhaseLabels.defaults(), rp, 2, Progress.NONE);
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = Arrays.asList(
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) img.bse,
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) img.se);
		FeatureSettings fs = new FeatureSettings(true, new double[] { 0.05, 0.1, 0.2 }, "um", FeatureSettings.DEFAULT_FAMILIES, 2);
		PixelClassifier.TrainingSet tr = PixelClassifier.collect(ch, org.cathodej.segment.Scribbles.strokesFromTruth(truth, n, 6, 5, 0), new int[] { 1, 2, 3 }, vs, fs,
			1L << 30, 2, Progress.NONE);
		PixelClassifier.TrainingSet te = PixelClassifier.collect(ch, org.cathodej.segment.Scribbles.strokesFromTruth(truth, n, 1, 77, 0), new int[] { 1, 2, 3 }, vs, fs,
			1L << 30, 2, Progress.NONE);
		int F = fs.numFeatures(), m = te.y.length;
		System.out.printf(Locale.ROOT, "training rows %d, test rows %d, features %d, trees %d, mtry %d%n", tr.y.length, m, F, trees,
			(int) Math.round(Math.sqrt(F)));
		System.out.println("forest,step,wall_s,cpu_s,rows_per_wall_s,test_accuracy");

		// own forest
		org.cathodej.segment.forest.RandomForest.Params p = new org.cathodej.segment.forest.RandomForest.Params();
		p.trees = trees;
		double c0 = cpu();
		long t0 = System.nanoTime();
		org.cathodej.segment.forest.RandomForest own = org.cathodej.segment.forest.RandomForest.train(tr.x, tr.y, 3, p, 1, 2, Progress.NONE);
		double tw = (System.nanoTime() - t0) / 1e9, tc = cpu() - c0;
		float[] rows = new float[m * F], prob = new float[m * 3];
		for (int i = 0; i < m; i++) for (int f = 0; f < F; f++) rows[i * F + f] = te.x[f][i];
		c0 = cpu();
		t0 = System.nanoTime();
		own.predict(rows, m, prob);
		double pw = (System.nanoTime() - t0) / 1e9, pc = cpu() - c0;
		int ok = 0;
		for (int i = 0; i < m; i++) {
			int b = 0;
			for (int c = 1; c < 3; c++) if (prob[i * 3 + c] > prob[i * 3 + b]) b = c;
			if (b == te.y[i]) ok++;
		}
		System.out.printf(Locale.ROOT, "cathodej,train,%.2f,%.2f,%.4g,%n", tw, tc, tr.y.length / tw);
		System.out.printf(Locale.ROOT, "cathodej,predict (1 thread),%.3f,%.3f,%.4g,%.4f%n", pw, pc, m / pw, ok / (double) m);

		// Weka
		ArrayList<Attribute> att = new ArrayList<>();
		for (String s : fs.featureNames()) att.add(new Attribute(s));
		att.add(new Attribute("class", Arrays.asList("pore", "CAM", "ISE")));
		Instances train = new Instances("train", att, tr.y.length);
		train.setClassIndex(F);
		for (int i = 0; i < tr.y.length; i++) {
			double[] v = new double[F + 1];
			for (int f = 0; f < F; f++) v[f] = tr.x[f][i];
			v[F] = tr.y[i];
			train.add(new DenseInstance(1, v));
		}
		RandomForest rf = new RandomForest();
		rf.setNumIterations(trees);
		rf.setNumFeatures((int) Math.round(Math.sqrt(F)));
		rf.setSeed(1);
		rf.setNumExecutionSlots(2);
		c0 = cpu();
		t0 = System.nanoTime();
		rf.buildClassifier(train);
		tw = (System.nanoTime() - t0) / 1e9;
		tc = cpu() - c0;
		Instances test = new Instances("test", att, m);
		test.setClassIndex(F);
		for (int i = 0; i < m; i++) {
			double[] v = new double[F + 1];
			for (int f = 0; f < F; f++) v[f] = te.x[f][i];
			v[F] = te.y[i];
			test.add(new DenseInstance(1, v));
		}
		c0 = cpu();
		t0 = System.nanoTime();
		ok = 0;
		for (int i = 0; i < m; i++) {
			double[] d = rf.distributionForInstance(test.instance(i));
			int b = 0;
			for (int c = 1; c < 3; c++) if (d[c] > d[b]) b = c;
			if (b == te.y[i]) ok++;
		}
		pw = (System.nanoTime() - t0) / 1e9;
		pc = cpu() - c0;
		System.out.printf(Locale.ROOT, "weka,train,%.2f,%.2f,%.4g,%n", tw, tc, tr.y.length / tw);
		System.out.printf(Locale.ROOT, "weka,predict (1 thread),%.3f,%.3f,%.4g,%.4f%n", pw, pc, m / pw, ok / (double) m);
	}
}
