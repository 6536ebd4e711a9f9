package org.cathodej.align;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cathodej.filter.Interpolate;
import org.cathodej.image.Slices;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;

class DriftFilesTest {

	@TempDir
	Path tmp;

	@Test
	void savedTransformsReproduceTheAlignmentBitForBit() throws Exception {
		FibSemRenderer.Result r = StackAlignerTest.drifted(96, 80, 6, 1.3, 0.5, 21);
		for (DriftTable.Type type : DriftTable.Type.values())
			for (Canvas.Mode mode : Canvas.Mode.values())
				for (Interpolate.Method m : Interpolate.Method.values()) {
					StackAligner.Params p = new StackAligner.Params();
					p.transform = type;
					p.canvas = mode;
					p.interpolation = m;
					p.fill = 123;
					p.threads = 2;
					StackAligner.Result a = StackAligner.align(StackAlignerTest.real(r.bse), p, Progress.NONE);
					Path csv = tmp.resolve("drift.csv"), msr = tmp.resolve("TransformationMatrices.txt");
					a.drift.writeCsv(csv);
					a.drift.writeMultiStackReg(msr);
					// a copy of the stack: different arrays, same pixels
					PlanarImg<?, ?> copy = PlanarImgs.unsignedShorts(96, 80, 6);
					for (int z = 0; z < 6; z++)
						System.arraycopy(Slices.planeArray(r.bse, z), 0, Slices.planeArray(copy, z), 0, 96 * 80);
					for (DriftTable t : new DriftTable[] { DriftTable.read(csv, 96, 80), DriftTable.read(msr, 96, 80) }) {
						Canvas c = Canvas.of(mode, t.globals(), 96, 80);
						PlanarImg<?, ?> again = TransformApplier.apply(StackAlignerTest.real(copy), t, c, m, 123, 1, Progress.NONE);
						assertEquals(a.canvas.toString(), c.toString());
						for (int z = 0; z < 6; z++)
							assertArrayEquals((short[]) Slices.planeArray(a.aligned, z), (short[]) Slices.planeArray(again, z),
								type + " " + mode + " " + m + " slice " + z);
					}
				}
	}

	@Test
	void multiStackRegRoundTripAndFormat() throws Exception {
		int w = 101, h = 77;
		double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
		RigidTransform[] g = new RigidTransform[4];
		g[0] = RigidTransform.IDENTITY;
		g[1] = RigidTransform.of(1.25, -0.5, 0.3, cx, cy);
		g[2] = RigidTransform.of(-2.75, 3.125, -0.7, cx, cy);
		g[3] = RigidTransform.of(0.1, 0.2, 1.1, cx, cy);
		DriftTable t = new DriftTable(w, h, DriftTable.Type.RIGID_BODY, g, null);
		Path f = tmp.resolve("m.txt");
		t.writeMultiStackReg(f);
		String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
		String[] lines = text.split("\n", -1);
		assertEquals("MultiStackReg Transformation File", lines[0]);
		assertEquals("File Version 1.0", lines[1]);
		assertEquals("0", lines[2]);
		assertEquals("RIGID_BODY", lines[3]);
		assertEquals("Source img: 2 Target img: 1", lines[4]);
		assertEquals("50.0\t38.0", lines[9], "first target landmark = (w/2, h/2) in integer arithmetic");
		assertEquals("50.0\t19.0", lines[10]);
		assertEquals("50.0\t57.0", lines[11]);
		assertEquals(3 + 3 * 10, lines.length - 1, "10 lines per slice after the 3 header lines");
		DriftTable back = DriftTable.readMultiStackReg(f, w, h);
		for (int z = 0; z < 4; z++) {
			assertEquals(t.cumDx(z), back.cumDx(z), 1e-9);
			assertEquals(t.cumDy(z), back.cumDy(z), 1e-9);
			assertEquals(t.cumAngleDeg(z), back.cumAngleDeg(z), 1e-9);
		}
		// a snapped table survives the round trip exactly
		DriftTable s = t.snapped();
		s.writeMultiStackReg(f);
		DriftTable s2 = DriftTable.readMultiStackReg(f, w, h);
		for (int z = 0; z < 4; z++) assertEquals(s.global(z).toString(), s2.global(z).toString());
	}

	@Test
	void readsAMultiStackRegFileWithAnAnchorInTheMiddle() throws Exception {
		// anchor slice 2 of 3: MultiStackReg writes slice 1 (relative to 2) and then slice 3 (relative to 2)
		String text = "MultiStackReg Transformation File\nFile Version 1.0\n0\n"
			+ "TRANSLATION\nSource img: 1 Target img: 2\n52.0\t37.5\n0.0\t0.0\n0.0\t0.0\n\n50.0\t40.0\n0.0\t0.0\n0.0\t0.0\n\n"
			+ "TRANSLATION\nSource img: 3 Target img: 2\n49.0\t41.0\n0.0\t0.0\n0.0\t0.0\n\n50.0\t40.0\n0.0\t0.0\n0.0\t0.0\n\n";
		Path f = tmp.resolve("mid.txt");
		Files.write(f, text.getBytes(StandardCharsets.UTF_8));
		DriftTable t = DriftTable.readMultiStackReg(f, 100, 80);
		assertEquals(3, t.slices());
		assertEquals(2, t.cumDx(0), 1e-12);
		assertEquals(-2.5, t.cumDy(0), 1e-12);
		assertEquals(0, t.cumDx(1), 1e-12);
		assertEquals(-1, t.cumDx(2), 1e-12);
		assertEquals(1, t.cumDy(2), 1e-12);
	}

	@Test
	void csvRoundTripWithoutMatrixColumns() throws Exception {
		Path f = tmp.resolve("plain.csv");
		Files.write(f, "slice,cum_dx,cum_dy,cum_angle_deg\n1,0,0,0\n2,1.5,-2,0.25\n".getBytes(StandardCharsets.UTF_8));
		DriftTable t = DriftTable.readCsv(f, 64, 64);
		assertEquals(1.5, t.cumDx(1), 1e-12);
		assertEquals(-2, t.cumDy(1), 1e-12);
		assertEquals(0.25, t.cumAngleDeg(1), 1e-12);
		assertEquals(DriftTable.Type.RIGID_BODY, t.type());
	}

	@Test
	void badInput() {
		PlanarImg<?, ?> one = PlanarImgs.unsignedShorts(64, 64, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> StackAligner.estimate(StackAlignerTest.real(one), new StackAligner.Params(), Progress.NONE));
		assertTrue(e.getMessage().contains("single slice"), e.getMessage());
		PlanarImg<?, ?> stack = PlanarImgs.unsignedShorts(64, 64, 3);
		DriftTable t = new DriftTable(64, 48, DriftTable.Type.TRANSLATION,
			new RigidTransform[] { RigidTransform.IDENTITY, RigidTransform.IDENTITY, RigidTransform.IDENTITY }, null);
		e = assertThrows(IllegalArgumentException.class, () -> TransformApplier.apply(StackAlignerTest.real(stack), t,
			new Canvas(0, 0, 64, 64), Interpolate.Method.BILINEAR, 0, 1, Progress.NONE));
		assertTrue(e.getMessage().contains("64x48"), e.getMessage());
		StackAligner.Params p = new StackAligner.Params();
		p.roi = new int[] { 50, 50, 40, 40 };
		e = assertThrows(IllegalArgumentException.class, () -> StackAligner.estimate(StackAlignerTest.real(stack), p, Progress.NONE));
		assertTrue(e.getMessage().contains("inside"), e.getMessage());
	}

	@Test
	void cropCanvasHasNoFillAndExpandHoldsEverySlice() {
		double cx = 49.5, cy = 39.5;
		RigidTransform[] g = { RigidTransform.IDENTITY, RigidTransform.of(3.4, -2.2, 0, cx, cy), RigidTransform.of(-1.6, 4.7, 0.8, cx, cy) };
		Canvas crop = Canvas.of(Canvas.Mode.CROP, g, 100, 80);
		for (RigidTransform t : g)
			for (boolean b : TransformApplier.coverage(100, 80, t, crop)) assertTrue(b);
		assertTrue(crop.width <= 100 - 5 && crop.width >= 100 - 5 - 4 && crop.height <= 80 - 6, crop.toString());
		Canvas ex = Canvas.of(Canvas.Mode.EXPAND, g, 100, 80);
		assertTrue(ex.width >= 105 && ex.height >= 86, ex.toString());
		for (RigidTransform t : g) {
			int n = 0;
			for (boolean b : TransformApplier.coverage(100, 80, t, ex)) n += b ? 1 : 0;
			assertTrue(n >= 100 * 80 - 200, "each slice lands whole on the expanded canvas: " + n);
		}
	}

	@Test
	void translationFastPathAgreesWithGenericSampling() {
		java.util.Random r = new java.util.Random(9);
		int w = 40, h = 30;
		float[] src = new float[w * h];
		for (int i = 0; i < src.length; i++) src[i] = (float) r.nextGaussian() * 100;
		for (Interpolate.Method m : Interpolate.Method.values())
			for (double[] t : new double[][] { { 0.3, -1.7 }, { -2.25, 0.5 }, { 5.9, 3.1 } }) {
				RigidTransform g = new RigidTransform(1, 0, t[0], 0, 1, t[1]);
				Canvas c = new Canvas(-3, 2, 45, 25);
				float[] fast = TransformApplier.resample(src, w, h, g, c, m, -1);
				for (int y = 0; y < c.height; y++)
					for (int x = 0; x < c.width; x++)
						assertEquals(Interpolate.sample(src, w, h, x + c.x0 + t[0], y + c.y0 + t[1], m, -1), fast[y * c.width + x], 1e-3, m + " " + x + "," + y);
			}
	}
}
