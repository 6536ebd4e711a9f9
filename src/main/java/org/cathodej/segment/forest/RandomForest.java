package org.cathodej.segment.forest;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

/**
 * A seeded random forest classifier (Breiman 2001): CART trees grown to purity with the Gini criterion, each on a
 * bootstrap sample, with {@code mtry} (default sqrt of the feature count) randomly drawn candidate features per
 * split. Candidate thresholds are the midpoints between up to 256 quantiles of each feature in the training set
 * (histogram split finding, as in LightGBM / scikit-learn's HistGradientBoosting), which makes each split O(samples)
 * instead of O(samples log samples). Every tree draws from its own generator seeded from (seed, tree index), so the
 * forest does not depend on the thread count.
 * <p>
 * Trees are kept in flat arrays (feature, threshold, child index; leaves hold class probabilities) for fast
 * prediction: a sample goes left when {@code x[feature] <= threshold}.
 */
public final class RandomForest {

	/** Training parameters. */
	public static final class Params implements Cloneable {
		public int trees = 50;
		/** Candidate features per split; 0 = round(sqrt(features)). */
		public int mtry = 0;
		/** 0 = unlimited. */
		public int maxDepth = 0;
		public int minLeaf = 1;
		public int bins = 256;
		/**
		 * Class-balanced bootstrap: each tree draws the same number of samples from every class present (with
		 * replacement), so a rare phase weighs as much as a common one and leaf probabilities assume equal priors.
		 */
		public boolean balanced = false;

		/** A copy of every parameter (e.g. to train a smaller forest with the same settings). */
		public Params copy() {
			try {
				return (Params) clone();
			} catch (CloneNotSupportedException e) {
				throw new AssertionError(e);
			}
		}
	}

	private final int numClasses, numFeatures;
	private final int[] roots;
	// node arrays; for a leaf, feature = -1 and child = offset of its class probabilities in leafProb
	private final int[] feature, child;
	private final float[] threshold;
	private final float[] leafProb;

	private RandomForest(int numClasses, int numFeatures, int[] roots, int[] feature, int[] child, float[] threshold, float[] leafProb) {
		this.numClasses = numClasses;
		this.numFeatures = numFeatures;
		this.roots = roots;
		this.feature = feature;
		this.child = child;
		this.threshold = threshold;
		this.leafProb = leafProb;
	}

	public int numClasses() { return numClasses; }
	public int numFeatures() { return numFeatures; }
	public int numTrees() { return roots.length; }
	public int numNodes() { return feature.length; }

	/**
	 * Trains a forest.
	 * @param x features, feature-major: {@code x[f][sample]}
	 * @param y class of each sample, 0..numClasses-1
	 */
	public static RandomForest train(float[][] x, int[] y, int numClasses, Params p, long seed, int threads, Progress progress) {
		int F = x.length, n = y.length;
		if (F == 0 || n == 0) throw new IllegalArgumentException("No training samples");
		for (float[] col : x) if (col.length != n) throw new IllegalArgumentException("Feature columns differ in length");
		int[] count = new int[numClasses];
		for (int v : y) {
			if (v < 0 || v >= numClasses) throw new IllegalArgumentException("Class " + v + " out of range");
			count[v]++;
		}
		int mtry = p.mtry > 0 ? Math.min(p.mtry, F) : Math.max(1, (int) Math.round(Math.sqrt(F)));
		int bins = Math.max(2, Math.min(256, p.bins));
		// bin the features
		float[][] edges = new float[F][];
		byte[][] bx = new byte[F][];
		Parallel.forEach(F, threads, f -> {
			edges[f] = edges(x[f], bins);
			bx[f] = binned(x[f], edges[f]);
		});
		Progress pr = progress == null ? Progress.NONE : progress;
		Tree[] trees = new Tree[p.trees];
		int[] done = { 0 };
		Parallel.forEach(p.trees, threads, t -> {
			pr.checkCancelled();
			trees[t] = new Grower(bx, edges, y, numClasses, mtry, p, treeSeed(seed, t)).grow();
			synchronized (done) {
				done[0]++;
				pr.report(done[0] / (double) p.trees, "tree " + done[0] + "/" + p.trees);
			}
		});
		// flatten
		int nodes = 0, leaves = 0;
		for (Tree t : trees) {
			nodes += t.size;
			leaves += t.leaves;
		}
		int[] roots = new int[trees.length], feat = new int[nodes], ch = new int[nodes];
		float[] thr = new float[nodes], prob = new float[leaves * numClasses];
		int no = 0, lo = 0;
		for (int t = 0; t < trees.length; t++) {
			Tree tr = trees[t];
			roots[t] = no;
			for (int i = 0; i < tr.size; i++) {
				if (tr.feature[i] < 0) {
					feat[no + i] = -1;
					ch[no + i] = lo + tr.child[i];
				} else {
					feat[no + i] = tr.feature[i];
					ch[no + i] = no + tr.child[i];
					thr[no + i] = tr.threshold[i];
				}
			}
			System.arraycopy(tr.prob, 0, prob, lo, tr.leaves * numClasses);
			no += tr.size;
			lo += tr.leaves * numClasses;
		}
		return new RandomForest(numClasses, F, roots, feat, ch, thr, prob);
	}

	static long treeSeed(long seed, int t) {
		long z = seed + 0x9E3779B97F4A7C15L * (t + 1);
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** Up to bins-1 split thresholds: midpoints between consecutive distinct quantiles. */
	static float[] edges(float[] v, int bins) {
		float[] s = v.clone();
		Arrays.sort(s);
		int n = s.length;
		float[] dist = new float[Math.min(n, bins)];
		int m = 0;
		for (int b = 0; b < bins && m < dist.length; b++) {
			float q = s[(int) Math.min(n - 1, (long) b * n / bins)];
			if (m == 0 || q > dist[m - 1]) dist[m++] = q;
		}
		if (s[n - 1] > dist[m - 1]) {
			if (m == dist.length) dist[m - 1] = s[n - 1];
			else dist[m++] = s[n - 1];
		}
		float[] e = new float[Math.max(0, m - 1)];
		for (int i = 0; i + 1 < m; i++) {
			float mid = (float) (0.5 * ((double) dist[i] + dist[i + 1]));
			e[i] = mid >= dist[i + 1] ? dist[i] : mid; // x <= e[i] keeps dist[i] left, dist[i+1] right
		}
		return e;
	}

	/** Bin of each value: the smallest j with v <= e[j], or e.length. */
	static byte[] binned(float[] v, float[] e) {
		byte[] b = new byte[v.length];
		for (int i = 0; i < v.length; i++) {
			int lo = 0, hi = e.length;
			float x = v[i];
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				if (x <= e[mid]) hi = mid;
				else lo = mid + 1;
			}
			b[i] = (byte) lo;
		}
		return b;
	}

	/** Indices of the samples of each class that has samples (absent classes left out). */
	static int[][] membersByClass(int[] y, int C) {
		int[] count = new int[C];
		for (int v : y) count[v]++;
		int present = 0;
		for (int c : count) if (c > 0) present++;
		int[][] m = new int[present][];
		int[] slot = new int[C], fill = new int[present];
		for (int c = 0, k = 0; c < C; c++) {
			slot[c] = count[c] > 0 ? k : -1;
			if (count[c] > 0) m[k++] = new int[count[c]];
		}
		for (int i = 0; i < y.length; i++) {
			int k = slot[y[i]];
			m[k][fill[k]++] = i;
		}
		return m;
	}

	/** One grown tree in local arrays (children and leaf offsets local). */
	private static final class Tree {
		int size, leaves;
		int[] feature, child;
		float[] threshold, prob;
	}

	private static final class Grower {
		final byte[][] bx;
		final float[][] edges;
		final int[] y;
		final int C, mtry, maxDepth, minLeaf, F;
		final SplittableRandom rnd;
		int[] idx;
		// growing buffers
		int size, leaves;
		int[] feature = new int[256], child = new int[256];
		float[] threshold = new float[256];
		float[] prob = new float[256];
		final int[] hist;
		final int[] featOrder;
		final int[][] byClass; // sample indices of each present class, for the balanced bootstrap; null = plain

		Grower(byte[][] bx, float[][] edges, int[] y, int C, int mtry, Params p, long seed) {
			this.bx = bx;
			this.edges = edges;
			this.y = y;
			this.C = C;
			this.mtry = mtry;
			this.maxDepth = p.maxDepth <= 0 ? Integer.MAX_VALUE : p.maxDepth;
			this.minLeaf = Math.max(1, p.minLeaf);
			this.F = bx.length;
			this.rnd = new SplittableRandom(seed);
			this.hist = new int[256 * C];
			this.featOrder = new int[F];
			this.byClass = p.balanced ? membersByClass(y, C) : null;
		}

		Tree grow() {
			int n = y.length;
			idx = new int[n];
			if (byClass == null) for (int i = 0; i < n; i++) idx[i] = rnd.nextInt(n);
			else for (int i = 0; i < n; i++) {
				int[] m = byClass[i % byClass.length];
				idx[i] = m[rnd.nextInt(m.length)];
			}
			Arrays.sort(idx); // memory order: faster histogram passes
			for (int i = 0; i < F; i++) featOrder[i] = i;
			// iterative growth with an explicit stack of (node, from, to, depth)
			int[] stack = new int[4 * 64];
			int sp = 0;
			int root = newNode();
			stack[sp++] = root;
			stack[sp++] = 0;
			stack[sp++] = n;
			stack[sp++] = 0;
			int[] cls = new int[C];
			while (sp > 0) {
				int depth = stack[--sp], to = stack[--sp], from = stack[--sp], node = stack[--sp];
				Arrays.fill(cls, 0);
				for (int i = from; i < to; i++) cls[y[idx[i]]]++;
				int nonzero = 0;
				for (int c : cls) if (c > 0) nonzero++;
				int bestF = -1, bestBin = -1;
				if (nonzero > 1 && depth < maxDepth && to - from >= 2 * minLeaf) {
					long split = bestSplit(from, to, cls);
					if (split >= 0) {
						bestF = (int) (split >>> 16);
						bestBin = (int) (split & 0xffff);
					}
				}
				if (bestF < 0) {
					makeLeaf(node, cls, to - from);
					continue;
				}
				// partition idx[from, to) by bin <= bestBin
				byte[] col = bx[bestF];
				int i = from, j = to - 1;
				while (i <= j) {
					if ((col[idx[i]] & 0xff) <= bestBin) i++;
					else {
						int t = idx[i]; idx[i] = idx[j]; idx[j] = t;
						j--;
					}
				}
				int mid = i;
				int l = newNode(), r = newNode();
				feature[node] = bestF;
				threshold[node] = edges[bestF][bestBin];
				child[node] = l;
				if (r != l + 1) throw new IllegalStateException();
				if (sp + 8 > stack.length) stack = Arrays.copyOf(stack, stack.length * 2);
				stack[sp++] = r; stack[sp++] = mid; stack[sp++] = to; stack[sp++] = depth + 1;
				stack[sp++] = l; stack[sp++] = from; stack[sp++] = mid; stack[sp++] = depth + 1;
			}
			Tree t = new Tree();
			t.size = size;
			t.leaves = leaves;
			t.feature = Arrays.copyOf(feature, size);
			t.child = Arrays.copyOf(child, size);
			t.threshold = Arrays.copyOf(threshold, size);
			t.prob = Arrays.copyOf(prob, leaves * C);
			return t;
		}

		/** (feature << 16 | bin) of the best Gini split among mtry non-constant random features, or -1. */
		long bestSplit(int from, int to, int[] cls) {
			int n = to - from;
			double parentSq = 0;
			for (int c : cls) parentSq += (double) c * c;
			double best = parentSq / n + 1e-12; // weighted sum of squares must beat the parent's
			long bestCode = -1;
			int tried = 0;
			int[] left = new int[C];
			for (int k = 0; k < F && tried < mtry; k++) {
				int r = k + rnd.nextInt(F - k);
				int f = featOrder[r];
				featOrder[r] = featOrder[k];
				featOrder[k] = f;
				int nb = edges[f].length + 1;
				if (nb < 2) continue;
				Arrays.fill(hist, 0, nb * C, 0);
				byte[] col = bx[f];
				int minB = 255, maxB = 0;
				for (int i = from; i < to; i++) {
					int s = idx[i];
					int b = col[s] & 0xff;
					hist[b * C + y[s]]++;
					if (b < minB) minB = b;
					if (b > maxB) maxB = b;
				}
				if (minB == maxB) continue; // constant in this node: does not count (as in Breiman's code)
				tried++;
				Arrays.fill(left, 0);
				int nl = 0;
				for (int b = minB; b < maxB; b++) {
					int hb = b * C;
					for (int c = 0; c < C; c++) {
						left[c] += hist[hb + c];
						nl += hist[hb + c];
					}
					int nr = n - nl;
					if (nl < minLeaf || nr < minLeaf) continue;
					double sl = 0, sr = 0;
					for (int c = 0; c < C; c++) {
						double a = left[c], bb = cls[c] - left[c];
						sl += a * a;
						sr += bb * bb;
					}
					double score = sl / nl + sr / nr; // maximising this minimises weighted Gini impurity
					if (score > best) {
						best = score;
						bestCode = ((long) f << 16) | b;
					}
				}
			}
			return bestCode;
		}

		int newNode() {
			if (size == feature.length) {
				int m = size * 2;
				feature = Arrays.copyOf(feature, m);
				child = Arrays.copyOf(child, m);
				threshold = Arrays.copyOf(threshold, m);
			}
			feature[size] = -1;
			return size++;
		}

		void makeLeaf(int node, int[] cls, int n) {
			feature[node] = -1;
			if ((leaves + 1) * C > prob.length) prob = Arrays.copyOf(prob, prob.length * 2 + C);
			for (int c = 0; c < C; c++) prob[leaves * C + c] = cls[c] / (float) n;
			child[node] = leaves * C;
			leaves++;
		}
	}

	/**
	 * Class probabilities (mean of the trees' leaf distributions) of {@code n} samples stored row-major in
	 * {@code rows} ({@code rows[i * numFeatures + f]}), into {@code out[i * numClasses + c]}.
	 */
	public void predict(float[] rows, int n, float[] out) {
		int F = numFeatures, C = numClasses;
		Arrays.fill(out, 0, n * C, 0f);
		int[] feat = feature, ch = child;
		float[] thr = threshold, lp = leafProb;
		for (int t = 0; t < roots.length; t++) {
			int root = roots[t];
			for (int i = 0; i < n; i++) {
				int base = i * F;
				int nd = root;
				int f;
				while ((f = feat[nd]) >= 0) nd = rows[base + f] <= thr[nd] ? ch[nd] : ch[nd] + 1;
				int o = ch[nd], ob = i * C;
				for (int c = 0; c < C; c++) out[ob + c] += lp[o + c];
			}
		}
		float inv = 1f / roots.length;
		for (int i = 0; i < n * C; i++) out[i] *= inv;
	}

	/** Probabilities of one sample. */
	public float[] predict(float[] row) {
		float[] out = new float[numClasses];
		predict(row, 1, out);
		return out;
	}

	/** Mean depth of the leaves reached by the training-free walk: size statistics for reports. */
	public double meanNodesPerTree() {
		return feature.length / (double) roots.length;
	}

	public void write(DataOutputStream out) throws IOException {
		out.writeInt(numClasses);
		out.writeInt(numFeatures);
		out.writeInt(roots.length);
		for (int r : roots) out.writeInt(r);
		out.writeInt(feature.length);
		for (int i = 0; i < feature.length; i++) {
			out.writeInt(feature[i]);
			out.writeInt(child[i]);
			out.writeFloat(threshold[i]);
		}
		out.writeInt(leafProb.length);
		for (float v : leafProb) out.writeFloat(v);
	}

	public static RandomForest read(DataInputStream in) throws IOException {
		int C = in.readInt(), F = in.readInt(), T = in.readInt();
		if (C < 2 || C > 255 || F < 1 || F > 100000 || T < 1 || T > 100000) throw new IOException("Corrupt forest header");
		int[] roots = new int[T];
		for (int i = 0; i < T; i++) roots[i] = in.readInt();
		int N = in.readInt();
		if (N < T || N > 1 << 28) throw new IOException("Corrupt forest size");
		int[] feat = new int[N], ch = new int[N];
		float[] thr = new float[N];
		for (int i = 0; i < N; i++) {
			feat[i] = in.readInt();
			ch[i] = in.readInt();
			thr[i] = in.readFloat();
		}
		int P = in.readInt();
		if (P < C || P > (long) N * C) throw new IOException("Corrupt forest leaves");
		float[] lp = new float[P];
		for (int i = 0; i < P; i++) lp[i] = in.readFloat();
		for (int r : roots) if (r < 0 || r >= N) throw new IOException("Corrupt forest: root " + r);
		for (int i = 0; i < N; i++) {
			if (feat[i] >= F) throw new IOException("Corrupt forest: feature index " + feat[i]);
			if (feat[i] >= 0 ? ch[i] < 0 || ch[i] + 1 >= N : ch[i] < 0 || ch[i] + C > P) throw new IOException("Corrupt forest: node " + i);
		}
		return new RandomForest(C, F, roots, feat, ch, thr, lp);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof RandomForest)) return false;
		RandomForest r = (RandomForest) o;
		return numClasses == r.numClasses && numFeatures == r.numFeatures && Arrays.equals(roots, r.roots)
			&& Arrays.equals(feature, r.feature) && Arrays.equals(child, r.child) && Arrays.equals(threshold, r.threshold)
			&& Arrays.equals(leafProb, r.leafProb);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(threshold) * 31 + Arrays.hashCode(feature);
	}
}
