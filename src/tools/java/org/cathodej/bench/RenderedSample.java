package org.cathodej.bench;

import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.task.Progress;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** The segmentation benches' sample: a seeded Synthetic Cathode (50 nm voxels) and its curtained BSE + SE rendering. */
final class RenderedSample {
	final VoxelSize vs = new VoxelSize(0.05, 0.05, 0.05, "um");
	final PlanarImg<UnsignedByteType, ?> truth;
	final FibSemRenderer.Result img;

	@SuppressWarnings("unchecked")
	RenderedSample(int[] size, int threads) {
		SyntheticCathode.Params cp = new SyntheticCathode.Params();
		cp.width = size[0];
		cp.height = size[1];
		cp.depth = size[2];
		cp.voxelSize = vs;
		cp.seed = 1;
		truth = (PlanarImg<UnsignedByteType, ?>) (PlanarImg<?, ?>) SyntheticCathode.generate(cp, Progress.NONE).volume.toImg();
		FibSemRenderer.Params rp = new FibSemRenderer.Params();
		rp.stripeAmplitude = 2500;
		img = FibSemRenderer.render(truth, PhaseLabels.defaults(), rp, threads, Progress.NONE);
	}
}
