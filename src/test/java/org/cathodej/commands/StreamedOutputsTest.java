package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;

/**
 * The volume-to-volume commands streamed into a TIFF-slice folder give the voxels of the in-memory command, for slab
 * heights 1, 2, 3 and 7 on odd-sized stacks; Esc or a failure leaves no folder (and no hidden partial folder).
 */
class StreamedOutputsTest {

	static final int[] SLABS = { 1, 2, 3, 7 };

	@TempDir
	Path tmp;

	/** A 16-bit 41 x 37 x 11 stack: a lit corner, grains and noise, calibrated 0.05 x 0.05 x 0.08. */
	static ImagePlus grey(String title, long seed) {
		int w = 41, h = 37, d = 11;
		Random r = new Random(seed);
		ImageStack st = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			short[] p = new short[w * h];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double v = 9000 + 120 * x + 40 * y + 300 * z + ((x / 5 + y / 4 + z) % 3) * 6000 + r.nextGaussian() * 700 + ((x * 7) % 9 == 0 ? 4000 : 0);
					p[y * w + x] = (short) Math.max(0, Math.min(65535, Math.round(v)));
				}
			st.addSlice(new ShortProcessor(w, h, p, null));
		}
		ImagePlus imp = new ImagePlus(title, st);
		imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 0.05;
		imp.getCalibration().pixelDepth = 0.08;
		imp.getCalibration().setUnit("micron");
		return imp;
	}

	/** A table output (pure Table or ImageJ ResultsTable) as CSV text. */
	static String csv(Object t) {
		return org.cathodej.results.Csv.of(t instanceof org.cathodej.results.Table ? (org.cathodej.results.Table) t
			: org.cathodej.run.ResultsTables.toTable((ij.measure.ResultsTable) t));
	}

	static void assertSameVoxels(ImagePlus expected, ImagePlus actual, String what) {
		assertEquals(expected.getStackSize(), actual.getStackSize(), what);
		assertEquals(expected.getBitDepth(), actual.getBitDepth(), what);
		for (int z = 1; z <= expected.getStackSize(); z++) {
			Object a = expected.getStack().getPixels(z), b = actual.getStack().getPixels(z);
			if (a instanceof byte[]) assertArrayEquals((byte[]) a, (byte[]) b, what + " slice " + z);
			else if (a instanceof short[]) assertArrayEquals((short[]) a, (short[]) b, what + " slice " + z);
			else assertArrayEquals((float[]) a, (float[]) b, what + " slice " + z);
		}
	}

	/** Runs the command in memory and streamed with every slab height; the folders must hold the same voxels. */
	<C extends CathodeJCommand> void identical(java.util.function.Supplier<C> make, Consumer<C> streamed, java.util.function.Function<C, ImagePlus> out,
		String name) {
		C mem = make.get();
		mem.run();
		ImagePlus expected = out.apply(mem);
		assertFalse(expected.getStack().isVirtual(), name + " in memory");
		for (int sh : SLABS) {
			C c = make.get();
			c.output_dir = tmp.resolve(name + sh).toString();
			streamed.accept(c);
			c.run();
			ImagePlus got = out.apply(c);
			assertTrue(got.getStack().isVirtual(), name + ": streamed output is a slice folder");
			assertTrue(new File(String.valueOf(got.getProperty(TiffSliceWriter.FOLDER_PROPERTY))).isDirectory());
			assertSameVoxels(expected, got, name + " slab height " + sh);
		}
	}

	/** Cancels at the second slab: no output folder and no hidden partial folder remain. */
	<C extends CathodeJCommand> void cancelLeavesNothing(C c) {
		File dir = tmp.resolve("cancel-" + c.getClass().getSimpleName()).toFile();
		c.output_dir = dir.getPath();
		int[] calls = { 0 };
		c.setProgress(new Progress() {
			@Override
			public void report(double f, String s) {}

			@Override
			public boolean isCancelled() {
				return ++calls[0] > 2;
			}
		});
		assertThrows(CancellationException.class, c::run);
		String[] left = dir.list();
		assertTrue(left == null || left.length == 0, "left behind: " + (left == null ? "" : String.join(", ", left)));
	}

	static CorrectIlluminationCommand illumination(ImagePlus in) {
		CorrectIlluminationCommand c = new CorrectIlluminationCommand();
		c.image = in;
		c.sigma = 0.3;
		c.streaming = "never";
		return c;
	}

	@Test
	void correctIlluminationStreamedIsIdentical() {
		ImagePlus in = grey("bse", 1);
		int[] k = { 0 };
		identical(() -> illumination(in), c -> {
			c.streaming = "always";
			c.slab_slices = SLABS[k[0]++];
		}, c -> c.corrected, "illum");
		CorrectIlluminationCommand c = illumination(in);
		c.streaming = "always";
		c.slab_slices = 2;
		cancelLeavesNothing(c);
		CorrectIlluminationCommand d = illumination(in);
		d.streaming = "always";
		d.blur_3d = true;
		d.output_dir = tmp.resolve("3d").toString();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, d::run);
		assertTrue(e.getMessage().contains("slice mode"), e.getMessage());
	}

	static RemoveStripesCommand stripes(ImagePlus in, boolean automatic) {
		RemoveStripesCommand c = new RemoveStripesCommand();
		c.image = in;
		c.automatic = automatic;
		c.levels = 3;
		c.streaming = "never";
		return c;
	}

	@Test
	void removeStripesStreamedIsIdenticalAlsoInAutomaticMode() {
		ImagePlus in = grey("bse", 2);
		for (boolean auto : new boolean[] { false, true })
			stripesIdentical(in, auto, "stripes" + auto);
		RemoveStripesCommand c = stripes(in, false);
		c.streaming = "always";
		c.slab_slices = 3;
		cancelLeavesNothing(c);
	}

	/**
	 * Automatic mode on partial-height curtains (it chooses a curtain length, the table's curtain_length column):
	 * streamed slab by slab, the same slices and energies as in memory.
	 */
	@Test
	void removeStripesAutomaticPartialCurtainsStreamedIsIdentical() {
		int w = 64, h = 160, d = 4;
		Random r = new Random(4);
		ImageStack st = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			org.cathodej.render.PartialCurtains pc = new org.cathodej.render.PartialCurtains();
			pc.amplitude = 4000;
			pc.minLength = 60;
			pc.maxLength = 100;
			pc.per100Columns = 10;
			pc.seed = z + 1;
			float[] c = pc.of(w, h);
			short[] p = new short[w * h];
			// smooth texture without column structure (a periodic pattern's column means look like full-height curtains)
			for (int i = 0; i < p.length; i++) p[i] = (short) Math.round(20000 + 3000 * Math.sin((i % w) / 7.0) * Math.cos((i / w) / 9.0 + z) + r.nextGaussian() * 500 + c[i]);
			st.addSlice(new ShortProcessor(w, h, p, null));
		}
		ImagePlus in = new ImagePlus("partial", st);
		String table = stripesIdentical(in, true, "partial");
		assertTrue(table.contains("curtain_length"), "no curtain length chosen: " + table);
	}

	/** Remove Stripes streamed for every slab height gives the in-memory slices and stripe table; returns the table. */
	private String stripesIdentical(ImagePlus in, boolean auto, String what) {
		int[] k = { 0 };
		String[] table = new String[1];
		identical(() -> stripes(in, auto), c -> {
			c.streaming = "always";
			c.slab_slices = SLABS[k[0]++];
		}, c -> {
			String t = csv(c.stripes);
			if (table[0] == null) table[0] = t;
			assertEquals(table[0], t, "stripe energies");
			return c.destriped;
		}, what);
		return table[0];
	}

	static AlignStackCommand align(ImagePlus a, ImagePlus b, String file) {
		AlignStackCommand c = new AlignStackCommand();
		c.stack = a;
		c.second = b;
		c.canvas = "expand";
		c.transformation = "rigid";
		c.transform_file = file;
		c.streaming = "never";
		return c;
	}

	@Test
	void alignStackAppliesALoadedDriftStreamedIdentically() {
		ImagePlus a = grey("bse", 3), b = grey("se", 4);
		String msr = tmp.resolve("drift-msr.txt").toString();
		AlignStackCommand est = align(a, b, "");
		est.save_multistackreg = msr;
		est.run();
		for (boolean second : new boolean[] { true, false }) {
			int[] k = { 0 };
			String[] table = new String[1];
			ImagePlus[] sec = new ImagePlus[1];
			identical(() -> align(a, second ? b : null, msr), c -> {
				c.streaming = "always";
				c.slab_slices = SLABS[k[0]++];
			}, c -> {
				String t = csv(c.drift);
				if (table[0] == null) table[0] = t;
				assertEquals(table[0], t, "drift table with ncc");
				if (second && sec[0] == null) sec[0] = c.second_aligned;
				else if (second) assertSameVoxels(sec[0], c.second_aligned, "second stack");
				return c.aligned;
			}, "align" + second);
		}
		AlignStackCommand c = align(a, b, "");
		c.streaming = "always";
		c.output_dir = tmp.resolve("estimate").toString();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::run);
		assertTrue(e.getMessage().contains("apply step only"), e.getMessage());
		AlignStackCommand x = align(a, b, msr);
		x.streaming = "always";
		x.slab_slices = 2;
		cancelLeavesNothing(x);
	}

	static ThresholdThreePhasesCommand threshold(ImagePlus bse, ImagePlus se, boolean majority) {
		ThresholdThreePhasesCommand c = new ThresholdThreePhasesCommand();
		c.bse = bse;
		c.se = se;
		c.smoothing = 0.06;
		c.majority_filter = majority;
		c.streaming = "never";
		return c;
	}

	@Test
	void thresholdThreePhasesStreamedIsIdenticalWithAndWithoutSeAndMajority() {
		ImagePlus bse = grey("bse", 5), se = grey("se", 6);
		for (ImagePlus s : new ImagePlus[] { se, null })
			for (boolean maj : new boolean[] { true, false }) {
				int[] k = { 0 };
				String[] table = new String[1];
				identical(() -> threshold(bse, s, maj), c -> {
					c.streaming = "always";
					c.slab_slices = SLABS[k[0]++];
				}, c -> {
					String t = csv(c.summary);
					if (table[0] == null) table[0] = t;
					assertEquals(table[0], t, "thresholds and counts");
					return c.phase_labels;
				}, "threshold" + (s != null) + maj);
			}
		ThresholdThreePhasesCommand c = threshold(bse, se, true);
		c.streaming = "always";
		c.min_island = 5;
		c.output_dir = tmp.resolve("islands").toString();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::run);
		assertTrue(e.getMessage().contains("min_island=0"), e.getMessage());
		ThresholdThreePhasesCommand x = threshold(bse, se, true);
		x.streaming = "always";
		x.slab_slices = 2;
		cancelLeavesNothing(x);
	}

	/** A small 3D-feature classifier trained on BSE + SE of the phantom, scribbles on every 7th voxel of the grain pattern. */
	static Path classifier(Path dir, ImagePlus bse, ImagePlus se) throws Exception {
		int w = bse.getWidth(), h = bse.getHeight(), d = bse.getStackSize();
		net.imglib2.img.planar.PlanarImg<net.imglib2.type.numeric.integer.UnsignedByteType, ?> scr = net.imglib2.img.planar.PlanarImgs.unsignedBytes(w, h, d);
		for (int z = 0; z < d; z++) {
			byte[] p = (byte[]) org.cathodej.image.Slices.planeArray(scr, z);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if ((x + 3 * y + z) % 7 == 0) p[y * w + x] = (byte) ((x / 5 + y / 4 + z) % 3 + 1);
		}
		org.cathodej.segment.forest.RandomForest.Params rp = new org.cathodej.segment.forest.RandomForest.Params();
		rp.trees = 6;
		org.cathodej.segment.features.FeatureSettings fs = new org.cathodej.segment.features.FeatureSettings(true, new double[] { 0.05, 0.1 }, "micron",
			org.cathodej.segment.features.FeatureSettings.DEFAULT_FAMILIES, 2);
		org.cathodej.segment.PixelClassifier c = org.cathodej.segment.PixelClassifier.train(java.util.Arrays.asList(org.cathodej.imagej.Volumes.real(bse),
			org.cathodej.imagej.Volumes.real(se)), scr, new int[] { 1, 2, 3 }, org.cathodej.imagej.Volumes.voxelSize(bse), fs, rp, 7, 64L << 20, 2, Progress.NONE);
		Path f = dir.resolve("phantom.classifier");
		c.save(f);
		return f;
	}

	static ApplyPixelClassifierCommand classify(ImagePlus bse, ImagePlus se, Path file, double smoothing, boolean keep) {
		ApplyPixelClassifierCommand c = new ApplyPixelClassifierCommand();
		c.bse = bse;
		c.se = se;
		c.classifier_file = file.toString();
		c.smoothing = smoothing;
		c.keep_training_proportions = keep;
		c.memory_mb = 16; // several feature slabs
		c.streaming = "never";
		return c;
	}

	@Test
	void applyPixelClassifierStreamedIsIdentical() throws Exception {
		ImagePlus bse = grey("bse", 7), se = grey("se", 8);
		Path file = classifier(tmp, bse, se);
		for (boolean keep : new boolean[] { false, true }) {
			int[] k = { 0 };
			String[] table = new String[1];
			identical(() -> classify(bse, se, file, keep ? 0 : 1.2, keep), c -> {
				c.streaming = "always";
				c.slab_slices = SLABS[k[0]++];
			}, c -> {
				String t = csv(c.fractions);
				if (table[0] == null) table[0] = t;
				assertEquals(table[0], t, "fractions and priors");
				return c.phase_labels;
			}, "classify" + keep);
		}
		try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(tmp)) {
			all.forEach(f -> assertFalse(f.toString().endsWith(".tmp") || f.toString().endsWith(".partial"), "intermediate left: " + f));
		}
		ApplyPixelClassifierCommand x = classify(bse, se, file, 0, false);
		x.streaming = "always";
		x.slab_slices = 2;
		cancelLeavesNothing(x);
	}

	/** From the command line a slice folder streams by itself; the output folder gets its provenance sidecar beside it. */
	@Test
	void commandLineStreamsAFolderAndWritesTheSidecar() throws Exception {
		ImagePlus in = grey("bse", 9);
		Path tif = tmp.resolve("bse.tif"), folder = tmp.resolve("bse");
		ij.IJ.saveAsTiff(in, tif.toString());
		try (TiffSliceWriter w = new TiffSliceWriter(folder.toFile(), "bse", in.getWidth(), in.getHeight(), in.getStackSize(),
			org.cathodej.imagej.Volumes.voxelSize(in), false)) {
			for (int z = 0; z < in.getStackSize(); z++) w.write(z, in.getStack().getPixels(z + 1));
			w.commit();
		}
		Path mem = tmp.resolve("mem"), str = tmp.resolve("streamed");
		StreamingCommandsTest.cli("correct_illumination", tif.toString(), "sigma=0.3", "streaming=never", "--out", mem.toString());
		StreamingCommandsTest.cli("correct_illumination", folder.toString(), "sigma=0.3", "slab_slices=3", "--out", str.toString());
		Path out = str.resolve("bse-illum");
		assertTrue(out.toFile().isDirectory(), String.join(", ", str.toFile().list()));
		String side = new String(java.nio.file.Files.readAllBytes(str.resolve("bse-illum.json")), java.nio.charset.StandardCharsets.UTF_8);
		assertTrue(side.contains("\"file\": \"bse-illum\"") && side.contains("slab by slab"), side);
		assertFalse(str.resolve("correct_illumination_corrected.tif").toFile().exists());
		ImagePlus expected = ij.IJ.openImage(mem.resolve("correct_illumination_corrected.tif").toString());
		org.cathodej.imagej.TiffFolderSource got = new org.cathodej.imagej.TiffFolderSource(out.toFile(), null);
		Object[] planes = got.readPlanes(0, got.depth());
		for (int z = 0; z < planes.length; z++) assertArrayEquals((short[]) expected.getStack().getPixels(z + 1), (short[]) planes[z], "slice " + z);
	}
}
