package org.cathodej.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cathodej.chord.ChordAnalyzer;
import org.cathodej.chord.ChordKernel;
import org.cathodej.chord.ChordOptions;
import org.cathodej.chord.ChordResult;
import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.connectivity.Connectivity;
import org.cathodej.surface.InterfaceArea;
import org.cathodej.connectivity.StreamedCamUtilisation;
import org.cathodej.fractions.FractionsKernel;
import org.cathodej.fractions.PhaseFractions;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.ClassVolume;
import org.cathodej.surface.CroftonDirections;
import org.cathodej.surface.GeometryCounts;
import org.cathodej.surface.GeometryKernel;
import org.cathodej.surface.GeometryScanner;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Every streamed analysis against the in-memory one on the same volume: bit-identical numbers (all partials are
 * integer counts; doubles are computed once from the merged counts) for slab heights 1, 2, 3, 7 and 64 on phantoms
 * whose clusters and chords cross many slab boundaries.
 */
class StreamingExactTest {

	static final int[] SLABS = { 1, 2, 3, 7, 64 };
	static final VoxelSize VS = new VoxelSize(0.5, 0.5, 0.7, "um");
	static final PhaseLabels PL = PhaseLabels.defaults();

	/** Volumes: {w, h, d, kind} with kind 0 percolating noise, 1 noise with other labels, 2 helix + slanted rod. */
	static final int[][] CASES = { { 5, 7, 1, 0 }, { 9, 6, 2, 1 }, { 13, 11, 17, 0 }, { 12, 10, 40, 2 }, { 7, 9, 23, 1 }, { 16, 12, 300, 2 },
		{ 11, 13, 130, 0 } };

	static byte[][] volume(int[] c) {
		return c[3] == 2 ? StreamPhantoms.helixAndRod(c[0], c[1], c[2]) : StreamPhantoms.percolating(c[0], c[1], c[2], 17 + c[2], c[3] == 1);
	}

	@SuppressWarnings("unchecked")
	static RandomAccessibleInterval<? extends IntegerType<?>> ints(RandomAccessibleInterval<?> img) {
		return (RandomAccessibleInterval<? extends IntegerType<?>>) img;
	}

	@Test
	void fractionsAreBitIdentical() {
		for (int[] c : CASES) {
			RandomAccessibleInterval<? extends IntegerType<?>> img = StreamPhantoms.bytes(volume(c), c[0], c[1]);
			PhaseFractions.Counts mem = PhaseFractions.count(img, PL, 2, Progress.NONE);
			for (int s : SLABS) {
				PhaseFractions.Counts st = SlabStreamer.run(source(img), new SlabPlan(c[2], s), new FractionsKernel(PL, 2), Progress.NONE).counts();
				String what = java.util.Arrays.toString(c) + " slab " + s;
				assertEquals(mem.total, st.total, what);
				assertArrayEquals(mem.phase, st.phase, what);
				assertEquals(mem.otherLabels, st.otherLabels, what);
				for (int a = 0; a < 3; a++) assertTrue(java.util.Arrays.deepEquals(mem.profile[a], st.profile[a]), what + " axis " + a);
			}
		}
	}

	static ImgSource source(RandomAccessibleInterval<? extends IntegerType<?>> img) {
		return new ImgSource(img, VS, "phantom");
	}

	@Test
	void surfaceCountsAndAreasAreBitIdentical() {
		for (int[] c : CASES) {
			if (c[2] < 2) continue;
			RandomAccessibleInterval<? extends IntegerType<?>> img = StreamPhantoms.bytes(volume(c), c[0], c[1]);
			GeometryCounts mem = GeometryScanner.scan(ClassVolume.fromLabels(img, 0, 1, 2), VS, 2, Progress.NONE);
			for (int s : SLABS) {
				GeometryKernel k = GeometryKernel.ofLabels(true, 2, 0, 1, 2);
				GeometryCounts st = SlabStreamer.run(source(img), new SlabPlan(c[2], s), k, Progress.NONE).counts(VS);
				assertSameGeometry(mem, st, java.util.Arrays.toString(c) + " slab " + s);
			}
		}
	}

	static void assertSameGeometry(GeometryCounts mem, GeometryCounts st, String what) {
		assertArrayEquals(mem.dimensions(), st.dimensions(), what);
		for (int k = 0; k <= mem.classes(); k++) assertEquals(mem.voxelCount(k), st.voxelCount(k), what);
		for (int d = 0; d < CroftonDirections.N; d++)
			for (int a = 0; a <= mem.classes(); a++)
				for (int b = 0; b <= mem.classes(); b++) assertEquals(mem.classTransitions(d, a, b), st.classTransitions(d, a, b), what);
		for (int set = 1; set < 7; set++) {
			assertArrayEquals(mem.configurationHistogram(set), st.configurationHistogram(set), what);
			for (GeometryCounts.Estimator e : GeometryCounts.Estimator.values()) {
				assertEquals(mem.surfaceArea(set, e), st.surfaceArea(set, e), what + " " + e);
				assertEquals(mem.surfaceDensity(set, e), st.surfaceDensity(set, e), what + " " + e);
			}
		}
	}

	@Test
	void chordsAreBitIdenticalWithRunsStitchedAcrossSlabs() {
		for (int[] c : CASES)
			for (ChordOptions opt : new ChordOptions[] { new ChordOptions(1, false, false), new ChordOptions(2, true, false),
				new ChordOptions(3, false, true) }) {
				RandomAccessibleInterval<? extends IntegerType<?>> img = StreamPhantoms.bytes(volume(c), c[0], c[1]);
				ChordResult mem = ChordAnalyzer.measure(ClassVolume.fromLabels(img, 0, 1, 2), VS, opt, 2, Progress.NONE);
				for (int s : SLABS) {
					ChordKernel k = new ChordKernel(lut012(), 3, opt, 2);
					ChordResult st = k.result(SlabStreamer.run(source(img), new SlabPlan(c[2], s), k, Progress.NONE), VS, opt);
					assertSameChords(mem, st, java.util.Arrays.toString(c) + " slab " + s + " spacing " + opt.spacing);
				}
			}
	}

	static byte[] lut012() {
		byte[] lut = new byte[65536];
		java.util.Arrays.fill(lut, (byte) -1);
		for (int i = 0; i < 3; i++) lut[i] = (byte) i;
		return lut;
	}

	static void assertSameChords(ChordResult mem, ChordResult st, String what) {
		for (int a = 0; a < 3; a++) {
			assertEquals(mem.lines(a), st.lines(a), what);
			for (int c = 0; c <= mem.classes(); c++) {
				for (int n = 0; n <= mem.lineLength(a); n++) assertEquals(mem.count(c, a, n), st.count(c, a, n), what + " axis " + a + " n " + n);
				assertEquals(mem.lineFraction(c, a), st.lineFraction(c, a), what);
				assertEquals(mem.chordsPerLength(c, a), st.chordsPerLength(c, a), what);
				assertEquals(mem.distribution(c, a).mean(), st.distribution(c, a).mean(), what);
			}
		}
	}

	/** Partials merged in other groupings (as a Spark driver might) give the same result. */
	@Test
	void mergesAreAssociative() {
		int[] c = { 12, 10, 40, 2 };
		RandomAccessibleInterval<? extends IntegerType<?>> img = StreamPhantoms.bytes(volume(c), c[0], c[1]);
		SlabPlan plan = new SlabPlan(c[2], 7);
		ChordOptions opt = new ChordOptions(1, false, false);
		ChordKernel ck = new ChordKernel(lut012(), 3, opt, 1);
		GeometryKernel gk = GeometryKernel.ofLabels(true, 1, 0, 1, 2);
		List<ChordKernel.Partial> cp = new ArrayList<>();
		List<GeometryKernel.Partial> gp = new ArrayList<>();
		for (int i = 0; i < plan.count(); i++) {
			cp.add(ck.partial(Slab.read(source(img), plan, i, 0, 0)));
			gp.add(gk.partial(Slab.read(source(img), plan, i, 0, 1)));
		}
		ChordKernel.Partial right = cp.get(cp.size() - 1);
		GeometryKernel.Partial gRight = gp.get(gp.size() - 1);
		for (int i = cp.size() - 2; i >= 0; i--) {
			right = ck.merge(cp.get(i), right);
			gRight = gk.merge(gp.get(i), gRight);
		}
		assertSameChords(ck.result(ck.mergeAll(cp), VS, opt), ck.result(right, VS, opt), "left vs right fold");
		assertSameGeometry(gk.mergeAll(gp).counts(VS), gRight.counts(VS), "left vs right fold");
	}

	@Test
	void camUtilisationIsBitIdentical() {
		for (int[] c : CASES)
			for (Connectivity conn : c[2] < 2 ? new Connectivity[0] : Connectivity.values()) // the in-memory path needs 3D
				for (int variant = 0; variant < 2; variant++) {
					RandomAccessibleInterval<? extends IntegerType<?>> img = variant == 0 ? StreamPhantoms.bytes(volume(c), c[0], c[1])
						: ints(StreamPhantoms.shorts(volume(c), c[0], c[1], 100));
					PhaseLabels pl = variant == 0 ? PL : new PhaseLabels(100, 101, 102);
					CamUtilisation.Options o = options(conn, variant);
					CamUtilisation.Result mem = CamUtilisation.compute(img, pl, VS, o, null, Progress.NONE);
					for (int s : SLABS) {
						byte[][] written = new byte[c[2]][];
						CamUtilisation.Result st = StreamedCamUtilisation.compute(source(img), new SlabPlan(c[2], s), pl, VS, o,
							(z, cls) -> written[z] = cls.clone(), Progress.NONE);
						String what = java.util.Arrays.toString(c) + " " + conn + " variant " + variant + " slab " + s;
						assertSameCam(mem, st, what);
						for (int z = 0; z < c[2]; z++) assertArrayEquals(mem.classImage[z], written[z], what + " class slice " + z);
					}
				}
	}

	/**
	 * Pass 2 on pass 1's kept labels (the default budget, the free heap) and on labels made again (a budget of one byte,
	 * too small to keep any): the same tables and class slices as in memory, on phantoms whose clusters cross every slab.
	 */
	@Test
	void camUtilisationKeptOrRelabelledIsBitIdentical() {
		for (int[] c : new int[][] { { 16, 12, 300, 2 }, { 11, 13, 130, 0 } })
			for (int variant = 0; variant < 2; variant++) {
				RandomAccessibleInterval<? extends IntegerType<?>> img = StreamPhantoms.bytes(volume(c), c[0], c[1]);
				CamUtilisation.Options o = options(Connectivity.TWENTY_SIX, variant);
				CamUtilisation.Result mem = CamUtilisation.compute(img, PL, VS, o, null, Progress.NONE);
				for (long budget : new long[] { 0, 1 }) {
					long labelBytes = 4L * c[0] * c[1] * c[2];
					assertEquals(budget == 0, MemoryBudget.keepsWithin(labelBytes, budget), "budget " + budget + ": labels kept");
					o.memoryBudget = budget;
					for (int s : new int[] { 1, 3, 7 }) {
						byte[][] written = new byte[c[2]][];
						CamUtilisation.Result st = StreamedCamUtilisation.compute(source(img), new SlabPlan(c[2], s), PL, VS, o,
							(z, cls) -> written[z] = cls.clone(), Progress.NONE);
						String what = java.util.Arrays.toString(c) + " variant " + variant + " budget " + budget + " slab " + s;
						assertSameCam(mem, st, what);
						for (int z = 0; z < c[2]; z++) assertArrayEquals(mem.classImage[z], written[z], what + " class slice " + z);
					}
				}
			}
	}

	static CamUtilisation.Options options(Connectivity conn, int variant) {
		CamUtilisation.Options o = new CamUtilisation.Options();
		o.connectivity = conn;
		o.threads = 2;
		o.axis = variant == 0 ? 2 : 0;
		o.collectorAtMax = variant == 1;
		o.keepIseClasses = variant == 1;
		o.interfaceArea = variant == 0 ? InterfaceArea.CROFTON : InterfaceArea.VOXEL_FACES;
		return o;
	}

	static double[] numbers(CamUtilisation.Result r) {
		return new double[] { r.camVoxels, r.iseVoxels, r.iseConnectedVoxels, r.interfaceTotal, r.interfaceConnectedIse, r.interfaceActive,
			r.facesTotal, r.facesConnectedIse, r.facesActive };
	}

	static void assertSameCam(CamUtilisation.Result m, CamUtilisation.Result s, String what) {
		assertArrayEquals(m.classVoxels, s.classVoxels, what);
		assertArrayEquals(m.classClusters, s.classClusters, what);
		assertArrayEquals(numbers(m), numbers(s), what); // exact: doubles compared bit for bit
		assertEquals(m.interfaceEstimator, s.interfaceEstimator, what);
		CamUtilisation.PhaseStats[][] ps = { { m.pore, s.pore }, { m.cam, s.cam }, { m.ise, s.ise } };
		for (CamUtilisation.PhaseStats[] p : ps) {
			assertEquals(p[0].summary.clusters, p[1].summary.clusters, what + " " + p[0].phase);
			assertEquals(p[0].summary.voxels, p[1].summary.voxels, what);
			assertEquals(p[0].summary.largestVoxels, p[1].summary.largestVoxels, what);
			assertArrayEquals(p[0].summary.spanningFraction, p[1].summary.spanningFraction, what + " " + p[0].phase);
			assertEquals(p[0].collectorVoxels, p[1].collectorVoxels, what);
			assertEquals(p[0].separatorVoxels, p[1].separatorVoxels, what);
			assertArrayEquals(p[0].largestSizes, p[1].largestSizes, what);
			assertTrue(java.util.Arrays.deepEquals(p[0].sizeHistogram, p[1].sizeHistogram), what);
		}
	}
}
