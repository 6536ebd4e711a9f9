package org.cathodej.bench;

import java.util.SplittableRandom;

import org.cathodej.chord.ChordAnalyzer;
import org.cathodej.chord.ChordOptions;
import org.cathodej.chord.ChordResult;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.ClassVolume;
import org.cathodej.surface.MarchingCubesVariant;
import org.cathodej.surface.PhaseSurfaces;
import org.cathodej.task.Progress;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Surface/interface areas ("surface") and chord lengths ("chords") on the benchmark synthetic cathode
 * ({@link Phantoms#cathode}). {@link #phantom} is a simpler Boolean-ball phantom for quick checks.
 */
public final class SurfaceBench implements BenchCase {

	private final boolean chords;

	public SurfaceBench(boolean chords) {
		this.chords = chords;
	}

	@Override
	public String name() { return chords ? "chords" : "surface"; }

	@Override
	public String[] defaultSizes() { return new String[] { "256", "512x512x400" }; }

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		PlanarImg<UnsignedByteType, ByteArray> img = Phantoms.cathode(size);
		VoxelSize vs = Phantoms.voxelSize();
		if (chords) {
			ClassVolume cv = ClassVolume.fromLabels(img, 0, 1, 2);
			ChordOptions o = new ChordOptions(2, false, true);
			ChordAnalyzer.measure(cv, vs, o, threads, Progress.NONE); // warm-up (JIT)
			for (int rep = 0; rep < 3; rep++) {
				ChordResult r = out.time(name(), "chords 3 axes x 3 phases; spacing 2", size, threads,
					() -> ChordAnalyzer.measure(cv, vs, o, threads, Progress.NONE), "run " + (rep + 1));
				if (rep == 0) System.out.printf("  mean CAM chord x/y/z: %.3f %.3f %.3f um%n", r.distribution(1, 0).mean(), r.distribution(1, 1).mean(),
					r.distribution(1, 2).mean());
			}
		} else {
			PhaseSurfaces.measure(img, PhaseLabels.defaults(), vs, threads, Progress.NONE); // warm-up (JIT)
			for (MarchingCubesVariant v : MarchingCubesVariant.values())
				for (int rep = 0; rep < 3; rep++) {
					PhaseSurfaces ps = out.time(name(), "3 phases + 3 pairs; MC (" + v.key + ") + Crofton13 + faces", size, threads,
						() -> PhaseSurfaces.measure(img, PhaseLabels.defaults(), vs, v, threads, Progress.NONE), "run " + (rep + 1));
					if (rep == 0) System.out.printf("  S_CAM MC/Crofton/faces: %.4g %.4g %.4g um^2; S_CAM-ISE MC %.4g um^2%n", ps.surface[1][0],
						ps.surface[1][1], ps.surface[1][2], ps.interfaceArea[2][0]);
				}
		}
	}

	static PlanarImg<UnsignedByteType, ByteArray> phantom(int w, int h, int d, long seed) {
		PlanarImg<UnsignedByteType, ByteArray> img = PlanarImgs.unsignedBytes(w, h, d);
		for (int z = 0; z < d; z++) java.util.Arrays.fill(img.getPlane(z).getCurrentStorageArray(), (byte) 2);
		SplittableRandom rnd = new SplittableRandom(seed);
		balls(img, w, h, d, 10, 0.69, 1, rnd);
		balls(img, w, h, d, 3, 0.05, 0, rnd);
		return img;
	}

	/** Boolean balls of label 'label' with intensity giving a covered fraction 1 - exp(-density). */
	private static void balls(PlanarImg<UnsignedByteType, ByteArray> img, int w, int h, int d, double r, double density, int label,
		SplittableRandom rnd) {
		double vol = (w + 2 * r) * (h + 2 * r) * (d + 2 * r);
		long n = Math.round(density * vol / (4.0 / 3 * Math.PI * r * r * r));
		int ri = (int) Math.ceil(r);
		for (long i = 0; i < n; i++) {
			double cx = -r + rnd.nextDouble() * (w + 2 * r), cy = -r + rnd.nextDouble() * (h + 2 * r), cz = -r + rnd.nextDouble() * (d + 2 * r);
			for (int z = Math.max(0, (int) cz - ri); z <= Math.min(d - 1, (int) cz + ri); z++) {
				byte[] p = img.getPlane(z).getCurrentStorageArray();
				for (int y = Math.max(0, (int) cy - ri); y <= Math.min(h - 1, (int) cy + ri); y++)
					for (int x = Math.max(0, (int) cx - ri); x <= Math.min(w - 1, (int) cx + ri); x++) {
						double dx = x - cx, dy = y - cy, dz = z - cz;
						if (dx * dx + dy * dy + dz * dz <= r * r) p[x + w * y] = (byte) label;
					}
			}
		}
	}
}
