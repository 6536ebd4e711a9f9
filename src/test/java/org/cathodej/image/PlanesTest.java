package org.cathodej.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

class PlanesTest {

	@Test
	void wrappedPlanesAreSharedAndIndexedXYZ() {
		int w = 3, h = 2, d = 4;
		float[][] f = new float[d][w * h];
		byte[][] b = new byte[d][w * h];
		int[][] n = new int[d][w * h];
		for (int z = 0; z < d; z++)
			for (int i = 0; i < w * h; i++) {
				f[z][i] = z * 100 + i;
				b[z][i] = (byte) (200 + z * 10 + i);
				n[z][i] = -(z * 100 + i);
			}
		PlanarImg<FloatType, ?> fi = Planes.floats(f, w, h);
		PlanarImg<UnsignedByteType, ?> bi = Planes.unsignedBytes(b, w, h);
		PlanarImg<IntType, ?> ii = Planes.ints(n, w, h);
		assertArrayEquals(new long[] { w, h, d }, fi.dimensionsAsLongArray());
		assertArrayEquals(new long[] { w, h, d }, bi.dimensionsAsLongArray());
		assertArrayEquals(new long[] { w, h, d }, ii.dimensionsAsLongArray());
		RandomAccess<FloatType> rf = fi.randomAccess();
		RandomAccess<UnsignedByteType> rb = bi.randomAccess();
		RandomAccess<IntType> ri = ii.randomAccess();
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					long[] p = { x, y, z };
					int i = y * w + x;
					assertEquals(f[z][i], rf.setPositionAndGet(p).get());
					assertEquals(b[z][i] & 0xff, rb.setPositionAndGet(p).get());
					assertEquals(n[z][i], ri.setPositionAndGet(p).get());
				}
		float[][] back = Planes.floats(Planes.floats(f, w, h));
		for (int z = 0; z < d; z++) assertSame(f[z], back[z], "no copy");
	}
}
