package org.cathodej.bench;

import org.cathodej.connectivity.Clusters;
import org.cathodej.connectivity.ComponentLabeler;
import org.cathodej.connectivity.Connectivity;
import org.cathodej.connectivity.SliceMask;
import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.util.Fraction;

/** Labelling of the CAM phase of a sphere phantom (6 and 26), and the whole CAM utilisation step. */
public final class ConnectivityBench implements BenchCase {

	@Override
	public String name() { return "connectivity"; }

	@Override
	public String[] defaultSizes() { return new String[] { "256", "512x512x400" }; }

	@Override
	public void run(int[] s, int threads, BenchRecorder out) throws Exception {
		byte[][] v = SpherePhantom.generate(s[0], s[1], s[2], 6, 0.45, 0.35, 1, 2, 42);
		SliceMask cam = (z, o) -> {
			byte[] b = v[z];
			for (int i = 0; i < b.length; i++) o[i] = b[i] == 1 ? 1 : 0;
		};
		for (Connectivity c : Connectivity.values()) {
			Clusters cl = out.time(name(), "label" + c, s, threads,
				() -> ComponentLabeler.label(cam, s[0], s[1], s[2], c, threads, Progress.NONE), "CAM of sphere phantom r=6");
			System.out.println("# clusters " + cl.count() + ", largest " + cl.largestSize());
		}
		RandomAccessibleInterval<UnsignedByteType> img = planar(v, s);
		for (Connectivity c : Connectivity.values()) {
			CamUtilisation.Options o = new CamUtilisation.Options();
			o.connectivity = c;
			o.threads = threads;
			CamUtilisation.Result r = out.time(name(), "cam_utilisation" + c, s, threads,
				() -> CamUtilisation.compute(img, PhaseLabels.defaults(), VoxelSize.uncalibrated(), o, null, Progress.NONE),
				"ISE+CAM+pore labelling; classes; 3 interface areas");
			System.out.printf(java.util.Locale.ROOT, "# active %.4f e %.4f ion %.4f%n", r.activeFraction(), r.electronicFraction(),
				r.ionicFraction());
		}
	}

	public static RandomAccessibleInterval<UnsignedByteType> planar(byte[][] v, int[] s) {
		java.util.List<ByteArray> planes = new java.util.ArrayList<>();
		for (byte[] p : v) planes.add(new ByteArray(p));
		PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, new long[] { s[0], s[1], s[2] }, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}
}
