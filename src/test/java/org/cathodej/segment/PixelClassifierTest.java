package org.cathodej.segment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

class PixelClassifierTest {

	static SegmentTestData data;
	static PlanarImg<UnsignedByteType, ?> scribbles;
	static List<RandomAccessibleInterval<? extends RealType<?>>> channels;
	static final VoxelSize VS = new VoxelSize(0.02, 0.02, 0.03, "um");
	static final int[] VALUES = { 1, 2, 3 };
	static PixelClassifier trained;

	@SuppressWarnings("unchecked")
	@BeforeAll
	static void setUp() {
		data = new SegmentTestData(80, 72, 24, 5);
		scribbles = data.scribbles(0.01, 6, 9);
		channels = Arrays.asList((RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) data.bse,
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) data.se);
		trained = train(42, 2);
	}

	static FeatureSettings settings() {
		return new FeatureSettings(true, new double[] { 0.02, 0.04, 0.08 }, "um", FeatureSettings.DEFAULT_FAMILIES, 2);
	}

	static PixelClassifier train(long seed, int threads) {
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 30;
		return PixelClassifier.train(channels, scribbles, VALUES, VS, settings(), p, seed, 64L << 20, threads, Progress.NONE);
	}

	static ClassificationResult apply(PixelClassifier c, int threads, long budget) {
		PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions();
		o.threads = threads;
		o.memoryBudget = budget;
		o.probabilities = true;
		o.uncertainty = true;
		return c.apply(channels, VS, o, Progress.NONE);
	}

	static byte[][] truthClasses() {
		int d = Slices.depth(data.truth);
		byte[][] t = new byte[d][];
		for (int z = 0; z < d; z++) t[z] = (byte[]) Slices.planeArray(data.truth, z);
		return t;
	}

	@Test
	void scribblesOnOnePercentGiveAccurateLabels() {
		long labelled = 0;
		for (int z = 0; z < Slices.depth(scribbles); z++)
			for (byte b : (byte[]) Slices.planeArray(scribbles, z)) if (b != 0) labelled++;
		assertTrue(labelled <= 0.01 * Slices.voxels(scribbles) + 1, "labelled " + labelled);
		ClassificationResult r = apply(trained, 2, 64L << 20);
		Comparison cmp = Comparison.of(r.labels, truthClasses());
		assertTrue(cmp.accuracy() >= 0.97, cmp.toString());
		for (int c = 0; c < 3; c++) assertTrue(cmp.iou(c) >= 0.9, cmp.toString());
		// fraction range brackets the hard fraction; probabilities sum to one
		for (int c = 0; c < 3; c++) {
			assertTrue(r.fractionLow(c) <= r.fraction(c) && r.fraction(c) <= r.fractionHigh(c));
			assertTrue(Math.abs(r.softFraction(c) - r.fraction(c)) < 0.05);
		}
		float s = r.probabilities[0][3][100] + r.probabilities[1][3][100] + r.probabilities[2][3][100];
		assertEquals(1, s, 1e-5);
		assertEquals(1 - Math.max(r.probabilities[0][3][100], Math.max(r.probabilities[1][3][100], r.probabilities[2][3][100])),
			r.uncertainty[3][100], 1e-6);
	}

	@Test
	void sameSeedSameLabelsWhateverThreadsAndSlabs() {
		PixelClassifier again = train(42, 1);
		assertEquals(trained.forest(), again.forest());
		ClassificationResult a = apply(trained, 2, 64L << 20), b = apply(again, 1, 8L << 20);
		assertTrue(b.slabSlices < a.slabSlices, a.slabSlices + " vs " + b.slabSlices);
		for (int z = 0; z < a.depth; z++) assertArrayEquals(a.labels[z], b.labels[z]);
		assertNotEquals(trained.forest(), train(43, 2).forest());
	}

	@Test
	void savedAndLoadedClassifierGivesIdenticalLabels(@TempDir Path tmp) throws Exception {
		Path f = tmp.resolve("phases.classifier");
		trained.save(f);
		PixelClassifier back = PixelClassifier.load(f);
		assertEquals(trained.settings(), back.settings());
		assertEquals(trained.forest(), back.forest());
		assertArrayEquals(trained.samplesPerClass(), back.samplesPerClass());
		ClassificationResult a = apply(trained, 2, 64L << 20), b = apply(back, 2, 64L << 20);
		for (int z = 0; z < a.depth; z++) assertArrayEquals(a.labels[z], b.labels[z]);
		// not a classifier / a newer format
		Path junk = tmp.resolve("junk.model");
		Files.write(junk, "hello".getBytes());
		Exception e = assertThrows(java.io.IOException.class, () -> PixelClassifier.load(junk));
		assertTrue(e.getMessage().contains("not a CathodeJ pixel classifier"));
		byte[] bytes = Files.readAllBytes(f);
		String s = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replaceFirst("version=2", "version=9");
		Files.write(junk, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
		e = assertThrows(java.io.IOException.class, () -> PixelClassifier.load(junk));
		assertTrue(e.getMessage().contains("newer"));
	}

	@Test
	void badInputsAreRefusedWithReasons() {
		// channel sizes differ
		PlanarImg<?, ?> small = PlanarImgs.unsignedShorts(40, 72, 24);
		@SuppressWarnings("unchecked")
		List<RandomAccessibleInterval<? extends RealType<?>>> mixed = Arrays.asList(
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) data.bse,
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) small);
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 2;
		Exception e = assertThrows(IllegalArgumentException.class,
			() -> PixelClassifier.train(mixed, scribbles, VALUES, VS, settings(), p, 1, 64L << 20, 2, Progress.NONE));
		assertTrue(e.getMessage().contains("sizes differ"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> trained.apply(mixed, VS, new PixelClassifier.ApplyOptions(), Progress.NONE));
		assertTrue(e.getMessage().contains("sizes differ"), e.getMessage());
		// a class without samples: scribbles with pore (1) removed
		PlanarImg<UnsignedByteType, ?> noPore = PlanarImgs.unsignedBytes(80, 72, 24);
		for (int z = 0; z < 24; z++) {
			byte[] a = (byte[]) Slices.planeArray(scribbles, z), b = (byte[]) Slices.planeArray(noPore, z);
			for (int i = 0; i < a.length; i++) b[i] = a[i] == 1 ? 0 : a[i];
		}
		e = assertThrows(IllegalArgumentException.class,
			() -> PixelClassifier.train(channels, noPore, VALUES, VS, settings(), p, 1, 64L << 20, 2, Progress.NONE));
		assertTrue(e.getMessage().contains("pore has no training samples"), e.getMessage());
		// a value that is no class
		((byte[]) Slices.planeArray(noPore, 0))[0] = 7;
		e = assertThrows(IllegalArgumentException.class,
			() -> PixelClassifier.train(channels, noPore, VALUES, VS, settings(), p, 1, 64L << 20, 2, Progress.NONE));
		assertTrue(e.getMessage().contains("[7]"), e.getMessage());
		// classifier trained on other features: two channels expected, one given; other settings requested
		@SuppressWarnings("unchecked")
		List<RandomAccessibleInterval<? extends RealType<?>>> one = Collections.singletonList(
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) data.bse);
		e = assertThrows(IllegalArgumentException.class, () -> trained.apply(one, VS, new PixelClassifier.ApplyOptions(), Progress.NONE));
		assertTrue(e.getMessage().contains("trained on 2 channel"), e.getMessage());
		FeatureSettings other = new FeatureSettings(false, new double[] { 1 }, "um", FeatureSettings.DEFAULT_FAMILIES, 2);
		e = assertThrows(IllegalArgumentException.class, () -> trained.requireSettings(other));
		assertTrue(e.getMessage().contains("other features"), e.getMessage());
		// scale unit the image cannot be converted to
		e = assertThrows(IllegalArgumentException.class,
			() -> trained.apply(channels, new VoxelSize(1, 1, 1, "furlong"), new PixelClassifier.ApplyOptions(), Progress.NONE));
		assertTrue(e.getMessage().contains("calibration"), e.getMessage());
	}
}
