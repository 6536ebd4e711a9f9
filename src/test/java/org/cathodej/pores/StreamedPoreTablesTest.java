package org.cathodej.pores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.InsufficientMemoryException;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.cathodej.volume.SlabPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * The per-component tables within the memory budget: a lattice of isolated one-voxel pores (one component per 27
 * voxels, 306 + 18 bytes each: about 12 bytes per voxel, far more than its slabs need) with a budget that fits the slabs
 * but not the tables (beside the least thickness windows) is refused in pass 1 with the count so far, and nothing is
 * left behind; a budget that holds the tables and the windows gives the in-memory tables to the bit. The in-memory
 * analysis checks the same tables against the budget as soon as it has counted the components.
 */
class StreamedPoreTablesTest {

	static final int PORE = 0, CAM = 1, ISE = 2;
	static final int W = 64, H = 64, D = 40;

	@TempDir
	Path tmp;

	private int runs;

	/** A pore voxel wherever x, y and z are multiples of 3, isolated (6-connected) in ISE, with every fourth slice CAM. */
	static byte[] lattice() {
		byte[] a = new byte[W * H * D];
		for (int z = 0, i = 0; z < D; z++)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++, i++)
					a[i] = (byte) (x % 3 == 0 && y % 3 == 0 && z % 3 == 0 ? PORE : z % 4 == 3 ? CAM : ISE);
		return a;
	}

	/** Pores in the lattice: every one a component, and (no pore crossing a slab face) a provisional label of its slab. */
	static final long PORES = lattice(W) * lattice(H) * lattice(D);

	/** Multiples of 3 below n. */
	static long lattice(int n) {
		return (n + 2) / 3;
	}

	private final class Run {
		final Path dir = tmp.resolve("run" + runs++);
		final StreamedLocalThicknessTest.Collecting sink = new StreamedLocalThicknessTest.Collecting(D);

		PoreAnalysis.Result go(ArrayImg<UnsignedByteType, ?> img, VoxelSize vs, long budget, int slab) {
			assertTrue(dir.toFile().mkdir());
			@SuppressWarnings({ "unchecked", "rawtypes" })
			ImgSource src = new ImgSource((ArrayImg) img, vs, "lattice");
			PoreAnalysis.Options o = new PoreAnalysis.Options();
			o.memoryBudget = budget;
			return StreamedPoreAnalysis.run(src, PhaseLabels.defaults(), vs, o, new SlabPlan(D, slab), dir.resolve("distance.raw"), sink, 2,
				Progress.NONE);
		}
	}

	@Test
	void tablesBeyondTheBudgetAreRefusedInPassOneWithNothingLeft() {
		byte[] labels = lattice();
		ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(labels, W, H, D);
		VoxelSize vs = new VoxelSize(1, 1, 1, "um");
		long tables = ComponentTables.bytes(PORES, PORES), least = StreamedPoreAnalysis.leastBudget(W, H, D, 1);
		long budget = tables / 2 + StreamedPoreAnalysis.passThree(W, H, D, 1, 3, 1, 4, true); // half the tables beside the least windows
		assertTrue(budget > least && budget < 32L * W * H * D, "the slabs fit, the distance map is spilled: " + budget);
		Run run = new Run();
		InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class, () -> run.go(img, vs, budget, 4));
		String m = e.getMessage();
		// half the tables' need: stopped about half-way, at the first slab whose components do not fit
		int stopped = Integer.parseInt(m.replaceAll("(?s).*stopped after slice (\\d+) of " + D + ".*", "$1"));
		assertTrue(stopped > D / 4 && stopped < D, m);
		assertEquals(0, stopped % 4, "at a slab's end: " + m);
		long found = lattice(W) * lattice(H) * lattice(stopped);
		assertTrue(m.contains("the " + found + " pore components (" + found + " provisional labels of the slabs) found so far"), m);
		assertTrue(m.contains("about ") && m.contains(" for all " + D + " slices"), m);
		assertTrue(m.contains("memory budget (memory_mb=") && m.contains("Give a larger memory_mb"), m);
		assertTrue(m.matches("(?s).*sub-volumes of about \\d+ slices.*"), m);
		assertEquals(0, run.dir.toFile().list().length, "the distance map on disk is deleted");
		assertTrue(run.sink.aborted && run.sink.slices.isEmpty(), "no thickness slice written, the output aborted");
		assertTrue(Arrays.equals(lattice(), labels), "labels not modified");
	}

	@Test
	void tablesJustOverTheBudgetAreRefusedBeforeTheMerge() {
		ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(lattice(), W, H, D);
		VoxelSize vs = new VoxelSize(1, 1, 1, "um");
		long tables = ComponentTables.bytes(PORES, PORES);
		Run run = new Run();
		// one slab: the check before the final merge and the statistics, with the exact count (no extrapolation)
		long budget = tables - 1 + StreamedPoreAnalysis.passThree(W, H, D, 1, 3, 1, D, true); // beside the least thickness windows
		String m = assertThrows(InsufficientMemoryException.class, () -> run.go(img, vs, budget, D)).getMessage();
		assertTrue(m.contains("the " + PORES + " pore components (" + PORES + " provisional labels of the slabs) need "), m);
		assertTrue(!m.contains("stopped after") && !m.contains(" for all ") && m.contains("at least 1 B more"), m);
		assertEquals(0, run.dir.toFile().list().length);
		assertTrue(run.sink.aborted && run.sink.slices.isEmpty());
	}

	/** The in-memory analysis checks the statistics before allocating them, with the way round (this count needs ~290 GB). */
	@Test
	void inMemoryStatisticsBeyondTheHeapAreRefused() {
		String m = assertThrows(InsufficientMemoryException.class, () -> ComponentTables.requireStatistics(2_000_000_000L, "a big volume"))
			.getMessage();
		assertTrue(m.startsWith("The statistics table of the 2000000000 pore components of a big volume (146 bytes each) needs "), m);
		assertTrue(m.contains("analyse sub-volumes (" + ComponentTables.SUB_VOLUME + ")"), m);
	}

	/**
	 * The in-memory analysis checks the tables against the budget as soon as the labelling has counted the components,
	 * beside the labels and the thickness (8 bytes per voxel), and refuses before the local thickness: the progress
	 * never passes the labelling.
	 */
	@Test
	void inMemoryTablesBeyondTheBudgetAreRefusedBeforeTheLocalThickness() {
		byte[] labels = lattice();
		ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(labels, W, H, D);
		long held = ComponentTables.IN_MEMORY_HELD_PER_VOXEL * (long) W * H * D;
		PoreAnalysis.Options o = new PoreAnalysis.Options();
		o.memoryBudget = ComponentTables.bytes(0, PORES) - 1 + held;
		double[] furthest = { 0 };
		Progress watch = new Progress() {
			@Override
			public void report(double fraction, String status) {
				furthest[0] = Math.max(furthest[0], fraction);
			}

			@Override
			public boolean isCancelled() {
				return false;
			}
		};
		String m = assertThrows(InsufficientMemoryException.class,
			() -> PoreAnalysis.run(img, PhaseLabels.defaults(), new VoxelSize(1, 1, 1, "um"), o, 2, watch)).getMessage();
		assertTrue(m.startsWith("Pores and Voids of " + W + "x" + H + "x" + D + " voxels: the " + PORES + " pore components need "), m);
		assertTrue(m.contains("memory budget (memory_mb=") && m.contains("beside the component labels and the local thickness (8 bytes per voxel"), m);
		assertTrue(m.contains("Give a larger memory_mb (the tables need at least 1 B more") && m.contains("streaming=always"), m);
		assertTrue(m.matches("(?s).*sub-volumes of about \\d+ slices.*") && !m.contains("provisional") && !m.contains("stopped after"), m);
		assertTrue(furthest[0] <= 0.15, "refused before the local thickness, progress " + furthest[0]);
		assertTrue(Arrays.equals(lattice(), labels), "labels not modified");
	}

	@Test
	void inMemoryTablesWithinTheBudgetGiveTheSameResult() throws IllegalAccessException {
		ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(lattice(), W, H, D);
		VoxelSize vs = new VoxelSize(0.4, 0.5, 0.9, "um");
		PoreAnalysis.Result free = PoreAnalysis.run(img, PhaseLabels.defaults(), vs, new PoreAnalysis.Options(), 2, Progress.NONE);
		PoreAnalysis.Options o = new PoreAnalysis.Options();
		o.memoryBudget = ComponentTables.bytes(0, PORES) + ComponentTables.IN_MEMORY_HELD_PER_VOXEL * (long) W * H * D;
		StreamedPoreAnalysisTest.assertSame(free, PoreAnalysis.run(img, PhaseLabels.defaults(), vs, o, 1, Progress.NONE), "exactly the tables' budget");
	}

	@Test
	void aBudgetThatHoldsTheTablesGivesTheInMemoryTables() throws IllegalAccessException {
		byte[] labels = lattice();
		ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(labels, W, H, D);
		for (VoxelSize vs : new VoxelSize[] { new VoxelSize(1, 1, 1, "um"), new VoxelSize(0.4, 0.5, 0.9, "um") }) {
			PoreAnalysis.Result mem = PoreAnalysis.run(img, PhaseLabels.defaults(), vs, new PoreAnalysis.Options(), 2, Progress.NONE);
			assertEquals(PORES, mem.components);
			// the tables and one-slice thickness windows (a relabelled slab of up to 7 slices) beside them
			long budget = ComponentTables.bytes(PORES, PORES)
				+ Math.max(StreamedPoreAnalysis.leastPassThree(W, H, D, 1, 3), StreamedPoreAnalysis.passThree(W, H, D, 1, 3, 1, 7, true));
			for (int slab : new int[] { 1, 3, 7 }) {
				Run run = new Run();
				StreamedPoreAnalysisTest.assertSame(mem, run.go(img, vs, budget, slab), vs + " slab " + slab);
				assertEquals(0, run.dir.toFile().list().length);
				assertTrue(run.sink.completed);
			}
		}
		assertTrue(Arrays.equals(lattice(), labels), "labels not modified");
	}
}
