package org.cathodej.image;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PsnrTest {

	/** A ramp 0..1000 and the same ramp off by +-10 alternately: PSNR = 20 log10(1000 / 10) = 40 dB. */
	@Test
	void offsetOfAHundredthOfTheRangeIsFortyDecibels() {
		float[] ref = new float[1001], img = new float[1001];
		for (int i = 0; i <= 1000; i++) {
			ref[i] = i;
			img[i] = i + (i % 2 == 0 ? 10 : -10);
		}
		assertEquals(40, Psnr.of(ref, img), 1e-9);
		assertEquals(Double.POSITIVE_INFINITY, Psnr.of(ref, ref.clone()));
		assertThrows(IllegalArgumentException.class, () -> Psnr.of(ref, new float[3]));
	}
}
