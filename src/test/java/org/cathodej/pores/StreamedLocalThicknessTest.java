package org.cathodej.pores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.cathodej.volume.SliceSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;

class StreamedLocalThicknessTest {

	@TempDir
	Path tmp;

	private int runs;

	/** Thickness slices by z; complete() checks that every slice came once. */
	static final class Collecting implements SliceSink {
		final TreeMap<Integer, float[]> slices = new TreeMap<>();
		final int depth;
		boolean completed, aborted;

		Collecting(int depth) {
			this.depth = depth;
		}

		@Override public void write(int z, Object plane) {
			assertTrue(slices.put(z, ((float[]) plane).clone()) == null, "slice " + z + " written twice");
		}
		@Override public void complete() {
			assertEquals(depth, slices.size());
			completed = true;
		}
		@Override public void abort() {
			if (!completed) aborted = true;
		}
	}

	/**
	 * Phase 1: overlapping balls of radius 1.5 to 6 voxels at random positions and a slanted rod through every slice,
	 * so pores of many sizes cross slab boundaries; the rest 0.
	 */
	static byte[] pores(int w, int h, int d, int balls, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		byte[] a = new byte[w * h * d];
		for (int b = 0; b < balls; b++) {
			double cx = r.nextDouble(w), cy = r.nextDouble(h), cz = r.nextDouble(d), rad = 1.5 + r.nextDouble(4.5);
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						if ((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) <= rad * rad) a[(z * h + y) * w + x] = 1;
		}
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double rx = x - (0.15 * w + 0.7 * w * z / Math.max(1, d - 1)), ry = y - 0.6 * h;
					if (rx * rx + ry * ry <= 4) a[(z * h + y) * w + x] = 1;
				}
		return a;
	}

	private LocalThickness.Result streamed(ArrayImg<UnsignedByteType, ByteArray> img, VoxelSize vs, Edge edge, int slab, SliceSink sink,
		Progress progress) {
		ImgSource src = new ImgSource(img, vs, "phantom");
		return StreamedLocalThickness.compute(src, v -> v == 1, vs, edge, slab, tmp.resolve("dist" + runs++ + ".raw"), sink, 2, progress);
	}

	private void sameAsInMemory(byte[] a, int w, int h, int d, VoxelSize vs, Edge edge, int slab) {
		ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(a, w, h, d);
		LocalThickness.Result mem = LocalThickness.compute(img, v -> v == 1, vs, edge, 1, Progress.NONE);
		Collecting sink = new Collecting(d);
		LocalThickness.Result got = streamed(img, vs, edge, slab, sink, Progress.NONE);
		assertTrue(sink.completed);
		for (int z = 0; z < d; z++) {
			float[] want = mem.thickness.getPlane(z).getCurrentStorageArray(), have = sink.slices.get(z);
			for (int i = 0; i < want.length; i++)
				assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(have[i]), "slab " + slab + " " + edge + " voxel " + i + " of slice " + z);
		}
		assertEquals(mem.phaseVoxels, got.phaseVoxels);
		assertEquals(mem.ridgeVoxels, got.ridgeVoxels);
		assertEquals(mem.max, got.max, 0);
		assertTrue(mem.max > 0);
	}

	@Test
	void bitIdenticalToInMemoryForEverySlabHeight() {
		int w = 23, h = 19, d = 37;
		byte[] a = pores(w, h, d, 40, 7);
		for (int slab : new int[] { 1, 2, 3, 7, 64 }) {
			sameAsInMemory(a, w, h, d, new VoxelSize(1, 1, 1, "um"), Edge.BACKGROUND, slab);
			sameAsInMemory(a, w, h, d, new VoxelSize(0.8, 1.1, 1.9, "um"), Edge.OPEN, slab);
		}
	}

	@Test
	void thinSlicesMakeAWideHalo() {
		// z voxels 4x thinner than x: balls reach many slices, halos are wider than the slabs
		int w = 15, h = 13, d = 50;
		byte[] a = pores(w, h, d, 25, 11);
		for (int slab : new int[] { 1, 3, 7 }) sameAsInMemory(a, w, h, d, new VoxelSize(1, 1, 0.25, "um"), Edge.BACKGROUND, slab);
	}

	@Test
	void oneSliceAndNoPhase() {
		byte[] a = pores(21, 17, 1, 6, 3);
		sameAsInMemory(a, 21, 17, 1, new VoxelSize(1, 1, 1, "um"), Edge.BACKGROUND, 1);
		Collecting sink = new Collecting(4);
		LocalThickness.Result r = streamed(ArrayImgs.unsignedBytes(new byte[6 * 5 * 4], 6, 5, 4), new VoxelSize(1, 1, 1, "um"), Edge.BACKGROUND, 2,
			sink, Progress.NONE);
		assertEquals(0, r.phaseVoxels);
		assertEquals(0, r.max, 0);
		for (float[] s : sink.slices.values()) for (float v : s) assertEquals(0, v, 0);
	}

	@Test
	void fullPhaseIsRefusedAndEscLeavesNothing() {
		byte[] full = new byte[6 * 5 * 4];
		java.util.Arrays.fill(full, (byte) 1);
		Collecting s1 = new Collecting(4);
		assertThrows(IllegalArgumentException.class,
			() -> streamed(ArrayImgs.unsignedBytes(full, 6, 5, 4), new VoxelSize(1, 1, 1, "um"), Edge.OPEN, 2, s1, Progress.NONE));
		assertTrue(s1.aborted);
		Collecting s2 = new Collecting(30);
		Progress esc = new Progress() {
			int calls;

			@Override public void report(double fraction, String status) {}
			@Override public boolean isCancelled() {
				return ++calls > 20; // after the distance passes (15 slabs, 1 block), during the painting
			}
		};
		assertThrows(CancellationException.class,
			() -> streamed(ArrayImgs.unsignedBytes(pores(12, 12, 30, 10, 2), 12, 12, 30), new VoxelSize(1, 1, 1, "um"), Edge.BACKGROUND, 2, s2, esc));
		assertTrue(s2.aborted);
		assertFalse(s2.completed);
		assertFalse(s2.slices.isEmpty(), "cancelled while painting, after some slices were written");
		assertEquals(0, tmp.toFile().list().length, "the distance map on disk is deleted");
		assertFalse(Files.exists(tmp.resolve("dist0.raw")));
	}
}
