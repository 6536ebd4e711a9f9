package org.cathodej.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.cathodej.distance.EuclideanDistance;
import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.pores.LocalThickness;
import org.cathodej.pores.PoreAnalysis;
import org.cathodej.task.Progress;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.util.Fraction;

/**
 * Pores and Voids: exact distance transform, local thickness of the pore space, and the whole pore analysis, on a
 * random three-phase volume (ISE matrix, CAM balls, overlapping pore balls of radius 2-12 voxels, ~30 % pore).
 */
public final class PoresBench implements BenchCase {

	@Override
	public String name() { return "pores"; }

	@Override
	public String[] defaultSizes() { return new String[] { "128", "256" }; }

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		PlanarImg<UnsignedByteType, ByteArray> img = phantom(size[0], size[1], size[2], 0.30, 42);
		VoxelSize vs = new VoxelSize(1, 1, 1, "um");
		long c0 = cpu();
		out.time(name(), "edt", size, threads,
			() -> EuclideanDistance.squared(img, v -> v == 0, vs, Edge.BACKGROUND, threads, Progress.NONE), "pore space ~30%");
		long c1 = cpu();
		LocalThickness.Result lt = out.time(name(), "local_thickness", size, threads,
			() -> LocalThickness.compute(img, v -> v == 0, vs, Edge.BACKGROUND, threads, Progress.NONE), "pore space ~30%");
		long c2 = cpu();
		out.time(name(), "pore_analysis", size, threads, () -> PoreAnalysis.run(img, PhaseLabels.defaults(), vs,
			new PoreAnalysis.Options(), threads, Progress.NONE), "all outputs incl. local thickness");
		long c3 = cpu();
		// coarse pores: radius 8-32 voxels, ~50 % pore space (painting cost grows with the ball size)
		PlanarImg<UnsignedByteType, ByteArray> coarse = phantom(size[0], size[1], size[2], 0.5, 43, 8, 25);
		long c4 = cpu();
		LocalThickness.Result ltc = out.time(name(), "local_thickness_coarse", size, threads,
			() -> LocalThickness.compute(coarse, v -> v == 0, vs, Edge.BACKGROUND, threads, Progress.NONE), "pore space ~50%; radii 8-32");
		System.out.printf(java.util.Locale.ROOT, "# coarse: CPU s %.2f, pore voxels %d, ridge voxels %d, max thickness %.2f%n",
			(cpu() - c4) / 1e9, ltc.phaseVoxels, ltc.ridgeVoxels, ltc.max);
		System.out.printf(java.util.Locale.ROOT, "# %d threads: process CPU s (incl. GC/JIT): edt %.2f, local_thickness %.2f, pore_analysis %.2f;"
			+ " pore voxels %d, ridge voxels %d, max thickness %.2f%n", threads, (c1 - c0) / 1e9, (c2 - c1) / 1e9, (c3 - c2) / 1e9,
			lt.phaseVoxels, lt.ridgeVoxels, lt.max);
	}

	private static long cpu() {
		java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
	}

	/** Labels 0 pore, 1 CAM, 2 ISE: ISE matrix, CAM balls (~35 %), then pore balls until {@code poreFraction}. */
	public static PlanarImg<UnsignedByteType, ByteArray> phantom(int w, int h, int d, double poreFraction, long seed) {
		return phantom(w, h, d, poreFraction, seed, 2, 11);
	}

	/** Like {@link #phantom(int, int, int, double, long)} with pore radii in [minRadius, minRadius + radiusRange). */
	public static PlanarImg<UnsignedByteType, ByteArray> phantom(int w, int h, int d, double poreFraction, long seed, int minRadius,
		int radiusRange) {
		List<ByteArray> planes = new ArrayList<>();
		byte[][] a = new byte[d][w * h];
		for (int z = 0; z < d; z++) {
			java.util.Arrays.fill(a[z], (byte) 2);
			planes.add(new ByteArray(a[z]));
		}
		SplittableRandom r = new SplittableRandom(seed);
		long n = (long) w * h * d;
		long cam = 0, pore = 0;
		while (cam < 0.35 * n) cam += ball(a, w, h, d, r.nextInt(w), r.nextInt(h), r.nextInt(d), 6 + r.nextInt(12), (byte) 1, (byte) 2);
		while (pore < poreFraction * n) {
			int rad = minRadius + r.nextInt(radiusRange);
			pore += ball(a, w, h, d, r.nextInt(w), r.nextInt(h), r.nextInt(d), rad, (byte) 0, (byte) -1);
		}
		PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, new long[] { w, h, d }, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	/** Sets voxels within rad to {@code v} (only where the old value is {@code only}, or anywhere if only < 0 and not v). */
	private static long ball(byte[][] a, int w, int h, int d, int cx, int cy, int cz, int rad, byte v, byte only) {
		long changed = 0;
		for (int z = Math.max(0, cz - rad); z <= Math.min(d - 1, cz + rad); z++)
			for (int y = Math.max(0, cy - rad); y <= Math.min(h - 1, cy + rad); y++)
				for (int x = Math.max(0, cx - rad); x <= Math.min(w - 1, cx + rad); x++) {
					int dx = x - cx, dy = y - cy, dz = z - cz;
					if (dx * dx + dy * dy + dz * dz > rad * rad) continue;
					byte old = a[z][y * w + x];
					if (old == v || (only >= 0 && old != only)) continue;
					a[z][y * w + x] = v;
					changed++;
				}
		return changed;
	}
}
