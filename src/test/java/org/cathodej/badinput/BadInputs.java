package org.cathodej.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ColorProcessor;

/**
 * Small input files for the bad-input suite, made once into one folder (which the suite checks is never changed):
 * label volumes of every awkward kind, grey stacks with NaN, infinities or no contrast, damaged files, classifiers.
 * Each is named; rows refer to them as {name}.
 */
final class BadInputs {

	static final int W = 20, H = 18, D = 12;

	final Path dir;
	final Map<String, Path> files = new LinkedHashMap<>();

	BadInputs(Path dir) throws IOException {
		this.dir = Files.createDirectories(dir);
		labels();
		grey();
		damaged();
	}

	Path get(String name) {
		Path p = files.get(name);
		if (p == null) throw new IllegalArgumentException("no input " + name);
		return p;
	}

	/** Phase 0/1/2 of a smooth deterministic pattern (pore ~15 %, CAM ~35 %, ISE the rest). */
	static int phase(int x, int y, int z) {
		double v = Math.sin(x * 0.7) + Math.sin(y * 0.55 + 1) + Math.sin(z * 0.6 + 2);
		return v < -1.2 ? 0 : v > 0.5 ? 1 : 2;
	}

	private void labels() {
		save("labels", labelImage(W, H, D, i -> i), cal(0.1, 0.1, 0.2, "µm"));
		save("labels16", sixteen(i -> i), cal(0.1, 0.1, 0.2, "µm"));
		ImagePlus signed = sixteen(i -> i + 32768);
		Calibration sc = cal(0.1, 0.1, 0.2, "µm");
		sc.setSigned16BitCalibration();
		save("labels_signed16", signed, sc);
		save("labels_float", new ImagePlus("float", labelImage(W, H, D, i -> i).getStack().convertToFloat()), cal(0.1, 0.1, 0.2, "µm"));
		save("labels_2d", labelImage(W, H, 1, i -> i), cal(0.1, 0.1, 0.2, "µm"));
		save("labels_thin_x", labelImage(1, H, D, i -> i), cal(0.1, 0.1, 0.2, "µm"));
		save("labels_no_cam", labelImage(W, H, D, i -> i == 1 ? 2 : i), cal(0.1, 0.1, 0.2, "µm"));
		save("labels_no_pore", labelImage(W, H, D, i -> i == 0 ? 2 : i), cal(0.1, 0.1, 0.2, "µm"));
		save("labels_ise_only", labelImage(W, H, D, i -> 2), cal(0.1, 0.1, 0.2, "µm"));
		save("labels_other", labelImage(W, H, D, i -> i == 2 ? 7 : i), cal(0.1, 0.1, 0.2, "µm"));
		save("labels_aniso", labelImage(W, H, D, i -> i), cal(0.05, 0.1, 0.4, "µm"));
		save("labels_uncal", labelImage(W, H, D, i -> i), new Calibration());
		save("labels_small", labelImage(W, H, D - 2, i -> i), cal(0.1, 0.1, 0.2, "µm"));
		ImagePlus ch = labelImage(W, H, D, i -> i);
		ch.setDimensions(2, D / 2, 1);
		ch.setOpenAsHyperStack(true);
		save("labels_channels", ch, cal(0.1, 0.1, 0.2, "µm"));
		ImagePlus fr = labelImage(W, H, D, i -> i);
		fr.setDimensions(1, D / 3, 3);
		fr.setOpenAsHyperStack(true);
		save("labels_frames", fr, cal(0.1, 0.1, 0.2, "µm"));
		ImageStack rgb = new ImageStack(W, H);
		for (int z = 0; z < D; z++) rgb.addSlice(new ColorProcessor(W, H));
		save("rgb", new ImagePlus("rgb", rgb), cal(0.1, 0.1, 0.2, "µm"));
		save("scribbles", labelImage(W, H, D, i -> i + 1), cal(0.1, 0.1, 0.2, "µm"));
		try {
			Path odd = Files.createDirectories(dir.resolve("my samples/échantillon ü"));
			Files.copy(get("labels"), odd.resolve("coupe Ø 1.tif"));
			files.put("labels_unicode", odd.resolve("coupe Ø 1.tif"));
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private void grey() {
		save("bse", greyImage(0, W, H, D, Float.NaN, 0), cal(0.1, 0.1, 0.2, "µm"));
		save("se", greyImage(1, W, H, D, Float.NaN, 0), cal(0.1, 0.1, 0.2, "µm"));
		save("bse_nan", greyImage(0, W, H, D, Float.NaN, 6), cal(0.1, 0.1, 0.2, "µm"));
		save("bse_inf", greyImage(0, W, H, D, Float.POSITIVE_INFINITY, 3), cal(0.1, 0.1, 0.2, "µm"));
		save("se_nan", greyImage(1, W, H, D, Float.NaN, 2), cal(0.1, 0.1, 0.2, "µm"));
		save("bse_small", greyImage(0, W, H, D - 2, Float.NaN, 0), cal(0.1, 0.1, 0.2, "µm"));
		save("bse_2d", greyImage(0, W, H, 1, Float.NaN, 0), cal(0.1, 0.1, 0.2, "µm"));
		ImageStack c = new ImageStack(W, H);
		for (int z = 0; z < D; z++) {
			float[] a = new float[W * H];
			Arrays.fill(a, 1000f);
			c.addSlice("", a);
		}
		save("grey_constant", new ImagePlus("constant", c), cal(0.1, 0.1, 0.2, "µm"));
	}

	private void damaged() throws IOException {
		byte[] tif = Files.readAllBytes(get("labels"));
		files.put("truncated", Files.write(dir.resolve("truncated.tif"), Arrays.copyOf(tif, (int) (tif.length * 0.6))));
		files.put("empty", Files.write(dir.resolve("empty.tif"), new byte[0]));
		files.put("not_tiff", Files.write(dir.resolve("notes.tif"), "these are notes, not an image\n".getBytes(StandardCharsets.UTF_8)));
		files.put("missing", dir.resolve("no such file.tif"));
		files.put("a_file", Files.write(dir.resolve("plain-file.txt"), "a regular file\n".getBytes(StandardCharsets.UTF_8)));
	}

	/** Adds a file made elsewhere (classifiers, sample tables) to the checked folder. */
	Path put(String name, String fileName, byte[] content) throws IOException {
		Path p = dir.resolve(fileName);
		Files.createDirectories(p.getParent());
		Files.write(p, content);
		files.put(name, p);
		return p;
	}

	static ImagePlus labelImage(int w, int h, int d, IntUnaryOperator map) {
		ImageStack s = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			byte[] a = new byte[w * h];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) a[y * w + x] = (byte) Math.min(255, map.applyAsInt(phase(x, y, z)));
			s.addSlice("", a);
		}
		return new ImagePlus("labels", s);
	}

	/** A 16-bit label image with {@code map} applied to the phase (values up to 65535). */
	static ImagePlus sixteen(IntUnaryOperator map) {
		ImageStack s = new ImageStack(W, H);
		for (int z = 0; z < D; z++) {
			short[] a = new short[W * H];
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) a[y * W + x] = (short) map.applyAsInt(phase(x, y, z));
			s.addSlice("", a);
		}
		return new ImagePlus("labels16", s);
	}

	/** A rendered-looking 32-bit BSE (channel 0) or SE (1) stack, seeded noise; {@code bad} put into slice {@code badSlice} (1-based). */
	static ImagePlus greyImage(int channel, int w, int h, int d, float bad, int badSlice) {
		float[][] level = { { 6000, 46000, 26000 }, { 30000, 12000, 14000 } };
		SplittableRandom rnd = new SplittableRandom(7 + channel);
		ImageStack s = new ImageStack(w, h);
		for (int z = 0; z < d; z++) {
			float[] a = new float[w * h];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) a[y * w + x] = level[channel][phase(x, y, z)] + (float) (rnd.nextDouble() - 0.5) * 3000;
			if (z + 1 == badSlice) a[w * 3 + 4] = bad;
			s.addSlice("", a);
		}
		return new ImagePlus(channel == 0 ? "bse" : "se", s);
	}

	static Calibration cal(double x, double y, double z, String unit) {
		Calibration c = new Calibration();
		c.pixelWidth = x;
		c.pixelHeight = y;
		c.pixelDepth = z;
		c.setUnit(unit);
		return c;
	}

	private void save(String name, ImagePlus imp, Calibration c) {
		imp.setTitle(name + ".tif");
		imp.setCalibration(c);
		Path p = dir.resolve(name + ".tif");
		boolean ok = imp.getStackSize() > 1 ? new FileSaver(imp).saveAsTiffStack(p.toString()) : new FileSaver(imp).saveAsTiff(p.toString());
		assertTrue(ok, "could not write " + p);
		files.put(name, p);
	}

	/** Checks that the awkward files read back as the awkward kinds they are meant to be. */
	void checkKinds() {
		assertTrue(IJ.openImage(get("labels_signed16").toString()).getCalibration().isSigned16Bit(), "signed 16-bit");
		assertEquals(2, IJ.openImage(get("labels_channels").toString()).getNChannels(), "channels");
		assertEquals(3, IJ.openImage(get("labels_frames").toString()).getNFrames(), "frames");
		assertEquals(32, IJ.openImage(get("labels_float").toString()).getBitDepth(), "float");
		assertEquals(24, IJ.openImage(get("rgb").toString()).getBitDepth(), "rgb");
	}
}
