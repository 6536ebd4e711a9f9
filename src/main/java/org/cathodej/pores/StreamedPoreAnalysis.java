package org.cathodej.pores;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cathodej.connectivity.Clusters;
import org.cathodej.connectivity.ComponentLabeler;
import org.cathodej.connectivity.Connectivity;
import org.cathodej.connectivity.SlabClusters;
import org.cathodej.distance.StreamedDistance;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabKernel;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.Streaming;
import org.cathodej.volume.SliceSink;
import org.cathodej.volume.VolumeSource;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * {@link PoreAnalysis#run} in bounded memory, slab by slab, with the in-memory result's numbers exactly.
 * <ol>
 * <li>Pore components: each slab's 6-connected pore clusters ({@link ComponentLabeler}) and, per provisional label,
 * whether it touches CAM and ISE (faces to the slices around the slab included); merges join clusters across slab
 * faces ({@link SlabClusters}), so the components are numbered as in memory and each one's class (ISE, CAM, CAM-ISE
 * boundary) and border contact are known before the next pass.</li>
 * <li>The exact distance map, streamed to disk, or held in memory when it fits ({@link StreamedDistance}); its
 * pass 1 (the slices' 2D transforms) runs on pass 1's label slabs, so the labels are read once for both.</li>
 * <li>Local thickness slab by slab with its halo ({@link StreamedLocalThickness}); each slab gets pass 1's labels
 * (kept when all of them take at most an eighth of the memory budget, else the slab is labelled again: the labeller is
 * deterministic), given the final component labels, and its slices are scanned in z order: component
 * moments, contact areas and thickness, the void profile and the size histogram. The per-slice arithmetic is the
 * in-memory one in the same order, so every table is bit-identical.</li>
 * </ol>
 * Memory: a label slab and a thickness window of (slab + 2 halo) slices at {@link LocalThickness#BYTES_PER_VOXEL},
 * plus the component tables ({@link ComponentTables}: 306 bytes per pore component with its void row, 18 per provisional label; the
 * in-memory path needs the statistics too), plus
 * 4 bytes per voxel for pass 1's labels and the distance map each when they are kept; disk: 4 bytes per voxel when
 * the distance map is spilled (deleted at the end). The memory budget ({@link PoreAnalysis.Options#memoryBudget}, the
 * user's {@code memory_mb}; 0 = what the heap has free) decides whether the map and pass 1's labels are held (each
 * when it takes at most an eighth of the budget) and how high pass 2's row blocks are, and thins the thickness slabs
 * below pass 1's when their windows would not fit beside what is held (each then takes its slices' labels from the
 * pass 1 slab that holds them); the caller sizes the slab plan from it. A budget below {@link #leastBudget} is refused before anything is read; thickness windows (their halo
 * follows the largest pore radius) that do not fit are refused once the distance map is made, with the least budget.
 * The component tables do not shrink with the slabs: they are checked after every slab of pass 1 against the budget
 * beside what is held and the least thickness windows (or within the free heap), and the run stops there, spill
 * deleted and nothing written, when the components found so far would not fit; in pass 3 they count as held beside
 * the thickness windows.
 */
public final class StreamedPoreAnalysis {

	/** Touch bits of a pore cluster. */
	private static final byte CAM = 1, ISE = 2;

	private StreamedPoreAnalysis() {}

	/**
	 * @param plan slabs of every pass
	 * @param spill a file that does not exist yet, for the distance map (deleted at the end)
	 * @param thickness where the local thickness slices go (completed at the end, aborted on failure or Esc), or null
	 * @return the in-memory result's numbers ({@link PoreAnalysis.Result#thickness} null)
	 */
	public static PoreAnalysis.Result run(VolumeSource labels, PhaseLabels pl, VoxelSize vs, PoreAnalysis.Options opt, SlabPlan plan,
		Path spill, SliceSink thickness, int threads, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		PoreAnalysis.Options o = opt == null ? new PoreAnalysis.Options() : opt;
		int w = labels.width(), h = labels.height(), d = labels.depth();
		if (plan.depth() != d) throw new IllegalArgumentException("The slab plan covers " + plan.depth() + " slices, the volume has " + d);
		PoreAnalysis.Result r = new PoreAnalysis.Result();
		r.voxelSize = vs;
		r.totalVoxels = labels.voxels();
		r.totalVolume = r.totalVoxels * vs.voxelVolume();
		requireLeastBudget(w, h, d, labels.bytesPerVoxel(), o.memoryBudget);
		boolean done = false;
		// pass 1 also makes the distance map's slices (one read of the labels for both)
		try (StreamedDistance.Builder edt = new StreamedDistance.Builder(labels, v -> v == pl.pore(), vs, o.edge, 0, spill, o.memoryBudget)) {
			// in this JVM even for a source that runs kernels elsewhere: the later passes use a local spill file
			// each slab's pore labels are kept for pass 3 when they take at most an eighth of the memory budget, else labelled again
			Map<Integer, Clusters> kept = keepsLabels(labels.voxels(), MemoryBudget.within(o.memoryBudget)) ? new ConcurrentHashMap<>() : null;
			long reserved = 4 * labels.voxels() * ((kept != null ? 1 : 0) + (edt.holdsMap() ? 1 : 0));
			String what = w + "x" + h + "x" + d + " voxels";
			// the component tables, checked as each slab joins (a refusal, not an OutOfMemoryError, when the pores outnumber memory)
			long windows = passThree(w, h, d, labels.bytesPerVoxel(), LEAST_HALO, 1, plan.height(), kept == null);
			TablesCheck check = sc -> ComponentTables.require(sc.provisional(), sc.clusters(), sc.z0() + sc.depth(), d, o.memoryBudget, reserved,
				windows, what);
			Partial all = SlabStreamer.runRange(labels, plan, 0, plan.count(), new ClusterKernel(pl.pore(), pl.cam(), pl.ise(), threads, kept,
				edt, check, p), null, p.range(0, 0.3));
			check.accept(all.clusters); // the last before the merge's and the statistics' allocations
			long tables = ComponentTables.bytes(all.clusters.provisional(), all.clusters.clusters());
			SlabClusters.Finished fin = all.clusters.finish();
			Clusters cl = fin.clusters();
			r.components = cl.count();
			PoreAnalysis.Components comp = new PoreAnalysis.Components(cl);
			presetClasses(comp, all, fin);
			PoreAnalysis.allocateProfile(r, d);
			PoreAnalysis.Sizes sizes = new PoreAnalysis.Sizes();
			Scan scan = new Scan(new PassOne(labels, plan, all.clusters, kept, pl.pore(), threads), fin, comp, sizes, pl, vs, r, threads);
			LocalThickness.Result lt;
			try (StreamedDistance.Squared dist = edt.finish(threads, p.range(0.3, 0.45))) {
				int sh = dist.unbounded ? plan.height() // refused by fromDistance
					: thicknessSlabs(labels, LocalThickness.haloSlices(dist.max, vs), plan.height(), o.memoryBudget, reserved, tables,
						kept == null);
				lt = StreamedLocalThickness.fromDistance(labels, dist, vs, sh, thickness, scan, threads, p.range(0.45, 1));
			}
			r.ridgeVoxels = lt.ridgeVoxels;
			r.poreVoxels = lt.phaseVoxels;
			r.poreVolume = r.poreVoxels * vs.voxelVolume();
			r.porosity = r.totalVoxels > 0 ? (double) r.poreVoxels / r.totalVoxels : Double.NaN;
			r.maxThickness = lt.max;
			sizes.finish(r, PoreAnalysis.binWidth(o, vs));
			r.poreSurface = r.camPoreSurface + r.isePoreSurface + r.otherPoreSurface;
			comp.classify(vs, o, r);
			done = true;
			return r;
		} finally {
			if (!done && thickness != null) thickness.abort();
		}
	}

	/** Whether pass 1's pore labels (4 bytes per voxel) are kept for pass 3: when they take at most an eighth of {@code memory}. */
	static boolean keepsLabels(long voxels, long memory) {
		return MemoryBudget.keeps(4 * voxels, memory);
	}

	/** Halo of the smallest thickness window: a pore radius of one voxel (any pore has at least that). */
	private static final int LEAST_HALO = 3;

	/**
	 * The least memory budget the streamed analysis of w x h x d voxels ({@code labelBytes} per label voxel) can run in:
	 * one-slice label slabs (pass 1), one-row blocks of the spilled distance map (pass 2) and the thickness windows of one
	 * slice with the halo of a one-voxel pore radius beside one slab's pore labels made again (pass 3; larger pores need
	 * larger windows, checked once the distance map tells their radius).
	 */
	public static long leastBudget(int w, int h, int d, int labelBytes) {
		double plane = (double) w * h;
		long slabs = (long) Math.ceil(2 * plane * (labelBytes + PoreAnalysis.BYTES_PER_VOXEL));
		long blocks = d > 1 ? 2L * 4 * w * d : 0;
		return Math.max(slabs, Math.max(blocks, leastPassThree(w, h, d, labelBytes, LEAST_HALO)));
	}

	/**
	 * The least budget for pass 3 of one-slice thickness slabs with this halo, nothing held for the whole volume: the
	 * windows and one pass 1 slab labelled again, as high as such a budget makes it ({@link Streaming#slabHeight}, as the
	 * commands size it).
	 */
	static long leastPassThree(int w, int h, int d, int labelBytes, int halo) {
		long b = passThree(w, h, d, labelBytes, halo, 1, 1, true);
		for (int i = 0; i < 100; i++) { // grows with the slab height it allows, by a few per cent: a fixed point soon
			int slab = Streaming.slabHeight(0, w, h, d, labelBytes + PoreAnalysis.BYTES_PER_VOXEL, b);
			long next = passThree(w, h, d, labelBytes, halo, 1, slab, true);
			if (next <= b) return b;
			b = next;
		}
		return b;
	}

	/** Refuses a memory budget ({@code cap} bytes; 0 = none) below {@link #leastBudget}, naming the least. */
	public static void requireLeastBudget(int w, int h, int d, int labelBytes, long cap) {
		long least = leastBudget(w, h, d, labelBytes);
		if (cap > 0 && cap < least) MemoryBudget.requireWithin(least, cap, least, "Pores and Voids slab by slab on " + w + "x" + h + "x" + d
			+ " voxels (one-slice slabs, one-row blocks of the distance map, thickness windows of " + Math.min(d, 1 + 2 * LEAST_HALO) + " slices)");
	}

	/**
	 * Bytes of pass 3 beside what is held for the whole volume: two thickness windows of {@code slices} slices and the
	 * halo on each side, and when pass 1's labels were not kept, one pass 1 slab of {@code slabHeight} slices read and
	 * labelled again.
	 */
	static long passThree(int w, int h, int d, int labelBytes, int halo, int slices, int slabHeight, boolean relabels) {
		double plane = (double) w * h;
		double windows = 2 * plane * Math.min(d, slices + 2 * halo) * (LocalThickness.BYTES_PER_VOXEL + labelBytes);
		return (long) Math.ceil(windows + (relabels ? plane * slabHeight * (4 + labelBytes) : 0));
	}

	/**
	 * Slices per thickness slab: pass 1's slab height, or fewer when its windows with their halo would not fit the
	 * budget {@code cap} (0 = none: the heap is checked by {@link StreamedLocalThickness}) beside what is held for the
	 * whole volume ({@code reserved} bytes: the distance map, pass 1's labels; {@code tables} bytes: the component
	 * tables). Refused when one slice does not fit, naming the least budget: one-slice slabs and the tables, plus what
	 * such a budget would hold ({@link #keepsLabels} and the held map share one threshold, 32 bytes per voxel).
	 */
	private static int thicknessSlabs(VolumeSource labels, int halo, int slabHeight, long cap, long heldMaps, long tables, boolean relabels) {
		long reserved = heldMaps + tables;
		if (cap <= 0) return slabHeight;
		int w = labels.width(), h = labels.height(), d = labels.depth(), lb = labels.bytesPerVoxel();
		int sh = slabHeight;
		while (sh > 1 && passThree(w, h, d, lb, halo, sh, slabHeight, relabels) + reserved > cap) sh--;
		long need = passThree(w, h, d, lb, halo, sh, slabHeight, relabels) + reserved;
		if (need > cap) {
			long one = leastPassThree(w, h, d, lb, halo), n = labels.voxels();
			// a budget of 32 bytes per voxel or more holds the map and pass 1's labels (8 bytes per voxel)
			long least = tables + (keepsLabels(n, one) ? Math.max(32 * n, passThree(w, h, d, lb, halo, 1, 1, false) + 8 * n) : one);
			MemoryBudget.requireWithin(need, cap, least, "Local thickness of slabs of 1 slice with a halo of " + halo
				+ " slices (the largest pore radius; two windows, and " + MemoryBudget.bytes(reserved) + " held for the whole volume: "
				+ MemoryBudget.bytes(tables) + " of component tables" + (heldMaps > 0 ? ", the distance map or pass 1's labels" : "") + ")");
		}
		return sh;
	}

	/** Each component's class from the contacts of its provisional labels (classify checks them against the faces). */
	private static void presetClasses(PoreAnalysis.Components comp, Partial all, SlabClusters.Finished fin) {
		byte[] touch = new byte[comp.nc + 1];
		for (int i = 1; i <= all.clusters.provisional(); i++) touch[fin.finalLabel(i)] |= all.touch[i];
		for (int id = 1; id <= comp.nc; id++) comp.cls[id] = PoreAnalysis.Components.classOf((touch[id] & CAM) != 0, (touch[id] & ISE) != 0);
	}

	/** The component tables' check on the clusters of the slabs merged so far ({@link ComponentTables#require}). */
	interface TablesCheck {
		void accept(SlabClusters soFar);
	}

	/** Pass 1 partial: pore clusters of a run of slabs and the solid phases each provisional label touches. */
	static final class Partial implements Serializable {
		private static final long serialVersionUID = 1L;
		SlabClusters clusters;
		/** touch[provisional label] = CAM and/or ISE bits. */
		byte[] touch;
	}

	/** Pass 1: pore clusters per slab (labels with one slice of halo, for the contacts across the slab's faces). */
	static final class ClusterKernel implements SlabKernel<Partial> {
		private final int pore, cam, ise, threads;
		/** Where each slab's labelling is kept by its first slice, or null (never serialised: a local run's cache). */
		private final transient Map<Integer, Clusters> kept;
		/** Fed each slab's core label planes, or null. */
		private final transient StreamedDistance.Builder edt;
		/** Esc is also seen between a slab's labelling and its 2D transforms (two passes' work per slab here). */
		private final transient Progress progress;
		/** Sees the clusters of the slabs so far after each merge, or null. */
		private final transient TablesCheck check;

		ClusterKernel(int pore, int cam, int ise, int threads, Map<Integer, Clusters> kept, StreamedDistance.Builder edt, TablesCheck check,
			Progress progress) {
			this.kept = kept;
			this.check = check;
			this.edt = edt;
			this.progress = progress;
			this.pore = pore;
			this.cam = cam;
			this.ise = ise;
			this.threads = threads;
		}

		@Override public int haloBelow() { return 1; }
		@Override public int haloAbove() { return 1; }

		@Override
		public Partial partial(Slab slab) {
			Clusters c = ComponentLabeler.label(ints(slab.coreImg()), pore, Connectivity.SIX, threads, Progress.NONE);
			if (kept != null) kept.put(slab.z0(), c);
			if (edt != null) {
				progress.checkCancelled();
				Object[] core = new Object[slab.coreDepth()];
				for (int k = 0; k < core.length; k++) core[k] = slab.plane(slab.z0() + k);
				edt.add(slab.z0(), core, threads);
			}
			Partial p = new Partial();
			p.touch = new byte[c.count() + 1];
			int w = slab.width(), h = slab.height();
			LabelWindow win = new LabelWindow(slab);
			for (int k = 0; k < slab.coreDepth(); k++) {
				int z = slab.z0() + k;
				int[] lm = win.below(z), l0 = win.at(z), lp = win.above(z), cz = c.slice(k);
				for (int y = 0, i = 0; y < h; y++)
					for (int x = 0; x < w; x++, i++) {
						int id = cz[i];
						if (id == 0) continue;
						int t = 0;
						if (x > 0) t |= bit(l0[i - 1]);
						if (x < w - 1) t |= bit(l0[i + 1]);
						if (y > 0) t |= bit(l0[i - w]);
						if (y < h - 1) t |= bit(l0[i + w]);
						if (lm != null) t |= bit(lm[i]);
						if (lp != null) t |= bit(lp[i]);
						p.touch[id] |= t;
					}
			}
			p.clusters = SlabClusters.of(c, slab.z0(), slab.isFirst(), slab.isLast());
			return p;
		}

		private int bit(int label) {
			return label == cam ? CAM : label == ise ? ISE : 0;
		}

		@Override
		public Partial merge(Partial a, Partial b) {
			int off = a.clusters.provisional(), nb = b.clusters.provisional();
			byte[] t = Arrays.copyOf(a.touch, off + nb + 1);
			System.arraycopy(b.touch, 1, t, off + 1, nb);
			a.touch = t;
			a.clusters = a.clusters.append(b.clusters);
			if (check != null) check.accept(a.clusters);
			return a;
		}
	}

	/**
	 * Pass 1's pore labels of slice after slice, in z order: each pass 1 slab's labelling, kept or made again (the
	 * labeller is deterministic: the same provisional labels), with its offset among all provisional labels.
	 */
	private static final class PassOne {
		private final VolumeSource labels;
		private final SlabPlan plan;
		private final SlabClusters all;
		private final Map<Integer, Clusters> kept;
		private final int pore, threads;
		private Clusters current;
		private int slab = -1;

		PassOne(VolumeSource labels, SlabPlan plan, SlabClusters all, Map<Integer, Clusters> kept, int pore, int threads) {
			this.labels = labels;
			this.plan = plan;
			this.all = all;
			this.kept = kept;
			this.pore = pore;
			this.threads = threads;
		}

		/** Slice z's provisional labels (relabelled in place by the caller: each slice is asked for once). */
		int[] slice(int z, Slab around) {
			int i = z / plan.height(), z0 = plan.start(i);
			if (i != slab) {
				Clusters c = kept == null ? null : kept.remove(z0);
				if (c == null) { // the thickness slab is pass 1's: its labels are at hand, else read the slab again
					boolean same = around.z0() == z0 && around.z1() == plan.end(i);
					c = ComponentLabeler.label(ints(same ? around.coreImg() : Slab.read(labels, plan, i, 0, 0).coreImg()), pore, Connectivity.SIX,
						threads, Progress.NONE);
				}
				current = c;
				slab = i;
			}
			return current.slice(z - z0);
		}

		/** Offset of slice z's provisional labels among all of them. */
		int offset(int z) {
			return all.offsetOfSlab(plan.start(z / plan.height()));
		}
	}

	/** Pass 3 per thickness slab: final component labels, then the in-memory per-slice steps in z order. */
	private static final class Scan implements StreamedLocalThickness.SlabUse {
		private final PassOne passOne;
		private final SlabClusters.Finished fin;
		private final PoreAnalysis.Components comp;
		private final PoreAnalysis.Sizes sizes;
		private final PhaseLabels pl;
		private final VoxelSize vs;
		private final PoreAnalysis.Result r;
		private final int threads;

		Scan(PassOne passOne, SlabClusters.Finished fin, PoreAnalysis.Components comp, PoreAnalysis.Sizes sizes, PhaseLabels pl, VoxelSize vs,
			PoreAnalysis.Result r, int threads) {
			this.passOne = passOne;
			this.fin = fin;
			this.comp = comp;
			this.sizes = sizes;
			this.pl = pl;
			this.vs = vs;
			this.r = r;
			this.threads = threads;
		}

		@Override
		public void accept(Slab labels, float[][] thickness) {
			int w = labels.width(), h = labels.height(), n = labels.coreDepth(), z0 = labels.z0();
			int[][] ids = new int[n][];
			int[] off = new int[n];
			for (int k = 0; k < n; k++) {
				ids[k] = passOne.slice(z0 + k, labels);
				off[k] = passOne.offset(z0 + k);
			}
			PoreAnalysis.Sizes.Slice[] sz = new PoreAnalysis.Sizes.Slice[n];
			Parallel.forEach(n, threads, k -> {
				int[] c = ids[k]; // used once more, here: relabelled in place
				for (int i = 0; i < c.length; i++) if (c[i] != 0) c[i] = fin.finalLabel(c[i] + off[k]);
				sz[k] = PoreAnalysis.Sizes.of(thickness[k]);
				PoreAnalysis.profileSlice(z0 + k, c, thickness[k], comp, (double) w * h, vs.z(), r);
			});
			LabelWindow win = new LabelWindow(labels);
			for (int k = 0; k < n; k++) {
				int z = z0 + k;
				comp.scanSlice(z, ids[k], thickness[k], win.below(z), win.at(z), win.above(z), w, h, pl, vs, r);
				sizes.add(sz[k]);
			}
		}
	}

	/** Label slices of a slab (halo included) as ints, each converted once; null outside the volume. */
	private static final class LabelWindow {
		private final Slab slab;
		private final int first;
		private final int[][] read;

		LabelWindow(Slab slab) {
			this.slab = slab;
			first = slab.z0() - slab.haloBelow();
			read = new int[slab.haloBelow() + slab.coreDepth() + slab.haloAbove()][];
		}

		int[] at(int z) {
			int k = z - first;
			if (read[k] == null) read[k] = Slab.ints(slab.plane(z));
			return read[k];
		}

		int[] below(int z) {
			return z > 0 ? at(z - 1) : null;
		}

		int[] above(int z) {
			return z + 1 < slab.volumeDepth() ? at(z + 1) : null;
		}
	}

	@SuppressWarnings("unchecked")
	private static RandomAccessibleInterval<? extends IntegerType<?>> ints(RandomAccessibleInterval<?> img) {
		return (RandomAccessibleInterval<? extends IntegerType<?>>) img;
	}
}
