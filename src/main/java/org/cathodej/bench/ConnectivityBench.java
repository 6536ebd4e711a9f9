package org.cathodej.bench;

import org.cathodej.connectivity.Clusters;
import org.cathodej.connectivity.ComponentLabeler;
import org.cathodej.connectivity.Connectivity;
import org.cathodej.connectivity.SliceMask;
import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Labelling of the CAM phase of a synthetic cathode (6 and 26), and the whole CAM utilisation step. */
public final class ConnectivityBench implements BenchCase {

	@Override
	public String name() { return "connectivity"; }

	@Override
	public String[] defaultSizes() { return new String[] { "256", "512x512x400" }; }

	@Override
	public void run(int[] s, int threads, BenchRecorder out) throws Exception {
		SyntheticCathode.Params sp = new SyntheticCathode.Params();
		sp.width = s[0];
		sp.height = s[1];
		sp.depth = s[2];
		sp.clustering = 0.3;
		sp.seed = 42;
		RandomAccessibleInterval<UnsignedByteType> img = SyntheticCathode.generate(sp, Progress.NONE).volume.toImg();
		SliceMask cam = SliceMask.ofValue(img, 1);
		for (Connectivity c : Connectivity.values()) {
			Clusters cl = out.time(name(), "label" + c, s, threads,
				() -> ComponentLabeler.label(cam, s[0], s[1], s[2], c, threads, Progress.NONE), "CAM of SyntheticCathode (defaults; clustering 0.3)");
			System.out.println("# clusters " + cl.count() + ", largest " + cl.largestSize());
		}
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
}
