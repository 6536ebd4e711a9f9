package org.cathodej.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.cathodej.distance.EuclideanDistance;
import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.distance.StreamedDistance;
import org.cathodej.imagej.TiffFolderSource;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.pores.LocalThickness;
import org.cathodej.pores.PoreAnalysis;
import org.cathodej.pores.StreamedPoreAnalysis;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.Streaming;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Streamed Pores and Voids: the {@link PoresBench} phantom (pore balls of radius 2-12 voxels, ~30 % pore) written as
 * a TIFF-slice folder, then the streamed distance transform and the streamed pore analysis read it slab by slab (slab
 * height from the free heap, then thin slabs of at most 32 slices; distance map spilled beside the folder); when the volume fits, the in-memory twins run
 * on it loaded (streamed / in-memory throughput ratio) and the two results are compared.
 */
public final class StreamedPoresBench implements BenchCase {

	@Override
	public String name() { return "pores-streamed"; }

	@Override
	public String[] defaultSizes() { return new String[] { "256" }; }

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		File dir = Paths.get("target", "bench-volumes", "pores-" + size[0] + "x" + size[1] + "x" + size[2]).toFile();
		String[] existing = dir.list();
		if (existing == null || existing.length != size[2]) out.time(name(), "write TIFF-slice folder", size, threads, () -> write(dir, size),
			"PoresBench phantom, ~30 % pore");
		TiffFolderSource src = new TiffFolderSource(dir, null);
		VoxelSize vs = new VoxelSize(1, 1, 1, "um");
		warmUp(src, dir.toPath().resolveSibling("pores-warm-up.distance.tmp"), vs, threads);
		int sh = Streaming.slabHeight(0, src.width(), src.height(), src.depth(), 1 + LocalThickness.BYTES_PER_VOXEL);
		SlabPlan plan = new SlabPlan(src.depth(), sh);
		Path spill = dir.toPath().resolveSibling(dir.getName() + ".distance.tmp");
		Files.deleteIfExists(spill);
		long c0 = cpu();
		double es = out.seconds(() -> out.time(name(), "edt streamed", size, threads, () -> {
			try (StreamedDistance.Squared d = StreamedDistance.squared(src, v -> v == 0, vs, Edge.BACKGROUND, sh, 0, spill, threads, Progress.NONE)) {
				return d.max;
			}
		}, plan.toString()));
		long c1 = cpu();
		PoreAnalysis.Result[] streamed = new PoreAnalysis.Result[1];
		double ps = out.seconds(() -> out.time(name(), "pore_analysis streamed", size, threads, () -> streamed[0] = StreamedPoreAnalysis.run(src,
			PhaseLabels.defaults(), vs, new PoreAnalysis.Options(), plan, spill, null, threads, Progress.NONE), plan.toString()));
		long c2 = cpu();
		SlabPlan thin = new SlabPlan(src.depth(), Math.max(1, Math.min(32, src.depth() / 8)));
		out.time(name(), "pore_analysis streamed, thin slabs", size, threads, () -> StreamedPoreAnalysis.run(src, PhaseLabels.defaults(), vs,
			new PoreAnalysis.Options(), thin, spill, null, threads, Progress.NONE), thin.toString());
		long c3 = cpu();
		System.out.println(String.format(Locale.ROOT, "# process CPU s (all threads, GC/JIT included): edt streamed %.2f, pore_analysis streamed "
			+ "%.2f, thin slabs %.2f", (c1 - c0) / 1e9, (c2 - c1) / 1e9, (c3 - c2) / 1e9));
		if (src.voxels() * (1 + PoreAnalysis.BYTES_PER_VOXEL) > Runtime.getRuntime().maxMemory()) {
			System.out.println("# " + src.voxels() + " voxels do not fit in memory with their working arrays: no in-memory comparison");
			return;
		}
		PlanarImg<UnsignedByteType, ByteArray> img = StreamingBench.load(src);
		long c4 = cpu();
		double em = out.seconds(() -> out.time(name(), "edt in memory", size, threads,
			() -> EuclideanDistance.squared(img, v -> v == 0, vs, Edge.BACKGROUND, threads, Progress.NONE), null));
		long c5 = cpu();
		PoreAnalysis.Result[] mem = new PoreAnalysis.Result[1];
		double pm = out.seconds(() -> out.time(name(), "pore_analysis in memory", size, threads,
			() -> mem[0] = PoreAnalysis.run(img, PhaseLabels.defaults(), vs, new PoreAnalysis.Options(), threads, Progress.NONE), null));
		long c6 = cpu();
		System.out.println(String.format(Locale.ROOT, "# process CPU s: edt in memory %.2f, pore_analysis in memory %.2f", (c5 - c4) / 1e9,
			(c6 - c5) / 1e9));
		System.out.println(String.format(Locale.ROOT, "# streamed / in-memory throughput: edt %.2f, pore analysis %.2f; d50 %s / %s, "
			+ "components %d / %d, surface %s / %s", em / es, pm / ps, streamed[0].d50, mem[0].d50, streamed[0].components, mem[0].components,
			streamed[0].poreSurface, mem[0].poreSurface));
	}

	/**
	 * Both paths three times on a 96^3 phantom in memory (one slab, thin slabs, a spilled distance map), and a few
	 * slices of the folder read (none recorded): a single 64^3 round left the first timed run paying for much of the
	 * JIT compilation (its process CPU seconds counted the compiler threads), which the later in-memory run did not.
	 */
	private static void warmUp(TiffFolderSource src, Path spill, VoxelSize vs, int threads) throws Exception {
		PlanarImg<UnsignedByteType, ByteArray> small = PoresBench.phantom(96, 96, 96, 0.30, 7);
		ImgSource in = new ImgSource(small, vs, "warm-up");
		src.readPlanes(0, Math.min(16, src.depth()));
		for (int round = 0; round < 3; round++) {
			for (SlabPlan plan : new SlabPlan[] { new SlabPlan(96, 96), new SlabPlan(96, 16) }) {
				Files.deleteIfExists(spill);
				StreamedPoreAnalysis.run(in, PhaseLabels.defaults(), vs, new PoreAnalysis.Options(), plan, spill, null, threads, Progress.NONE);
			}
			Files.deleteIfExists(spill);
			try (StreamedDistance.Squared d = StreamedDistance.squared(in, v -> v == 0, vs, Edge.BACKGROUND, 16, 8, spill, threads, Progress.NONE)) {
				d.volume.readPlanes(0, 1);
			}
			PoreAnalysis.run(small, PhaseLabels.defaults(), vs, new PoreAnalysis.Options(), threads, Progress.NONE);
			EuclideanDistance.squared(small, v -> v == 0, vs, Edge.BACKGROUND, threads, Progress.NONE);
		}
	}

	static long cpu() {
		java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
	}

	/** The phantom as TIFF slices. */
	static Object write(File dir, int[] size) {
		PlanarImg<UnsignedByteType, ByteArray> img = PoresBench.phantom(size[0], size[1], size[2], 0.30, 42);
		dir.getParentFile().mkdirs();
		try (TiffSliceWriter wr = new TiffSliceWriter(dir, "labels", size[0], size[1], size[2], new VoxelSize(1, 1, 1, "um"), true)) {
			for (int z = 0; z < size[2]; z++) wr.write(z, img.getPlane(z).getCurrentStorageArray(), size[0], size[1]);
			wr.commit();
		}
		return dir;
	}
}
