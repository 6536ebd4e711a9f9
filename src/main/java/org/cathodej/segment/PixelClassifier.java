package org.cathodej.segment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.segment.features.FeatureComputer;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.features.FeatureTiles;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

/**
 * A trained three-phase pixel classifier: feature settings plus a random forest over the feature stack, with the
 * versioned file format that keeps both together. Class 0 = pore, 1 = CAM, 2 = ISE.
 */
public final class PixelClassifier {

	/** First line of a classifier file. */
	public static final String MAGIC = "CathodeJ pixel classifier";
	/**
	 * Newest file format version this code reads and writes. Version 3 is version 2 whose feature line names the
	 * in-plane texture families (lbp, membrane); it is written only for such classifiers, so that builds from before
	 * them refuse these files as newer instead of calling them damaged, while all other files stay version 2. Version 4
	 * adds auto-context stages ({@link AutoContext}), and is written only for classifiers that have them.
	 */
	public static final int VERSION = 4;
	public static final int CLASSES = 3;

	private final FeatureSettings settings;
	private final RandomForest forest;
	private final long seed;
	private final long[] samplesPerClass;
	private final IntensityNormalisation normalisation;
	private final boolean balanced;
	private final GreyRange[] ranges; // per channel; null for version-1 files (not checked)
	private AutoContext context; // null: one stage
	private int fileVersion = -1; // -1: trained here, see fileVersion()

	public PixelClassifier(FeatureSettings settings, RandomForest forest, long seed, long[] samplesPerClass) {
		this(settings, forest, seed, samplesPerClass, IntensityNormalisation.NONE, false, null);
	}

	/**
	 * @param balanced the forest was trained with class-balanced bootstraps (its probabilities assume equal priors)
	 * @param ranges bit depth and grey range of each training channel after normalisation; null = unknown (not checked)
	 */
	public PixelClassifier(FeatureSettings settings, RandomForest forest, long seed, long[] samplesPerClass, IntensityNormalisation normalisation,
		boolean balanced, GreyRange[] ranges) {
		if (forest.numFeatures() != settings.numFeatures())
			throw new IllegalArgumentException("Forest has " + forest.numFeatures() + " features, settings " + settings.numFeatures());
		if (ranges != null && ranges.length != settings.channels())
			throw new IllegalArgumentException(ranges.length + " grey ranges for " + settings.channels() + " channel(s)");
		this.settings = settings;
		this.forest = forest;
		this.seed = seed;
		this.samplesPerClass = samplesPerClass.clone();
		this.normalisation = normalisation;
		this.balanced = balanced;
		this.ranges = ranges == null ? null : ranges.clone();
	}

	public FeatureSettings settings() { return settings; }
	public RandomForest forest() { return forest; }
	public long seed() { return seed; }
	public long[] samplesPerClass() { return samplesPerClass.clone(); }
	public IntensityNormalisation normalisation() { return normalisation; }
	public boolean balanced() { return balanced; }
	/** Grey range of each training channel, or null (version-1 file). */
	public GreyRange[] greyRanges() { return ranges == null ? null : ranges.clone(); }
	/** Forest stages: 1, or 2-3 with auto-context ({@link AutoContext}). */
	public int autoContextStages() { return context == null ? 1 : context.stages(); }
	/** Format version of the file this classifier was read from (trained here: the version {@link #write} records). */
	public int fileVersion() { return fileVersion < 0 ? writtenVersion() : fileVersion; }

	/** The normalisation maps of each channel ({@link IntensityNormalisation#maps}). */
	public double[][][] maps(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels) {
		double[][][] m = new double[channels.size()][][];
		for (int c = 0; c < m.length; c++) m[c] = normalisation.maps(channels.get(c));
		return m;
	}

	/**
	 * Refuses images that do not look like the training images: another bit depth (without normalisation) or a
	 * (normalised) grey range clearly elsewhere ({@link GreyRange#mismatch}). Version-1 classifiers know no range
	 * and check nothing.
	 */
	public void checkInputs(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, double[][][] maps) {
		if (ranges == null) return;
		String[] names = { "BSE", "SE" };
		for (int c = 0; c < channels.size() && c < ranges.length; c++) {
			String why = ranges[c].mismatch(GreyRange.of(channels.get(c), maps[c]), normalisation.isOn());
			if (why != null)
				throw new IllegalArgumentException("The " + (c < 2 ? names[c] : "channel " + (c + 1)) + " image does not match the classifier: " + why
					+ ". Apply it to images like the training images (same bit depth and contrast), or retrain"
					+ (normalisation.isOn() ? "." : " with normalisation=slice or volume."));
		}
	}

	// ------------------------------------------------------------------------------------------------ training

	/** Training data gathered from scribbles. */
	public static final class TrainingSet {
		public final float[][] x; // [feature][sample]
		public final int[] y;
		public final long[] perClass;
		public final long labelledVoxels, totalVoxels;
		/** The slabs [z0, z1) of scribbled slices whose features were computed, in order. */
		final List<int[]> slabs = new ArrayList<>();
		/** Their features when kept for a later stage ({@link AutoContext}); null when not kept. */
		List<float[][]> slabFeatures;

		TrainingSet(float[][] x, int[] y, long[] perClass, long labelled, long total) {
			this.x = x;
			this.y = y;
			this.perClass = perClass;
			this.labelledVoxels = labelled;
			this.totalVoxels = total;
		}
	}

	/**
	 * Features at the scribbled voxels. {@code classValues[c]} is the scribble value of class c (pore, CAM, ISE);
	 * 0 means unlabelled. Only slabs that contain scribbles are computed.
	 */
	public static TrainingSet collect(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels,
		RandomAccessibleInterval<? extends IntegerType<?>> scribbles, int[] classValues, VoxelSize vs, FeatureSettings fs,
		long memoryBudget, int threads, Progress progress) {
		return collect(channels, null, scribbles, classValues, vs, fs, memoryBudget, threads, progress);
	}

	/** As above on intensities mapped per slice by {@code maps} ([channel][slice]{scale, offset}; null = raw). */
	public static TrainingSet collect(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, double[][][] maps,
		RandomAccessibleInterval<? extends IntegerType<?>> scribbles, int[] classValues, VoxelSize vs, FeatureSettings fs,
		long memoryBudget, int threads, Progress progress) {
		return collect(channels, maps, scribbles, classValues, vs, fs, memoryBudget, false, threads, progress);
	}

	/**
	 * As above; with {@code keepFeatures} the feature slabs are kept in the result when they take at most half of
	 * the memory budget (auto-context classifies the scribbled slices again).
	 */
	static TrainingSet collect(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, double[][][] maps,
		RandomAccessibleInterval<? extends IntegerType<?>> scribbles, int[] classValues, VoxelSize vs, FeatureSettings fs,
		long memoryBudget, boolean keepFeatures, int threads, Progress progress) {
		checkSizes(channels, scribbles);
		if (classValues.length != CLASSES) throw new IllegalArgumentException("Need one scribble value per phase");
		for (int i = 0; i < CLASSES; i++) {
			if (classValues[i] == 0) throw new IllegalArgumentException("Scribble value 0 means 'unlabelled'; choose another value for " + Phase.values()[i].displayName());
			for (int j = 0; j < i; j++)
				if (classValues[i] == classValues[j]) throw new IllegalArgumentException("Two phases share the scribble value " + classValues[i]);
		}
		int w = Slices.width(scribbles), h = Slices.height(scribbles), d = Slices.depth(scribbles), plane = w * h;
		// pass 1: which slices carry scribbles, how many per class, any foreign value
		long[] perClass = new long[CLASSES];
		int[] slicesCount = new int[d];
		java.util.TreeMap<Integer, Long> foreign = new java.util.TreeMap<>();
		int[] buf = new int[plane];
		for (int z = 0; z < d; z++) {
			Slices.readInts(scribbles, z, buf);
			for (int i = 0; i < plane; i++) {
				int v = buf[i];
				if (v == 0) continue;
				int c = classOf(v, classValues);
				if (c < 0) foreign.merge(v, 1L, Long::sum);
				else {
					perClass[c]++;
					slicesCount[z]++;
				}
			}
		}
		if (!foreign.isEmpty())
			throw new IllegalArgumentException("The training labels contain values " + foreign.keySet() + " that are none of the scribble values pore="
				+ classValues[0] + ", CAM=" + classValues[1] + ", ISE=" + classValues[2] + " (0 = unlabelled).");
		for (int c = 0; c < CLASSES; c++)
			if (perClass[c] == 0)
				throw new IllegalArgumentException("The phase " + Phase.values()[c].displayName() + " has no training samples (no voxel with value "
					+ classValues[c] + " in the training labels); scribble on it too.");
		long total = 0;
		for (long c : perClass) total += c;
		if (total > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("Too many training voxels: " + total);
		int n = (int) total;
		int F = fs.numFeatures();
		MemoryBudget.require(4L * F * n + 4L * n, "Training data (" + n + " voxels x " + F + " features)", 0);
		float[][] x = new float[F][n];
		int[] y = new int[n];
		FeatureComputer fc = new FeatureComputer(fs, vs, w, h, d);
		long scribbledSlices = 0;
		for (int c : slicesCount) if (c > 0) scribbledSlices++;
		TrainingSet ts = new TrainingSet(x, y, perClass, total, (long) w * h * d);
		long budget = MemoryBudget.slabMemory(memoryBudget); // 0: sized from the heap left beside the training data
		if (keepFeatures && 4L * F * plane * scribbledSlices <= budget / 2) ts.slabFeatures = new ArrayList<>();
		int run = 0; // longest run of scribbled slices: whole slices when each run fits one slab (no tile margins)
		for (int z = 0, r = 0; z < d; z++) run = Math.max(run, r = slicesCount[z] > 0 ? r + 1 : 0);
		int whole = fc.slabSlices(budget);
		// auto-context computes its stages on whole-slice slabs: it keeps (or computes again) those of ts.slabs
		FeatureTiles tiles = keepFeatures || (whole >= run && fc.slabBytes(whole) <= budget) ? FeatureTiles.slices(fc, w, h, whole)
			: FeatureTiles.plan(fc, w, h, d, budget);
		gather(channels, maps, scribbles, classValues, slicesCount, tiles, ts, threads, progress == null ? Progress.NONE : progress);
		return ts;
	}

	/** Trains on scribbles without normalisation: {@link #collect} then a seeded forest. */
	public static PixelClassifier train(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels,
		RandomAccessibleInterval<? extends IntegerType<?>> scribbles, int[] classValues, VoxelSize vs, FeatureSettings fs,
		RandomForest.Params params, long seed, long memoryBudget, int threads, Progress progress) {
		return train(channels, scribbles, classValues, vs, fs, IntensityNormalisation.NONE, params, seed, memoryBudget, threads, progress);
	}

	/**
	 * Trains on scribbles: the normalisation maps and grey ranges of the channels, {@link #collect} on the
	 * normalised intensities, then a seeded forest (class-balanced when {@code params.balanced}).
	 */
	public static PixelClassifier train(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels,
		RandomAccessibleInterval<? extends IntegerType<?>> scribbles, int[] classValues, VoxelSize vs, FeatureSettings fs,
		IntensityNormalisation norm, RandomForest.Params params, long seed, long memoryBudget, int threads, Progress progress) {
		return train(channels, scribbles, classValues, vs, fs, norm, params, 1, seed, memoryBudget, threads, progress);
	}

	/**
	 * As above with {@code stages} forest stages: 1 = one forest; 2-3 = auto-context ({@link AutoContext}), each
	 * further stage trained on the pixel features plus the context of the previous stage's probabilities.
	 */
	public static PixelClassifier train(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels,
		RandomAccessibleInterval<? extends IntegerType<?>> scribbles, int[] classValues, VoxelSize vs, FeatureSettings fs,
		IntensityNormalisation norm, RandomForest.Params params, int stages, long seed, long memoryBudget, int threads, Progress progress) {
		if (stages < 1 || stages > AutoContext.MAX_STAGES)
			throw new IllegalArgumentException("Auto-context stages must be 1 (off), 2 or " + AutoContext.MAX_STAGES + ", got " + stages);
		Progress pr = progress == null ? Progress.NONE : progress;
		checkSizes(channels, scribbles);
		double[][][] maps = new double[channels.size()][][];
		GreyRange[] ranges = new GreyRange[channels.size()];
		for (int c = 0; c < maps.length; c++) {
			maps[c] = norm.maps(channels.get(c));
			ranges[c] = GreyRange.of(channels.get(c), maps[c]);
		}
		double split = stages == 1 ? 1 : 0.3;
		TrainingSet ts = collect(channels, maps, scribbles, classValues, vs, fs, memoryBudget, stages > 1, threads, pr.range(0, 0.4 * split));
		RandomForest rf = RandomForest.train(ts.x, ts.y, CLASSES, stages == 1 ? params : AutoContext.early(params), seed, threads, pr.range(0.4 * split, split));
		PixelClassifier pc = new PixelClassifier(fs, rf, seed, ts.perClass, norm, params.balanced, ranges);
		if (stages > 1) {
			FeatureComputer fc = new FeatureComputer(fs, vs, Slices.width(scribbles), Slices.height(scribbles), Slices.depth(scribbles));
			pc.context = AutoContext.train(stages, channels, maps, scribbles, ts, rf, fc, params, seed, threads, pr.range(split, 1));
		}
		return pc;
	}

	/**
	 * Pass 2 of {@link #collect}: the features and classes of the scribbled voxels in scan order (slice, row, column)
	 * into x[feature][sample] and y, slab by slab of the slices that carry scribbles ({@code slicesCount[z] > 0}),
	 * tile by tile as {@code tiles} plans; the slabs go to {@code ts.slabs}, and their features to
	 * {@code ts.slabFeatures} when that list exists (whole slices only).
	 */
	static void gather(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, double[][][] maps,
		RandomAccessibleInterval<? extends IntegerType<?>> scribbles, int[] classValues, int[] slicesCount, FeatureTiles tiles, TrainingSet ts,
		int threads, Progress pr) {
		if (ts.slabFeatures != null && tiles.count() > 1) throw new IllegalArgumentException("Kept features need whole slices");
		float[][] x = ts.x;
		int[] y = ts.y;
		int w = Slices.width(scribbles), d = Slices.depth(scribbles), plane = w * Slices.height(scribbles), slab = tiles.slabSlices();
		int[] buf = new int[plane];
		int pos = 0, z = 0;
		while (z < d) {
			if (slicesCount[z] == 0) {
				z++;
				continue;
			}
			int z0 = z, z1 = z0;
			while (z1 < d && z1 - z0 < slab && slicesCount[z1] > 0) z1++;
			pr.checkCancelled();
			pr.report(z0 / (double) d, "features of slices " + (z0 + 1) + "-" + z1);
			int m = 0;
			for (int zz = z0; zz < z1; zz++) m += slicesCount[zz];
			int[] at = new int[m]; // scribbled voxels of the slab in scan order: (slice - z0) * plane + index in the slice
			for (int zz = z0, k = 0; zz < z1; zz++) {
				Slices.readInts(scribbles, zz, buf);
				for (int i = 0; i < plane; i++)
					if (buf[i] != 0) {
						y[pos + k] = classOf(buf[i], classValues);
						at[k++] = (zz - z0) * plane + i;
					}
			}
			ts.slabs.add(new int[] { z0, z1 });
			for (int t = 0; t < tiles.count(); t++) {
				float[][] f = tiles.computer(t).compute(channels, maps, z0, z1, threads, Progress.NONE);
				copySamples(f, at, tiles.core(t), tiles.padded(t), w, plane, x, pos);
				if (ts.slabFeatures != null) ts.slabFeatures.add(f);
			}
			pos += m;
			z = z1;
		}
	}

	/** Features of the scribbled voxels at[k] that lie in a tile's core into x[.][pos + k] (f over the padded tile). */
	private static void copySamples(float[][] f, int[] at, int[] core, int[] pad, int w, int plane, float[][] x, int pos) {
		int pw = pad[2] - pad[0], ph = pad[3] - pad[1];
		for (int k = 0; k < at.length; k++) {
			int zz = at[k] / plane, j = at[k] % plane, yy = j / w, xx = j % w;
			if (xx < core[0] || xx >= core[2] || yy < core[1] || yy >= core[3]) continue;
			int src = (zz * ph + yy - pad[1]) * pw + xx - pad[0];
			for (int c = 0; c < f.length; c++) x[c][pos + k] = f[c][src];
		}
	}

	private static int classOf(int v, int[] classValues) {
		for (int c = 0; c < classValues.length; c++)
			if (classValues[c] == v) return c;
		return -1;
	}

	static void checkSizes(List<? extends RandomAccessibleInterval<?>> channels, RandomAccessibleInterval<?> ref) {
		if (channels.isEmpty()) throw new IllegalArgumentException("No image channel given");
		for (RandomAccessibleInterval<?> c : channels) Slices.requireVolume(c);
		RandomAccessibleInterval<?> a = ref == null ? channels.get(0) : ref;
		for (RandomAccessibleInterval<?> c : channels)
			if (Slices.width(c) != Slices.width(a) || Slices.height(c) != Slices.height(a) || Slices.depth(c) != Slices.depth(a))
				throw new IllegalArgumentException("Image sizes differ: " + size(c) + " vs " + size(a)
					+ "; the BSE, SE and label images must be aligned stacks of equal size.");
	}

	static String size(RandomAccessibleInterval<?> c) {
		return Slices.width(c) + "x" + Slices.height(c) + "x" + Slices.depth(c);
	}

	// ------------------------------------------------------------------------------------------------ applying

	/** What {@link #apply} should produce besides the labels. */
	public static final class ApplyOptions implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
		public boolean probabilities = false;
		public boolean uncertainty = false;
		/** Margin of the fraction uncertainty range (see {@link ClassificationResult}). */
		public double margin = 0.2;
		/** Bytes the feature slabs may take; 0 = {@link MemoryBudget#slabMemory a quarter of what the heap has free}. */
		public long memoryBudget = 512L << 20;
		public int threads = Parallel.defaultThreads();
		/** Re-estimate the phase priors of the volume (scribbles rarely have the phases' true proportions). */
		public boolean priorCorrection = true;
		/** Gaussian sigma (pixels, within each slice) applied to the probabilities before the arg max; 0 = none. */
		public double smoothing = 0;
	}

	/**
	 * Classifies every voxel, slab by slab: pass 1 computes features and forest probabilities (kept per voxel as two
	 * bytes, p_pore and p_CAM in 1/255), then, with {@link ApplyOptions#priorCorrection}, the phase priors of this
	 * volume are estimated by EM (Saerens, Latinne and Decaestecker 2002) from a histogram of those probabilities and
	 * the probabilities are reweighted by (volume prior / training prior); pass 2 takes the arg max (ties: the
	 * lower class) and gathers the fractions.
	 */
	public ClassificationResult apply(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, VoxelSize vs,
		ApplyOptions opt, Progress progress) {
		FeatureComputer fc = features(channels, vs);
		RandomAccessibleInterval<? extends RealType<?>> c0 = channels.get(0);
		int w = Slices.width(c0), h = Slices.height(c0), d = Slices.depth(c0), plane = w * h;
		long voxels = (long) plane * d;
		long outBytes = voxels * (3 + (opt.probabilities ? 4 * CLASSES : 0) + (opt.uncertainty ? 4 : 0));
		MemoryBudget.require(outBytes, "Pixel classification outputs of " + w + "x" + h + "x" + d + " voxels", outBytes / (double) voxels);
		double[][][] maps = maps(channels);
		checkInputs(channels, maps);
		FeatureTiles tiles = featurePlan(fc, w, h, d, opt.memoryBudget, 0);
		int slab = tiles.slabSlices();
		long slabBytes = tiles.slabBytes();
		MemoryBudget.require(slabBytes, "Feature slab (" + tiles + ") x " + settings.numFeatures() + " features", 0);
		ClassificationResult r = new ClassificationResult(w, h, d, opt.probabilities, opt.uncertainty, slab, slabBytes);
		Progress pr = progress == null ? Progress.NONE : progress;
		byte[][] q = new byte[d][];
		long[] hist = opt.priorCorrection ? new long[256 * 256] : null;
		for (int z0 = 0; z0 < d; z0 += slab) {
			int z1 = Math.min(d, z0 + slab);
			pr.checkCancelled();
			double f0 = 0.95 * z0 / d, f1 = 0.95 * z1 / d;
			byte[][] qs = quantisedProbabilities(tiles, channels, maps, z0, z1, opt, pr.range(f0, f1));
			System.arraycopy(qs, 0, q, z0, qs.length);
		}
		if (hist != null) for (byte[] qz : q) histogram(qz, hist);
		double[] weight = priorWeights(hist, r);
		pr.report(0.95, "labels and fractions");
		long[][] stats = new long[d][3 * CLASSES];
		double[][] soft = new double[d][CLASSES];
		Parallel.forEach(d, opt.threads, z -> {
			decide(q[z], w, h, weight, opt, r.labels[z], stats[z], soft[z], r.probabilities == null ? null
				: new float[][] { r.probabilities[0][z], r.probabilities[1][z], r.probabilities[2][z] }, r.uncertainty == null ? null : r.uncertainty[z]);
			q[z] = null;
		});
		for (int z = 0; z < d; z++) add(r, stats[z], soft[z]);
		r.margin = opt.margin;
		pr.report(1, "done");
		return r;
	}

	/**
	 * The feature plan of applying: tiles and slabs of least recomputation ({@link FeatureTiles#plan}), or, with
	 * auto-context (whose context features see whole slices), whole-slice slabs of {@link #slabBudget}. A budget of 0
	 * is {@link MemoryBudget#slabMemory} of the heap left now, beside the outputs already allocated.
	 */
	FeatureTiles featurePlan(FeatureComputer fc, int w, int h, int d, long budget, long inputBytesPerSlice) {
		long memory = MemoryBudget.slabMemory(budget);
		if (context != null) return FeatureTiles.slices(fc, w, h, fc.slabSlices(slabBudget(memory)));
		return FeatureTiles.plan(fc, w, h, d, memory, inputBytesPerSlice);
	}

	/**
	 * The share of a memory budget the feature slab may take: all of it for one stage; with auto-context the context
	 * features and the probabilities of the slab need room beside it.
	 */
	long slabBudget(long budget) {
		if (context == null) return budget;
		int F = settings.numFeatures();
		return budget * F / (F + AutoContext.FEATURES + 2 * CLASSES);
	}

	/** The feature computer and the (checked) normalisation maps of these channels, for applying slab by slab. */
	FeatureComputer features(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, VoxelSize vs) {
		checkSizes(channels, null);
		if (channels.size() != settings.channels())
			throw new IllegalArgumentException("This classifier was trained on " + settings.channels() + " channel(s) but " + channels.size()
				+ " were given (" + settings + ").");
		RandomAccessibleInterval<? extends RealType<?>> c0 = channels.get(0);
		return new FeatureComputer(settings, vs, Slices.width(c0), Slices.height(c0), Slices.depth(c0));
	}

	/**
	 * Pass 1 of slices [z0, z1): features and forest probabilities, quantised as p_pore and p_CAM in 1/255 (two bytes
	 * per voxel, interleaved), one array per slice; features of whole slices.
	 */
	byte[][] quantisedProbabilities(FeatureComputer fc, List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, double[][][] maps,
		int z0, int z1, ApplyOptions opt, Progress pr) {
		RandomAccessibleInterval<? extends RealType<?>> c0 = channels.get(0);
		return quantisedProbabilities(FeatureTiles.slices(fc, Slices.width(c0), Slices.height(c0), z1 - z0), channels, maps, z0, z1, opt, pr);
	}

	/** As above, the features computed tile by tile as {@code tiles} plans (the same numbers as whole slices). */
	byte[][] quantisedProbabilities(FeatureTiles tiles, List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, double[][][] maps,
		int z0, int z1, ApplyOptions opt, Progress pr) {
		RandomAccessibleInterval<? extends RealType<?>> c0 = channels.get(0);
		int w = Slices.width(c0), plane = w * Slices.height(c0);
		byte[][] q = new byte[z1 - z0][2 * plane];
		int n = tiles.count();
		for (int t = 0; t < n; t++) {
			Progress pt = pr.range(t / (double) n, (t + 1.0) / n);
			float[][] feat = tiles.computer(t).compute(channels, maps, z0, z1, opt.threads, pt.range(0, 0.6));
			pt.report(0.6, "classifying slices " + (z0 + 1) + "-" + z1 + (n > 1 ? ", tile " + (t + 1) + "/" + n : ""));
			if (context == null) classifyTile(feat, tiles.core(t), tiles.padded(t), z1 - z0, w, q, opt.threads);
			else { // auto-context: whole slices (its context features see the whole slice)
				if (n > 1) throw new IllegalArgumentException("Auto-context classifies whole slices, not tiles");
				float[] prob = context.probabilities(forest, feat, z1 - z0, w, plane / w, opt.threads);
				Parallel.forEach(z1 - z0, opt.threads, z -> quantise(prob, z * plane * CLASSES, plane, q[z], 0));
			}
		}
		pr.report(1, "classified slices " + (z0 + 1) + "-" + z1);
		return q;
	}

	/**
	 * Forest probabilities of the core voxels of one tile ({@code feat[f][(z * ph + y) * pw + x]} over the padded
	 * rectangle {x0, y0, x1, y1}), quantised into q (slice planes of width w), in blocks of rows over the threads.
	 */
	private void classifyTile(float[][] feat, int[] core, int[] pad, int slices, int w, byte[][] q, int threads) {
		int F = settings.numFeatures(), pw = pad[2] - pad[0], ph = pad[3] - pad[1], cw = core[2] - core[0], ch = core[3] - core[1];
		int rowsTotal = slices * ch;
		final int B = 1024;
		int chunks = Math.min(rowsTotal, Math.max(1, threads) * 8);
		Parallel.forEach(chunks, threads, k -> {
			float[] rows = new float[B * F], prob = new float[B * CLASSES];
			int r0 = (int) ((long) rowsTotal * k / chunks), r1 = (int) ((long) rowsTotal * (k + 1) / chunks);
			for (int r = r0; r < r1; r++) {
				int z = r / ch, y = core[1] + r % ch;
				int src = (z * ph + y - pad[1]) * pw + core[0] - pad[0], dst = y * w + core[0];
				for (int x0 = 0; x0 < cw; x0 += B) {
					int m = Math.min(B, cw - x0);
					for (int f = 0; f < F; f++) {
						float[] col = feat[f];
						for (int i = 0; i < m; i++) rows[i * F + f] = col[src + x0 + i];
					}
					forest.predict(rows, m, prob);
					quantise(prob, 0, m, q[z], dst + x0);
				}
			}
		});
	}

	/** p_pore and p_CAM of m voxels (prob from index off) in 1/255 (their sum at most 255) into q from voxel j on. */
	private static void quantise(float[] prob, int off, int m, byte[] q, int j) {
		for (int i = 0, k = off; i < m; i++, k += CLASSES) {
			int a = Math.round(prob[k] * 255), c = Math.round(prob[k + 1] * 255);
			if (a + c > 255) c = 255 - a;
			q[2 * (j + i)] = (byte) a;
			q[2 * (j + i) + 1] = (byte) c;
		}
	}

	/** Adds one slice's quantised probabilities to the 256 x 256 histogram of the prior estimate. */
	static void histogram(byte[] qz, long[] hist) {
		for (int j = 0; j < qz.length / 2; j++) hist[(qz[2 * j] & 0xff) * 256 + (qz[2 * j + 1] & 0xff)]++;
	}

	/**
	 * Sets the training priors (and, given the histogram of the volume's probabilities, the EM priors) of r.
	 * @return the weights (volume prior / training prior; 1 without correction)
	 */
	double[] priorWeights(long[] hist, ClassificationResult r) {
		double[] train = new double[CLASSES];
		double tot = 0;
		for (long v : samplesPerClass) tot += v;
		for (int c = 0; c < CLASSES; c++) train[c] = balanced ? 1.0 / CLASSES : samplesPerClass[c] / tot;
		double[] weight = { 1, 1, 1 };
		r.trainingPriors = train.clone();
		if (hist != null) {
			double[] pi = emPriors(hist, train);
			for (int c = 0; c < CLASSES; c++) weight[c] = train[c] > 0 ? pi[c] / train[c] : 1;
			r.estimatedPriors = pi;
		}
		return weight;
	}

	/**
	 * Pass 2 of one slice: smoothing (in-plane), reweighting, arg max (ties: the lower class) into lab; the slice's
	 * counts into st (counts, low, high) and so (soft sums); probabilities (3 planes) and uncertainty when not null.
	 */
	static void decide(byte[] qz, int w, int h, double[] weight, ApplyOptions opt, byte[] lab, long[] st, double[] so, float[][] prob, float[] unc) {
		if (opt.smoothing > 0) smooth(qz, w, h, opt.smoothing);
		double margin = opt.margin;
		float[] p = new float[CLASSES];
		for (int j = 0; j < w * h; j++) {
			float a = (qz[2 * j] & 0xff) / 255f, b = (qz[2 * j + 1] & 0xff) / 255f;
			p[0] = (float) (a * weight[0]);
			p[1] = (float) (b * weight[1]);
			p[2] = (float) (Math.max(0f, 1 - a - b) * weight[2]);
			float sum = p[0] + p[1] + p[2];
			if (sum > 0) for (int c = 0; c < CLASSES; c++) p[c] /= sum;
			int best = 0;
			for (int c = 1; c < CLASSES; c++) if (p[c] > p[best]) best = c;
			float pb = p[best], p2 = 0;
			for (int c = 0; c < CLASSES; c++) {
				so[c] += p[c];
				if (c != best && p[c] > p2) p2 = p[c];
				if (p[c] >= pb - margin) st[2 * CLASSES + c]++;
			}
			st[best]++;
			if (pb - p2 >= margin) st[CLASSES + best]++;
			lab[j] = (byte) best;
			if (prob != null) for (int c = 0; c < CLASSES; c++) prob[c][j] = p[c];
			if (unc != null) unc[j] = 1 - pb;
		}
	}

	/** Adds one slice's counts and soft sums (in slice order, so the sums do not depend on threads or slabs). */
	static void add(ClassificationResult r, long[] st, double[] so) {
		for (int c = 0; c < CLASSES; c++) {
			r.counts[c] += st[c];
			r.lowCounts[c] += st[CLASSES + c];
			r.highCounts[c] += st[2 * CLASSES + c];
			r.softSums[c] += so[c];
		}
	}

	/** Gaussian smoothing (sigma in pixels) of the two quantised probability planes interleaved in q. */
	static void smooth(byte[] q, int w, int h, double sigma) {
		int n = w * h;
		float[][] p = new float[2][n];
		for (int j = 0; j < n; j++) {
			p[0][j] = q[2 * j] & 0xff;
			p[1][j] = q[2 * j + 1] & 0xff;
		}
		for (float[] a : p) org.cathodej.filter.Gauss.blur2D(a, w, h, sigma, sigma, a);
		for (int j = 0; j < n; j++) {
			int a = Math.round(p[0][j]), c = Math.round(p[1][j]);
			if (a + c > 255) c = 255 - a;
			q[2 * j] = (byte) a;
			q[2 * j + 1] = (byte) c;
		}
	}

	/**
	 * EM estimate of the class priors of a new data set from classifier posteriors obtained under the training
	 * priors (Saerens et al. 2002), on a histogram over quantised (p0, p1).
	 */
	static double[] emPriors(long[] hist, double[] train) {
		double[] pi = train.clone();
		double total = 0;
		for (long v : hist) total += v;
		for (int it = 0; it < 200; it++) {
			double[] next = new double[CLASSES];
			for (int a = 0; a < 256; a++)
				for (int b = 0; a + b < 256 + 1 && b < 256; b++) {
					long n = hist[a * 256 + b];
					if (n == 0) continue;
					double p0 = a / 255.0, p1 = b / 255.0, p2 = Math.max(0, 1 - p0 - p1);
					double q0 = p0 * pi[0] / train[0], q1 = p1 * pi[1] / train[1], q2 = p2 * pi[2] / train[2];
					double s = q0 + q1 + q2;
					if (s <= 0) continue;
					next[0] += n * q0 / s;
					next[1] += n * q1 / s;
					next[2] += n * q2 / s;
				}
			double change = 0;
			for (int c = 0; c < CLASSES; c++) {
				next[c] /= total;
				change = Math.max(change, Math.abs(next[c] - pi[c]));
			}
			pi = next;
			if (change < 1e-7) break;
		}
		return pi;
	}

	// ------------------------------------------------------------------------------------------------ file format

	/**
	 * Writes the classifier: a text header (magic, version, feature settings, classes, seed, samples per class,
	 * feature names) and the forest in binary (big-endian DataOutput).
	 */
	public void save(Path file) throws IOException {
		try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
			write(out);
		}
	}

	/** The format version {@link #write} records: 3 with texture features, else 2 (see {@link #VERSION}). */
	int writtenVersion() {
		if (context != null) return 4;
		return settings.has(FeatureSettings.Family.LBP) || settings.has(FeatureSettings.Family.MEMBRANE) ? 3 : 2;
	}

	public void write(DataOutputStream out) throws IOException {
		StringBuilder hd = new StringBuilder();
		hd.append(MAGIC).append('\n');
		hd.append("version=").append(writtenVersion()).append('\n');
		hd.append("features=").append(settings.encode()).append('\n');
		hd.append("classes=pore,CAM,ISE\n");
		hd.append("seed=").append(seed).append('\n');
		hd.append("samples=").append(samplesPerClass[0]).append(',').append(samplesPerClass[1]).append(',').append(samplesPerClass[2]).append('\n');
		hd.append("normalisation=").append(normalisation.encode()).append('\n');
		hd.append("class_weights=").append(balanced ? "balanced" : "scribbled").append('\n');
		if (ranges != null) for (int c = 0; c < ranges.length; c++) hd.append("channel").append(c + 1).append('=').append(ranges[c].encode()).append('\n');
		hd.append("feature_names=").append(String.join(",", settings.featureNames())).append('\n');
		if (context != null) {
			hd.append("auto_context=").append(context.stages()).append('\n');
			hd.append("context_feature_names=").append(String.join(",", AutoContext.featureNames())).append('\n');
		}
		hd.append("end\n");
		byte[] b = hd.toString().getBytes(StandardCharsets.UTF_8);
		out.write(b);
		forest.write(out);
		if (context != null) context.write(out);
		out.flush();
	}

	public static PixelClassifier load(Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new IOException("No classifier file at " + file);
		try (InputStream is = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
			return read(in, file.toString());
		}
	}

	/** The message of a file that starts like a classifier but cannot be read. */
	static IOException damaged(String name, String why) {
		return new IOException("the classifier file " + name + " is damaged: " + why);
	}

	/**
	 * Reads a classifier (format 1-4; format 4 adds auto-context stages; format 1 files have no normalisation, no class weights and no grey ranges,
	 * and keep their old behaviour: nothing is checked). A file that starts like a classifier but is cut short or
	 * garbled gives "the classifier file X is damaged: ...".
	 */
	public static PixelClassifier read(DataInputStream in, String name) throws IOException {
		String first = line(in);
		if (!MAGIC.equals(first)) throw new IOException(name + " is not a CathodeJ pixel classifier (it does not start with '" + MAGIC + "')");
		try {
			return readAfterMagic(in, name);
		} catch (java.io.EOFException e) {
			throw damaged(name, "it ends early (truncated)");
		} catch (IllegalArgumentException e) { // includes NumberFormatException
			throw damaged(name, "bad header value (" + e.getMessage() + ")");
		} catch (IOException e) {
			if (e.getMessage() != null && (e.getMessage().startsWith("the classifier file") || e.getMessage().contains("newer CathodeJ"))) throw e;
			throw damaged(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
		}
	}

	private static PixelClassifier readAfterMagic(DataInputStream in, String name) throws IOException {
		FeatureSettings fs = null;
		long seed = 0;
		long[] samples = new long[CLASSES];
		int version = -1;
		IntensityNormalisation norm = IntensityNormalisation.NONE;
		boolean balanced = false;
		int stages = 1;
		java.util.TreeMap<Integer, GreyRange> ranges = new java.util.TreeMap<>();
		String l;
		while (!"end".equals(l = line(in))) {
			if (l == null) throw damaged(name, "the header ends early (truncated)");
			int eq = l.indexOf('=');
			if (eq < 0) continue;
			String k = l.substring(0, eq), v = l.substring(eq + 1);
			switch (k) {
				case "version":
					version = Integer.parseInt(v.trim());
					if (version > VERSION)
						throw new IOException(name + " was written by a newer CathodeJ (classifier format " + version + "); update CathodeJ.");
					break;
				case "features": fs = FeatureSettings.parse(v); break;
				case "seed": seed = Long.parseLong(v.trim()); break;
				case "samples": {
					String[] p = v.split(",");
					for (int i = 0; i < CLASSES && i < p.length; i++) samples[i] = Long.parseLong(p[i].trim());
					break;
				}
				case "classes":
					if (!v.trim().equals("pore,CAM,ISE")) throw new IOException(name + ": unsupported classes " + v);
					break;
				case "normalisation": norm = IntensityNormalisation.parse(v); break;
				case "class_weights": balanced = v.trim().equals("balanced"); break;
				case "auto_context":
					stages = Integer.parseInt(v.trim());
					if (stages < 1 || stages > AutoContext.MAX_STAGES) throw new IllegalArgumentException("auto_context=" + v);
					break;
				default:
					if (k.matches("channel[0-9]+")) ranges.put(Integer.parseInt(k.substring(7)), GreyRange.parse(v));
					break; // unknown keys of later minor versions are ignored
			}
		}
		if (version < 1 || fs == null) throw damaged(name, "the header lacks the version or the feature settings");
		GreyRange[] gr = null;
		if (version >= 2) {
			if (ranges.size() != fs.channels() || ranges.firstKey() != 1 || ranges.lastKey() != fs.channels())
				throw damaged(name, "it has grey ranges for channels " + ranges.keySet() + " but " + fs.channels() + " channel(s)");
			gr = ranges.values().toArray(new GreyRange[0]);
		}
		RandomForest rf = RandomForest.read(in);
		if (rf.numFeatures() != fs.numFeatures()) throw damaged(name, "forest and feature settings disagree");
		if (rf.numClasses() != CLASSES) throw damaged(name, "the forest has " + rf.numClasses() + " classes");
		PixelClassifier pc = new PixelClassifier(fs, rf, seed, samples, norm, balanced, gr);
		if (stages > 1) pc.context = AutoContext.read(in, stages, fs.numFeatures());
		pc.fileVersion = version;
		return pc;
	}

	private static String line(DataInputStream in) throws IOException {
		StringBuilder b = new StringBuilder();
		int c;
		int n = 0;
		while ((c = in.read()) >= 0 && c != '\n') {
			b.append((char) c);
			if (++n > 1 << 20) throw new IOException("Header line too long: not a classifier file");
		}
		if (c < 0 && b.length() == 0) return null;
		return new String(b.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
	}

	/** Throws unless {@code fs} equals this classifier's feature settings (used when a user expects certain features). */
	public void requireSettings(FeatureSettings fs) {
		if (!settings.equals(fs))
			throw new IllegalArgumentException("The classifier was trained on other features (" + settings + ") than requested (" + fs + ").");
	}

	static List<String> list(String... s) {
		return new ArrayList<>(Arrays.asList(s));
	}
}
