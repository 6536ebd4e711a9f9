package org.cathodej.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.cathodej.distance.StreamedDistance;
import org.cathodej.imagej.TiffFolderSource;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.LabelVolume;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.pores.PoreAnalysis;
import org.cathodej.pores.StreamedPoreAnalysis;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Progress;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.Streaming;

/**
 * Streamed Pores and Voids within a memory budget (memory_mb; system property {@code cathodej.bench.memoryMb}, default
 * 256): the {@link StreamedPoresBench} TIFF-slice folder (written first when missing) analysed with the slab height, the
 * held or spilled distance map and the kept or relabelled pass 1 labels that the budget gives, as the command does.
 * Prints the plan, whether the map is spilled (and its size on disk), the process CPU seconds and the recorder's
 * peak heap; {@code cathodej.bench.folder} names another label folder (e.g. the 4.3e9-voxel volume of SparkBench gen),
 * {@code cathodej.bench.phantom=cathode-tile} writes SparkBench gen's volume at the size asked for.
 */
public final class PoresBudgetBench implements BenchCase {

	@Override
	public String name() { return "pores-budget"; }

	@Override
	public String[] defaultSizes() { return new String[] { "512x512x256" }; }

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		String other = System.getProperty("cathodej.bench.folder");
		boolean tile = "cathode-tile".equals(System.getProperty("cathodej.bench.phantom"));
		String stem = (tile ? "cathode-tile-" : "pores-") + size[0] + "x" + size[1] + "x" + size[2];
		File dir = other != null ? new File(other) : Paths.get("target", "bench-volumes", stem).toFile();
		String[] existing = dir.list();
		if (other == null && (existing == null || existing.length != size[2]))
			out.time(name(), "write TIFF-slice folder", size, threads, () -> tile ? writeTiled(dir, size) : StreamedPoresBench.write(dir, size),
				tile ? "SparkBench gen's tiled cathode" : "PoresBench phantom, ~30 % pore");
		TiffFolderSource src = new TiffFolderSource(dir, null);
		int[] sz = { src.width(), src.height(), src.depth() };
		VoxelSize vs = tile || other != null ? src.voxelSize() : new VoxelSize(1, 1, 1, "um");
		long budget = MemoryBudget.megabytes(Integer.getInteger("cathodej.bench.memoryMb", 256)); // 0: the free heap, as memory_mb=0
		PoreAnalysis.Options o = new PoreAnalysis.Options();
		o.memoryBudget = budget;
		int w = src.width(), h = src.height(), d = src.depth();
		SlabPlan plan = new SlabPlan(d, Streaming.slabHeight(0, w, h, d, src.bytesPerVoxel() + PoreAnalysis.BYTES_PER_VOXEL, MemoryBudget.within(budget)));
		boolean spills = !StreamedDistance.held(w, h, d, MemoryBudget.within(budget));
		Path spill = dir.toPath().resolveSibling(dir.getName() + ".budget-distance.tmp");
		Files.deleteIfExists(spill);
		String note = String.format(Locale.ROOT, "memory_mb=%d, %s, distance map %s, least budget %s", budget >> 20, plan,
			spills ? "spilled (" + MemoryBudget.bytes(4 * src.voxels()) + " on disk)" : "held", MemoryBudget.bytes(StreamedPoreAnalysis.leastBudget(w, h, d,
				src.bytesPerVoxel())));
		long c0 = StreamedPoresBench.cpu();
		PoreAnalysis.Result r = out.time(name(), "pore_analysis streamed within the budget", sz, threads, () -> StreamedPoreAnalysis.run(src,
			PhaseLabels.defaults(), vs, o, plan, spill, null, threads, Progress.NONE), note);
		long c1 = StreamedPoresBench.cpu();
		System.out.println(String.format(Locale.ROOT, "# %s; process CPU s (all threads, GC/JIT included) %.1f; d50 %s, components %d, "
			+ "pore surface %s; spill left on disk: %b", note, (c1 - c0) / 1e9, r.d50, r.components, r.poreSurface, Files.exists(spill)));
	}

	/**
	 * The volume of {@code SparkBench gen} (the 4.3e9-voxel bench volume is its 2048 x 2048 x 1024): a 128 x 128 x 64
	 * synthetic cathode (0.1 x 0.1 x 0.15 um, CAM radius 0.35 um, pore radius 0.25 um, seed 11) tiled periodically.
	 */
	static Object writeTiled(File dir, int[] size) {
		SyntheticCathode.Params p = new SyntheticCathode.Params();
		p.width = 128;
		p.height = 128;
		p.depth = 64;
		p.voxelSize = new VoxelSize(0.1, 0.1, 0.15, "um");
		p.camRadius = 0.35;
		p.camRadiusSd = 0.1;
		p.poreRadius = 0.25;
		p.seed = 11;
		LabelVolume t = SyntheticCathode.generate(p, Progress.NONE).volume;
		int w = size[0], h = size[1], d = size[2];
		dir.getParentFile().mkdirs();
		try (TiffSliceWriter wr = new TiffSliceWriter(dir, "labels", w, h, d, t.voxelSize(), true)) {
			byte[] b = new byte[w * h];
			for (int z = 0; z < d; z++) {
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) b[y * w + x] = (byte) t.get(x % 128, y % 128, z % 64);
				wr.write(z, b, w, h);
			}
			wr.commit();
		}
		return dir;
	}
}
