package org.cathodej.volume;

import static org.junit.jupiter.api.Assertions.*;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.cathodej.image.VoxelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spill file gives back exactly what was written, wherever a row run starts and however long it is. */
class SpillVolumeTest {

	@TempDir
	Path tmp;

	@Test
	void floatRowRunsComeBackBitForBit() {
		// 600 x 500 floats per slice: a whole slice is more than one 2^18-float transfer chunk
		int w = 600, h = 500, d = 3;
		SplittableRandom rnd = new SplittableRandom(7);
		float[][] truth = new float[d][w * h];
		for (float[] p : truth)
			for (int i = 0; i < p.length; i++) p[i] = (float) rnd.nextDouble(-1e6, 1e6);
		truth[1][5] = Float.NaN;
		truth[2][w * h - 1] = Float.NEGATIVE_INFINITY;
		try (SpillVolume v = new SpillVolume(tmp.resolve("f.raw"), w, h, d, 32, VoxelSize.uncalibrated())) {
			// slice 0 whole, slice 1 in uneven row runs taken from an offset into a larger array, slice 2 backwards
			v.writeRows(0, 0, truth[0], 0, w * h);
			for (int y0 = 0; y0 < h;) {
				int rows = Math.min(h - y0, 1 + rnd.nextInt(200));
				float[] src = new float[3 + rows * w];
				System.arraycopy(truth[1], y0 * w, src, 3, rows * w);
				v.writeRows(1, y0, src, 3, rows * w);
				y0 += rows;
			}
			for (int y = h - 1; y >= 0; y--) v.writeRows(2, y, truth[2], y * w, w);

			Object[] planes = v.readPlanes(0, d);
			for (int z = 0; z < d; z++) assertArrayEquals(truth[z], (float[]) planes[z], "slice " + z);
			float[] part = new float[5 + 450 * w];
			v.readRows(2, 40, part, 5, 450 * w);
			for (int i = 0; i < 450 * w; i++) assertEquals(Float.floatToRawIntBits(truth[2][40 * w + i]), Float.floatToRawIntBits(part[5 + i]));
			assertEquals(0f, part[4]);
		}
	}

	@Test
	void bytePlanesComeBackAndTheFileIsDeletedOnClose() {
		Path f = tmp.resolve("b.raw");
		byte[][] truth = new byte[4][7 * 5];
		SplittableRandom rnd = new SplittableRandom(3);
		for (byte[] p : truth)
			for (int i = 0; i < p.length; i++) p[i] = (byte) rnd.nextInt(256);
		try (SpillVolume v = new SpillVolume(f, 7, 5, 4)) {
			for (int z = 3; z >= 0; z--) v.write(z, truth[z]);
			Object[] planes = v.readPlanes(1, 4);
			for (int z = 1; z < 4; z++) assertArrayEquals(truth[z], (byte[]) planes[z - 1]);
			assertThrows(IllegalStateException.class, () -> v.readRows(0, 0, new float[35], 0, 35), "rows are for float spills");
		}
		assertFalse(Files.exists(f));
	}

	@Test
	void anUnwrittenSliceIsAnErrorNotZeros() {
		try (SpillVolume v = new SpillVolume(tmp.resolve("u.raw"), 4, 4, 3, 32, VoxelSize.uncalibrated())) {
			v.writeRows(0, 0, new float[16], 0, 16);
			UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> v.readRows(2, 0, new float[16], 0, 16));
			assertTrue(e.getMessage().contains("slice 2 was not written"), e.getMessage());
			assertThrows(IllegalStateException.class, () -> v.write(1, new byte[16]), "planes of bytes are for 8-bit spills");
		}
	}
}
