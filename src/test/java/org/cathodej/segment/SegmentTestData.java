package org.cathodej.segment;


import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.render.TestVolumes;
import org.cathodej.task.Progress;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Rendered three-phase test volumes with known labels, and scribbles drawn from the truth. */
final class SegmentTestData {

	final PlanarImg<UnsignedByteType, ?> truth;
	final PlanarImg<?, ?> bse, se;

	/** Discs phantom (render test volumes) when {@code cathode} is false, else a Synthetic Cathode at 0.05 um voxels. */
	SegmentTestData(int w, int h, int d, long seed) {
		this(w, h, d, seed, true);
	}

	@SuppressWarnings("unchecked")
	SegmentTestData(int w, int h, int d, long seed, boolean cathode) {
		if (cathode) {
			SyntheticCathode.Params c = new SyntheticCathode.Params();
			c.width = w;
			c.height = h;
			c.depth = d;
			c.voxelSize = new VoxelSize(0.05, 0.05, 0.05, "um");
			c.seed = seed;
			truth = (PlanarImg<UnsignedByteType, ?>) (PlanarImg<?, ?>) SyntheticCathode.generate(c, Progress.NONE).volume.toImg();
		} else truth = TestVolumes.blobs(w, h, d, seed);
		FibSemRenderer.Params p = new FibSemRenderer.Params();
		p.seed = seed;
		p.noiseSigma = 1500; // the renderer default
		p.stripeAmplitude = 2500;
		p.blurSigma = 1.0;
		FibSemRenderer.Result r = FibSemRenderer.render(truth, PhaseLabels.defaults(), p, 2, Progress.NONE);
		bse = r.bse;
		se = r.se;
	}

	/**
	 * Scribbles: seeded short horizontal strokes (up to {@code len} voxels) inside the phase under their start, values
	 * phase + 1, until {@code fraction} of the voxels are labelled; every phase gets about the same number.
	 */
	PlanarImg<UnsignedByteType, ?> scribbles(double fraction, int len, long seed) {
		return Scribbles.strokesFromTruth(truth, (long) (fraction * Slices.voxels(truth)), len, seed, 0);
	}
}
