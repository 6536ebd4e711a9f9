package org.cathodej.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.imagej.TiffFolderSource;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.segment.ClassificationResult;
import org.cathodej.segment.PixelClassifier;
import org.cathodej.segment.Scribbles;
import org.cathodej.segment.StreamedClassification;
import org.cathodej.segment.features.FeatureSettings;
import org.cathodej.segment.forest.RandomForest;
import org.cathodej.task.Progress;
import org.cathodej.volume.SlabPlan;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Apply Pixel Classifier streamed on a large BSE + SE pair (issue 15's 2048 x 2048 x 256): a block of up to
 * {@link #BLOCK} slices is rendered as in {@link StreamedOutputBench} and written to two TIFF-slice folders, repeated
 * along z (mirrored every other time, so the stack is continuous) up to the requested depth, so the pair need not fit
 * in memory. The classifier (default features, 2 channels = 56 features, 20 trees) is trained on scribbles of 8 slices
 * of the block; the streamed apply reads the folders slab by slab and writes the labels as a TIFF-slice folder.
 * Folders go to {@code -Dcathodej.bench.dir} (default target/bench-segment-apply) and are deleted afterwards;
 * the feature memory is {@code -Dcathodej.bench.memoryMb} (default 1024). Also prints the CPU seconds of the apply.
 */
public final class SegmentApplyBench implements BenchCase {

	static final int BLOCK = 32;

	@Override
	public String name() {
		return "segment-apply";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "1024x1024x64" };
	}

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		int[] block = { size[0], size[1], Math.min(BLOCK, size[2]) };
		RenderedSample sample = new RenderedSample(block, threads);
		VoxelSize vs = sample.vs;
		Path root = Paths.get(System.getProperty("cathodej.bench.dir", "target/bench-segment-apply"), size[0] + "x" + size[1] + "x" + size[2]);
		Files.createDirectories(root);
		try {
			TiffFolderSource bse = repeated(root.resolve("bse"), sample.img.bse, size[2], vs);
			TiffFolderSource se = repeated(root.resolve("se"), sample.img.se, size[2], vs);
			List<RandomAccessibleInterval<? extends RealType<?>>> ch = Arrays.asList(
				(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) sample.img.bse,
				(RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) sample.img.se);
			FeatureSettings fs = new FeatureSettings(true, new double[] { 0.05, 0.1, 0.2 }, "um", FeatureSettings.DEFAULT_FAMILIES, 2);
			RandomForest.Params fp = new RandomForest.Params();
			fp.trees = 20;
			long scribbles = Math.min(100_000, 8L * block[0] * block[1] / 20);
			PixelClassifier c = PixelClassifier.train(ch, Scribbles.strokesFromTruth(sample.truth, scribbles, 6, 6, Math.min(8, block[2])),
				new int[] { 1, 2, 3 }, vs, fs, fp, 1, 256L << 20, threads, Progress.NONE);
			PixelClassifier.ApplyOptions o = new PixelClassifier.ApplyOptions();
			o.threads = threads;
			o.memoryBudget = Long.getLong("cathodej.bench.memoryMb", 1024) << 20;
			SlabPlan plan = new SlabPlan(size[2], 16);
			double cpu0 = SegmentBench.cpu();
			ClassificationResult r = out.time(name(), "classifier_apply_streamed", size, threads, () -> {
				try (TiffSliceWriter w = new TiffSliceWriter(root.resolve("classified").toFile(), "classified", size[0], size[1], size[2], vs, true)) {
					return StreamedClassification.apply(c, Arrays.asList(bse, se), vs, o, PhaseLabels.defaults(), plan, root.resolve(".q.tmp"), w,
						Progress.NONE);
				}
			}, "BSE + SE folders in, label folder out; " + fs.numFeatures() + " features; 20 trees; memory " + (o.memoryBudget >> 20) + " MB");
			double cpu = SegmentBench.cpu() - cpu0, vox = (double) size[0] * size[1] * size[2];
			System.out.printf(Locale.ROOT, "# apply: %.1f CPU s = %.3g voxels per CPU second; slab %d slices, %d MB; fractions %.4f %.4f %.4f%n", cpu,
				vox / cpu, r.slabSlices, r.slabBytes >> 20, r.fraction(0), r.fraction(1), r.fraction(2));
		} finally {
			delete(root.toFile());
		}
	}

	/** A TIFF-slice folder of depth d made of the block's slices, forward then backward, and so on. */
	private static TiffFolderSource repeated(Path dir, net.imglib2.img.planar.PlanarImg<?, ?> block, int d, VoxelSize vs) {
		File f = dir.toFile();
		int b = Slices.depth(block);
		try (TiffSliceWriter w = new TiffSliceWriter(f, f.getName(), Slices.width(block), Slices.height(block), d, vs, true)) {
			for (int z = 0; z < d; z++) {
				int k = z % (2 * b);
				w.write(z, Slices.planeArray(block, k < b ? k : 2 * b - 1 - k));
			}
			w.commit();
		}
		return new TiffFolderSource(f, null);
	}

	private static void delete(File f) {
		File[] in = f.listFiles();
		if (in != null) for (File g : in) delete(g);
		f.delete();
	}
}
