package org.cathodej.bench;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.cathodej.chord.ChordAnalyzer;
import org.cathodej.chord.ChordKernel;
import org.cathodej.chord.ChordOptions;
import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.connectivity.StreamedCamUtilisation;
import org.cathodej.fractions.FractionsKernel;
import org.cathodej.fractions.PhaseFractions;
import org.cathodej.imagej.TiffFolderSource;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.ClassVolume;
import org.cathodej.surface.GeometryKernel;
import org.cathodej.surface.GeometryScanner;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.Streaming;
import org.cathodej.volume.VolumeSource;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Out-of-core analyses: writes a label volume of the requested size as a TIFF-slice folder (a 256^3 synthetic
 * cathode, mirrored and tiled: realistic clusters that cross every slab), then times the streamed fractions, surfaces
 * (as the Surface command: marching cubes + Crofton + faces), chords (as the Chord command: chords, then a Crofton
 * pass for S_V) and CAM utilisation (6-connected, class image written as TIFF slices) reading the folder with the slab
 * height the free heap allows; the plain reading of all slices gives the disk read rate. When the volume fits, it is
 * loaded, and each streamed step is followed by its in-memory twin (the streamed / in-memory ratio, also against
 * loading + in memory); -Dcathodej.bench.rounds=N repeats the pairs (a loaded machine). Run with a small heap, e.g.
 * CATHODEJ_XMX=2g.
 */
public final class StreamingBench implements BenchCase {

	@Override
	public String name() {
		return "streaming";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "512x512x400" };
	}

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		File dir = Paths.get("target", "bench-volumes", size[0] + "x" + size[1] + "x" + size[2]).toFile();
		String[] existing = dir.list();
		if (existing == null || existing.length != size[2])
			out.time(name(), "write TIFF-slice folder", size, threads, () -> write(dir, size), "mirrored tiles of a 256^3 synthetic cathode");
		TiffFolderSource src = new TiffFolderSource(dir, null);
		PhaseLabels pl = PhaseLabels.defaults();
		VoxelSize vs = src.voxelSize();
		SlabPlan plan = new SlabPlan(src.depth(), Streaming.slabHeight(0, src.width(), src.height(), src.depth(), 14));
		String slabs = plan.toString();
		out.time(name(), "read all slices (disk read)", size, threads, () -> readAll(src, plan), slabs + "; voxels/s = bytes/s (8-bit)");
		ChordOptions opt = new ChordOptions(2, false, false);
		File classes = new File(dir.getParentFile(), dir.getName() + "-classes");
		long voxels = src.voxels();
		boolean fits = voxels * 12 <= Runtime.getRuntime().maxMemory();
		if (!fits) System.out.println("# " + voxels + " voxels do not fit in memory with their working arrays: no in-memory comparison");
		PlanarImg<UnsignedByteType, ByteArray> img = fits ? out.time(name(), "load the folder into memory", size, threads, () -> load(src),
			"CathodeJ's slice reader") : null;
		double load = fits ? out.lastSeconds() : 0;
		CamUtilisation.Options o = new CamUtilisation.Options();
		o.threads = threads;
		// each streamed step next to its in-memory twin, so that both see the same load of a shared machine
		for (int r = 1, rounds = Integer.getInteger("cathodej.bench.rounds", 1); r <= rounds; r++) {
			String round = rounds > 1 ? "round " + r + "/" + rounds + ": " : "";
			pair(out, size, threads, round + "fractions", slabs, load, () -> SlabStreamer.run(src, plan, new FractionsKernel(pl, threads),
				Progress.NONE), img == null ? null : () -> PhaseFractions.count(img, pl, threads, Progress.NONE));
			pair(out, size, threads, round + "surfaces", slabs, load, () -> SlabStreamer.run(src, plan, GeometryKernel.ofLabels(true, threads, 0,
				1, 2), Progress.NONE).counts(vs), img == null ? null : () -> GeometryScanner.scan(ClassVolume.fromLabels(img, 0, 1, 2), vs, threads,
					Progress.NONE));
			pair(out, size, threads, round + "chords + Crofton S_V", slabs, load, () -> chords(src, plan, opt, threads, vs), img == null ? null
				: () -> {
					ClassVolume cv = ClassVolume.fromLabels(img, 0, 1, 2);
					ChordAnalyzer.measure(cv, vs, opt, threads, Progress.NONE);
					return GeometryScanner.scan(cv, vs, false, threads, Progress.NONE);
				});
			pair(out, size, threads, round + "CAM utilisation", slabs + "; streamed writes the class slices", load, () -> cam(src, plan, pl, vs,
				threads, classes), img == null ? null : () -> CamUtilisation.compute(img, pl, vs, o, null, Progress.NONE));
		}
	}

	/**
	 * Times the streamed step, then (when the volume is in memory) its in-memory twin, and prints the streamed /
	 * in-memory throughput ratio, the ratio against loading the folder and then analysing it in memory, and the ratio
	 * of the process CPU seconds the two steps used (all threads, GC included: less sensitive to a loaded machine).
	 */
	private void pair(BenchRecorder out, int[] size, int threads, String step, String slabs, double loadSeconds,
		java.util.concurrent.Callable<Object> streamed, java.util.concurrent.Callable<Object> inMemory) throws Exception {
		double[] cpu = new double[2];
		double s = out.seconds(() -> out.time(name(), step + " streamed", size, threads, cpu(streamed, cpu, 0), slabs));
		if (inMemory == null) return;
		double m = out.seconds(() -> out.time(name(), step + " in memory", size, threads, cpu(inMemory, cpu, 1), null));
		System.out.println(String.format(Locale.ROOT, "# %s: streamed / in-memory throughput = %.2f; against loading the folder + in memory "
			+ "= %.2f; CPU s streamed %.2f, in memory %.2f, ratio %.2f", step, m / s, (m + loadSeconds) / s, cpu[0], cpu[1], cpu[1] / cpu[0]));
	}

	/** The work, storing the process CPU seconds it took in {@code into[k]}. */
	private static java.util.concurrent.Callable<Object> cpu(java.util.concurrent.Callable<Object> work, double[] into, int k) {
		return () -> {
			long c0 = processCpuNanos();
			Object r = work.call();
			into[k] = (processCpuNanos() - c0) * 1e-9;
			return r;
		};
	}

	private static long processCpuNanos() {
		java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
	}

	static Object readAll(VolumeSource src, SlabPlan plan) {
		long sum = 0;
		for (int i = 0; i < plan.count(); i++) sum += Slab.read(src, plan, i, 0, 0).coreDepth();
		return sum;
	}

	static Object chords(VolumeSource src, SlabPlan plan, ChordOptions opt, int threads, VoxelSize vs) {
		ChordKernel ck = new ChordKernel(GeometryKernel.ofLabels(false, threads, 0, 1, 2).lut(), 3, opt, threads);
		ck.result(SlabStreamer.run(src, plan, ck, Progress.NONE), vs, opt);
		return SlabStreamer.run(src, plan, GeometryKernel.ofLabels(false, threads, 0, 1, 2), Progress.NONE).counts(vs);
	}

	static Object cam(VolumeSource src, SlabPlan plan, PhaseLabels pl, VoxelSize vs, int threads, File classes) {
		CamUtilisation.Options o = new CamUtilisation.Options();
		o.threads = threads;
		try (TiffSliceWriter w = new TiffSliceWriter(classes, "classes", src.width(), src.height(), src.depth(), vs, true)) {
			CamUtilisation.Result r = StreamedCamUtilisation.compute(src, plan, pl, vs, o, (z, c) -> w.write(z, c, src.width(), src.height()),
				Progress.NONE);
			w.commit();
			return r;
		}
	}

	static PlanarImg<UnsignedByteType, ByteArray> load(VolumeSource src) {
		PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(new long[] { src.width(), src.height(), src.depth() },
			new net.imglib2.util.Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		Object[] p = src.readPlanes(0, src.depth());
		for (int z = 0; z < p.length; z++) img.setPlane(z, new ByteArray((byte[]) p[z]));
		return img;
	}

	/** Writes the tiled phantom slice by slice (never the whole volume in memory). */
	static Object write(File dir, int[] size) {
		int t = 256;
		PlanarImg<UnsignedByteType, ByteArray> tile = Phantoms.cathode(new int[] { t, t, t });
		int w = size[0], h = size[1];
		dir.getParentFile().mkdirs();
		try (TiffSliceWriter wr = new TiffSliceWriter(dir, "labels", w, h, size[2], Phantoms.voxelSize(), true)) {
			byte[] b = new byte[w * h];
			for (int z = 0; z < size[2]; z++) {
				byte[] src = tile.getPlane(mirror(z, t)).getCurrentStorageArray();
				for (int y = 0; y < h; y++) {
					int row = mirror(y, t) * t;
					for (int x = 0; x < w; x++) b[y * w + x] = src[row + mirror(x, t)];
				}
				wr.write(z, b, w, h);
			}
			wr.commit();
		}
		return dir;
	}

	private static int mirror(int i, int t) {
		int m = i % (2 * t);
		return m < t ? m : 2 * t - 1 - m;
	}
}
