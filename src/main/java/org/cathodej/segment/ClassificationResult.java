package org.cathodej.segment;

/**
 * Output of {@link PixelClassifier#apply}: class per voxel (0 pore, 1 CAM, 2 ISE; one array per slice), optional
 * probability maps and uncertainty (1 - max probability), and phase fractions with an uncertainty range.
 * <p>
 * Fraction range with margin m: the lower bound counts voxels whose winning class beats the runner-up by at least m;
 * the upper bound counts voxels where the class is within m of the winner's probability. The soft fraction is the
 * mean probability.
 */
public final class ClassificationResult {

	public final int width, height, depth;
	public final byte[][] labels;
	public final float[][][] probabilities; // [class][z][i] or null
	public final float[][] uncertainty; // [z][i] or null
	public final long[] counts = new long[PixelClassifier.CLASSES];
	public final long[] lowCounts = new long[PixelClassifier.CLASSES];
	public final long[] highCounts = new long[PixelClassifier.CLASSES];
	public final double[] softSums = new double[PixelClassifier.CLASSES];
	public double margin;
	/** Class proportions of the training samples, and the priors estimated for this volume (null when not corrected). */
	public double[] trainingPriors, estimatedPriors;
	/** Slices per feature slab and the slab's working memory. */
	public final int slabSlices;
	public final long slabBytes;

	ClassificationResult(int w, int h, int d, boolean prob, boolean unc, int slabSlices, long slabBytes) {
		this(w, h, d, true, prob, unc, slabSlices, slabBytes);
	}

	/** @param keepLabels false when the labels are streamed out (then {@link #labels} is null) */
	ClassificationResult(int w, int h, int d, boolean keepLabels, boolean prob, boolean unc, int slabSlices, long slabBytes) {
		this.width = w;
		this.height = h;
		this.depth = d;
		this.slabSlices = slabSlices;
		this.slabBytes = slabBytes;
		labels = keepLabels ? new byte[d][w * h] : null;
		probabilities = prob ? new float[PixelClassifier.CLASSES][d][w * h] : null;
		uncertainty = unc ? new float[d][w * h] : null;
	}

	public long voxels() { return (long) width * height * depth; }

	public double fraction(int c) { return counts[c] / (double) voxels(); }
	public double fractionLow(int c) { return lowCounts[c] / (double) voxels(); }
	public double fractionHigh(int c) { return highCounts[c] / (double) voxels(); }
	public double softFraction(int c) { return softSums[c] / voxels(); }
}
