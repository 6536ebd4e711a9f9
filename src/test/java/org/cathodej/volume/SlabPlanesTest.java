package org.cathodej.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The label planes of 8- and 16-bit sources read as unsigned ints, the values above the signed range included. */
class SlabPlanesTest {

	@Test
	void bytesAreUnsigned() {
		assertArrayEquals(new int[] { 0, 1, 127, 128, 200, 255 }, Slab.ints(new byte[] { 0, 1, 127, (byte) 128, (byte) 200, (byte) 255 }));
	}

	@Test
	void shortsAreUnsigned() {
		assertArrayEquals(new int[] { 0, 2, 32767, 32768, 40000, 65535 },
			Slab.ints(new short[] { 0, 2, 32767, (short) 32768, (short) 40000, (short) 65535 }));
	}
}
