package org.cathodej.bench;

import java.util.Locale;
import java.util.SplittableRandom;

import org.cathodej.chord.ChordAnalyzer;
import org.cathodej.chord.ChordKernel;
import org.cathodej.chord.ChordOptions;
import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.connectivity.StreamedCamUtilisation;
import org.cathodej.fractions.FractionsKernel;
import org.cathodej.fractions.PhaseFractions;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.ClassVolume;
import org.cathodej.surface.GeometryKernel;
import org.cathodej.surface.GeometryScanner;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Streamed vs in-memory throughput on one label volume that fits in memory (random blobs of three phases):
 * {@code java -Xmx2g -cp ... org.cathodej.bench.StreamBench W H D SLAB}. Prints voxels/s of each analysis both ways.
 */
public final class StreamBench {

	private StreamBench() {}

	public static void main(String[] a) {
		int w = Integer.parseInt(a[0]), h = Integer.parseInt(a[1]), d = Integer.parseInt(a[2]), slab = Integer.parseInt(a[3]);
		PlanarImg<UnsignedByteType, ?> img = PlanarImgs.unsignedBytes(w, h, d);
		SplittableRandom r = new SplittableRandom(1);
		for (int z = 0; z < d; z++) {
			byte[] p = (byte[]) img.getPlane(z).getCurrentStorageArray();
			for (int i = 0; i < p.length; i++) p[i] = (byte) (((i / 7 + i / w / 5 + z / 3) + r.nextInt(2)) % 3);
		}
		VoxelSize vs = new VoxelSize(0.1, 0.1, 0.1, "um");
		PhaseLabels pl = PhaseLabels.defaults();
		int t = Parallel.defaultThreads();
		ImgSource src = new ImgSource(img, vs, "bench");
		SlabPlan plan = new SlabPlan(d, slab);
		long n = (long) w * h * d;
		ChordOptions opt = new ChordOptions(2, false, false);
		time("fractions", n, () -> PhaseFractions.count(img, pl, t, Progress.NONE),
			() -> SlabStreamer.run(src, plan, new FractionsKernel(pl, t), Progress.NONE));
		time("surfaces", n, () -> GeometryScanner.scan(ClassVolume.fromLabels(img, 0, 1, 2), vs, t, Progress.NONE),
			() -> SlabStreamer.run(src, plan, GeometryKernel.ofLabels(true, t, 0, 1, 2), Progress.NONE));
		ChordKernel ck = new ChordKernel(GeometryKernel.ofLabels(false, t, 0, 1, 2).lut(), 3, opt, t);
		time("chords", n, () -> ChordAnalyzer.measure(ClassVolume.fromLabels(img, 0, 1, 2), vs, opt, t, Progress.NONE),
			() -> ck.result(SlabStreamer.run(src, plan, ck, Progress.NONE), vs, opt));
		CamUtilisation.Options o = new CamUtilisation.Options();
		time("cam_utilisation", n, () -> CamUtilisation.compute(img, pl, vs, o, null, Progress.NONE),
			() -> StreamedCamUtilisation.compute(src, plan, pl, vs, o, null, Progress.NONE));
	}

	private static void time(String what, long n, Runnable mem, Runnable streamed) {
		mem.run(); // warm-up
		long t0 = System.nanoTime();
		mem.run();
		long t1 = System.nanoTime();
		streamed.run();
		streamed.run();
		long t2 = System.nanoTime();
		streamed.run();
		long t3 = System.nanoTime();
		double m = n / ((t1 - t0) * 1e-9), s = n / ((t3 - t2) * 1e-9);
		Runtime rt = Runtime.getRuntime();
		System.out.println(String.format(Locale.ROOT, "%-16s in-memory %.3g voxels/s  streamed %.3g voxels/s  ratio %.2f  heap used %d MB", what,
			m, s, s / m, (rt.totalMemory() - rt.freeMemory()) >> 20));
	}
}
