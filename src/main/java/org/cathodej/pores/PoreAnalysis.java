package org.cathodej.pores;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cathodej.connectivity.Clusters;
import org.cathodej.connectivity.ComponentLabeler;
import org.cathodej.connectivity.Connectivity;
import org.cathodej.filter.Eigen3;
import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.image.Planes;
import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Pores and voids of a pore / CAM / ISE label volume:
 * <ul>
 * <li>pore size distribution from the local thickness (diameter, see {@link LocalThickness}), VOLUME-weighted
 * (every pore voxel counts with its volume): histogram, mean, d10/d50/d90 = the smallest local thickness D such that
 * at least 10/50/90 % of the pore volume has local thickness &lt;= D;</li>
 * <li>where the pores sit: pore surface (voxel faces between a pore voxel and a non-pore voxel inside the volume)
 * split by the neighbour phase (S_CAM-pore, S_ISE-pore, other); every 6-connected pore component classified by the
 * phases it touches: inside ISE (ISE faces only), inside CAM (CAM faces only), at a CAM-ISE boundary (both);</li>
 * <li>isolated voids: pore components that do not touch the volume border (their size is fully seen), with volume,
 * equivalent diameter, position, faces, local thickness and shape;</li>
 * <li>optional crack-like voids: from the covariance (second-moment) tensor of each isolated void's voxels (plus the
 * voxel's own extent), semi-axes a1 &gt;= a2 &gt;= a3 of the equivalent ellipsoid; flat if a3/a2 &lt; flatness
 * threshold, elongated if a2/a1 &lt; elongation threshold (voids of at least a minimum number of voxels);</li>
 * <li>a through-thickness (z) profile of pore, isolated-void and ISE-enclosed pore area fractions and mean local
 * thickness.</li>
 * </ul>
 */
public final class PoreAnalysis {

	/** Component classes by the solid phases they touch. */
	public static final String IN_ISE = "ISE", IN_CAM = "CAM", CAM_ISE = "CAM-ISE boundary", NO_SOLID = "no solid contact";

	/** Settings; defaults are the command's defaults. */
	public static final class Options {
		/** Volume border handling for local thickness (balls stop at the border, or may extend beyond it). */
		public Edge edge = Edge.BACKGROUND;
		/** Histogram bin width in calibrated units; 0 = the smallest voxel size. */
		public double binWidth = 0;
		public boolean detectCracks = true;
		/** a3/a2 below this: flat (crack-like). */
		public double flatness = 0.3;
		/** a2/a1 below this: elongated (crack-like). */
		public double elongation = 0.3;
		/** Voids smaller than this (voxels) are never called crack-like (too few voxels for a shape). */
		public int minCrackVoxels = 20;
		/**
		 * Memory the streamed analysis may use, in bytes ({@link StreamedPoreAnalysis}: slab height, distance map held or
		 * spilled, pass 1's labels kept or labelled again); 0 = what the heap has free. The in-memory analysis checks only
		 * its component tables against it (beside the labels and the thickness), before the local thickness.
		 */
		public long memoryBudget = 0;
	}

	/** One isolated void. Lengths, areas and volumes in calibrated units. */
	public static final class VoidInfo {
		public int id;
		public long voxels;
		public double volume, equivalentDiameter;
		public double cx, cy, cz;
		public double camArea, iseArea, otherArea;
		public String location;
		public double meanThickness, maxThickness;
		/** Semi-axes of the equivalent ellipsoid, a1 >= a2 >= a3. */
		public double a1, a2, a3;
		public double elongation, flatness;
		/** "flat", "elongated" or "" (not crack-like, or not tested). */
		public String crackType = "";

		public boolean isCrackLike() {
			return !crackType.isEmpty();
		}
	}

	/** All results. */
	public static final class Result {
		public VoxelSize voxelSize;
		public long totalVoxels, poreVoxels;
		public double totalVolume, poreVolume, porosity;
		// size distribution
		public double binWidth;
		public double[] binLower, binVolumeFraction, binCumulative;
		public double meanThickness, d10, d50, d90, maxThickness;
		// surfaces
		public double poreSurface, camPoreSurface, isePoreSurface, otherPoreSurface;
		// components
		public int components, isolatedVoids;
		public final Map<String, long[]> classCounts = new TreeMap<>();   // class -> {components, voxels}
		public double isolatedVolume;
		public final Map<String, long[]> isolatedClassCounts = new TreeMap<>();
		public int crackLikeVoids;
		public double crackLikeVolume;
		public List<VoidInfo> voids = new ArrayList<>();
		// profile along z
		public double[] zPosition, poreFractionZ, isolatedFractionZ, iseEnclosedFractionZ, camTouchingFractionZ, meanThicknessZ;
		/** Local thickness (diameter, calibrated units) of pore voxels, 0 elsewhere. */
		public PlanarImg<FloatType, FloatArray> thickness;
		public long ridgeVoxels;

		/** Share of the pore surface that faces CAM (0 without pore surface). */
		public double camShareOfPoreSurface() {
			return poreSurface > 0 ? camPoreSurface / poreSurface : 0; // no pore surface: none of it faces CAM
		}

		public long classVoxels(Map<String, long[]> m, String cls) {
			long[] v = m.get(cls);
			return v == null ? 0 : v[1];
		}

		public long classComponents(Map<String, long[]> m, String cls) {
			long[] v = m.get(cls);
			return v == null ? 0 : v[0];
		}

		/** Pore voxels in components of a class, as a share of all pore voxels (0 when there are no pores). */
		private double poreShare(String... classes) {
			long n = 0;
			for (String c : classes) n += classVoxels(classCounts, c);
			return n / (double) Math.max(1, poreVoxels);
		}

		/** Volume of the pores inside ISE (components touching ISE but no CAM). */
		public double poreInIseVolume() {
			return classVoxels(classCounts, IN_ISE) * voxelSize.voxelVolume();
		}

		/** Share of the pore volume inside ISE (touching ISE, no CAM). */
		public double poreInIseShare() { return poreShare(IN_ISE); }

		/** Share of the pore volume in components touching CAM (inside CAM or at a CAM-ISE boundary). */
		public double poreTouchingCamShare() { return poreShare(IN_CAM, CAM_ISE); }

		/** Share of the pore volume in components touching both CAM and ISE. */
		public double poreAtCamIseShare() { return poreShare(CAM_ISE); }

		/** Share of the pore volume inside CAM (touching CAM, no ISE). */
		public double poreInCamShare() { return poreShare(IN_CAM); }

		/** Isolated void volume over the image volume; NaN for an empty image. */
		public double isolatedVoidFraction() {
			return totalVolume > 0 ? isolatedVolume / totalVolume : Double.NaN;
		}

		/** Mean equivalent-sphere diameter of the isolated voids; NaN when there are none. */
		public double meanVoidDiameter() {
			double eq = 0;
			for (VoidInfo v : voids) eq += v.equivalentDiameter;
			return isolatedVoids > 0 ? eq / isolatedVoids : Double.NaN;
		}

		/** Isolated voids inside ISE (touching ISE, no CAM). */
		public long isolatedVoidsInIse() {
			return classComponents(isolatedClassCounts, IN_ISE);
		}

		/** Isolated voids touching CAM (inside CAM or at a CAM-ISE boundary). */
		public long isolatedVoidsTouchingCam() {
			return classComponents(isolatedClassCounts, IN_CAM) + classComponents(isolatedClassCounts, CAM_ISE);
		}

		/** The isolated voids, or the {@code max} largest of them (by voxels; ties by id) when there are more, by id. */
		public List<VoidInfo> largestVoids(int max) {
			if (voids.size() <= max) return voids;
			List<VoidInfo> listed = new ArrayList<>(voids);
			listed.sort((a, b) -> Long.compare(b.voxels, a.voxels));
			listed = new ArrayList<>(listed.subList(0, max));
			listed.sort((a, b) -> Integer.compare(a.id, b.id));
			return listed;
		}
	}

	/**
	 * Working memory: the int component labels (4 B/voxel, made first so that their count is checked before the costly
	 * step), then the local thickness beside them; 21 B/voxel measured peak.
	 */
	public static final double BYTES_PER_VOXEL = LocalThickness.BYTES_PER_VOXEL + 8;

	private PoreAnalysis() {}

	public static Result run(RandomAccessibleInterval<? extends IntegerType<?>> labels, PhaseLabels pl, VoxelSize vs,
		Options opt, int threads, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		Options o = opt == null ? new Options() : opt;
		Slices.requireVolume(labels);
		int w = Slices.width(labels), h = Slices.height(labels), d = Slices.depth(labels);
		long n = (long) w * h * d;
		double bpv = BYTES_PER_VOXEL;
		MemoryBudget.require((long) (bpv * n), "Pores and Voids on " + w + "x" + h + "x" + d + " voxels", bpv);
		Result r = new Result();
		r.voxelSize = vs;
		r.totalVoxels = n;
		r.totalVolume = n * vs.voxelVolume();

		// 1. components first: their count decides whether their tables fit, before the costly local thickness
		p.report(0, "Pore components");
		Clusters cl = ComponentLabeler.label(labels, pl.pore(), Connectivity.SIX, threads, p.range(0, 0.15));
		r.components = cl.count();
		ComponentTables.requireInMemory(cl.count(), n, d, o.memoryBudget, w + "x" + h + "x" + d + " voxels");

		// 2. local thickness
		LocalThickness.Result lt = LocalThickness.compute(labels, v -> v == pl.pore(), vs, o.edge, threads, p.range(0.15, 0.75));
		r.thickness = lt.thickness;
		r.ridgeVoxels = lt.ridgeVoxels;
		r.poreVoxels = lt.phaseVoxels;
		r.poreVolume = r.poreVoxels * vs.voxelVolume();
		r.porosity = n > 0 ? (double) r.poreVoxels / n : Double.NaN;
		r.maxThickness = lt.max;
		float[][] t = Planes.floats(lt.thickness);
		sizeDistribution(r, t, w, h, binWidth(o, vs), threads);
		p.report(0.8, "Pore contacts");

		// 3. the components' contacts
		Components c = new Components(cl);
		c.scan(labels, t, pl, vs, r, p);
		r.poreSurface = r.camPoreSurface + r.isePoreSurface + r.otherPoreSurface;

		// 4. classes, isolated voids, shapes
		c.classify(vs, o, r);

		// 5. profile along z
		profile(cl, t, c, w, h, vs.z(), threads, r);
		p.report(1, "Pores and Voids done");
		return r;
	}

	/** Per-component sums: voxels, first and second moments, contact areas per phase, local thickness; classes. */
	static final class Components {
		final Clusters cl;
		final int nc;
		final long[] cnt;
		final double[] sx, sy, sz, sxx, syy, szz, sxy, sxz, syz;
		final double[] aCam, aIse, aOther, tSum;
		final float[] tMax;
		/** Touches the volume border (not an isolated void). */
		final boolean[] border;
		final String[] cls;

		Components(Clusters cl) {
			this.cl = cl;
			nc = cl.count();
			ComponentTables.requireStatistics(nc, cl.width() + "x" + cl.height() + "x" + cl.depth() + " voxels");
			cnt = new long[nc + 1];
			sx = new double[nc + 1];
			sy = new double[nc + 1];
			sz = new double[nc + 1];
			sxx = new double[nc + 1];
			syy = new double[nc + 1];
			szz = new double[nc + 1];
			sxy = new double[nc + 1];
			sxz = new double[nc + 1];
			syz = new double[nc + 1];
			aCam = new double[nc + 1];
			aIse = new double[nc + 1];
			aOther = new double[nc + 1];
			tSum = new double[nc + 1];
			tMax = new float[nc + 1];
			border = new boolean[nc + 1];
			for (int id = 1; id <= nc; id++) border[id] = cl.faces(id) != 0;
			cls = new String[nc + 1];
		}

		/** One pass over the slices (a window of three label slices): moments, thickness and the faces to each phase. */
		void scan(RandomAccessibleInterval<? extends IntegerType<?>> labels, float[][] t, PhaseLabels pl, VoxelSize vs, Result r,
			Progress p) {
			int d = Slices.depth(labels);
			int[] lm = null, l0 = Slices.readInts(labels, 0, null), lp;
			for (int z = 0; z < d; z++) {
				if (z % 16 == 0) {
					p.checkCancelled();
					p.report(0.8 + 0.15 * z / d, "Pore contacts");
				}
				// window of label slices: lm = z - 1, l0 = z, lp = z + 1
				lp = z + 1 < d ? Slices.readInts(labels, z + 1, null) : null;
				scanSlice(z, cl.slice(z), t[z], lm, l0, lp, Slices.width(labels), Slices.height(labels), pl, vs, r);
				lm = l0;
				l0 = lp;
			}
		}

		/**
		 * Slice z with its component labels c, thickness tz and the label slices below (lm, null at the volume's start),
		 * at (l0) and above (lp, null at the end); slices must come in z order (the sums are in raster order).
		 */
		void scanSlice(int z, int[] c, float[] tz, int[] lm, int[] l0, int[] lp, int w, int h, PhaseLabels pl, VoxelSize vs, Result r) {
			int pore = pl.pore(), cam = pl.cam(), ise = pl.ise();
			double fx = vs.faceArea(0), fy = vs.faceArea(1), fz = vs.faceArea(2);
			for (int y = 0, i = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++) {
					int id = c[i];
					if (id == 0) continue;
					add(id, x, y, z, tz[i]);
					if (x > 0) face(l0[i - 1], fx, id, pore, cam, ise, r);
					if (x < w - 1) face(l0[i + 1], fx, id, pore, cam, ise, r);
					if (y > 0) face(l0[i - w], fy, id, pore, cam, ise, r);
					if (y < h - 1) face(l0[i + w], fy, id, pore, cam, ise, r);
					if (lm != null) face(lm[i], fz, id, pore, cam, ise, r);
					if (lp != null) face(lp[i], fz, id, pore, cam, ise, r);
				}
		}

		private void add(int id, int x, int y, int z, float thickness) {
			cnt[id]++;
			sx[id] += x;
			sy[id] += y;
			sz[id] += z;
			sxx[id] += (double) x * x;
			syy[id] += (double) y * y;
			szz[id] += (double) z * z;
			sxy[id] += (double) x * y;
			sxz[id] += (double) x * z;
			syz[id] += (double) y * z;
			tSum[id] += thickness;
			if (thickness > tMax[id]) tMax[id] = thickness;
		}

		private void face(int nb, double area, int id, int pore, int cam, int ise, Result r) {
			if (nb == pore) return;
			if (nb == cam) {
				aCam[id] += area;
				r.camPoreSurface += area;
			} else if (nb == ise) {
				aIse[id] += area;
				r.isePoreSurface += area;
			} else {
				aOther[id] += area;
				r.otherPoreSurface += area;
			}
		}

		/** Each component's class by the solid phases it touches; the isolated ones become voids with their shapes. */
		void classify(VoxelSize vs, Options o, Result r) {
			for (int id = 1; id <= nc; id++) {
				String byFaces = classOf(aCam[id] > 0, aIse[id] > 0);
				if (cls[id] != null && !cls[id].equals(byFaces))
					throw new IllegalStateException("Pore component " + id + ": class " + byFaces + " from its faces, " + cls[id] + " from the streamed contacts");
				cls[id] = byFaces;
				r.classCounts.computeIfAbsent(cls[id], k -> new long[2])[0]++;
				r.classCounts.get(cls[id])[1] += cnt[id];
				if (border[id]) continue;
				VoidInfo v = voidInfo(id, vs, o);
				r.voids.add(v);
				r.isolatedVoids++;
				r.isolatedVolume += v.volume;
				r.isolatedClassCounts.computeIfAbsent(cls[id], k -> new long[2])[0]++;
				r.isolatedClassCounts.get(cls[id])[1] += cnt[id];
				if (v.isCrackLike()) {
					r.crackLikeVoids++;
					r.crackLikeVolume += v.volume;
				}
			}
		}

		/** The class of a component that touches CAM and/or ISE. */
		static String classOf(boolean cam, boolean ise) {
			return cam ? (ise ? CAM_ISE : IN_CAM) : ise ? IN_ISE : NO_SOLID;
		}

		private VoidInfo voidInfo(int id, VoxelSize vs, Options o) {
			double hx = vs.x(), hy = vs.y(), hz = vs.z();
			VoidInfo v = new VoidInfo();
			v.id = id;
			v.voxels = cnt[id];
			v.volume = cnt[id] * vs.voxelVolume();
			v.equivalentDiameter = Math.cbrt(6 * v.volume / Math.PI);
			double m = cnt[id];
			double mx = sx[id] / m, my = sy[id] / m, mz = sz[id] / m;
			v.cx = mx * hx;
			v.cy = my * hy;
			v.cz = mz * hz;
			v.camArea = aCam[id];
			v.iseArea = aIse[id];
			v.otherArea = aOther[id];
			v.location = cls[id];
			v.meanThickness = tSum[id] / m;
			v.maxThickness = tMax[id];
			// covariance in calibrated units, with each voxel's own extent (h^2/12) on the diagonal
			double cxx = (sxx[id] / m - mx * mx) * hx * hx + hx * hx / 12;
			double cyy = (syy[id] / m - my * my) * hy * hy + hy * hy / 12;
			double czz = (szz[id] / m - mz * mz) * hz * hz + hz * hz / 12;
			double cxy = (sxy[id] / m - mx * my) * hx * hy;
			double cxz = (sxz[id] / m - mx * mz) * hx * hz;
			double cyz = (syz[id] / m - my * mz) * hy * hz;
			double[] ev = Eigen3.symmetricEigenvalues(cxx, cyy, czz, cxy, cxz, cyz);
			// solid ellipsoid: variance along a semi-axis a is a^2 / 5
			v.a1 = Math.sqrt(5 * Math.max(0, ev[0]));
			v.a2 = Math.sqrt(5 * Math.max(0, ev[1]));
			v.a3 = Math.sqrt(5 * Math.max(0, ev[2]));
			v.elongation = v.a1 > 0 ? v.a2 / v.a1 : 1;
			v.flatness = v.a2 > 0 ? v.a3 / v.a2 : 1;
			if (o.detectCracks && v.voxels >= o.minCrackVoxels) {
				if (v.flatness < o.flatness) v.crackType = "flat";
				else if (v.elongation < o.elongation) v.crackType = "elongated";
			}
			return v;
		}
	}

	/** Area fractions per slice of pores, isolated voids, ISE-enclosed and CAM-touching pores; mean thickness per slice. */
	private static void profile(Clusters cl, float[][] t, Components comp, int w, int h, double hz, int threads, Result r) {
		int d = t.length;
		allocateProfile(r, d);
		Parallel.forEach(d, threads, z -> profileSlice(z, cl.slice(z), t[z], comp, (double) w * h, hz, r));
	}

	static void allocateProfile(Result r, int d) {
		r.zPosition = new double[d];
		r.poreFractionZ = new double[d];
		r.isolatedFractionZ = new double[d];
		r.iseEnclosedFractionZ = new double[d];
		r.camTouchingFractionZ = new double[d];
		r.meanThicknessZ = new double[d];
	}

	/** Profile entries of slice z from its component labels c and thickness tz (the components' classes known). */
	static void profileSlice(int z, int[] c, float[] tz, Components comp, double area, double hz, Result r) {
		long np = 0, niso = 0, nise = 0, ncam = 0;
		double ts = 0;
		for (int i = 0; i < c.length; i++) {
			int id = c[i];
			if (id == 0) continue;
			np++;
			ts += tz[i];
			if (!comp.border[id]) niso++;
			String k = comp.cls[id];
			if (k == IN_ISE) nise++;
			else if (k == IN_CAM || k == CAM_ISE) ncam++;
		}
		r.zPosition[z] = z * hz;
		r.poreFractionZ[z] = np / area;
		r.isolatedFractionZ[z] = niso / area;
		r.iseEnclosedFractionZ[z] = nise / area;
		r.camTouchingFractionZ[z] = ncam / area;
		r.meanThicknessZ[z] = np > 0 ? ts / np : Double.NaN;
	}

	/** Volume-weighted histogram and quantiles of the local thickness over pore voxels. */
	static void sizeDistribution(Result r, float[][] t, int w, int h, double bw, int threads) {
		int d = t.length;
		Sizes.Slice[] perSlice = new Sizes.Slice[d];
		Parallel.forEach(d, threads, z -> perSlice[z] = Sizes.of(t[z]));
		Sizes all = new Sizes();
		for (Sizes.Slice sl : perSlice) all.add(sl);
		all.finish(r, bw);
	}

	/** The histogram bin width: the option's, or the smallest voxel size. */
	static double binWidth(Options o, VoxelSize vs) {
		return o.binWidth > 0 ? o.binWidth : Math.min(vs.x(), Math.min(vs.y(), vs.z()));
	}

	/** Pore voxels by local thickness value and the sum of the values, added slice by slice in z order. */
	static final class Sizes {
		private final TreeMap<Float, long[]> all = new TreeMap<>();
		private double sum;

		/** One slice's counts by value and its sum (computed on any thread). */
		static final class Slice {
			final Map<Float, long[]> counts;
			final double sum;

			Slice(Map<Float, long[]> counts, double sum) {
				this.counts = counts;
				this.sum = sum;
			}
		}

		static Slice of(float[] t) {
			Map<Float, long[]> m = new HashMap<>();
			double s = 0;
			float last = Float.NaN;
			long[] lastCount = null;
			for (float v : t) {
				if (v <= 0) continue;
				s += v;
				if (v != last) {
					last = v;
					lastCount = m.computeIfAbsent(v, k -> new long[1]);
				}
				lastCount[0]++;
			}
			return new Slice(m, s);
		}

		void add(Slice sl) {
			sum += sl.sum;
			for (Map.Entry<Float, long[]> e : sl.counts.entrySet()) all.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue()[0];
		}

		/** Mean, histogram and quantiles into r (r.poreVoxels and r.maxThickness set). */
		void finish(Result r, double bw) {
			finishSizes(r, all, sum, bw);
		}
	}

	private static void finishSizes(Result r, TreeMap<Float, long[]> all, double sum, double bw) {
		long total = r.poreVoxels;
		r.binWidth = bw;
		r.meanThickness = total > 0 ? sum / total : Double.NaN;
		int bins = total > 0 ? Math.max(1, (int) Math.floor(r.maxThickness / bw) + 1) : 0;
		if (bins > 100000) throw new IllegalArgumentException("Bin width " + bw + " gives " + bins + " histogram bins; use a larger bin width.");
		r.binLower = new double[bins];
		r.binVolumeFraction = new double[bins];
		r.binCumulative = new double[bins];
		for (int b = 0; b < bins; b++) r.binLower[b] = b * bw;
		double[] q = { 0.1, 0.5, 0.9 };
		double[] qv = { Double.NaN, Double.NaN, Double.NaN };
		long acc = 0;
		for (Map.Entry<Float, long[]> e : all.entrySet()) {
			float v = e.getKey();
			long c = e.getValue()[0];
			int b = Math.min(bins - 1, (int) Math.floor(v / bw));
			r.binVolumeFraction[b] += (double) c / total;
			acc += c;
			for (int k = 0; k < 3; k++)
				if (Double.isNaN(qv[k]) && acc >= q[k] * total) qv[k] = v;
		}
		double cum = 0;
		for (int b = 0; b < bins; b++) r.binCumulative[b] = cum += r.binVolumeFraction[b];
		r.d10 = qv[0];
		r.d50 = qv[1];
		r.d90 = qv[2];
	}

	/** The isolated voids as an unmodifiable list. */
	public static List<VoidInfo> voids(Result r) {
		return Collections.unmodifiableList(r.voids);
	}
}
