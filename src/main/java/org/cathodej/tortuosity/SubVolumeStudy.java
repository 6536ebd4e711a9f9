package org.cathodej.tortuosity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.cathodej.volume.VolumeSource;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.IntegerType;

/**
 * A representative-volume study of the flux tortuosity: N cubes of edge s (voxels) placed on a regular grid or at
 * seeded random positions inside the volume are read from a {@link VolumeSource} one after another and solved
 * alone (faces of each cube as the electrodes), giving kappa per cube, the mean and spread per edge and the trend of
 * the mean with s. When the mean no longer changes with s and the spread is small, the sample is large enough for
 * that property. Positions depend only on the volume size, edge, count, layout and seed, and each cube is solved
 * independently, so a cluster can solve one cube per task ({@link #positions} and {@link #solve}) and
 * {@link #summarise} the results: the numbers equal a direct solve of the cropped cube.
 */
public final class SubVolumeStudy {

	private SubVolumeStudy() {}

	public enum Layout {
		GRID, RANDOM;

		public static Layout parse(String s) {
			switch (s == null ? "" : s.trim().toLowerCase(Locale.ROOT)) {
				case "grid": return GRID;
				case "random": return RANDOM;
				default: throw new IllegalArgumentException("subvolume_layout must be grid or random, got '" + s + "'");
			}
		}
	}

	/** One cube: edge s voxels, lower corner (x0, y0, z0). */
	public static final class Cube implements Serializable {
		private static final long serialVersionUID = 1L;
		public final int edge, x0, y0, z0;

		public Cube(int edge, int x0, int y0, int z0) {
			this.edge = edge;
			this.x0 = x0;
			this.y0 = y0;
			this.z0 = z0;
		}

		@Override
		public String toString() {
			return edge + "^3 at (" + x0 + ", " + y0 + ", " + z0 + ")";
		}
	}

	/** A solved cube. */
	public static final class CubeResult implements Serializable {
		private static final long serialVersionUID = 1L;
		public final Cube cube;
		public final FluxResult flux;

		public CubeResult(Cube cube, FluxResult flux) {
			this.cube = cube;
			this.flux = flux;
		}
	}

	/** Mean, sample standard deviation and range of kappa over the cubes of one edge (infinite kappas counted apart). */
	public static final class EdgeSummary implements Serializable {
		private static final long serialVersionUID = 1L;
		public int edge, cubes, nonPercolating;
		public double mean = Double.NaN, sd = Double.NaN, min = Double.NaN, max = Double.NaN, phiMean = Double.NaN;
		/** Relative change of the mean kappa from the next smaller edge (NaN for the smallest). */
		public double changeFromSmaller = Double.NaN;

		/** Coefficient of variation sd / mean. */
		public double cv() {
			return sd / mean;
		}
	}

	/**
	 * Cube positions: {@code count} cubes of the given edge. GRID: the corners of an n x n x n grid (n = ceil(cbrt
	 * count)) spread evenly over the positions that fit, the first {@code count} in z, y, x order; RANDOM: uniform
	 * positions drawn from {@code seed} and the edge.
	 */
	public static List<Cube> positions(int w, int h, int d, int edge, int count, Layout layout, long seed) {
		if (edge < 2) throw new IllegalArgumentException("The sub-volume edge must be at least 2 voxels, got " + edge);
		if (edge > Math.min(w, Math.min(h, d)))
			throw new IllegalArgumentException("A sub-volume of edge " + edge + " voxels does not fit in the volume of " + w + "x" + h + "x" + d
				+ " voxels; use an edge of at most " + Math.min(w, Math.min(h, d)) + ".");
		if (count < 1) throw new IllegalArgumentException("subvolume_count must be at least 1, got " + count);
		List<Cube> out = new ArrayList<>(count);
		if (layout == Layout.RANDOM) {
			Random r = new Random(seed * 1_000_003L + edge);
			for (int i = 0; i < count; i++) out.add(new Cube(edge, r.nextInt(w - edge + 1), r.nextInt(h - edge + 1), r.nextInt(d - edge + 1)));
			return out;
		}
		int n = (int) Math.ceil(Math.cbrt(count) - 1e-9);
		for (int k = 0; k < n && out.size() < count; k++)
			for (int j = 0; j < n && out.size() < count; j++)
				for (int i = 0; i < n && out.size() < count; i++)
					out.add(new Cube(edge, spread(i, n, w - edge), spread(j, n, h - edge), spread(k, n, d - edge)));
		return out;
	}

	private static int spread(int i, int n, int range) {
		return n == 1 ? range / 2 : (int) Math.round((double) range * i / (n - 1));
	}

	/** The cube's labels read slice by slice from the source (one plane in memory besides the cube). */
	public static RandomAccessibleInterval<? extends IntegerType<?>> read(VolumeSource src, Cube c) {
		int s = c.edge, w = src.width();
		if (src.bitDepth() == 32) throw new IllegalArgumentException(src.description() + " is a 32-bit image; tortuosity needs 8- or 16-bit labels.");
		boolean bytes = src.bitDepth() == 8;
		PlanarImg<?, ?> img = bytes ? PlanarImgs.unsignedBytes(s, s, s) : PlanarImgs.unsignedShorts(s, s, s);
		for (int z = 0; z < s; z++) {
			Object p = src.readPlanes(c.z0 + z, c.z0 + z + 1)[0];
			Object dst = org.cathodej.image.Slices.planeArray(img, z);
			for (int y = 0; y < s; y++) System.arraycopy(p, (c.y0 + y) * w + c.x0, dst, y * s, s);
		}
		@SuppressWarnings("unchecked")
		RandomAccessibleInterval<? extends IntegerType<?>> r = (RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) img;
		return r;
	}

	/** Solves one cube along the axis (images and layer table off). */
	public static CubeResult solve(VolumeSource src, Cube c, Conductivities cond, VoxelSize vs, int axis, FluxTortuosity.Options opt, Progress p) {
		FluxTortuosity.Options o = copyWithoutFields(opt);
		return new CubeResult(c, FluxTortuosity.compute(read(src, c), cond, vs, new int[] { axis }, o, p == null ? Progress.NONE : p).get(0));
	}

	private static FluxTortuosity.Options copyWithoutFields(FluxTortuosity.Options opt) {
		FluxTortuosity.Options o = new FluxTortuosity.Options();
		o.tolerance = opt.tolerance;
		o.balanceTolerance = opt.balanceTolerance;
		o.maxIterations = opt.maxIterations;
		o.threads = opt.threads;
		o.preconditioning = opt.preconditioning;
		return o;
	}

	/**
	 * Solves a list of cubes somewhere else (e.g. one Spark task per cube) and returns their results in the list's
	 * order; each cube's result is {@link #solve} of that cube, so the study's numbers do not depend on the runner.
	 */
	public interface CubeRunner {
		List<CubeResult> solveAll(List<Cube> cubes, Conductivities cond, VoxelSize vs, int axis, FluxTortuosity.Options opt, Progress progress);
	}

	/** The cubes of all edges, smallest edge first, each edge's cubes in {@link #positions} order. */
	public static List<Cube> cubes(int w, int h, int d, int[] edges, int count, Layout layout, long seed) {
		int[] e = edges.clone();
		Arrays.sort(e);
		List<Cube> cubes = new ArrayList<>();
		for (int s : e) cubes.addAll(positions(w, h, d, s, count, layout, seed));
		return cubes;
	}

	/** All cubes of all edges solved one after another (smallest edge first); Esc between cubes. */
	public static List<CubeResult> run(VolumeSource src, int[] edges, int count, Layout layout, long seed, Conductivities cond, VoxelSize vs, int axis,
		FluxTortuosity.Options opt, Progress progress) {
		return run(src, edges, count, layout, seed, cond, vs, axis, opt, null, progress);
	}

	/** As above, the cubes solved by {@code runner} when not null (results in the same order). */
	public static List<CubeResult> run(VolumeSource src, int[] edges, int count, Layout layout, long seed, Conductivities cond, VoxelSize vs, int axis,
		FluxTortuosity.Options opt, CubeRunner runner, Progress progress) {
		Progress pr = progress == null ? Progress.NONE : progress;
		List<Cube> cubes = cubes(src.width(), src.height(), src.depth(), edges, count, layout, seed);
		if (runner != null) {
			List<CubeResult> out = runner.solveAll(cubes, cond, vs, axis, opt, pr);
			if (out.size() != cubes.size()) throw new IllegalStateException(cubes.size() + " cubes asked, " + out.size() + " solved");
			return out;
		}
		double total = 0, done = 0;
		for (Cube c : cubes) total += Math.pow(c.edge, 3);
		List<CubeResult> out = new ArrayList<>();
		long t0 = System.nanoTime();
		for (int i = 0; i < cubes.size(); i++) {
			pr.checkCancelled();
			Cube c = cubes.get(i);
			double w = Math.pow(c.edge, 3);
			out.add(solve(src, c, cond, vs, axis, opt, pr.range(done / total, (done + w) / total)));
			done += w;
			double s = (System.nanoTime() - t0) * 1e-9;
			pr.report(done / total, String.format(Locale.ROOT, "cube %d/%d, about %.0f s left", i + 1, cubes.size(), s / done * (total - done)));
		}
		return out;
	}

	/** Per edge (ascending): mean, spread and range of kappa over the percolating cubes, and the change of the mean. */
	public static List<EdgeSummary> summarise(List<CubeResult> results) {
		List<Integer> edges = new ArrayList<>();
		for (CubeResult r : results) if (!edges.contains(r.cube.edge)) edges.add(r.cube.edge);
		Collections.sort(edges);
		List<EdgeSummary> out = new ArrayList<>();
		for (int edge : edges) {
			EdgeSummary s = new EdgeSummary();
			s.edge = edge;
			List<Double> k = new ArrayList<>();
			double phi = 0;
			for (CubeResult r : results) {
				if (r.cube.edge != edge) continue;
				s.cubes++;
				phi += r.flux.phiTotal;
				if (Double.isFinite(r.flux.kappa)) k.add(r.flux.kappa);
				else s.nonPercolating++;
			}
			s.phiMean = phi / s.cubes;
			if (!k.isEmpty()) {
				double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
				for (double v : k) {
					sum += v;
					min = Math.min(min, v);
					max = Math.max(max, v);
				}
				s.mean = sum / k.size();
				double ss = 0;
				for (double v : k) ss += (v - s.mean) * (v - s.mean);
				s.sd = k.size() > 1 ? Math.sqrt(ss / (k.size() - 1)) : 0;
				s.min = min;
				s.max = max;
			}
			if (!out.isEmpty()) {
				EdgeSummary prev = out.get(out.size() - 1);
				s.changeFromSmaller = (s.mean - prev.mean) / prev.mean;
			}
			out.add(s);
		}
		return out;
	}
}
