package org.cathodej.bench;

import org.cathodej.connectivity.Clusters;
import org.cathodej.connectivity.ComponentLabeler;
import org.cathodej.connectivity.Connectivity;
import org.cathodej.connectivity.SliceMask;
import org.cathodej.task.Progress;

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
	}
}
