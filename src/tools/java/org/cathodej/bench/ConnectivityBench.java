package org.cathodej.bench;

import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.connectivity.Clusters;
import org.cathodej.connectivity.ComponentLabeler;
import org.cathodej.connectivity.Connectivity;
import org.cathodej.connectivity.SliceMask;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Connectivity: labelling of the CAM phase (6 and 26; the target), and the whole CAM utilisation step (ISE,
 * CAM and pore labelling, classes, interface areas).
 */
public final class ConnectivityBench implements BenchCase {

	@Override
	public String name() { return "connectivity"; }

	@Override
	public String[] defaultSizes() { return new String[] { "256", "512x512x400" }; }

	@Override
	public void run(int[] s, int threads, BenchRecorder out) throws Exception {
		PlanarImg<UnsignedByteType, ByteArray> img = Phantoms.cathode(s);
		SliceMask cam = SliceMask.ofValue(img, PhaseLabels.DEFAULT_CAM);
		for (Connectivity c : Connectivity.values()) {
			ComponentLabeler.label(cam, s[0], s[1], s[2], c, threads, Progress.NONE); // warm-up (JIT)
			for (int rep = 0; rep < 3; rep++) {
				Clusters cl = out.time(name(), "label CAM " + c, s, threads,
					() -> ComponentLabeler.label(cam, s[0], s[1], s[2], c, threads, Progress.NONE), "run " + (rep + 1));
				if (rep == 0) System.out.println("# " + cl.count() + " CAM clusters, largest " + cl.largestSize() + " voxels");
			}
		}
		for (Connectivity c : Connectivity.values()) {
			CamUtilisation.Options o = new CamUtilisation.Options();
			o.connectivity = c;
			o.threads = threads;
			for (int rep = 0; rep < 2; rep++) {
				CamUtilisation.Result r = out.time(name(), "CAM utilisation " + c, s, threads,
					() -> CamUtilisation.compute(img, PhaseLabels.defaults(), VoxelSize.uncalibrated(), o, null, Progress.NONE),
					"run " + (rep + 1) + ": ISE+CAM+pore labelling; classes; interface areas");
				if (rep == 0) System.out.printf(java.util.Locale.ROOT, "# active %.4f, e %.4f, ion %.4f, pore clusters %d%n",
					r.activeFraction(), r.electronicFraction(), r.ionicFraction(), r.pore.summary.clusters);
			}
		}
	}
}
