package org.cathodej.connectivity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.cathodej.image.Planes;
import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.FaceCounter;
import org.cathodej.surface.InterfaceArea;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Electrochemically reachable CAM from a segmented volume. Along the transport axis the current collector is on one
 * face and the separator on the opposite one. A CAM cluster is <em>electronically connected</em> when it touches
 * the collector face, and <em>ionically connected</em> when one of its voxels shares a face with an ISE cluster
 * that touches the separator face; <em>active</em> = both. Also per-phase cluster statistics, the CAM-ISE interface
 * areas and, given a CAM particle label image, the particle-level utilisation.
 */
public final class CamUtilisation {

	private CamUtilisation() {}

	/** Settings; defaults: transport along z, collector at z = 0, 6-connectivity, all processors. */
	public static final class Options {
		/** Transport axis 0 = x, 1 = y, 2 = z. */
		public int axis = 2;
		/** Collector at the last slice along the axis (separator at 0) instead of the first. */
		public boolean collectorAtMax = false;
		public Connectivity connectivity = Connectivity.SIX;
		public int threads = Parallel.defaultThreads();
		/** Keep ISE in the class image as values 5 (separator-connected) and 6 (not); else ISE is 0 there. */
		public boolean keepIseClasses = false;
		/** Also label the pore phase for its cluster statistics. */
		public boolean poreStatistics = true;
		/** Estimator of the CAM-ISE interface areas; voxel faces x 2/3 are reported beside it in any case. */
		public InterfaceArea interfaceArea = InterfaceArea.CROFTON;
		/**
		 * Streamed only: bytes the run may use (0 = what the heap has free); pass 1's labels are kept for pass 2 when they
		 * take at most an eighth of it, else each slab is labelled again (same numbers either way).
		 */
		public long memoryBudget = 0;

		public Face collectorFace() { return Face.of(axis, collectorAtMax); }
		public Face separatorFace() { return Face.of(axis, !collectorAtMax); }
	}

	/** Cluster statistics of one phase. */
	public static final class PhaseStats {
		public final String phase;
		public final Clusters.Summary summary;
		/** Rows {count, voxels} per power-of-two size bin (see {@link Clusters#sizeHistogram()}). */
		public final long[][] sizeHistogram;
		/** Voxels in clusters touching the collector / the separator face. */
		public final long collectorVoxels, separatorVoxels;
		/** Sizes of the largest clusters, descending (at most 20). */
		public final long[] largestSizes;

		PhaseStats(String phase, Clusters c, VoxelSize vs, Options o) {
			this.phase = phase;
			summary = c.summary(vs);
			sizeHistogram = c.sizeHistogram();
			collectorVoxels = c.touchingVoxels(o.collectorFace());
			separatorVoxels = c.touchingVoxels(o.separatorFace());
			long[] s = java.util.Arrays.copyOfRange(c.sizes(), 1, c.count() + 1);
			java.util.Arrays.sort(s);
			int m = Math.min(20, s.length);
			largestSizes = new long[m];
			for (int i = 0; i < m; i++) largestSizes[i] = s[s.length - 1 - i];
		}
	}

	/** Particle-level utilisation. Particles are counted by their CAM voxels only. */
	public static final class ParticleStats {
		/** Particles with at least one CAM voxel. */
		public int particles;
		/** Particles in an active cluster that share a face with separator-connected ISE themselves. */
		public int active;
		/** Particles in an active cluster without own contact to separator-connected ISE. */
		public int activeClusterNoContact;
		/** Particles with no voxel in an active cluster. */
		public int notInActiveCluster;
		public long voxels, activeVoxels, activeClusterNoContactVoxels, notInActiveClusterVoxels;
		/** Particle voxels that are not CAM in the phase image (ignored; should be 0). */
		public long nonCamVoxels;
		/** Per-particle rows {label, CAM voxels, in active cluster 0/1, own ISE contact 0/1}, by label. */
		public final List<long[]> rows = new ArrayList<>();

		public double activeFraction() { return particles == 0 ? Double.NaN : active / (double) particles; }
		public double activeVolumeFraction() { return voxels == 0 ? Double.NaN : activeVoxels / (double) voxels; }
	}

	public static final class Result {
		public Options options;
		public VoxelSize voxelSize;
		public int width, height, depth;
		public PhaseStats pore, cam, ise;
		/** CAM voxels and CAM clusters per class, indexed by {@link CamClass#value()} (1..4). */
		public final long[] classVoxels = new long[5];
		public final int[] classClusters = new int[5];
		public long camVoxels, iseVoxels, iseConnectedVoxels;
		/** CAM-ISE interface areas: all ISE, separator-connected ISE, and active CAM against separator-connected ISE. */
		public double interfaceTotal, interfaceConnectedIse, interfaceActive;
		public String interfaceEstimator;
		/** The same three areas by voxel faces x 2/3, whatever the estimator. */
		public double facesTotal, facesConnectedIse, facesActive;
		/** Planar class image (values per {@link CamClass}). */
		public byte[][] classImage;
		public ParticleStats particles;

		public double fraction(CamClass c) { return camVoxels == 0 ? Double.NaN : classVoxels[c.value()] / (double) camVoxels; }
		public double activeFraction() { return fraction(CamClass.ACTIVE); }
		/** Active + e-only. */
		public double electronicFraction() { return camVoxels == 0 ? Double.NaN : (classVoxels[1] + classVoxels[2]) / (double) camVoxels; }
		/** Active + ion-only. */
		public double ionicFraction() { return camVoxels == 0 ? Double.NaN : (classVoxels[1] + classVoxels[3]) / (double) camVoxels; }
		public double iseConnectedFraction() { return iseVoxels == 0 ? Double.NaN : iseConnectedVoxels / (double) iseVoxels; }

		/** The class image as an ImgLib2 image sharing the arrays. */
		public PlanarImg<UnsignedByteType, ByteArray> classImg() {
			return Planes.unsignedBytes(classImage, width, height);
		}
	}

	/**
	 * @param phases segmented volume (pore / CAM / ISE label values per {@code pl}); never modified
	 * @param particles optional CAM particle labels (0 = none; same size as {@code phases}), or null
	 */
	public static Result compute(RandomAccessibleInterval<? extends IntegerType<?>> phases, PhaseLabels pl, VoxelSize vs, Options o,
		RandomAccessibleInterval<? extends RealType<?>> particles, Progress progress) {
		Slices.requireVolume(phases);
		Progress p = progress == null ? Progress.NONE : progress;
		int w = Slices.width(phases), h = Slices.height(phases), d = Slices.depth(phases), n = w * h;
		if (o.axis < 0 || o.axis > 2) throw new IllegalArgumentException("Transport axis must be x, y or z");
		if (particles != null && (Slices.width(particles) != w || Slices.height(particles) != h || Slices.depth(particles) != d))
			throw new IllegalArgumentException("The particle label image is " + Slices.width(particles) + "x" + Slices.height(particles)
				+ "x" + Slices.depth(particles) + " but the phase image is " + w + "x" + h + "x" + d + "; they must match.");
		MemoryBudget.require(5L * n * d, "CAM utilisation of " + w + "x" + h + "x" + d + " voxels", 5.5);
		int threads = Math.max(1, o.threads);
		Result r = new Result();
		r.options = o;
		r.voxelSize = vs;
		r.width = w;
		r.height = h;
		r.depth = d;
		byte[][] cls = new byte[d][n];
		r.classImage = cls;
		int[][] buf = new int[d][n]; // cluster labels, reused by the ISE, CAM and pore labellings
		final int camV = pl.cam(), iseV = pl.ise();

		// 1. ISE clusters; those touching the separator face carry ions. 2. CAM clusters and their classes.
		// (Each in its own method so that its labels can be collected before the next labelling.)
		iseStep(phases, iseV, o, vs, threads, cls, buf, r, p.range(0, 0.25));
		p.checkCancelled();
		camStep(phases, camV, o, vs, threads, cls, buf, r, p.range(0.3, 0.55));
		p.checkCancelled();

		// 3. Interface areas on the class image.
		p.report(0.6, "CAM-ISE interface");
		InterfaceArea ia = o.interfaceArea;
		r.interfaceEstimator = ia.name();
		long[][] pc = FaceCounter.pairCounts(cls, w, h, 8, threads, p); // voxel faces x 2/3, always reported
		r.facesTotal = faceArea(pc, vs, 1, 4, 5, 6);
		r.facesConnectedIse = faceArea(pc, vs, 1, 4, 5, 5);
		r.facesActive = faceArea(pc, vs, 1, 1, 5, 5);
		if (ia == InterfaceArea.VOXEL_FACES) {
			r.interfaceTotal = r.facesTotal;
			r.interfaceConnectedIse = r.facesConnectedIse;
			r.interfaceActive = r.facesActive;
		} else {
			IntPredicate cam = v -> v >= 1 && v <= 4, active = v -> v == 1, iseAll = v -> v == 5 || v == 6, iseConn = v -> v == 5;
			double[] a = ia.areas(r.classImg(), 255, new IntPredicate[] { cam, cam, active },
				new IntPredicate[] { iseAll, iseConn, iseConn }, vs, threads, p.range(0.6, 0.7));
			r.interfaceTotal = a[0];
			r.interfaceConnectedIse = a[1];
			r.interfaceActive = a[2];
		}

		// 4. Particles.
		if (particles != null) {
			p.report(0.7, "CAM particles");
			r.particles = particleStats(particles, cls, w, h, d, p);
		}
		if (!o.keepIseClasses) Parallel.forEach(d, threads, z -> {
			byte[] c = cls[z];
			for (int i = 0; i < n; i++) if (c[i] > 4) c[i] = 0;
		});

		// 5. Pore statistics.
		if (o.poreStatistics) {
			Clusters pore = ComponentLabeler.label(phases, pl.pore(), o.connectivity, threads, p.range(0.8, 1), buf);
			r.pore = new PhaseStats("pore", pore, vs, o);
		}
		p.report(1, "CAM utilisation done");
		return r;
	}

	/** Voxel faces x 2/3 between values a0..a1 and b0..b1 (a1 < b0) from pair counts over 8 values. */
	static double faceArea(long[][] pc, VoxelSize vs, int a0, int a1, int b0, int b1) {
		double s = 0;
		for (int axis = 0; axis < 3; axis++) {
			long c = 0;
			for (int u = a0; u <= a1; u++) for (int v = b0; v <= b1; v++) c += pc[axis][u * 8 + v];
			s += c * vs.faceArea(axis);
		}
		return 2.0 / 3.0 * s;
	}

	private static void iseStep(RandomAccessibleInterval<? extends IntegerType<?>> phases, int iseV, Options o, VoxelSize vs,
		int threads, byte[][] cls, int[][] buf, Result r, Progress p) {
		int w = r.width, h = r.height, d = r.depth, n = w * h;
		// 1. ISE clusters; those touching the separator face carry ions.
		Clusters ise = ComponentLabeler.label(phases, iseV, o.connectivity, threads, p, buf);
		r.ise = new PhaseStats("ISE", ise, vs, o);
		boolean[] sep = ise.touching(o.separatorFace());
		r.iseVoxels = ise.totalVoxels();
		r.iseConnectedVoxels = ise.touchingVoxels(o.separatorFace());
		Parallel.forEach(d, threads, z -> {
			int[] l = ise.slice(z);
			byte[] c = cls[z];
			for (int i = 0; i < n; i++)
				if (l[i] != 0) c[i] = (byte) (sep[l[i]] ? CamClass.ISE_CONNECTED.value() : CamClass.ISE_DEAD.value());
		});
		p.checkCancelled();
	}

	private static void camStep(RandomAccessibleInterval<? extends IntegerType<?>> phases, int camV, Options o, VoxelSize vs,
		int threads, byte[][] cls, int[][] buf, Result r, Progress p) {
		int w = r.width, h = r.height, d = r.depth, n = w * h;
		// 2. CAM clusters; electronic = touches the collector face, ionic = shares a face with separator-connected ISE.
		Clusters cam = ComponentLabeler.label(phases, camV, o.connectivity, threads, p, buf);
		r.cam = new PhaseStats("CAM", cam, vs, o);
		r.camVoxels = cam.totalVoxels();
		boolean[] electronic = cam.touching(o.collectorFace());
		boolean[] ionic = new boolean[cam.count() + 1];
		final byte conn = (byte) CamClass.ISE_CONNECTED.value();
		Parallel.forEach(d, threads, z -> {
			int[] l = cam.slice(z);
			byte[] c = cls[z], below = z > 0 ? cls[z - 1] : null, above = z < d - 1 ? cls[z + 1] : null;
			for (int y = 0, i = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++) {
					int k = l[i];
					if (k == 0 || ionic[k]) continue;
					if ((x > 0 && c[i - 1] == conn) || (x < w - 1 && c[i + 1] == conn) || (y > 0 && c[i - w] == conn)
						|| (y < h - 1 && c[i + w] == conn) || (below != null && below[i] == conn) || (above != null && above[i] == conn))
						ionic[k] = true; // only ever set to true: races are harmless
				}
		});
		byte[] klass = new byte[cam.count() + 1];
		for (int k = 1; k <= cam.count(); k++) {
			CamClass c = electronic[k] ? (ionic[k] ? CamClass.ACTIVE : CamClass.ELECTRONIC_ONLY)
				: ionic[k] ? CamClass.IONIC_ONLY : CamClass.ISOLATED;
			klass[k] = (byte) c.value();
			r.classVoxels[c.value()] += cam.size(k);
			r.classClusters[c.value()]++;
		}
		Parallel.forEach(d, threads, z -> {
			int[] l = cam.slice(z);
			byte[] c = cls[z];
			for (int i = 0; i < n; i++) if (l[i] != 0) c[i] = klass[l[i]];
		});
		p.checkCancelled();
	}

	private static ParticleStats particleStats(RandomAccessibleInterval<? extends RealType<?>> particles, byte[][] cls, int w, int h,
		int d, Progress p) {
		int n = w * h;
		float[] buf = new float[n];
		long max = 0;
		for (int z = 0; z < d; z++) {
			Slices.readFloats(particles, z, buf);
			for (int i = 0; i < n; i++) {
				float f = buf[i];
				if (f < 0 || f != Math.rint(f))
					throw new IllegalArgumentException("The particle image must hold non-negative integer labels; found " + f
						+ " at slice " + (z + 1));
				if (f > max) max = (long) f;
			}
		}
		if (max > 50_000_000L) throw new IllegalArgumentException("The particle image has labels up to " + max
			+ "; at most 50,000,000 are supported (relabel the particles consecutively).");
		int m = (int) max;
		long[] vox = new long[m + 1];
		boolean[] inActive = new boolean[m + 1], contact = new boolean[m + 1];
		ParticleStats s = new ParticleStats();
		final byte conn = (byte) CamClass.ISE_CONNECTED.value(), active = (byte) CamClass.ACTIVE.value();
		for (int z = 0; z < d; z++) {
			if ((z & 15) == 0) p.checkCancelled();
			Slices.readFloats(particles, z, buf);
			byte[] c = cls[z], below = z > 0 ? cls[z - 1] : null, above = z < d - 1 ? cls[z + 1] : null;
			for (int y = 0, i = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++) {
					int k = (int) buf[i];
					if (k == 0) continue;
					int cv = c[i];
					if (cv < 1 || cv > 4) {
						s.nonCamVoxels++;
						continue;
					}
					vox[k]++;
					if (cv == active) inActive[k] = true;
					if (!contact[k] && ((x > 0 && c[i - 1] == conn) || (x < w - 1 && c[i + 1] == conn) || (y > 0 && c[i - w] == conn)
						|| (y < h - 1 && c[i + w] == conn) || (below != null && below[i] == conn) || (above != null && above[i] == conn)))
						contact[k] = true;
				}
		}
		for (int k = 1; k <= m; k++) {
			if (vox[k] == 0) continue;
			s.particles++;
			s.voxels += vox[k];
			if (inActive[k] && contact[k]) {
				s.active++;
				s.activeVoxels += vox[k];
			} else if (inActive[k]) {
				s.activeClusterNoContact++;
				s.activeClusterNoContactVoxels += vox[k];
			} else {
				s.notInActiveCluster++;
				s.notInActiveClusterVoxels += vox[k];
			}
			s.rows.add(new long[] { k, vox[k], inActive[k] ? 1 : 0, contact[k] ? 1 : 0 });
		}
		return s;
	}
}
