package org.cathodej.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
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

/** Classifier format 2: normalisation, class weights and grey ranges kept; mismatched images refused; damaged files named. */
class ClassifierFileTest {

	static SegmentTestData data;
	static PlanarImg<UnsignedByteType, ?> scribbles;
	static final VoxelSize VS = new VoxelSize(0.05, 0.05, 0.05, "um");

	@BeforeAll
	static void setUp() {
		data = new SegmentTestData(48, 40, 6, 3);
		scribbles = data.scribbles(0.02, 6, 2);
	}

	@SuppressWarnings("unchecked")
	static List<RandomAccessibleInterval<? extends RealType<?>>> bse(PlanarImg<?, ?> img) {
		return Arrays.asList((RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) img);
	}

	static PixelClassifier train(IntensityNormalisation norm, boolean balanced) {
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 8;
		p.balanced = balanced;
		FeatureSettings fs = new FeatureSettings(false, new double[] { 0.05, 0.1 }, "um", FeatureSettings.DEFAULT_FAMILIES, 1);
		return PixelClassifier.train(bse(data.bse), scribbles, new int[] { 1, 2, 3 }, VS, fs, norm, p, 1, 64L << 20, 2, Progress.NONE);
	}

	/** The BSE stack as 8-bit (value / 256), like ImageJ's conversion without scaling to the display range. */
	static PlanarImg<UnsignedByteType, ?> eightBit(PlanarImg<?, ?> img, double scale) {
		int w = Slices.width(img), h = Slices.height(img), d = Slices.depth(img);
		PlanarImg<UnsignedByteType, ?> o = PlanarImgs.unsignedBytes(w, h, d);
		for (int z = 0; z < d; z++) {
			@SuppressWarnings("unchecked")
			float[] f = Slices.readFloats((RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) img, z, null);
			for (int i = 0; i < f.length; i++) f[i] *= scale;
			Slices.writeFloats(o, z, f);
		}
		return o;
	}

	@Test
	void formatTwoKeepsNormalisationWeightsAndRanges(@TempDir Path tmp) throws Exception {
		PixelClassifier c = train(new IntensityNormalisation(IntensityNormalisation.Mode.SLICE, 1, 99), true);
		Path f = tmp.resolve("c.classifier");
		c.save(f);
		String header = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
		assertTrue(header.contains("version=2\n") && header.contains("normalisation=mode=slice;low=1.0;high=99.0") && header.contains("class_weights=balanced")
			&& header.contains("channel1=bits=16;"), header.substring(0, 400));
		PixelClassifier b = PixelClassifier.load(f);
		assertEquals(2, b.fileVersion());
		assertEquals(IntensityNormalisation.Mode.SLICE, b.normalisation().mode());
		assertTrue(b.balanced());
		assertEquals(c.greyRanges()[0].toString(), b.greyRanges()[0].toString());
		// normalised range of a percentile-normalised stack: about 0..1
		assertTrue(b.greyRanges()[0].low > -0.5 && b.greyRanges()[0].high < 1.5, b.greyRanges()[0].toString());
		ClassificationResult x = c.apply(bse(data.bse), VS, new PixelClassifier.ApplyOptions(), Progress.NONE),
			y = b.apply(bse(data.bse), VS, new PixelClassifier.ApplyOptions(), Progress.NONE);
		for (int z = 0; z < x.depth; z++) assertArrayEquals(x.labels[z], y.labels[z]);
	}

	@Test
	void textureFamiliesAreFormatThreeAndRoundTrip(@TempDir Path tmp) throws Exception {
		RandomForest.Params p = new RandomForest.Params();
		p.trees = 4;
		FeatureSettings fs = new FeatureSettings(false, new double[] { 0.05, 0.1 }, "um", FeatureSettings.parseFamilies("gauss,lbp,membrane"), 1);
		PixelClassifier c = PixelClassifier.train(bse(data.bse), scribbles, new int[] { 1, 2, 3 }, VS, fs, IntensityNormalisation.NONE, p, 1, 64L << 20,
			2, Progress.NONE);
		Path f = tmp.resolve("t.classifier");
		c.save(f);
		String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
		assertTrue(text.contains("version=3\n"), "builds without the texture families must see a newer format");
		PixelClassifier b = PixelClassifier.load(f);
		assertEquals(fs, b.settings());
		assertEquals(c.forest(), b.forest());
		assertEquals(3, b.fileVersion());
		Path newer = tmp.resolve("n.classifier");
		Files.write(newer, text.replaceFirst("version=3", "version=5").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
		Exception e = assertThrows(java.io.IOException.class, () -> PixelClassifier.load(newer));
		assertTrue(e.getMessage().contains("newer CathodeJ (classifier format 5)"), e.getMessage());
	}

	@Test
	void eightBitImagesAreRefusedByASixteenBitClassifierUnlessNormalised() {
		PixelClassifier raw = train(IntensityNormalisation.NONE, false);
		PlanarImg<UnsignedByteType, ?> eight = eightBit(data.bse, 1 / 256.0);
		Exception e = assertThrows(IllegalArgumentException.class, () -> raw.apply(bse(eight), VS, new PixelClassifier.ApplyOptions(), Progress.NONE));
		assertTrue(e.getMessage().contains("16-bit") && e.getMessage().contains("8-bit"), e.getMessage());
		// same bit depth, contrast far off: the range is named
		PlanarImg<?, ?> dim = Slices.newGrey(2, 48, 40, 6);
		for (int z = 0; z < 6; z++) {
			@SuppressWarnings("unchecked")
			float[] f = Slices.readFloats((RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) data.bse, z, null);
			for (int i = 0; i < f.length; i++) f[i] = f[i] / 20;
			Slices.writeFloats(dim, z, f);
		}
		e = assertThrows(IllegalArgumentException.class, () -> raw.apply(bse(dim), VS, new PixelClassifier.ApplyOptions(), Progress.NONE));
		assertTrue(e.getMessage().contains("grey range of the training images"), e.getMessage());
		// the same images are accepted, and classified alike, by a normalised classifier
		PixelClassifier norm = train(new IntensityNormalisation(IntensityNormalisation.Mode.VOLUME, 1, 99), false);
		ClassificationResult a = norm.apply(bse(data.bse), VS, new PixelClassifier.ApplyOptions(), Progress.NONE);
		ClassificationResult b = norm.apply(bse(eight), VS, new PixelClassifier.ApplyOptions(), Progress.NONE);
		long same = 0, n = 0;
		for (int z = 0; z < a.depth; z++)
			for (int i = 0; i < a.labels[z].length; i++, n++) if (a.labels[z][i] == b.labels[z][i]) same++;
		assertTrue(same > 0.9 * n, same + " of " + n);
		// the training images themselves pass
		assertNotNull(raw.apply(bse(data.bse), VS, new PixelClassifier.ApplyOptions(), Progress.NONE));
	}

	@Test
	void formatOneFilesLoadWithTheirOldBehaviour() throws Exception {
		PixelClassifier old = PixelClassifier.load(Paths.get("docs/guide-src/pixel_classifier_example.classifier"));
		assertEquals(1, old.fileVersion());
		assertNull(old.greyRanges());
		assertFalse(old.normalisation().isOn());
		assertFalse(old.balanced());
	}

	@Test
	void truncatedOrGarbledFilesAreCalledDamaged(@TempDir Path tmp) throws Exception {
		PixelClassifier c = train(IntensityNormalisation.NONE, false);
		Path f = tmp.resolve("c.classifier");
		c.save(f);
		byte[] all = Files.readAllBytes(f);
		Path cut = tmp.resolve("cut.classifier");
		for (double share : new double[] { 0.02, 0.1, 0.3, 0.6, 0.99 }) {
			Files.write(cut, Arrays.copyOf(all, (int) (share * all.length)));
			Exception e = assertThrows(java.io.IOException.class, () -> PixelClassifier.load(cut));
			assertTrue(e.getMessage().contains("the classifier file " + cut + " is damaged"), share + ": " + e.getMessage());
			assertFalse(e.getMessage().contains("null"), e.getMessage());
		}
		String s = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).replaceFirst("seed=1", "seed=");
		Files.write(cut, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
		Exception e = assertThrows(java.io.IOException.class, () -> PixelClassifier.load(cut));
		assertTrue(e.getMessage().contains("is damaged: bad header value"), e.getMessage());
	}

	@Test
	void stratifiedScribblesTakeTheShareOfEveryPhaseOnOneSlice() {
		PlanarImg<UnsignedByteType, ?> s = SliceEvaluation.stratifiedScribbles(data.truth, PhaseLabels.defaults(), 2, 0.1, 1);
		long[] truth = new long[3], drawn = new long[3];
		for (int z = 0; z < 6; z++) {
			byte[] t = (byte[]) Slices.planeArray(data.truth, z), a = (byte[]) Slices.planeArray(s, z);
			for (int i = 0; i < a.length; i++) {
				if (z == 2) truth[t[i]]++;
				if (a[i] != 0) {
					assertEquals(2, z);
					assertEquals(t[i] + 1, a[i]); // the scribble is the true phase
					drawn[a[i] - 1]++;
				}
			}
		}
		for (int c = 0; c < 3; c++) if (truth[c] > 0) assertEquals(Math.max(1, Math.round(0.1 * truth[c])), drawn[c]);
		PlanarImg<UnsignedByteType, ?> again = SliceEvaluation.stratifiedScribbles(data.truth, PhaseLabels.defaults(), 2, 0.1, 1);
		assertArrayEquals((byte[]) Slices.planeArray(s, 2), (byte[]) Slices.planeArray(again, 2));
	}
}
