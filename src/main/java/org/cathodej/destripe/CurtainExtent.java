package org.cathodej.destripe;

import java.util.ArrayList;
import java.util.List;

/**
 * How far the curtains run along the stripes, read from the local curtain estimate ({@link LocalCurtains}) of
 * sample slices (in the frame where the stripes run along the columns): the share of the estimate's energy that
 * the column means do not explain (about 0 for full-height curtains, even fading ones; half or more when the curtains
 * cover less than half of the column), and the typical curtain length = the energy-weighted median length of the
 * runs of one sign along the columns (texture that passes the shrinkage gives runs of about the estimate's window,
 * curtains runs of their own length).
 */
final class CurtainExtent {

	/** Share of the estimate's energy outside its column means. */
	final double partialShare;
	/** Energy-weighted median length (pixels) of the runs of one sign along the columns; 0 when the estimate is 0. */
	final double runLength;

	private CurtainExtent(double partialShare, double runLength) {
		this.partialShare = partialShare;
		this.runLength = runLength;
	}

	/** Of curtain estimates of w x h slices whose stripes run along the columns. */
	static CurtainExtent of(float[][] estimates, int w, int h) {
		double total = 0, columnWide = 0;
		List<double[]> runs = new ArrayList<>(); // {length, energy}
		for (float[] e : estimates)
			for (int x = 0; x < w; x++) {
				double sum = 0, energy = 0;
				int start = 0, sign = 0;
				for (int y = 0; y <= h; y++) {
					float v = y < h ? e[y * w + x] : 0;
					int s = v > 0 ? 1 : v < 0 ? -1 : 0;
					if (s != sign) {
						if (sign != 0) runs.add(new double[] { y - start, energy });
						start = y;
						energy = 0;
						sign = s;
					}
					energy += (double) v * v;
					sum += v;
					total += (double) v * v;
				}
				columnWide += sum * sum / h;
			}
		return new CurtainExtent(total > 0 ? 1 - columnWide / total : 0, weightedMedian(runs));
	}

	/** The first length (ascending) at which the cumulative energy reaches half of the total. */
	private static double weightedMedian(List<double[]> runs) {
		runs.sort((a, b) -> Double.compare(a[0], b[0]));
		double total = 0, acc = 0;
		for (double[] r : runs) total += r[1];
		for (double[] r : runs) {
			acc += r[1];
			if (acc >= total / 2) return r[0];
		}
		return 0;
	}
}
