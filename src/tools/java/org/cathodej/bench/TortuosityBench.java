package org.cathodej.bench;

import java.util.List;
import java.util.Locale;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.cathodej.tortuosity.Conductivities;
import org.cathodej.tortuosity.FluxResult;
import org.cathodej.tortuosity.FluxTortuosity;
import org.cathodej.tortuosity.RandomWalkResult;
import org.cathodej.tortuosity.RandomWalkTortuosity;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Tortuosity (Flux): ISE phase (label 2) of the composite phantom along z, default tolerances. */
public final class TortuosityBench implements BenchCase {

	@Override
	public String name() {
		return "tortuosity";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "128", "256" };
	}

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		if (Boolean.getBoolean("tortuosity.walk")) {
			walk(size, threads, out);
			return;
		}
		PlanarImg<UnsignedByteType, ByteArray> img = Phantoms.cathode(size);
		FluxTortuosity.Options o = new FluxTortuosity.Options();
		o.threads = threads;
		String tol = System.getProperty("tortuosity.tol");
		if (tol != null) o.tolerance = Double.parseDouble(tol);
		String bal = System.getProperty("tortuosity.balance");
		if (bal != null) o.balanceTolerance = Double.parseDouble(bal);
		FluxResult[] res = new FluxResult[1];
		out.time(name(), "flux ISE z", size, threads, () -> {
			List<FluxResult> r = FluxTortuosity.compute(img, Conductivities.singlePhase(2), VoxelSize.uncalibrated(), new int[] { 2 }, o,
				Progress.NONE);
			res[0] = r.get(0);
			return r;
		}, "");
		FluxResult r = res[0];
		System.out.println(String.format(Locale.ROOT,
			"  setup=%.2fs phi=%.4f phiSpan=%.4f sigmaEff=%.6g kappa=%.6f kappaSpan=%.6f iterations=%d residual=%.2e balance=%.2e converged=%s",
			r.setupSeconds, r.phiTotal, r.phiSpanning, r.sigmaEff, r.kappa, r.kappaSpanning, r.iterations, r.relResidual, r.balance, r.converged));
	}

	/** Random walk in the ISE: 2000 walkers x 1e5 steps (override with -Dtortuosity.walkers / .steps). */
	private void walk(int[] size, int threads, BenchRecorder out) throws Exception {
		PlanarImg<UnsignedByteType, ByteArray> img = Phantoms.cathode(size);
		RandomWalkTortuosity.Options o = new RandomWalkTortuosity.Options();
		o.threads = threads;
		o.walkers = Integer.getInteger("tortuosity.walkers", 2000);
		o.steps = Long.getLong("tortuosity.steps", 100_000L);
		RandomWalkResult[] res = new RandomWalkResult[1];
		out.time(name(), "walk ISE " + o.walkers + "x" + o.steps, size, threads,
			() -> res[0] = RandomWalkTortuosity.compute(img, 2, VoxelSize.uncalibrated(), o, Progress.NONE), "");
		RandomWalkResult r = res[0];
		System.out.println(String.format(Locale.ROOT, "  tau x=%.4f y=%.4f z=%.4f total=%.4f +- %.4f", r.tau[0], r.tau[1], r.tau[2],
			r.tau[3], r.tauError[3]));
	}
}
