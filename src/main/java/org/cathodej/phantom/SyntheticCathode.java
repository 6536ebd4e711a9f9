package org.cathodej.phantom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;

/**
 * A composite-cathode phantom: CAM spheres randomly packed in ISE, pores carved from the ISE. Deterministic for a
 * seed. {@code clustering} moves the microstructure from a homogeneous packing (0: fine electrolyte, CAM spread
 * out, pores anywhere in the ISE) towards CAM agglomerates with large ISE domains between them and pores sitting
 * against the CAM (1: coarse electrolyte).
 */
public final class SyntheticCathode {

	/** Generator settings; lengths in the unit of the voxel size. */
	public static final class Params {
		public int width = 128, height = 128, depth = 128;
		public VoxelSize voxelSize = new VoxelSize(0.1, 0.1, 0.1, "\u00b5m");
		public double camFraction = 0.45;
		public double camRadius = 0.8, camRadiusSd = 0.2;
		/** Largest allowed overlap of two CAM spheres, as a fraction of the sum of their radii (0 = hard spheres). */
		public double overlap = 0.1;
		public double poreFraction = 0.08;
		public double poreRadius = 0.3;
		public double clustering = 0.0;
		public PhaseLabels labels = PhaseLabels.defaults();
		public long seed = 1;
	}

	/** The phantom and what was achieved (random packing may stop short of a dense target). */
	public static final class Result {
		public final LabelVolume volume;
		public final int camSpheres, poreBlobs;
		public final double camFraction, iseFraction, poreFraction;
		public final List<String> notes;

		Result(LabelVolume v, int cam, int pores, double fc, double fi, double fp, List<String> notes) {
			volume = v;
			camSpheres = cam;
			poreBlobs = pores;
			camFraction = fc;
			iseFraction = fi;
			poreFraction = fp;
			this.notes = notes;
		}
	}

	private SyntheticCathode() {}

	public static Result generate(Params p, Progress progress) {
		check(p);
		int cam = p.labels.cam(), ise = p.labels.ise(), pore = p.labels.pore();
		if (Math.max(cam, Math.max(ise, pore)) > 255) throw new IllegalArgumentException("Phantom labels must be 0..255");
		LabelVolume v = new LabelVolume(p.width, p.height, p.depth, p.voxelSize, ise);
		long total = v.voxels();
		SplittableRandom rnd = new SplittableRandom(p.seed);
		List<String> notes = new ArrayList<>();
		List<Sphere> spheres = new ArrayList<>();
		long camCount = packCam(p, v, rnd, spheres, notes, progress);
		long[] carved = carvePores(p, v, rnd, spheres, notes, progress);
		long poreCount = carved[0];
		progress.report(1, "done");
		long iseCount = total - camCount - poreCount;
		return new Result(v, spheres.size(), (int) carved[1], camCount / (double) total, iseCount / (double) total, poreCount / (double) total, notes);
	}

	/** Placement attempts in a row that may fail before packing or carving stops (jammed). */
	private static final int MAX_FAILURES = 20000;

	/**
	 * CAM: random sequential addition with an overlap limit; clustered spheres are placed touching an earlier one.
	 * Adds the spheres to {@code spheres}; returns the CAM voxels painted.
	 */
	private static long packCam(Params p, LabelVolume v, SplittableRandom rnd, List<Sphere> spheres, List<String> notes, Progress progress) {
		int cam = p.labels.cam();
		VoxelSize vs = p.voxelSize;
		double lx = p.width * vs.x(), ly = p.height * vs.y(), lz = p.depth * vs.z();
		long total = v.voxels();
		long camTarget = Math.round(p.camFraction * total), camCount = 0;
		double cell = 2 * (p.camRadius + 3 * p.camRadiusSd) + 1e-9;
		Map<Long, List<Sphere>> grid = new HashMap<>();
		int failures = 0;
		while (camCount < camTarget && failures < MAX_FAILURES) {
			double r = Math.max(0.5 * Math.min(vs.x(), Math.min(vs.y(), vs.z())), p.camRadius + p.camRadiusSd * gaussian(rnd));
			r = Math.min(r, p.camRadius + 3 * p.camRadiusSd);
			Sphere s;
			if (!spheres.isEmpty() && rnd.nextDouble() < p.clustering) {
				Sphere o = spheres.get(rnd.nextInt(spheres.size()));
				double[] u = unitVector(rnd);
				double dist = (1 - p.overlap * rnd.nextDouble()) * (o.r + r);
				s = new Sphere(o.x + u[0] * dist, o.y + u[1] * dist, o.z + u[2] * dist, r);
				if (s.x < 0 || s.y < 0 || s.z < 0 || s.x > lx || s.y > ly || s.z > lz) {
					failures++;
					continue;
				}
			} else {
				s = new Sphere(rnd.nextDouble() * lx, rnd.nextDouble() * ly, rnd.nextDouble() * lz, r);
			}
			if (!fits(s, grid, cell, p.overlap)) {
				failures++;
				continue;
			}
			failures = 0;
			spheres.add(s);
			grid.computeIfAbsent(key(s, cell), k -> new ArrayList<>()).add(s);
			camCount += v.paint(s, cam, null);
			if (spheres.size() % 64 == 0) {
				progress.checkCancelled();
				progress.report(0.8 * camCount / (double) camTarget, "packing CAM spheres");
			}
		}
		if (camCount < camTarget)
			notes.add(String.format(java.util.Locale.ROOT, "CAM packing stopped at %.3f of the %.3f asked (jammed at overlap %.2f)",
				camCount / (double) total, p.camFraction, p.overlap));

		return camCount;
	}

	/** Pores replace ISE only; clustered pores sit on CAM surfaces. Returns {pore voxels, pore blobs}. */
	private static long[] carvePores(Params p, LabelVolume v, SplittableRandom rnd, List<Sphere> spheres, List<String> notes, Progress progress) {
		int ise = p.labels.ise(), pore = p.labels.pore();
		VoxelSize vs = p.voxelSize;
		double lx = p.width * vs.x(), ly = p.height * vs.y(), lz = p.depth * vs.z();
		long total = v.voxels();
		long poreTarget = Math.round(p.poreFraction * total), poreCount = 0;
		int blobs = 0;
		int failures = 0;
		int[] onlyIse = { ise };
		while (poreCount < poreTarget && failures < MAX_FAILURES) {
			double r = p.poreRadius * (0.6 + 0.8 * rnd.nextDouble());
			Sphere s;
			if (!spheres.isEmpty() && rnd.nextDouble() < p.clustering) {
				Sphere o = spheres.get(rnd.nextInt(spheres.size()));
				double[] u = unitVector(rnd);
				double dist = o.r + 0.5 * r;
				s = new Sphere(o.x + u[0] * dist, o.y + u[1] * dist, o.z + u[2] * dist, r);
			} else {
				s = new Sphere(rnd.nextDouble() * lx, rnd.nextDouble() * ly, rnd.nextDouble() * lz, r);
			}
			long n = v.paint(s, pore, onlyIse);
			if (n == 0) {
				failures++;
				continue;
			}
			failures = 0;
			poreCount += n;
			blobs++;
			if (blobs % 64 == 0) {
				progress.checkCancelled();
				progress.report(0.8 + 0.2 * poreCount / (double) Math.max(1, poreTarget), "carving pores");
			}
		}
		if (poreCount < poreTarget)
			notes.add(String.format(java.util.Locale.ROOT, "Pores reached %.3f of the %.3f asked (no ISE left to carve)",
				poreCount / (double) total, p.poreFraction));
		return new long[] { poreCount, blobs };
	}

	private static void check(Params p) {
		if (p.camFraction < 0 || p.camFraction > 0.9) throw new IllegalArgumentException("cam_fraction must be in 0..0.9");
		if (p.poreFraction < 0 || p.camFraction + p.poreFraction > 0.95)
			throw new IllegalArgumentException("pore_fraction must be >= 0 and cam_fraction + pore_fraction <= 0.95");
		if (!(p.camRadius > 0) || p.camRadiusSd < 0 || !(p.poreRadius > 0)) throw new IllegalArgumentException("radii must be positive");
		if (p.overlap < 0 || p.overlap > 1) throw new IllegalArgumentException("overlap must be in 0..1");
		if (p.clustering < 0 || p.clustering > 1) throw new IllegalArgumentException("clustering must be in 0..1");
	}

	private static boolean fits(Sphere s, Map<Long, List<Sphere>> grid, double cell, double overlap) {
		long cx = (long) Math.floor(s.x / cell), cy = (long) Math.floor(s.y / cell), cz = (long) Math.floor(s.z / cell);
		for (long dz = -1; dz <= 1; dz++)
			for (long dy = -1; dy <= 1; dy++)
				for (long dx = -1; dx <= 1; dx++) {
					List<Sphere> l = grid.get(key(cx + dx, cy + dy, cz + dz));
					if (l == null) continue;
					for (Sphere o : l)
						if (s.distance(o) < (1 - overlap) * (s.r + o.r)) return false;
				}
		return true;
	}

	private static long key(Sphere s, double cell) {
		return key((long) Math.floor(s.x / cell), (long) Math.floor(s.y / cell), (long) Math.floor(s.z / cell));
	}

	private static long key(long x, long y, long z) {
		return ((x + 1) & 0x1fffff) | (((y + 1) & 0x1fffff) << 21) | (((z + 1) & 0x1fffff) << 42);
	}

	private static double[] unitVector(SplittableRandom rnd) {
		double z = 2 * rnd.nextDouble() - 1, t = 2 * Math.PI * rnd.nextDouble(), s = Math.sqrt(1 - z * z);
		return new double[] { s * Math.cos(t), s * Math.sin(t), z };
	}

	/** Standard normal from two uniforms (Box-Muller), so the stream depends only on the seed. */
	static double gaussian(SplittableRandom rnd) {
		double u = 1 - rnd.nextDouble(), w = rnd.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
	}
}
