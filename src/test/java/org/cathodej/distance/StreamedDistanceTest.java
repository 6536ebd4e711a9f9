package org.cathodej.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.image.Planes;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

public class StreamedDistanceTest {

	@TempDir
	Path tmp;

	private int spills;

	private static final int[] SLABS = { 1, 2, 3, 7, 64 };

	/** Foreground (label 1) with sparse background (label 0) and a slanted background rod crossing every slice. */
	static byte[] phantom(int w, int h, int d, double pBackground, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		byte[] a = new byte[w * h * d];
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double rx = x - (0.2 * w + 0.6 * w * z / Math.max(1, d - 1)), ry = y - 0.3 * h;
					boolean rod = rx * rx + ry * ry <= 1.5;
					a[(z * h + y) * w + x] = (byte) (rod || r.nextDouble() < pBackground ? 0 : 1);
				}
		return a;
	}

	private StreamedDistance.Squared streamed(ArrayImg<?, ?> img, VoxelSize vs, Edge edge, int slab, int rows, int threads) {
		@SuppressWarnings({ "unchecked", "rawtypes" })
		ImgSource src = new ImgSource((ArrayImg) img, vs, "phantom");
		return StreamedDistance.squared(src, v -> v == 1, vs, edge, slab, rows, tmp.resolve("edt" + spills++ + ".raw"), threads, Progress.NONE);
	}

	/** Every voxel of the streamed map has the in-memory float's exact bits; max and the spill's deletion checked too. */
	private void sameAsInMemory(ArrayImg<?, ?> img, VoxelSize vs, Edge edge, int slab, int rows, int threads) {
		@SuppressWarnings({ "unchecked", "rawtypes" })
		PlanarImg<?, ?> mem = EuclideanDistance.squared((ArrayImg) img, v -> v == 1, vs, edge, 1, Progress.NONE);
		float[][] want = Planes.floats((PlanarImg) mem);
		Path file;
		try (StreamedDistance.Squared s = streamed(img, vs, edge, slab, rows, threads)) {
			file = tmp.resolve("edt" + (spills - 1) + ".raw");
			Object[] got = s.volume.readPlanes(0, want.length);
			float max = 0;
			for (int z = 0; z < want.length; z++)
				for (int i = 0; i < want[z].length; i++) {
					float g = ((float[]) got[z])[i];
					assertEquals(Float.floatToIntBits(want[z][i]), Float.floatToIntBits(g), "slab " + slab + " rows " + rows + " voxel " + i + " of slice " + z);
					if (g != Float.POSITIVE_INFINITY) max = Math.max(max, g);
				}
			assertEquals(max, s.max, 0);
		}
		assertFalse(Files.exists(file), "the intermediate file is deleted on close");
	}

	@Test
	void bitIdenticalToInMemoryForEverySlabAndBlock() {
		int w = 13, h = 11, d = 23;
		ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(phantom(w, h, d, 0.01, 3), w, h, d);
		VoxelSize aniso = new VoxelSize(0.7, 1.3, 2.9, "um");
		for (int slab : SLABS)
			for (int rows : new int[] { 1, 2, 5, 0 }) {
				sameAsInMemory(img, aniso, Edge.BACKGROUND, slab, rows, 1 + slab % 2);
				sameAsInMemory(img, new VoxelSize(1, 1, 1, "um"), Edge.OPEN, slab, rows, 2);
			}
	}

	@Test
	void longDistancesAlongZCrossManySlabs() {
		// background only in the first and last slices (and the rod): distances along z span the whole stack
		int w = 9, h = 7, d = 41;
		byte[] a = phantom(w, h, d, 0, 5);
		for (int i = w * h; i < w * h * (d - 1); i++) a[i] = 1;
		ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(a, w, h, d);
		for (int slab : SLABS) {
			sameAsInMemory(img, new VoxelSize(0.25, 0.25, 1.1, "um"), Edge.OPEN, slab, 3, 2);
			sameAsInMemory(img, new VoxelSize(1.5, 1, 0.5, "um"), Edge.BACKGROUND, slab, 0, 1);
		}
	}

	@Test
	void matchesBruteForce() {
		int w = 11, h = 9, d = 15;
		byte[] a = phantom(w, h, d, 0.03, 8);
		VoxelSize vs = new VoxelSize(0.7, 1.3, 2.9, "um");
		for (Edge edge : Edge.values())
			try (StreamedDistance.Squared s = streamed(ArrayImgs.unsignedBytes(a, w, h, d), vs, edge, 3, 2, 2)) {
				Object[] got = s.volume.readPlanes(0, d);
				for (int z = 0; z < d; z++)
					for (int y = 0; y < h; y++)
						for (int x = 0; x < w; x++) {
							double want = EuclideanDistanceTest.bruteSquared(a, w, h, d, x, y, z, vs, edge == Edge.BACKGROUND);
							assertEquals(want, ((float[]) got[z])[y * w + x], 1e-5 * Math.max(1, want), x + "," + y + "," + z + " " + edge);
						}
			}
	}

	@Test
	void oneSliceOneRowAndSixteenBitLabels() {
		sameAsInMemory(ArrayImgs.unsignedBytes(phantom(17, 13, 1, 0.05, 1), 17, 13, 1), new VoxelSize(0.5, 2, 3, "um"), Edge.BACKGROUND, 1, 0, 2);
		sameAsInMemory(ArrayImgs.unsignedBytes(phantom(19, 1, 10, 0.1, 2), 19, 1, 10), new VoxelSize(0.5, 2, 3, "um"), Edge.OPEN, 3, 1, 2);
		short[] s = new short[15 * 7 * 12];
		byte[] b = phantom(15, 7, 12, 0.02, 4);
		for (int i = 0; i < s.length; i++) s[i] = (short) (b[i] == 1 ? 1 : 40000);
		ArrayImg<UnsignedShortType, ShortArray> img = ArrayImgs.unsignedShorts(s, 15, 7, 12);
		for (int slab : SLABS) sameAsInMemory(img, new VoxelSize(1, 1, 0.8, "um"), Edge.BACKGROUND, slab, 4, 2);
	}

	@Test
	void noBackgroundIsUnboundedWhenOpen() {
		byte[] a = new byte[5 * 4 * 6];
		java.util.Arrays.fill(a, (byte) 1);
		try (StreamedDistance.Squared s = streamed(ArrayImgs.unsignedBytes(a, 5, 4, 6), new VoxelSize(1, 1, 1, "um"), Edge.OPEN, 2, 1, 1)) {
			assertTrue(s.unbounded);
		}
		try (StreamedDistance.Squared s = streamed(ArrayImgs.unsignedBytes(a, 5, 4, 6), new VoxelSize(1, 1, 1, "um"), Edge.BACKGROUND, 2, 1, 1)) {
			assertFalse(s.unbounded);
			assertEquals(4, s.max, 0); // a 5x4x6 box with walls: no voxel is more than 2 rows from the wall across y
		}
	}

	@Test
	void escapeBetweenSlabsLeavesNoFile() {
		ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(phantom(8, 8, 10, 0.05, 9), 8, 8, 10);
		Path file = tmp.resolve("cancelled.raw");
		Progress esc = new Progress() {
			int calls;

			@Override
			public void report(double fraction, String message) {}

			@Override
			public boolean isCancelled() {
				return ++calls > 3;
			}
		};
		@SuppressWarnings({ "unchecked", "rawtypes" })
		ImgSource src = new ImgSource((ArrayImg) img, new VoxelSize(1, 1, 1, "um"), "phantom");
		assertThrows(CancellationException.class,
			() -> StreamedDistance.squared(src, v -> v == 1, new VoxelSize(1, 1, 1, "um"), Edge.OPEN, 2, 1, file, 1, esc));
		assertFalse(Files.exists(file));
	}
}
