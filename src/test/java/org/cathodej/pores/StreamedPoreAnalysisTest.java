package org.cathodej.pores;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.cathodej.volume.SlabPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

class StreamedPoreAnalysisTest {

	static final int PORE = 0, CAM = 1, ISE = 2, OTHER = 7;

	@TempDir
	Path tmp;

	private int runs;

	/**
	 * ISE with CAM balls, pore balls (isolated voids in ISE, in CAM, at CAM-ISE boundaries, on the border), flat
	 * cracks, a few "other" voxels and a slanted pore rod crossing every slice (one component through all slabs).
	 */
	static byte[] cathode(int w, int h, int d, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		byte[] a = new byte[w * h * d];
		java.util.Arrays.fill(a, (byte) ISE);
		for (int b = 0; b < 14; b++) ball(a, w, h, d, r.nextDouble(w), r.nextDouble(h), r.nextDouble(d), 2 + r.nextDouble(4), CAM);
		for (int b = 0; b < 20; b++) ball(a, w, h, d, r.nextDouble(w), r.nextDouble(h), r.nextDouble(d), 0.8 + r.nextDouble(2), PORE);
		for (int i = 0; i < a.length / 200; i++) a[r.nextInt(a.length)] = OTHER;
		for (int c = 0; c < 4; c++) { // flat cracks: one voxel thick, 7 x 8 wide, beside the rod
			int x0 = 1 + r.nextInt(w - 9), y0 = 1 + r.nextInt(Math.max(1, h / 2 - 10)), z0 = d > 2 ? 1 + r.nextInt(d - 2) : 0;
			for (int z = Math.max(0, z0 - 1); z <= Math.min(d - 1, z0 + 1); z++) // an ISE shell keeps the crack apart
				for (int y = y0 - 1; y <= y0 + 8; y++)
					for (int x = x0 - 1; x <= x0 + 7; x++) a[(z * h + y) * w + x] = z == z0 && y >= y0 && y < y0 + 8 && x >= x0 && x < x0 + 7 ? (byte) PORE : (byte) ISE;
		}
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double rx = x - (0.2 * w + 0.6 * w * z / Math.max(1, d - 1)), ry = y - 0.5 * h;
					if (rx * rx + ry * ry <= 2.3) a[(z * h + y) * w + x] = PORE;
				}
		return a;
	}

	private static void ball(byte[] a, int w, int h, int d, double cx, double cy, double cz, double rad, int label) {
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if ((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) <= rad * rad) a[(z * h + y) * w + x] = (byte) label;
	}

	private PoreAnalysis.Result streamed(ArrayImg<?, ?> img, VoxelSize vs, PoreAnalysis.Options o, int slab, Progress progress) {
		@SuppressWarnings({ "unchecked", "rawtypes" })
		ImgSource src = new ImgSource((ArrayImg) img, vs, "cathode");
		StreamedLocalThicknessTest.Collecting sink = new StreamedLocalThicknessTest.Collecting(src.depth());
		return StreamedPoreAnalysis.run(src, PhaseLabels.defaults(), vs, o, new SlabPlan(src.depth(), slab), tmp.resolve("d" + runs++ + ".raw"),
			sink, 2, progress);
	}

	/** Every public field of the results (and of every void) equal, doubles to the bit; the thickness map skipped. */
	static void assertSame(PoreAnalysis.Result want, PoreAnalysis.Result got, String what) throws IllegalAccessException {
		assertFields(want, got, what);
		assertEquals(want.voids.size(), got.voids.size(), what + " voids");
		for (int i = 0; i < want.voids.size(); i++) assertFields(want.voids.get(i), got.voids.get(i), what + " void " + i);
	}

	private static void assertFields(Object want, Object got, String what) throws IllegalAccessException {
		for (Field f : want.getClass().getFields()) {
			if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("thickness") || f.getName().equals("voids")) continue;
			Object a = f.get(want), b = f.get(got);
			String m = what + ": " + f.getName();
			if (a instanceof double[]) assertArrayEquals((double[]) a, (double[]) b, 0, m);
			else if (a instanceof Map) {
				assertEquals(((Map<?, ?>) a).keySet(), ((Map<?, ?>) b).keySet(), m);
				for (Object k : ((Map<?, ?>) a).keySet()) assertArrayEquals((long[]) ((Map<?, ?>) a).get(k), (long[]) ((Map<?, ?>) b).get(k), m + " " + k);
			} else if (a instanceof Double) assertEquals(Double.doubleToLongBits((Double) a), Double.doubleToLongBits((Double) b), m + " " + a + " vs " + b);
			else if (a instanceof VoxelSize) assertEquals(a.toString(), b.toString(), m);
			else assertEquals(a, b, m);
		}
	}

	@Test
	void identicalToInMemoryForEverySlabHeight() throws IllegalAccessException {
		int w = 29, h = 23, d = 31;
		byte[] a = cathode(w, h, d, 5);
		ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(a, w, h, d);
		for (VoxelSize vs : new VoxelSize[] { new VoxelSize(1, 1, 1, "um"), new VoxelSize(0.4, 0.5, 0.9, "um") }) {
			PoreAnalysis.Options o = new PoreAnalysis.Options();
			o.edge = vs.z() == 1 ? Edge.BACKGROUND : Edge.OPEN;
			o.minCrackVoxels = 10;
			o.flatness = 0.4; // the cracks are one thick voxel: 0.9 um across, 0.4 um voxels in the plane
			PoreAnalysis.Result mem = PoreAnalysis.run(img, PhaseLabels.defaults(), vs, o, 2, Progress.NONE);
			assertTrue(mem.components > 5 && mem.isolatedVoids > 3 && mem.crackLikeVoids > 0, "a phantom with voids of every kind: "
				+ mem.components + " components, " + mem.isolatedVoids + " isolated, " + mem.crackLikeVoids + " crack-like, classes " + mem.isolatedClassCounts.keySet());
			for (int slab : new int[] { 1, 2, 3, 7, 64 }) {
				PoreAnalysis.Result got = streamed(img, vs, o, slab, Progress.NONE);
				assertSame(mem, got, "slab " + slab + " " + vs);
				assertNull(got.thickness);
			}
		}
	}

	@Test
	void sixteenBitLabelsAndOddShapes() throws IllegalAccessException {
		int w = 17, h = 13, d = 19;
		byte[] a = cathode(w, h, d, 9);
		short[] s = new short[a.length];
		for (int i = 0; i < a.length; i++) s[i] = a[i];
		ArrayImg<UnsignedShortType, ShortArray> img = ArrayImgs.unsignedShorts(s, w, h, d);
		PoreAnalysis.Options o = new PoreAnalysis.Options();
		PoreAnalysis.Result mem = PoreAnalysis.run(img, PhaseLabels.defaults(), new VoxelSize(1, 1, 1, "um"), o, 1, Progress.NONE);
		for (int slab : new int[] { 1, 3, 7 }) assertSame(mem, streamed(img, new VoxelSize(1, 1, 1, "um"), o, slab, Progress.NONE), "16-bit slab " + slab);
		byte[] one = cathode(31, 27, 1, 2);
		ArrayImg<UnsignedByteType, ?> flat = ArrayImgs.unsignedBytes(one, 31, 27, 1);
		assertSame(PoreAnalysis.run(flat, PhaseLabels.defaults(), new VoxelSize(1, 1, 1, "um"), o, 1, Progress.NONE),
			streamed(flat, new VoxelSize(1, 1, 1, "um"), o, 1, Progress.NONE), "one slice");
	}

	@Test
	void escStops() {
		ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(cathode(20, 20, 24, 3), 20, 20, 24);
		Progress esc = new Progress() {
			int calls;

			@Override public void report(double fraction, String status) {}
			@Override public boolean isCancelled() {
				return ++calls > 30;
			}
		};
		assertThrows(CancellationException.class, () -> streamed(img, new VoxelSize(1, 1, 1, "um"), new PoreAnalysis.Options(), 2, esc));
		assertEquals(0, tmp.toFile().list().length, "the distance map on disk is deleted");
	}
}
