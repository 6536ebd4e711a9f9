package org.cathodej.segment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import org.cathodej.distance.EuclideanDistance;
import org.cathodej.filter.Gauss;
import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.segment.features.FeatureComputer;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

/**
 * Auto-context (Tu and Bai 2010, IEEE PAMI 32:1744; ilastik's autocontext): after the first forest, each further
 * stage is a forest over the pixel features plus context features of the previous stage's phase probabilities, so
 * that where a pixel sits relative to the phases around it can decide what its grey level alone cannot (carbon
 * binder lines particle surfaces, pores lie away from them).
 * <p>
 * Context features, within each slice (no halo across slices): the three probabilities, their Gaussians at
 * {@link #SIGMAS} pixels, and the signed distance (pixels; negative inside) to the CAM and to the pore of the
 * arg max. Training pixels would see their own, over-fitted first-stage probabilities; their probabilities are
 * therefore replaced by out-of-fold predictions ({@link #FOLDS} class-stratified folds drawn from the seed), as
 * stacking does, before the context is computed for the next stage. On the real nano-CT sets of
 * docs/segmentation.md this gains little (the first forest already finds the particles); it helps where the
 * neighbourhood of the phases, not the grey level, tells them apart.
 */
public final class AutoContext {

	/** In-plane Gaussian sigmas of the context, in pixels of the classified image. */
	static final double[] SIGMAS = { 1, 2, 4, 8, 16 };
	/** Folds of the out-of-fold probabilities of the training voxels. */
	public static final int FOLDS = 5;
	static final int C = PixelClassifier.CLASSES;
	/** Context features added by each stage after the first. */
	public static final int FEATURES = C * (1 + SIGMAS.length) + 2;
	/** Most stages allowed (each costs about one more forest evaluation). */
	public static final int MAX_STAGES = 3;
	/**
	 * Share of the trees kept by the stages before the last (at least {@link #MIN_TREES}): their probabilities only
	 * feed the smoothed context, and prediction is most of the cost of a stage.
	 */
	static final int EARLY_TREE_DIVISOR = 5, MIN_TREES = 10;

	private final RandomForest[] later; // stages 2.., each over the pixel features + FEATURES

	AutoContext(RandomForest[] later) {
		this.later = later.clone();
	}

	/** The forest parameters of the stages before the last: fewer trees ({@link #EARLY_TREE_DIVISOR}). */
	static RandomForest.Params early(RandomForest.Params p) {
		RandomForest.Params e = p.copy();
		e.trees = Math.min(p.trees, Math.max(MIN_TREES, (p.trees + EARLY_TREE_DIVISOR - 1) / EARLY_TREE_DIVISOR));
		return e;
	}

	/** Number of stages including the first forest (1 = no auto-context). */
	public int stages() { return later.length + 1; }

	/** Names of the context features (after the pixel features). */
	public static String[] featureNames() {
		String[] n = new String[FEATURES];
		int k = 0;
		for (int c = 0; c < C; c++) {
			String cl = Phase.values()[c].displayName();
			n[k++] = "p_" + cl;
			for (double s : SIGMAS) n[k++] = "gauss_p_" + cl + "_" + fmt(s) + "px";
		}
		n[k++] = "signed_distance_CAM";
		n[k] = "signed_distance_pore";
		return n;
	}

	private static String fmt(double s) {
		return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
	}

	// ------------------------------------------------------------------------------------------------ applying

	/**
	 * Final probabilities (interleaved, C per voxel) of a slab of {@code slices} whole slices of w x h with pixel
	 * features {@code feat}: the first forest, then every later stage on the features and the context of the last.
	 */
	float[] probabilities(RandomForest first, float[][] feat, int slices, int w, int h, int threads) {
		float[] p = predict(first, feat, slices * w * h, threads);
		for (RandomForest rf : later) p = predict(rf, concat(feat, context(p, slices, w, h, threads)), slices * w * h, threads);
		return p;
	}

	/** The forest's class probabilities of n voxels given column-major features (interleaved, C per voxel). */
	static float[] predict(RandomForest rf, float[][] cols, int n, int threads) {
		int F = cols.length, K = rf.numClasses();
		float[] out = new float[n * K];
		final int B = 1024;
		int blocks = (n + B - 1) / B;
		int chunks = Math.min(blocks, Math.max(1, threads) * 8);
		Parallel.forEach(chunks, threads, ch -> {
			float[] rows = new float[B * F], prob = new float[B * K];
			int b0 = (int) ((long) blocks * ch / chunks), b1 = (int) ((long) blocks * (ch + 1) / chunks);
			for (int b = b0; b < b1; b++) {
				int i0 = b * B, m = Math.min(B, n - i0);
				for (int k = 0; k < F; k++) {
					float[] col = cols[k];
					for (int i = 0; i < m; i++) rows[i * F + k] = col[i0 + i];
				}
				rf.predict(rows, m, prob);
				System.arraycopy(prob, 0, out, i0 * K, m * K);
			}
		});
		return out;
	}

	static float[][] concat(float[][] a, float[][] b) {
		float[][] c = new float[a.length + b.length][];
		System.arraycopy(a, 0, c, 0, a.length);
		System.arraycopy(b, 0, c, a.length, b.length);
		return c;
	}

	/** Context features of a slab of whole slices from its interleaved probabilities: [FEATURES][slices * w * h]. */
	static float[][] context(float[] p, int slices, int w, int h, int threads) {
		int plane = w * h;
		float[][] out = new float[FEATURES][slices * plane];
		Parallel.forEach(slices, threads, z -> {
			float[][] f = sliceContext(p, z * plane, w, h);
			for (int k = 0; k < FEATURES; k++) System.arraycopy(f[k], 0, out[k], z * plane, plane);
		});
		return out;
	}

	/** Context features of one slice whose probabilities start at p[C * off]. */
	static float[][] sliceContext(float[] p, int off, int w, int h) {
		int n = w * h;
		float[][] f = new float[FEATURES][];
		byte[] argmax = new byte[n];
		int k = 0;
		for (int c = 0; c < C; c++) {
			float[] pc = new float[n];
			for (int i = 0; i < n; i++) pc[i] = p[C * (off + i) + c];
			f[k++] = pc;
			for (int j = 0; j < SIGMAS.length; j++, k++) {
				if (c < C - 1) f[k] = Gauss.blur2D(pc, w, h, SIGMAS[j], SIGMAS[j], null);
				else { // the Gaussian is linear and the probabilities sum to 1: the last class's costs no blur
					float[] a = f[1 + j], b = f[2 + SIGMAS.length + j], r = new float[n];
					for (int i = 0; i < n; i++) r[i] = 1 - a[i] - b[i];
					f[k] = r;
				}
			}
		}
		for (int i = 0; i < n; i++) {
			int b = 0, o = C * (off + i);
			for (int c = 1; c < C; c++) if (p[o + c] > p[o + b]) b = c;
			argmax[i] = (byte) b;
		}
		f[k++] = signedDistance(argmax, 1, w, h);
		f[k] = signedDistance(argmax, 0, w, h);
		return f;
	}

	/**
	 * Distance (pixels) of each pixel to the nearest pixel of phase c, minus its distance to the nearest pixel of
	 * another phase: positive outside, negative inside. A phase absent from the slice (or filling it) gives +-(w + h).
	 */
	static float[] signedDistance(byte[] phase, int c, int w, int h) {
		int n = w * h;
		float[] out = new float[n], in = new float[n];
		for (int i = 0; i < n; i++) {
			boolean is = phase[i] == c;
			out[i] = is ? 0f : Float.POSITIVE_INFINITY;
			in[i] = is ? Float.POSITIVE_INFINITY : 0f;
		}
		VoxelSize px = VoxelSize.uncalibrated();
		EuclideanDistance.transformInPlace(new float[][] { out }, w, h, px, EuclideanDistance.Edge.OPEN, 1, null);
		EuclideanDistance.transformInPlace(new float[][] { in }, w, h, px, EuclideanDistance.Edge.OPEN, 1, null);
		float far = w + h;
		for (int i = 0; i < n; i++) out[i] = (float) (Math.min(far, Math.sqrt(out[i])) - Math.min(far, Math.sqrt(in[i])));
		return out;
	}

	// ------------------------------------------------------------------------------------------------ training

	/**
	 * Trains stages 2..{@code stages} on the scribbles {@code ts} was collected from (same channels, maps and feature
	 * settings, same slabs), given the first forest. The features of the scribbled slabs are those {@code ts} kept, or
	 * are computed again for every stage when they did not fit.
	 */
	static AutoContext train(int stages, List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, double[][][] maps,
		RandomAccessibleInterval<? extends IntegerType<?>> scribbles, PixelClassifier.TrainingSet ts, RandomForest first, FeatureComputer fc,
		RandomForest.Params params, long seed, int threads, Progress progress) {
		if (stages < 2 || stages > MAX_STAGES) throw new IllegalArgumentException("Auto-context stages must be 2-" + MAX_STAGES + ", got " + stages);
		Progress pr = progress == null ? Progress.NONE : progress;
		int[] fold = folds(ts.y, seed);
		RandomForest[] later = new RandomForest[stages - 1];
		float[][] oof = new float[stages - 1][];
		float[][] x = ts.x;
		for (int s = 2; s <= stages; s++) {
			pr.checkCancelled();
			pr.report((s - 2) / (double) (stages - 1), "auto-context stage " + s);
			oof[s - 2] = outOfFold(x, ts.y, fold, early(params), seed + s, threads);
			RandomForest[] known = java.util.Arrays.copyOf(later, s - 2);
			x = stageSamples(channels, maps, scribbles, ts, first, known, oof, fc, threads);
			later[s - 2] = RandomForest.train(x, ts.y, C, s == stages ? params : early(params), seed + s, threads, Progress.NONE);
		}
		return new AutoContext(later);
	}

	/**
	 * Training samples of the next stage: the pixel features and the context of the chain first, known..., where each
	 * stage's probabilities at the training voxels are their out-of-fold ones ({@code oof[t]} for stage t + 1).
	 */
	private static float[][] stageSamples(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, double[][][] maps,
		RandomAccessibleInterval<? extends IntegerType<?>> scribbles, PixelClassifier.TrainingSet ts, RandomForest first, RandomForest[] known,
		float[][] oof, FeatureComputer fc, int threads) {
		int w = Slices.width(scribbles), h = Slices.height(scribbles), plane = w * h;
		float[][] x = new float[fc.numFeatures() + FEATURES][ts.y.length];
		int[] buf = new int[plane];
		int pos = 0;
		for (int r = 0; r < ts.slabs.size(); r++) {
			int z0 = ts.slabs.get(r)[0], z1 = ts.slabs.get(r)[1], S = z1 - z0;
			float[][] feat = ts.slabFeatures != null ? ts.slabFeatures.get(r) : fc.compute(channels, maps, z0, z1, threads, Progress.NONE);
			int[] at = samplePositions(scribbles, z0, z1, buf);
			float[] p = predict(first, feat, S * plane, threads);
			for (int t = 0; t <= known.length; t++) {
				patch(p, at, oof[t], pos);
				float[][] cols = concat(feat, context(p, S, w, h, threads));
				if (t == known.length) {
					for (int k = 0; k < cols.length; k++)
						for (int i = 0; i < at.length; i++) x[k][pos + i] = cols[k][at[i]];
				} else p = predict(known[t], cols, S * plane, threads);
			}
			pos += at.length;
		}
		return x;
	}

	/** Slab-relative indices of the scribbled voxels of slices [z0, z1), in the order {@link PixelClassifier#collect} takes them. */
	private static int[] samplePositions(RandomAccessibleInterval<? extends IntegerType<?>> scribbles, int z0, int z1, int[] buf) {
		int plane = buf.length;
		int[] at = new int[plane * (z1 - z0)];
		int m = 0;
		for (int z = z0; z < z1; z++) {
			Slices.readInts(scribbles, z, buf);
			for (int i = 0; i < plane; i++) if (buf[i] != 0) at[m++] = (z - z0) * plane + i;
		}
		return java.util.Arrays.copyOf(at, m);
	}

	private static void patch(float[] p, int[] at, float[] oof, int pos) {
		for (int i = 0; i < at.length; i++) System.arraycopy(oof, C * (pos + i), p, C * at[i], C);
	}

	/** Class-stratified fold of every sample: each class's samples in a seeded random order, dealt round the folds. */
	static int[] folds(int[] y, long seed) {
		int[] fold = new int[y.length];
		SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
		for (int c = 0; c < C; c++) {
			int m = 0;
			int[] idx = new int[y.length];
			for (int i = 0; i < y.length; i++) if (y[i] == c) idx[m++] = i;
			for (int i = m - 1; i > 0; i--) {
				int j = r.nextInt(i + 1), v = idx[i];
				idx[i] = idx[j];
				idx[j] = v;
			}
			for (int i = 0; i < m; i++) fold[idx[i]] = i % FOLDS;
		}
		return fold;
	}

	/** Probabilities of every sample from a forest trained on the other folds (interleaved, C per sample). */
	static float[] outOfFold(float[][] x, int[] y, int[] fold, RandomForest.Params params, long seed, int threads) {
		int n = y.length, F = x.length;
		float[] out = new float[n * C];
		for (int f = 0; f < FOLDS; f++) {
			int m = 0;
			for (int v : fold) if (v != f) m++;
			if (m == n) continue;
			float[][] xt = new float[F][m], xv = new float[F][n - m];
			int[] yt = new int[m], iv = new int[n - m];
			int a = 0, b = 0;
			for (int i = 0; i < n; i++) {
				if (fold[i] != f) {
					for (int k = 0; k < F; k++) xt[k][a] = x[k][i];
					yt[a++] = y[i];
				} else {
					for (int k = 0; k < F; k++) xv[k][b] = x[k][i];
					iv[b++] = i;
				}
			}
			RandomForest rf = RandomForest.train(xt, yt, C, params, seed * 31 + f + 1, threads, Progress.NONE);
			float[] p = predict(rf, xv, b, threads);
			for (int i = 0; i < b; i++) System.arraycopy(p, C * i, out, C * iv[i], C);
		}
		return out;
	}

	// ------------------------------------------------------------------------------------------------ file format

	/** Writes the later stages' forests (after the first forest of the classifier file). */
	void write(DataOutputStream out) throws IOException {
		for (RandomForest rf : later) rf.write(out);
	}

	/** Reads {@code stages - 1} forests over {@code pixelFeatures} + {@link #FEATURES} features. */
	static AutoContext read(DataInputStream in, int stages, int pixelFeatures) throws IOException {
		RandomForest[] later = new RandomForest[stages - 1];
		for (int s = 0; s < later.length; s++) {
			later[s] = RandomForest.read(in);
			if (later[s].numFeatures() != pixelFeatures + FEATURES || later[s].numClasses() != C)
				throw new IOException("the forest of auto-context stage " + (s + 2) + " disagrees with the feature settings");
		}
		return new AutoContext(later);
	}
}
