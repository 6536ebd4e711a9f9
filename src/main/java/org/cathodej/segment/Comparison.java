package org.cathodej.segment;

import java.util.Locale;

import org.cathodej.image.Slices;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Voxel-wise comparison of a segmentation with a ground truth: confusion matrix over pore, CAM, ISE and "other"
 * (labels that are none of the three), overall accuracy, per-phase IoU (Jaccard), recall ("per-phase accuracy") and
 * precision, and the error of each phase's volume fraction (segmented minus true).
 */
public final class Comparison {

	/** Index of "other" in the matrix. */
	public static final int OTHER = 3;
	/** {@code matrix[truth][segmented]}, 0 pore, 1 CAM, 2 ISE, 3 other. */
	private final long[][] matrix;

	private Comparison(long[][] m) {
		this.matrix = m;
	}

	/** From per-slice phase indices (0, 1, 2, anything else = other). */
	public static Comparison of(byte[][] segmented, byte[][] truth) {
		if (segmented.length != truth.length) throw new IllegalArgumentException("Slice counts differ");
		long[][] m = new long[4][4];
		for (int z = 0; z < truth.length; z++) {
			byte[] s = segmented[z], t = truth[z];
			if (s.length != t.length) throw new IllegalArgumentException("Slice sizes differ");
			for (int i = 0; i < t.length; i++) m[idx(t[i])][idx(s[i])]++;
		}
		return new Comparison(m);
	}

	private static int idx(int phase) {
		return phase >= 0 && phase < 3 ? phase : OTHER;
	}

	/** Compares two label images, each with its own label values. */
	public static Comparison of(RandomAccessibleInterval<? extends IntegerType<?>> segmented, PhaseLabels segLabels,
		RandomAccessibleInterval<? extends IntegerType<?>> truth, PhaseLabels truthLabels, int threads, Progress progress) {
		Slices.requireVolume(segmented);
		Slices.requireVolume(truth);
		if (Slices.width(segmented) != Slices.width(truth) || Slices.height(segmented) != Slices.height(truth)
			|| Slices.depth(segmented) != Slices.depth(truth))
			throw new IllegalArgumentException("The segmentation (" + PixelClassifier.size(segmented) + ") and the ground truth ("
				+ PixelClassifier.size(truth) + ") differ in size.");
		int d = Slices.depth(truth), n = Slices.width(truth) * Slices.height(truth);
		long[][][] per = new long[d][4][4];
		Progress pr = progress == null ? Progress.NONE : progress;
		Parallel.forEach(d, threads, z -> {
			pr.checkCancelled();
			int[] s = Slices.readInts(segmented, z, null), t = Slices.readInts(truth, z, null);
			long[][] m = per[z];
			for (int i = 0; i < n; i++) m[idx(truthLabels.phaseOf(t[i]))][idx(segLabels.phaseOf(s[i]))]++;
		});
		long[][] m = new long[4][4];
		for (long[][] p : per) for (int a = 0; a < 4; a++) for (int b = 0; b < 4; b++) m[a][b] += p[a][b];
		return new Comparison(m);
	}

	public long count(int truth, int segmented) { return matrix[truth][segmented]; }

	public long total() {
		long t = 0;
		for (long[] r : matrix) for (long v : r) t += v;
		return t;
	}

	/** Fraction of all voxels whose phase agrees (voxels that are "other" in both count as agreeing). */
	public double accuracy() {
		long ok = 0;
		for (int i = 0; i < 4; i++) ok += matrix[i][i];
		return ok / (double) total();
	}

	public long truthCount(int c) {
		long s = 0;
		for (int j = 0; j < 4; j++) s += matrix[c][j];
		return s;
	}

	public long segmentedCount(int c) {
		long s = 0;
		for (int i = 0; i < 4; i++) s += matrix[i][c];
		return s;
	}

	/** Intersection over union of phase c; NaN when c is in neither image. */
	public double iou(int c) {
		long tp = matrix[c][c], union = truthCount(c) + segmentedCount(c) - tp;
		return union == 0 ? Double.NaN : tp / (double) union;
	}

	/** Recall: fraction of the true phase c found as c. */
	public double recall(int c) {
		long t = truthCount(c);
		return t == 0 ? Double.NaN : matrix[c][c] / (double) t;
	}

	/** Precision: fraction of voxels segmented as c that are c. */
	public double precision(int c) {
		long s = segmentedCount(c);
		return s == 0 ? Double.NaN : matrix[c][c] / (double) s;
	}

	/** Mean recall over the phases present in the truth (balanced accuracy); NaN when none is. */
	public double balancedAccuracy() {
		return meanOverPhases(this::recall);
	}

	/** Mean IoU over the three phases that occur in either image; NaN when none does. */
	public double meanIoU() {
		return meanOverPhases(this::iou);
	}

	private double meanOverPhases(java.util.function.IntToDoubleFunction q) {
		double s = 0;
		int n = 0;
		for (int c = 0; c < 3; c++) {
			double v = q.applyAsDouble(c);
			if (!Double.isNaN(v)) {
				s += v;
				n++;
			}
		}
		return n == 0 ? Double.NaN : s / n;
	}

	public double truthFraction(int c) { return truthCount(c) / (double) total(); }
	public double segmentedFraction(int c) { return segmentedCount(c) / (double) total(); }
	/** Segmented minus true volume fraction of phase c. */
	public double fractionError(int c) { return segmentedFraction(c) - truthFraction(c); }

	public static String name(int c) {
		return c == OTHER ? "other" : Phase.values()[c].displayName();
	}

	@Override
	public String toString() {
		StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "accuracy %.4f", accuracy()));
		for (int c = 0; c < 3; c++)
			b.append(String.format(Locale.ROOT, "; %s IoU %.4f frac %.4f/%.4f", name(c), iou(c), segmentedFraction(c), truthFraction(c)));
		return b.toString();
	}
}
