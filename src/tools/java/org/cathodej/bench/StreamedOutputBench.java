package org.cathodej.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.cathodej.destripe.Destriper;
import org.cathodej.destripe.StreamedDestriper;
import org.cathodej.illumination.IlluminationCorrector;
import org.cathodej.illumination.StreamedIllumination;
import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.imagej.TiffFolderSource;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.render.FibSemRenderer;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.Scribbles;
import org.cathodej.segment.StreamedClassification;
import org.cathodej.segment.StreamedThreshold;
import org.cathodej.segment.ThresholdSegmentation;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Progress;
import org.cathodej.tortuosity.Conductivities;
import org.cathodej.tortuosity.FluxTortuosity;
import org.cathodej.tortuosity.SubVolumeStudy;
import org.cathodej.volume.SlabPlan;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Streamed volume outputs and the sub-volume tortuosity: renders a BSE + SE pair of the requested size from a
 * synthetic cathode, writes both (and the labels) as TIFF-slice folders, then times, reading the folders slab by slab
 * and writing TIFF-slice folders: Apply Pixel Classifier (classifier trained on scribbles of 8 slices), Threshold
 * Three Phases, Correct Illumination and Remove Stripes, each beside its in-memory run on the same stacks (the
 * streamed / in-memory ratio), and a sub-volume tortuosity study (grid cubes of three edges) of the label folder.
 */
public final class StreamedOutputBench implements BenchCase {

	static final int SLAB = 16;

	@Override
	public String name() {
		return "streamed-out";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "512x512x128" };
	}

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		RenderedSample sample = new RenderedSample(size, threads);
		VoxelSize vs = sample.vs;
		PlanarImg<UnsignedByteType, ?> truth = sample.truth;
		FibSemRenderer.Result img = sample.img;
		Path root = Paths.get("target", "bench-streamed-out", size[0] + "x" + size[1] + "x" + size[2]);
		Files.createDirectories(root);
		TiffFolderSource bse = folder(root.resolve("bse"), img.bse, vs), se = folder(root.resolve("se"), img.se, vs);
		TiffFolderSource labels = folder(root.resolve("labels"), truth, vs);
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = Arrays.asList(
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) img.bse,
			(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) img.se);
		SlabPlan plan = new SlabPlan(size[2], SLAB);
		PhaseLabels pl = PhaseLabels.defaults();

		FeatureSettings fs = new FeatureSettings(true, new double[] { 0.05, 0.1, 0.2 }, "um", FeatureSettings.DEFAULT_FAMILIES, 2);
		RandomForest.Params fp = new RandomForest.Params();
		fp.trees = 20;
		PlanarImg<UnsignedByteType, ?> few = Scribbles.strokesFromTruth(truth, Math.min(100_000, 8L * size[0] * size[1] / 20), 6, 6, 8);
		PixelClassifier c = PixelClassifier.train(ch, few, new int[] { 1, 2, 3 }, vs, fs, fp, 1, 256L << 20, threads, Progress.NONE);
		PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions();
		o.threads = threads;
		o.memoryBudget = 256L << 20;
		String cn = "2 channels; " + fs.numFeatures() + " features; 20 trees";
		out.time(name(), "classifier_apply_in_memory", size, threads, () -> c.apply(ch, vs, o, Progress.NONE), cn);
		out.time(name(), "classifier_apply_streamed", size, threads, () -> {
			try (TiffSliceWriter w = writer(root, "classified", size, vs)) {
				return StreamedClassification.apply(c, Arrays.asList(bse, se), vs, o, pl, plan, root.resolve(".q.tmp"), w, Progress.NONE);
			}
		}, cn + "; folders in, folder out, slabs of " + SLAB);

		ThresholdSegmentation.Params tp = new ThresholdSegmentation.Params();
		tp.threads = threads;
		tp.majorityFilter = true;
		out.time(name(), "threshold_in_memory", size, threads, () -> ThresholdSegmentation.segment(ch.get(0), ch.get(1), vs, tp, Progress.NONE),
			"SE pores + BSE Otsu; majority filter");
		out.time(name(), "threshold_streamed", size, threads, () -> {
			try (TiffSliceWriter w = writer(root, "thresholded", size, vs)) {
				return StreamedThreshold.segment(bse, se, plan, vs, tp, pl, w, Progress.NONE);
			}
		}, "4 histogram passes + labels; majority filter with a 1-slice halo");

		double sigma = size[0] * vs.x() / 10;
		out.time(name(), "illumination_in_memory", size, threads,
			() -> IlluminationCorrector.correct(ch.get(0), vs, sigma, false, threads, Progress.NONE), "slice mode");
		out.time(name(), "illumination_streamed", size, threads, () -> {
			try (TiffSliceWriter w = writer(root, "illum", size, vs)) {
				return StreamedIllumination.correct(bse, plan, vs, sigma, threads, w, Progress.NONE);
			}
		}, "slice mode; statistics pass + output pass (each slice blurred twice)");

		Destriper.Params dp = new Destriper.Params();
		dp.threads = threads;
		out.time(name(), "destripe_in_memory", size, threads, () -> Destriper.run(ch.get(0), dp, Progress.NONE), "db5, 6 levels, stripe width 4");
		out.time(name(), "destripe_streamed", size, threads, () -> {
			try (TiffSliceWriter w = writer(root, "destriped", size, vs)) {
				return StreamedDestriper.run(bse, plan, dp, w, Progress.NONE);
			}
		}, "db5, 6 levels, stripe width 4");

		int m = Math.min(size[0], Math.min(size[1], size[2]));
		int[] edges = { m / 4, m / 2, 3 * m / 4 };
		FluxTortuosity.Options to = new FluxTortuosity.Options();
		to.threads = threads;
		List<SubVolumeStudy.CubeResult> rs = out.time(name(), "subvolume_tortuosity", size, threads,
			() -> SubVolumeStudy.run(labels, edges, 4, SubVolumeStudy.Layout.GRID, 1, Conductivities.singlePhase(pl.ise()), vs, 2, to, Progress.NONE),
			"ISE along z; 4 grid cubes of edges " + Arrays.toString(edges));
		for (SubVolumeStudy.EdgeSummary e : SubVolumeStudy.summarise(rs))
			System.out.printf(Locale.ROOT, "# subvolume edge %d: kappa mean %.4f sd %.4f (cv %.3f), change from smaller %.4f, phi %.3f%n", e.edge, e.mean,
				e.sd, e.cv(), e.changeFromSmaller, e.phiMean);
	}

	private static TiffFolderSource folder(Path dir, PlanarImg<?, ?> img, VoxelSize vs) {
		File f = dir.toFile();
		String[] have = f.list();
		int d = Slices.depth(img);
		if (have == null || have.length != d) {
			try (TiffSliceWriter w = new TiffSliceWriter(f, f.getName(), Slices.width(img), Slices.height(img), d, vs, true)) {
				for (int z = 0; z < d; z++) w.write(z, Slices.planeArray(img, z));
				w.commit();
			}
		}
		return new TiffFolderSource(f, null);
	}

	private static TiffSliceWriter writer(Path root, String name, int[] size, VoxelSize vs) {
		return new TiffSliceWriter(root.resolve(name).toFile(), name, size[0], size[1], size[2], vs, true);
	}

}
