package org.cathodej.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.task.Progress;
import org.cathodej.tortuosity.Conductivities;
import org.cathodej.tortuosity.FluxResult;
import org.cathodej.tortuosity.FluxTortuosity;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Tortuosity (Flux) on the hard cases: CAM, ISE and pore (pore fraction 0.2, near percolation) of Synthetic Cathodes
 * in a homogeneous (clustering 0) and a clustered (0.6) setting, a three-phase contrast (CAM 1, ISE 1e-3, or
 * -Dhard.contrast), and 2:1 voxels; along z, or the axes of -Dhard.axes=0,1,2 (solved in one call, as the command
 * does). Choose cases with -Dhard.cases=cam-homog,cam-clust,... (default all); -Dhard.camFraction sets the phantoms'
 * CAM fraction (default 0.45; 0.505 gives a spanning CAM fraction of about 0.5 for the memory figures). Case {@code labels} (not in the default
 * set) solves the electronic conduction (CAM 1, ISE -Dhard.contrast) of a saved label image (pore 0, CAM 1, ISE 2),
 * -Dhard.labels=file.tif, on the central -Dhard.crop x -Dhard.crop voxels of every slice (0 = all): the main job's
 * segmented volume is raw-to-analysis/segment/apply_pixel_classifier_phase_labels.tif of scripts/run-example, crop 128.
 * Besides wall seconds each row gives the process CPU seconds (all threads, GC included), so runs on a loaded
 * machine can be compared, split at the first iteration report into setup (class volume, spanning marks, system,
 * preconditioner, first preconditioner application) and iterations.
 */
public final class TortuosityHardBench implements BenchCase {

	static final String[] ALL = { "cam-homog", "cam-clust", "ise-homog", "ise-clust", "pore-homog", "pore-clust", "contrast", "aniso" };

	@Override
	public String name() {
		return "tortuosity-hard";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "128", "256" };
	}

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		String sel = System.getProperty("hard.cases");
		for (String c : sel == null ? ALL : sel.split(",")) {
			if (!Arrays.asList(ALL).contains(c) && !c.equals("labels")) throw new IllegalArgumentException("unknown case " + c + "; cases: " + Arrays.toString(ALL));
			runCase(c, size, threads, out);
		}
	}

	@SuppressWarnings("unchecked")
	private static void runCase(String c, int[] size, int threads, BenchRecorder out) throws Exception {
		if (c.equals("labels")) {
			solve(c, labelsFile(), new Conductivities().set(1, 1).set(2, Double.parseDouble(System.getProperty("hard.contrast", "1e-3"))),
				size, threads, out);
			return;
		}
		boolean clustered = c.endsWith("clust");
		SyntheticCathode.Params p = new SyntheticCathode.Params();
		p.width = size[0];
		p.height = size[1];
		p.depth = size[2];
		p.clustering = clustered ? 0.6 : 0;
		if (c.startsWith("pore")) p.poreFraction = 0.2;
		p.seed = 1;
		p.camFraction = Double.parseDouble(System.getProperty("hard.camFraction", String.valueOf(p.camFraction)));
		VoxelSize vs = c.equals("aniso") ? new VoxelSize(0.1, 0.1, 0.2, "\u00b5m") : new VoxelSize(0.1, 0.1, 0.1, "\u00b5m");
		p.voxelSize = vs;
		PlanarImg<UnsignedByteType, ByteArray> img = SyntheticCathode.generate(p, Progress.NONE).volume.toImg();
		Conductivities cond = c.startsWith("ise") ? Conductivities.singlePhase(2)
			: c.startsWith("pore") ? Conductivities.singlePhase(0)
			: c.equals("contrast") ? new Conductivities().set(1, 1).set(2, Double.parseDouble(System.getProperty("hard.contrast", "1e-3")))
			: Conductivities.singlePhase(1);
		solve(c, new Labels(img, vs), cond, size, threads, out);
	}

	/** A label volume and its voxel size. */
	private static final class Labels {
		final PlanarImg<UnsignedByteType, ByteArray> img;
		final VoxelSize vs;

		Labels(PlanarImg<UnsignedByteType, ByteArray> img, VoxelSize vs) {
			this.img = img;
			this.vs = vs;
		}
	}

	/** -Dhard.labels (8-bit label stack), the central -Dhard.crop square of every slice. */
	private static Labels labelsFile() {
		String f = System.getProperty("hard.labels");
		if (f == null) throw new IllegalArgumentException("case labels needs -Dhard.labels=file.tif");
		ij.ImagePlus imp = org.cathodej.imagej.ImageFiles.open(java.nio.file.Paths.get(f));
		int crop = Integer.getInteger("hard.crop", 128), w = imp.getWidth(), h = imp.getHeight();
		int cw = crop <= 0 ? w : Math.min(crop, w), ch = crop <= 0 ? h : Math.min(crop, h), x0 = (w - cw) / 2, y0 = (h - ch) / 2;
		PlanarImg<UnsignedByteType, ByteArray> img = net.imglib2.img.planar.PlanarImgs.unsignedBytes(cw, ch, imp.getStackSize());
		for (int z = 0; z < imp.getStackSize(); z++) {
			byte[] src = (byte[]) imp.getStack().getProcessor(z + 1).getPixels(), dst = img.getPlane(z).getCurrentStorageArray();
			for (int y = 0; y < ch; y++) System.arraycopy(src, (y0 + y) * w + x0, dst, y * cw, cw);
		}
		ij.measure.Calibration cal = imp.getCalibration();
		System.out.println(String.format(Locale.ROOT, "  labels %s: %d x %d x %d voxels (central crop of %d x %d)", f, cw, ch, imp.getStackSize(), w, h));
		return new Labels(img, new VoxelSize(cal.pixelWidth, cal.pixelHeight, cal.pixelDepth, cal.getUnit()));
	}

	private static void solve(String c, Labels l, Conductivities cond, int[] size, int threads, BenchRecorder out) throws Exception {
		PlanarImg<UnsignedByteType, ByteArray> img = l.img;
		VoxelSize vs = l.vs;
		FluxTortuosity.Options o = new FluxTortuosity.Options();
		o.threads = threads;
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		double[] cpuAtFirstIteration = { Double.NaN };
		// per axis: CPU seconds from its start (spanning marks) to its first iteration report
		List<Double> axisSetup = new java.util.ArrayList<>();
		double[] axisStart = { Double.NaN };
		Progress firstIteration = new Progress() {
			@Override
			public void report(double fraction, String status) {
				double now = os.getProcessCpuTime() / 1e9;
				if (Double.isNaN(cpuAtFirstIteration[0]) && status.contains("Iteration")) cpuAtFirstIteration[0] = now;
				if (status.contains("finding the conducting clusters")) axisStart[0] = now;
				if (status.contains("Iteration 0,") && !Double.isNaN(axisStart[0])) {
					axisSetup.add(now - axisStart[0]);
					axisStart[0] = Double.NaN;
				}
			}

			@Override
			public boolean isCancelled() {
				return false;
			}
		};
		int[] axes = Arrays.stream(System.getProperty("hard.axes", "2").split(",")).mapToInt(Integer::parseInt).toArray();
		List<FluxResult>[] res = new List[1];
		double[] cpu = new double[2];
		double load = os.getSystemLoadAverage();
		out.time("tortuosity-hard", "flux " + c + " " + System.getProperty("hard.axes", "z"), size, threads, () -> {
			cpu[0] = os.getProcessCpuTime() / 1e9;
			List<FluxResult> r = FluxTortuosity.compute(img, cond, vs, axes, o, firstIteration);
			cpu[1] = os.getProcessCpuTime() / 1e9;
			return res[0] = r;
		}, "");
		for (FluxResult r : res[0])
			System.out.println(String.format(Locale.ROOT,
				"  %s %s: wall %.2fs (setup %.2fs) phi=%.4f phiSpan=%.4f kappa=%.6f iterations=%d residual=%.2e balance=%.2e converged=%s", c,
				FluxResult.axisName(r.axis), r.seconds, r.setupSeconds, r.phiTotal, r.phiSpanning, r.kappa, r.iterations, r.relResidual, r.balance,
				r.converged));
		System.out.println(String.format(Locale.ROOT, "  %s: cpu %.2fs (setup of the first axis %.2fs; per axis from its spanning marks %s) load %.1f",
			c, cpu[1] - cpu[0], cpuAtFirstIteration[0] - cpu[0], axisSetup.stream().map(x -> String.format(Locale.ROOT, "%.2f", x))
				.collect(java.util.stream.Collectors.joining(" / ")), load));
	}
}
