package org.cathodej.surface;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.GeometryCounts.Estimator;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * The lewiner and lorensen marching-cubes variants against scikit-image (python3-skimage, run by the system
 * python3): every configuration's area, and every phase area and Eq. 1 interface of seeded three-phase volumes,
 * cubic and anisotropic voxels. On CI (CI=true) a missing scikit-image fails the test; elsewhere it is skipped.
 */
class SkimageCrossCheckTest {

	static final String PYTHON = System.getenv().getOrDefault("CATHODEJ_PYTHON", "/usr/bin/python3");
	static final MarchingCubesVariant[] VARIANTS = { MarchingCubesVariant.LEWINER, MarchingCubesVariant.LORENSEN };

	@TempDir
	Path tmp;

	@BeforeAll
	static void needSkimage() throws Exception {
		boolean ok;
		try {
			Process p = new ProcessBuilder(PYTHON, "-c", "import skimage.measure").redirectErrorStream(true).start();
			ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
		} catch (IOException e) {
			ok = false;
		}
		String msg = "scikit-image is not importable by " + PYTHON + " (apt-get install python3-skimage, or set CATHODEJ_PYTHON)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) assertTrue(ok, msg);
		Assumptions.assumeTrue(ok, msg + "; skipped outside CI");
	}

	@Test
	void everyConfigurationHasScikitImagesArea() throws Exception {
		double[] s = { 0.9, 1.3, 0.6 };
		Map<String, Double> ref = run("configs", str(s[0]), str(s[1]), str(s[2]));
		for (MarchingCubesVariant v : VARIANTS) {
			double[] t = v.table(s[0], s[1], s[2]);
			for (int c = 0; c < 256; c++) {
				double e = ref.get(v.key + " " + c);
				assertEquals(e, t[c], 1e-9 * Math.max(1, e), v.key + " configuration " + c);
			}
		}
	}

	@Test
	void threePhaseVolumesEqualScikitImage() throws Exception {
		double worst = 0;
		worst = Math.max(worst, compare(balls(40, 36, 30, 11), new VoxelSize(1, 1, 1, "um")));
		worst = Math.max(worst, compare(balls(40, 36, 30, 12), new VoxelSize(0.5, 0.7, 1.3, "um")));
		worst = Math.max(worst, compare(TestVolumes.random(22, 20, 18, 3, 13), new VoxelSize(1.2, 0.8, 2.0, "um")));
		worst = Math.max(worst, compare(TestVolumes.random(21, 19, 17, 3, 14), new VoxelSize(1, 1, 1, "um")));
		System.out.printf("lewiner/lorensen vs scikit-image: largest relative difference %.2e%n", worst);
	}

	/** Largest relative difference over phases and interfaces of both variants; asserts each within 1e-5. */
	private double compare(PlanarImg<UnsignedByteType, ByteArray> img, VoxelSize vs) throws Exception {
		int w = (int) img.dimension(0), h = (int) img.dimension(1), d = (int) img.dimension(2);
		Path raw = tmp.resolve("labels_" + System.nanoTime() + ".raw");
		byte[] all = new byte[w * h * d];
		for (int z = 0; z < d; z++) System.arraycopy(img.getPlane(z).getCurrentStorageArray(), 0, all, z * w * h, w * h);
		Files.write(raw, all);
		Map<String, Double> ref = run("volume", raw.toString(), "" + w, "" + h, "" + d, str(vs.x()), str(vs.y()), str(vs.z()), "0", "1", "2");
		double worst = 0;
		for (MarchingCubesVariant v : VARIANTS) {
			PhaseSurfaces ps = PhaseSurfaces.measure(img, PhaseLabels.defaults(), vs, v, 2, Progress.NONE);
			int mc = Estimator.MARCHING_CUBES.ordinal();
			double[] s = new double[3];
			for (int p = 0; p < 3; p++) {
				s[p] = ref.get(v.key + " " + p);
				assertTrue(s[p] > 0, "test volume lacks phase " + p);
				worst = Math.max(worst, check(s[p], ps.surface[p][mc], v.key + " phase " + p + " at " + vs));
			}
			for (int q = 0; q < 3; q++) {
				int a = PhaseSurfaces.PAIRS[q][0], b = PhaseSurfaces.PAIRS[q][1], c = 3 - a - b;
				double eq1 = 0.5 * (s[a] + s[b] - s[c]);
				worst = Math.max(worst, check(eq1, ps.interfaceArea[q][mc], v.key + " interface " + a + "-" + b + " at " + vs));
			}
		}
		return worst;
	}

	private static double check(double expected, double actual, String what) {
		double rel = Math.abs(actual - expected) / Math.abs(expected);
		assertTrue(rel <= 1e-5, what + ": CathodeJ " + actual + ", scikit-image " + expected);
		return rel;
	}

	/** Seeded three phases: ISE (2) background, CAM (1) balls of radius 4.5, pore (0) balls of radius 2. */
	static PlanarImg<UnsignedByteType, ByteArray> balls(int w, int h, int d, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		List<double[]> cam = new ArrayList<>(), pore = new ArrayList<>();
		for (int i = 0; i < w * h * d / 300; i++) cam.add(new double[] { r.nextDouble() * w, r.nextDouble() * h, r.nextDouble() * d });
		for (int i = 0; i < w * h * d / 150; i++) pore.add(new double[] { r.nextDouble() * w, r.nextDouble() * h, r.nextDouble() * d });
		return TestVolumes.of(w, h, d, (x, y, z) -> inAny(pore, x, y, z, 2) ? 0 : inAny(cam, x, y, z, 4.5) ? 1 : 2);
	}

	private static boolean inAny(List<double[]> centres, int x, int y, int z, double rad) {
		for (double[] c : centres) {
			double dx = x - c[0], dy = y - c[1], dz = z - c[2];
			if (dx * dx + dy * dy + dz * dz <= rad * rad) return true;
		}
		return false;
	}

	private Map<String, Double> run(String... args) throws Exception {
		Path script = tmp.resolve("skimage_areas.py");
		if (!Files.exists(script))
			try (InputStream in = getClass().getResourceAsStream("skimage_areas.py")) {
				Files.copy(in, script);
			}
		List<String> cmd = new ArrayList<>();
		cmd.add(PYTHON);
		cmd.add(script.toString());
		for (String a : args) cmd.add(a);
		Path out = tmp.resolve("out.txt"), err = tmp.resolve("err.txt");
		Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "scikit-image run timed out");
		assertEquals(0, p.exitValue(), () -> "scikit-image run failed: " + read(err));
		Map<String, Double> m = new HashMap<>();
		for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
			String[] f = line.trim().split(" ");
			if (f.length == 3) m.put(f[0] + " " + f[1], Double.parseDouble(f[2]));
		}
		return m;
	}

	private static String read(Path p) {
		try {
			return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
		} catch (IOException e) {
			return e.toString();
		}
	}

	private static String str(double v) {
		return Double.toString(v);
	}

}
