package org.cathodej.image;

/** Peak signal-to-noise ratio of an image against a reference, the figure stripe and noise removal are judged by. */
public final class Psnr {

	private Psnr() {}

	/** 10 log10(peak^2 / mean squared difference) in dB, peak = the reference's range (max - min). */
	public static double of(float[] reference, float[] image) {
		if (reference.length != image.length) throw new IllegalArgumentException("Images differ in size: " + reference.length + " vs " + image.length + " pixels");
		double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, se = 0;
		for (int i = 0; i < reference.length; i++) {
			min = Math.min(min, reference[i]);
			max = Math.max(max, reference[i]);
			se += (double) (reference[i] - image[i]) * (reference[i] - image[i]);
		}
		return 10 * Math.log10((max - min) * (max - min) / (se / reference.length));
	}
}
