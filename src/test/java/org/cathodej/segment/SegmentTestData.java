package org.cathodej.segment;

import java.util.SplittableRandom;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.render.TestVolumes;
import org.cathodej.task.Progress;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
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
		int w = Slices.width(truth), h = Slices.height(truth), d = Slices.depth(truth);
		PlanarImg<UnsignedByteType, ?> s = PlanarImgs.unsignedBytes(w, h, d);
		long target = (long) (fraction * w * h * d);
		long[] per = new long[3];
		SplittableRandom r = new SplittableRandom(seed);
		long done = 0;
		int guard = 0;
		while (done < target && guard++ < 10_000_000) {
			int x = r.nextInt(w), y = r.nextInt(h), z = r.nextInt(d);
			byte[] t = (byte[]) Slices.planeArray(truth, z), a = (byte[]) Slices.planeArray(s, z);
			int ph = t[y * w + x];
			if (per[ph] > target / 3 + 1) continue;
			for (int k = 0; k < len && x + k < w && done < target; k++) {
				int i = y * w + x + k;
				if (t[i] != ph) break;
				if (a[i] == 0) {
					a[i] = (byte) (ph + 1);
					per[ph]++;
					done++;
				}
			}
		}
		return s;
	}
}
