package org.cathodej.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.run.FijiContext;
import org.cathodej.imagej.SourceStack;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandResult;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.ImageSource;
import org.cathodej.task.Progress;
import org.cathodej.volume.Streaming;

import ij.ImagePlus;

/**
 * A streamed label analysis of the plugin (Phase Fractions, Surface and Interface Areas, Chord Length Distribution,
 * Connectivity and CAM Utilisation; Tortuosity (Random Walk), its walkers split over tasks; Tortuosity (Flux) as a
 * sub-volume study, its cubes split over tasks; Correct Illumination in slice mode, Remove Stripes and Align Stack
 * applying a saved drift, their slices written by the tasks; Threshold Three Phases and Apply Pixel Classifier on a
 * BSE volume and, as {@code se=PATH}, an SE volume, their labels written by the tasks) on Spark. The command itself runs on the driver, with the same macro keys, tables
 * and provenance as in Fiji or on the command line; its label image is a {@link SparkVolume}, so every slab pass of
 * the command (the plugin's SlabStreamer) runs as a Spark job whose partials the driver merges in slab order.
 */
public final class LabelAnalysisJob {

	/**
	 * File stems of the analyses whose work runs on the executors: the streamed ones (the others would load the whole
	 * volume on the driver), and the random walk (the driver holds the phase mask, the executors walk).
	 */
	static final List<String> DISTRIBUTED = Arrays.asList("phase_fractions", "surface_and_interface_areas", "chord_length_distribution",
		"connectivity_and_cam_utilisation", "tortuosity_random_walk", "tortuosity_flux",
		"correct_illumination", "remove_stripes", "align_stack", "apply_pixel_classifier", "threshold_three_phases");

	/** The analyses that take a second input volume as a path ({@code se=PATH}): the tasks read it beside the first. */
	static final List<String> TWO_INPUTS = Arrays.asList("apply_pixel_classifier", "threshold_three_phases");

	private final JavaSparkContext sc;
	private final int partitions;

	/** @param partitions Spark tasks per slab pass; 0 = the context's default parallelism */
	public LabelAnalysisJob(JavaSparkContext sc, int partitions) {
		this.sc = sc;
		this.partitions = partitions;
	}

	/** Refuses {@code key} empty for the analysis {@code stem}: the work would not run on the executors. */
	private static void requireKey(CommandSpec spec, Map<String, String> opts, String stem, String key, String why) {
		if (spec.fileStem().equals(stem) && opts.getOrDefault(key, "").trim().isEmpty()) throw new IllegalArgumentException(why);
	}

	/** The result of a job: the command's result and the files now in the output folder. */
	public static final class Outcome {
		public final CommandResult result;
		public final List<Path> files;

		Outcome(CommandResult result, List<Path> files) {
			this.result = result;
			this.files = files;
		}
	}

	/**
	 * Runs {@code command} on the label volume {@code input} (a TIFF-slice folder or {@code file.h5:/dataset}).
	 * @param options the command's macro keys (not output_dir/overwrite: {@code out} and {@code overwrite} say that)
	 */
	public Outcome run(String command, String input, Map<String, String> options, Path out, boolean overwrite) {
		CommandCatalog.Entry e = CommandCatalog.load().find(command);
		if (e == null || !DISTRIBUTED.contains(e.spec().fileStem()))
			throw new IllegalArgumentException("'" + command + "' is not a streamed label analysis; Spark runs " + String.join(", ", DISTRIBUTED) + ".");
		CommandSpec spec = e.spec();
		Map<String, String> opts = new LinkedHashMap<>(options);
		requireKey(spec, opts, "tortuosity_flux", "subvolume_edge", "Tortuosity (Flux) runs on Spark as a sub-volume study (one task per cube): give "
			+ "subvolume_edge=..., e.g. subvolume_edge=64,128 subvolume_count=8; a full solve holds the whole volume on one machine.");
		requireKey(spec, opts, "align_stack", "transform_file", "Align Stack runs on Spark applying a saved drift: give transform_file=... "
			+ "(estimate the drift with Fiji or scripts/cathodej on a stack that fits; the estimate holds the whole stack).");
		for (String k : new String[] { "output_dir", "overwrite" })
			if (opts.containsKey(k)) throw new IllegalArgumentException(k + " is set by the job (--out, --overwrite), not as a key.");
		if (Streaming.of(opts.get("streaming")) == Streaming.NEVER)
			throw new IllegalArgumentException("streaming=never would load the whole volume on the driver; Spark jobs stream.");
		StagedOutput staged = new StagedOutput(out, overwrite);
		opts.put("output_dir", staged.staging().toString());
		if (overwrite) opts.put("overwrite", "true");
		List<SparkVolume> opened = new ArrayList<>();
		try {
			ImagePlus first = open(input, opened);
			boolean second = TWO_INPUTS.contains(spec.fileStem());
			ImageSource images = new ImageSource() {
				@Override
				public ImagePlus byName(String name) { // se=PATH: a volume the tasks read too
					return name.equals(first.getTitle()) ? first : second ? open(name, opened) : null;
				}

				@Override
				public ImagePlus current() {
					return first;
				}
			};
			CommandResult r = new CommandRunner(FijiContext.get()).run(spec, opts, images, Progress.NONE);
			return new Outcome(r, staged.commit());
		} catch (RuntimeException | Error x) {
			staged.discard();
			throw x;
		} finally {
			for (SparkVolume v : opened) v.close();
		}
	}

	/** The input {@code path} as an image whose slab passes run as Spark tasks (title: the folder's name, or file:dataset). */
	private ImagePlus open(String path, List<SparkVolume> opened) {
		SparkVolume vol = new SparkVolume(sc, Inputs.spec(path, sc.hadoopConfiguration()), partitions);
		opened.add(vol);
		return SourceStack.imagePlus(vol, Inputs.title(path));
	}
}
