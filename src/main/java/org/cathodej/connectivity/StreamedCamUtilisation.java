package org.cathodej.connectivity;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.LabelLut;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.ClassVolume;
import org.cathodej.surface.CroftonDirections;
import org.cathodej.surface.GeometryCounts;
import org.cathodej.surface.GeometryKernel;
import org.cathodej.surface.InterfaceArea;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabKernel;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.VolumeSource;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * {@link CamUtilisation} streamed slab by slab in two passes, with the in-memory result's numbers exactly.
 * <ol>
 * <li>{@link LabelKernel}: each slab's CAM, ISE (and pore) clusters ({@link ComponentLabeler}) and the CAM-ISE
 * cluster pairs that share a voxel face; merges join clusters across slab faces ({@link SlabClusters}). Then
 * {@link #classify}: spanning and face flags, separator-connected ISE, electronic/ionic CAM classes.</li>
 * <li>{@link ClassKernel}: each slab's CAM and ISE labels, kept from pass 1 or labelled again (same labels: the
 * labeller is deterministic), give its class slices (written to a {@link SliceSink} if given) and the integer
 * interface counts of the class image ({@link GeometryKernel.Partial}); the seam between two slabs is counted in the
 * merge from their boundary slices.</li>
 * </ol>
 * Pass 1's labels (4 bytes per voxel: CAM and ISE in one array) are kept in this JVM when they take at most an eighth
 * of the memory budget ({@link MemoryBudget#keepsWithin}, {@link CamUtilisation.Options#memoryBudget}); a kernel
 * shipped to other workers never carries them and labels again.
 * Not streamed: the CAM particle image and the marching-cubes interface estimator (they are refused).
 */
public final class StreamedCamUtilisation {

	private StreamedCamUtilisation() {}

	/**
	 * Receives the class image slice by slice (any order of slabs, slices in order within a slab). Serializable so a
	 * distributed run ({@link org.cathodej.volume.SlabExecutor}) can ship it to the workers with the kernel.
	 */
	public interface SliceSink extends Serializable {
		void write(int z, byte[] classes);
	}

	/** Pass 1 partial: clusters of each phase and CAM-ISE contacts. */
	public static final class LabelPartial implements Serializable {
		private static final long serialVersionUID = 1L;
		SlabClusters cam, ise, pore;
		ContactPairs contacts;

		public int z0() { return cam.z0(); }
		public int depth() { return cam.depth(); }
	}

	/** Pass 1: labels CAM, ISE and (optionally) pore per slab; the merge reuses the lower partial's storage. */
	public static final class LabelKernel implements SlabKernel<LabelPartial>, Serializable {
		private static final long serialVersionUID = 1L;
		final int pore, cam, ise, threads;
		final Connectivity conn;
		final boolean poreStatistics;
		/** Each slab's {@link #phaseLabels} by its first slice, for pass 2, or null (never serialised: a local run's cache). */
		private final transient Map<Integer, int[][]> kept;

		public LabelKernel(PhaseLabels pl, Connectivity conn, boolean poreStatistics, int threads) {
			this(pl, conn, poreStatistics, threads, null);
		}

		LabelKernel(PhaseLabels pl, Connectivity conn, boolean poreStatistics, int threads, Map<Integer, int[][]> kept) {
			this.kept = kept;
			pore = pl.pore();
			cam = pl.cam();
			ise = pl.ise();
			this.conn = conn;
			this.poreStatistics = poreStatistics;
			this.threads = threads;
		}

		@Override
		public LabelPartial partial(Slab slab) {
			RandomAccessibleInterval<? extends IntegerType<?>> img = labels(slab);
			LabelPartial p = new LabelPartial();
			Clusters c = ComponentLabeler.label(img, cam, conn, threads, Progress.NONE);
			Clusters i = ComponentLabeler.label(img, ise, conn, threads, Progress.NONE);
			p.cam = SlabClusters.of(c, slab.z0(), slab.isFirst(), slab.isLast());
			p.ise = SlabClusters.of(i, slab.z0(), slab.isFirst(), slab.isLast());
			if (poreStatistics) p.pore = SlabClusters.of(ComponentLabeler.label(img, pore, conn, threads, Progress.NONE), slab.z0(),
				slab.isFirst(), slab.isLast());
			p.contacts = contacts(c, i, slab.width(), slab.height(), threads);
			if (kept != null) kept.put(slab.z0(), phaseLabels(c, i, false, threads));
			return p;
		}

		/**
		 * The slab's CAM and ISE labels in one array per slice: a CAM label, minus an ISE label, or 0 (the phases do not
		 * overlap); {@code inPlace} writes them into the CAM labelling's slices.
		 */
		static int[][] phaseLabels(Clusters c, Clusters i, boolean inPlace, int threads) {
			int[][] out = new int[c.depth()][];
			Parallel.forEach(c.depth(), threads, z -> {
				int[] lc = c.slice(z), li = i.slice(z), o = inPlace ? lc : new int[lc.length];
				for (int j = 0; j < lc.length; j++) o[j] = lc[j] != 0 ? lc[j] : -li[j];
				out[z] = o;
			});
			return out;
		}

		/** Pass 1's labels of the slab starting at slice {@code z0} when kept (then let go), else labelled again. */
		int[][] phaseLabels(Slab slab) {
			int[][] k = kept == null ? null : kept.remove(slab.z0());
			if (k != null) return k;
			RandomAccessibleInterval<? extends IntegerType<?>> img = labels(slab);
			Clusters c = ComponentLabeler.label(img, cam, conn, threads, Progress.NONE);
			return phaseLabels(c, ComponentLabeler.label(img, ise, conn, threads, Progress.NONE), true, threads);
		}

		/** CAM-ISE face contacts within the slab, by blocks of slices on the threads; a sorted set, so thread-independent. */
		private static ContactPairs contacts(Clusters c, Clusters i, int w, int h, int threads) {
			ContactPairs[] blocks = new ContactPairs[c.depth()]; // by first slice of the block
			Parallel.forEachBlock(c.depth(), threads, (from, to) -> {
				ContactPairs b = new ContactPairs();
				for (int z = from; z < to; z++) {
					b.addInPlane(c.slice(z), i.slice(z), w, h);
					if (z > 0) {
						b.addAcross(c.slice(z), i.slice(z - 1), 0, 0);
						b.addAcross(c.slice(z - 1), i.slice(z), 0, 0);
					}
				}
				blocks[from] = b.compact();
			});
			ContactPairs all = blocks[0];
			for (int k = 1; k < blocks.length; k++) if (blocks[k] != null) all.addAll(blocks[k], 0, 0);
			return all.compact();
		}

		@Override
		public LabelPartial merge(LabelPartial a, LabelPartial b) {
			int offCam = a.cam.provisional(), offIse = a.ise.provisional();
			a.contacts.addAcross(a.cam.last, b.ise.first, 0, offIse);
			a.contacts.addAcross(b.cam.first, a.ise.last, offCam, 0);
			a.contacts.addAll(b.contacts, offCam, offIse);
			a.contacts.compact();
			a.cam = a.cam.append(b.cam);
			a.ise = a.ise.append(b.ise);
			if (a.pore != null) a.pore = a.pore.append(b.pore);
			return a;
		}
	}

	@SuppressWarnings("unchecked")
	static RandomAccessibleInterval<? extends IntegerType<?>> labels(Slab slab) {
		return (RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) slab.coreImg();
	}

	/** What pass 2 needs from pass 1: the class of every provisional CAM label and the state of every ISE label. */
	public static final class Classes implements Serializable {
		private static final long serialVersionUID = 1L;
		final byte[] camClass, iseClass; // by provisional label
		final int[] camSlabZ0, camOffset, iseSlabZ0, iseOffset;

		Classes(LabelPartial all, int[] camMap, byte[] klass, int[] iseMap, boolean[] sep) {
			camClass = new byte[all.cam.provisional() + 1];
			for (int i = 1; i < camClass.length; i++) camClass[i] = klass[camMap[i]];
			iseClass = new byte[all.ise.provisional() + 1];
			for (int i = 1; i < iseClass.length; i++)
				iseClass[i] = (byte) (sep[iseMap[i]] ? CamClass.ISE_CONNECTED.value() : CamClass.ISE_DEAD.value());
			camSlabZ0 = all.cam.slabZ0;
			camOffset = all.cam.slabOffset;
			iseSlabZ0 = all.ise.slabZ0;
			iseOffset = all.ise.slabOffset;
		}

		static int offset(int[] z0s, int[] offs, int z) {
			int j = java.util.Arrays.binarySearch(z0s, z);
			if (j < 0) throw new IllegalArgumentException("Pass 2 must use the slabs of pass 1: no slab started at slice " + z);
			return offs[j];
		}
	}

	/**
	 * Turns the merged pass-1 partial into the result (everything but the interface areas and the class image) and
	 * the classes pass 2 needs.
	 */
	public static Classes classify(LabelPartial all, int width, int height, VoxelSize vs, CamUtilisation.Options o,
		CamUtilisation.Result r) {
		r.options = o;
		r.voxelSize = vs;
		r.width = width;
		r.height = height;
		r.depth = all.depth();
		SlabClusters.Finished ise = all.ise.finish(), cam = all.cam.finish();
		r.ise = new CamUtilisation.PhaseStats("ISE", ise.clusters, vs, o);
		boolean[] sep = ise.clusters.touching(o.separatorFace());
		r.iseVoxels = ise.clusters.totalVoxels();
		r.iseConnectedVoxels = ise.clusters.touchingVoxels(o.separatorFace());
		r.cam = new CamUtilisation.PhaseStats("CAM", cam.clusters, vs, o);
		r.camVoxels = cam.clusters.totalVoxels();
		boolean[] electronic = cam.clusters.touching(o.collectorFace());
		boolean[] ionic = new boolean[cam.clusters.count() + 1];
		ContactPairs cp = all.contacts.compact();
		for (int j = 0; j < cp.size; j++)
			if (sep[ise.map[ContactPairs.b(cp.pairs[j])]]) ionic[cam.map[ContactPairs.a(cp.pairs[j])]] = true;
		byte[] klass = new byte[cam.clusters.count() + 1];
		for (int k = 1; k <= cam.clusters.count(); k++) {
			CamClass c = electronic[k] ? (ionic[k] ? CamClass.ACTIVE : CamClass.ELECTRONIC_ONLY)
				: ionic[k] ? CamClass.IONIC_ONLY : CamClass.ISOLATED;
			klass[k] = (byte) c.value();
			r.classVoxels[c.value()] += cam.clusters.size(k);
			r.classClusters[c.value()]++;
		}
		if (all.pore != null) r.pore = new CamUtilisation.PhaseStats("pore", all.pore.finish().clusters, vs, o);
		return new Classes(all, cam.map, klass, ise.map, sep);
	}

	/** Pass 2 partial: interface counts of the class image over [z0, z1 - 1) (or to the end), and the two boundary slices. */
	public static final class ClassPartial implements Serializable {
		private static final long serialVersionUID = 1L;
		final int z0, z1, width, height;
		final boolean last;
		/** Counts of the slices whose upper neighbour is inside this run; null for a one-slice run that is not last. */
		GeometryKernel.Partial counts;
		byte[] firstSlice, lastSlice;

		ClassPartial(int z0, int z1, int width, int height, boolean last) {
			this.z0 = z0;
			this.z1 = z1;
			this.width = width;
			this.height = height;
			this.last = last;
		}
	}

	/** Pass 2: class slices and interface counts per slab. */
	public static final class ClassKernel implements SlabKernel<ClassPartial>, Serializable {
		private static final long serialVersionUID = 1L;
		final LabelKernel labeller;
		final Classes classes;
		final boolean keepIse;
		final SliceSink sink;
		static final int VALUES = 7; // class image values 0..6, each its own voxel class

		public ClassKernel(LabelKernel labeller, Classes classes, boolean keepIseClasses, SliceSink sink) {
			this.labeller = labeller;
			this.classes = classes;
			this.keepIse = keepIseClasses;
			this.sink = sink;
		}

		/** The same kernel writing class slices to {@code s}. */
		public ClassKernel withSink(SliceSink s) {
			return new ClassKernel(labeller, classes, keepIse, s);
		}

		@Override
		public ClassPartial partial(Slab slab) {
			int[][] labels = labeller.phaseLabels(slab);
			int offC = Classes.offset(classes.camSlabZ0, classes.camOffset, slab.z0());
			int offI = Classes.offset(classes.iseSlabZ0, classes.iseOffset, slab.z0());
			int d = slab.coreDepth(), n = slab.width() * slab.height();
			byte[][] planes = new byte[d][n], out = keepIse || sink == null ? planes : new byte[d][n];
			Parallel.forEach(d, labeller.threads, z -> {
				int[] l = labels[z];
				byte[] p = planes[z], q = out[z];
				for (int j = 0; j < n; j++) {
					int v = l[j];
					p[j] = v > 0 ? classes.camClass[v + offC] : v < 0 ? classes.iseClass[offI - v] : 0;
					if (q != p) q[j] = p[j] > 4 ? 0 : p[j]; // the written image without the ISE classes
				}
			});
			if (sink != null) for (int z = 0; z < d; z++) sink.write(slab.z0() + z, out[z]);
			ClassPartial r = new ClassPartial(slab.z0(), slab.z1(), slab.width(), slab.height(), slab.isLast());
			int to = slab.isLast() ? d : d - 1;
			if (to > 0) r.counts = GeometryKernel.ofRange(classVolume(planes, slab.width(), slab.height()), false, slab.z0(), 0, to, labeller.threads);
			r.firstSlice = planes[0];
			r.lastSlice = planes[d - 1];
			return r;
		}

		@Override
		public ClassPartial merge(ClassPartial a, ClassPartial b) {
			if (a.z1 != b.z0) throw new IllegalArgumentException("Slabs must be merged in order: " + a.z1 + " then " + b.z0);
			ClassPartial m = new ClassPartial(a.z0, b.z1, a.width, a.height, b.last);
			GeometryKernel.Partial seam = GeometryKernel.ofRange(classVolume(new byte[][] { a.lastSlice, b.firstSlice }, a.width, a.height),
				false, a.z1 - 1, 0, 1, 1);
			GeometryKernel k = new GeometryKernel(CLASS_VALUES.toArray(), VALUES, false, 1);
			GeometryKernel.Partial g = a.counts == null ? seam : k.merge(a.counts, seam);
			m.counts = b.counts == null ? g : k.merge(g, b.counts);
			m.firstSlice = a.firstSlice;
			m.lastSlice = b.lastSlice;
			return m;
		}
	}

	/** Class image value v (0..6) is voxel class v. */
	static final LabelLut CLASS_VALUES = LabelLut.classes(0, 1, 2, 3, 4, 5, 6);

	static ClassVolume classVolume(byte[][] planes, int w, int h) {
		return ClassVolume.fromLookup(Slab.wrapBytes(planes, w, h), CLASS_VALUES, ClassKernel.VALUES);
	}

	/**
	 * CAM utilisation of a streamed label volume: pass 1 and 2 over the slabs of {@code plan}; the class image goes to
	 * {@code sink} (may be null). Numbers equal {@link CamUtilisation#compute} on the same volume (no particle image).
	 */
	public static CamUtilisation.Result compute(VolumeSource src, SlabPlan plan, PhaseLabels pl, VoxelSize vs, CamUtilisation.Options o,
		SliceSink sink, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		if (o.axis < 0 || o.axis > 2) throw new IllegalArgumentException("Transport axis must be x, y or z");
		if (o.interfaceArea != InterfaceArea.VOXEL_FACES && o.interfaceArea != InterfaceArea.CROFTON)
			throw new IllegalArgumentException("Streamed CAM utilisation measures interfaces by Crofton or voxel faces, not by "
				+ o.interfaceArea.name());
		// in this JVM even for a source that runs kernels elsewhere: there pass 1 keeps nothing and pass 2 labels again
		Map<Integer, int[][]> kept = MemoryBudget.keepsWithin(4 * src.voxels(), o.memoryBudget) ? new ConcurrentHashMap<>() : null;
		LabelKernel lk = new LabelKernel(pl, o.connectivity, o.poreStatistics, o.threads, kept);
		LabelPartial all = SlabStreamer.run(src, plan, lk, p.range(0, 0.5));
		CamUtilisation.Result r = new CamUtilisation.Result();
		Classes cl = classify(all, src.width(), src.height(), vs, o, r);
		ClassPartial cp = SlabStreamer.run(src, plan, new ClassKernel(lk, cl, o.keepIseClasses, sink), p.range(0.5, 1));
		interfaces(cp.counts.counts(vs), r, o);
		return r;
	}

	/** The CAM-ISE interface areas from the integer counts of the class image, as {@link CamUtilisation} computes them. */
	static void interfaces(GeometryCounts g, CamUtilisation.Result r, CamUtilisation.Options o) {
		VoxelSize vs = r.voxelSize;
		long[][] pc = new long[3][64];
		for (int axis = 0; axis < 3; axis++)
			for (int u = 0; u < ClassKernel.VALUES; u++)
				for (int v = u + 1; v < ClassKernel.VALUES; v++) pc[axis][u * 8 + v] = g.classTransitions(CroftonDirections.AXIS[axis], u, v);
		r.facesTotal = CamUtilisation.faceArea(pc, vs, 1, 4, 5, 6);
		r.facesConnectedIse = CamUtilisation.faceArea(pc, vs, 1, 4, 5, 5);
		r.facesActive = CamUtilisation.faceArea(pc, vs, 1, 1, 5, 5);
		r.interfaceEstimator = o.interfaceArea.name();
		if (o.interfaceArea == InterfaceArea.VOXEL_FACES) {
			r.interfaceTotal = r.facesTotal;
			r.interfaceConnectedIse = r.facesConnectedIse;
			r.interfaceActive = r.facesActive;
			return;
		}
		int cam = GeometryCounts.set(1, 2, 3, 4), active = GeometryCounts.set(1), all = GeometryCounts.set(5, 6), conn = GeometryCounts.set(5);
		GeometryCounts.Estimator e = GeometryCounts.Estimator.CROFTON13;
		r.interfaceTotal = g.interfaceArea(cam, all, e);
		r.interfaceConnectedIse = g.interfaceArea(cam, conn, e);
		r.interfaceActive = g.interfaceArea(active, conn, e);
	}
}
