package org.cathodej.pores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.cathodej.distance.EuclideanDistance;
import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.distance.StreamedDistance;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.InsufficientMemoryException;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.Streaming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The streamed pore analysis within a memory budget ({@link PoreAnalysis.Options#memoryBudget}): budgets small enough
 * to spill the distance map to disk, label every slab again in pass 3 and cut the volume into slabs of one or a few
 * slices give every table of the in-memory analysis to the bit, on phantoms whose pores cross many slab faces (a
 * helix, a slanted rod, a percolating pore network), isotropic and anisotropic voxels; budgets below the least are
 * refused with the least named.
 */
class StreamedPoreBudgetTest {

	static final int PORE = 0, CAM = 1, ISE = 2;
	static final int W = 34, H = 30, D = 44;

	@TempDir
	Path tmp;

	private int runs;

	/** A pore tube (radius 1.8 voxels) winding twice round the z axis through every slice, in ISE with CAM balls. */
	static byte[] helix(long seed) {
		byte[] a = background(seed);
		for (int z = 0; z < D; z++) {
			double t = 4 * Math.PI * z / (D - 1), cx = W / 2.0 + 0.3 * W * Math.cos(t), cy = H / 2.0 + 0.3 * H * Math.sin(t);
			for (int dz = -2; dz <= 2; dz++) // the tube's cross-section spreads over neighbouring slices too
				if (z + dz >= 0 && z + dz < D) disc(a, cx, cy, z + dz, Math.sqrt(Math.max(0, 1.8 * 1.8 - dz * dz)), PORE);
		}
		return a;
	}

	/** A pore rod (radius 2.4) slanted from one corner to the other, with pore balls (isolated voids) around it. */
	static byte[] slantedRod(long seed) {
		byte[] a = background(seed);
		SplittableRandom r = new SplittableRandom(seed + 1);
		for (int b = 0; b < 12; b++) ball(a, r.nextDouble(W), r.nextDouble(H), r.nextDouble(D), 0.9 + 1.6 * r.nextDouble(), PORE);
		for (int z = 0; z < D; z++) {
			double f = z / (D - 1.0);
			disc(a, 0.15 * W + 0.7 * W * f, 0.8 * H - 0.6 * H * f, z, 2.4, PORE);
		}
		return a;
	}

	/** Overlapping pore balls at about 40 % porosity: one network through the whole volume, and small islands. */
	static byte[] poreNetwork(long seed) {
		byte[] a = background(seed);
		SplittableRandom r = new SplittableRandom(seed + 2);
		for (int b = 0; b < 260; b++) ball(a, r.nextDouble(W), r.nextDouble(H), r.nextDouble(D), 1.2 + 2.2 * r.nextDouble(), PORE);
		return a;
	}

	private static byte[] background(long seed) {
		byte[] a = new byte[W * H * D];
		Arrays.fill(a, (byte) ISE);
		SplittableRandom r = new SplittableRandom(seed);
		for (int b = 0; b < 16; b++) ball(a, r.nextDouble(W), r.nextDouble(H), r.nextDouble(D), 2 + 3 * r.nextDouble(), CAM);
		return a;
	}

	private static void disc(byte[] a, double cx, double cy, int z, double rad, int label) {
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad) a[(z * H + y) * W + x] = (byte) label;
	}

	private static void ball(byte[] a, double cx, double cy, double cz, double rad, int label) {
		for (int z = 0; z < D; z++)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++)
					if ((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) <= rad * rad) a[(z * H + y) * W + x] = (byte) label;
	}

	/** Bytes per label voxel plus working memory per voxel of pass 1, as the command sizes its slabs. */
	private static final double PASS1_BYTES = 1 + PoreAnalysis.BYTES_PER_VOXEL;

	/** The least budget for the thickness windows of these labels: one-slice slabs with the halo of their largest pore, a slab labelled again. */
	private static long windowBudget(ArrayImg<UnsignedByteType, ?> img, VoxelSize vs, Edge edge) {
		double max = 0;
		for (FloatType v : EuclideanDistance.squared(img, l -> l == PORE, vs, edge, 1, Progress.NONE)) max = Math.max(max, v.get());
		return StreamedPoreAnalysis.leastPassThree(W, H, D, 1, LocalThickness.haloSlices(max, vs));
	}

	/** Streamed within {@code budget} bytes, slabs sized from it as the command does; notes whether a spill file appeared. */
	private PoreAnalysis.Result streamed(ArrayImg<UnsignedByteType, ?> img, VoxelSize vs, PoreAnalysis.Options o, long budget, boolean[] spilled) {
		return streamed(img, vs, o, budget, 0, spilled);
	}

	/** As above with pass 1's slabs {@code slabSlices} high (0: sized from the budget). */
	private PoreAnalysis.Result streamed(ArrayImg<UnsignedByteType, ?> img, VoxelSize vs, PoreAnalysis.Options o, long budget, int slabSlices,
		boolean[] spilled) {
		@SuppressWarnings({ "unchecked", "rawtypes" })
		ImgSource src = new ImgSource((ArrayImg) img, vs, "phantom");
		o.memoryBudget = budget;
		int sh = Streaming.slabHeight(slabSlices, W, H, D, PASS1_BYTES, budget);
		Path dir = tmp.resolve("run" + runs++);
		assertTrue(dir.toFile().mkdir());
		Progress watch = new Progress() { // the distance map on disk is seen while the passes run
			@Override public void report(double fraction, String status) {
				if (dir.toFile().list().length > 0) spilled[0] = true;
			}
			@Override public boolean isCancelled() {
				return false;
			}
		};
		PoreAnalysis.Result r = StreamedPoreAnalysis.run(src, PhaseLabels.defaults(), vs, o, new SlabPlan(D, sh), dir.resolve("distance.raw"),
			new StreamedLocalThicknessTest.Collecting(D), 2, watch);
		assertEquals(0, dir.toFile().list().length, "the distance map on disk is deleted");
		return r;
	}

	@Test
	void smallBudgetsSpillRelabelAndThinTheSlabsWithIdenticalTables() throws IllegalAccessException {
		String[] names = { "helix", "slanted rod", "pore network" };
		byte[][] phantoms = { helix(3), slantedRod(5), poreNetwork(7) };
		long voxels = (long) W * H * D;
		for (int p = 0; p < phantoms.length; p++) {
			byte[] labels = phantoms[p].clone();
			ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(labels, W, H, D);
			for (VoxelSize vs : new VoxelSize[] { new VoxelSize(1, 1, 1, "um"), new VoxelSize(0.4, 0.5, 0.9, "um") }) {
				PoreAnalysis.Options o = new PoreAnalysis.Options();
				o.edge = vs.z() == 1 ? Edge.BACKGROUND : Edge.OPEN;
				PoreAnalysis.Result mem = PoreAnalysis.run(img, PhaseLabels.defaults(), vs, o, 2, Progress.NONE);
				assertTrue(mem.components >= 1 && mem.porosity > 0.01, names[p] + ": pores " + mem.porosity);
				long least = Math.max(StreamedPoreAnalysis.leastBudget(W, H, D, 1), windowBudget(img, vs, o.edge));
				// least: one-slice slabs; twice that: a few slices per slab; 32 bytes per voxel and more: map and labels held
				long[] budgets = { least, 2 * least, 32 * voxels + least };
				for (long b : budgets) {
					String what = names[p] + " " + vs + " budget " + b;
					int sh = Streaming.slabHeight(0, W, H, D, PASS1_BYTES, b);
					boolean small = b < 32 * voxels;
					assertEquals(!small, StreamedDistance.held(W, H, D, b), what + ": map held");
					assertEquals(!small, StreamedPoreAnalysis.keepsLabels(voxels, b), what + ": labels kept");
					if (b == least) assertTrue(sh <= 2, what + ": thin slabs, " + sh);
					assertTrue(D / sh >= 3, what + ": pores cross several slab faces, slab " + sh);
					boolean[] spilled = { false };
					StreamedPoreAnalysisTest.assertSame(mem, streamed(img, vs, o, b, spilled), what + " (slab " + sh + ")");
					assertEquals(small, spilled[0], what + ": distance map on disk");
				}
			}
			assertTrue(Arrays.equals(phantoms[p], labels), "labels not modified");
		}
	}

	/**
	 * Pass 1 slabs higher than the budget lets the thickness windows be (slab_slices given): the thickness slabs are
	 * thinner and straddle pass 1's slabs, whose labels are kept or made again; the same tables.
	 */
	@Test
	void thicknessSlabsThinnerThanPassOne() throws IllegalAccessException {
		long voxels = (long) W * H * D;
		byte[][] phantoms = { helix(3), slantedRod(5), poreNetwork(7) };
		for (int p = 0; p < phantoms.length; p++) {
			ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(phantoms[p], W, H, D);
			VoxelSize vs = new VoxelSize(0.4, 0.5, 0.9, "um");
			PoreAnalysis.Options o = new PoreAnalysis.Options();
			PoreAnalysis.Result mem = PoreAnalysis.run(img, PhaseLabels.defaults(), vs, o, 2, Progress.NONE);
			long least = windowBudget(img, vs, o.edge);
			for (int slab : new int[] { 5, 8 }) {
				boolean[] spilled = { false };
				StreamedPoreAnalysisTest.assertSame(mem, streamed(img, vs, o, least + least / 3, slab, spilled), "phantom " + p + " slab " + slab);
				assertTrue(spilled[0]);
				// labels kept and the map held (32 bytes per voxel), windows thinner than 40-slice slabs beside them
				StreamedPoreAnalysisTest.assertSame(mem, streamed(img, vs, o, 32 * voxels, 40, spilled), "phantom " + p + " slab 40, kept");
			}
		}
	}

	@Test
	void aBudgetBelowOneSliceIsRefusedWithTheLeast() {
		ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(slantedRod(5), W, H, D);
		VoxelSize vs = new VoxelSize(1, 1, 1, "um");
		long least = StreamedPoreAnalysis.leastBudget(W, H, D, 1);
		InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
			() -> streamed(img, vs, new PoreAnalysis.Options(), least - 1, new boolean[1]));
		assertTrue(e.getMessage().contains("memory_mb=1 or more") && e.getMessage().contains("too small"), e.getMessage());
		// above the least for one-voxel pores but below the windows of this phantom's larger pores: refused once the
		// distance map tells the radius, naming the least for them (which then runs)
		long windows = windowBudget(img, vs, Edge.BACKGROUND);
		assertTrue(windows > least, windows + " vs " + least);
		e = assertThrows(InsufficientMemoryException.class, () -> streamed(img, vs, new PoreAnalysis.Options(), windows - 1, new boolean[1]));
		assertTrue(e.getMessage().startsWith("Local thickness of slabs of 1 slice with a halo of"), e.getMessage());
		assertTrue(e.getMessage().contains("too small even for the smallest slabs"), e.getMessage());
		assertFalse(tmp.toFile().listFiles(File::isFile).length > 0);
	}

	@Test
	void theLeastBudgetCountsEveryPass() {
		// 1-byte labels: one-slice slabs of pass 1 (two of them), one-row blocks along z, two thickness windows of 7 slices
		// beside a one-slice slab labelled again (1 + 4 bytes per voxel; such a budget gives pass 1 one-slice slabs)
		double plane = 100.0 * 80;
		long windows = (long) Math.ceil(2 * plane * 7 * (LocalThickness.BYTES_PER_VOXEL + 1) + 5 * plane);
		assertEquals(1, Streaming.slabHeight(0, 100, 80, 500, PASS1_BYTES, windows));
		assertEquals(Math.max((long) Math.ceil(2 * plane * (1 + PoreAnalysis.BYTES_PER_VOXEL)), windows), StreamedPoreAnalysis.leastBudget(100, 80, 500, 1));
		// a long thin volume: the blocks of one row through every slice dominate
		assertEquals(2L * 4 * 3 * 1_000_000, StreamedPoreAnalysis.leastBudget(3, 2, 1_000_000, 2));
		assertEquals(5, MemoryBudget.within(5));
	}
}
