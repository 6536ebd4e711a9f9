package org.cathodej.bench;

import java.util.List;
import java.util.Locale;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.cathodej.tortuosity.Conductivities;
import org.cathodej.tortuosity.FluxResult;
import org.cathodej.tortuosity.FluxTortuosity;

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
		PlanarImg<UnsignedByteType, ByteArray> img = BenchPhantoms.composite(size[0], size[1], size[2], 42, threads);
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
			"  phi=%.4f phiSpan=%.4f sigmaEff=%.6g kappa=%.6f kappaSpan=%.6f iterations=%d residual=%.2e balance=%.2e converged=%s",
			r.phiTotal, r.phiSpanning, r.sigmaEff, r.kappa, r.kappaSpanning, r.iterations, r.relResidual, r.balance, r.converged));
	}
}
