package org.cathodej.spark;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandResult;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.ParameterSpec;
import org.cathodej.task.Progress;
import org.cathodej.workflow.series.SampleSeriesCommand;
import org.cathodej.workflow.series.SampleTable;
import org.cathodej.workflow.series.SeriesRunner;
import org.cathodej.workflow.suite.AnalysisSuite;

/**
 * Sample Series with one sample per Spark task: each task runs the plugin's series runner on its sample alone (every
 * Analyze command, the results stored in {@code <out>/samples/<sample>/}), then the Sample Series command runs on the
 * driver with the same parameters and reads those stored results (comparison table, plots, report), exactly as it
 * reads stored results of an earlier run. Sample files and the output folder must be on a filesystem every executor
 * shares with the driver. The comparison table's {@code source} column says "stored" for every sample.
 */
public final class SampleSeriesJob {

	private final JavaSparkContext sc;

	public SampleSeriesJob(JavaSparkContext sc) {
		this.sc = sc;
	}

	/** @param options Sample Series' macro keys (not output_dir/overwrite: {@code out} and {@code overwrite} say that) */
	public LabelAnalysisJob.Outcome run(Map<String, String> options, Path out, boolean overwrite) {
		CommandSpec spec = CommandCatalog.load().find("sample_series").spec();
		for (String k : new String[] { "output_dir", "overwrite" })
			if (options.containsKey(k)) throw new IllegalArgumentException(k + " is set by the job (--out, --overwrite), not as a key.");
		String table = (String) value(spec, options, "sample_table");
		if (table == null || table.trim().isEmpty()) throw new IllegalArgumentException("Sample Series needs sample_table=<CSV>.");
		Map<String, String> analysis = SampleSeriesCommand.analysisOptions((Integer) value(spec, options, "pore_label"),
			(Integer) value(spec, options, "cam_label"), (Integer) value(spec, options, "ise_label"), (String) value(spec, options, "analysis_options"));
		int n = SampleTable.read(Paths.get(table.trim())).samples().size();
		StagedOutput staged = new StagedOutput(out, overwrite);
		try {
			String samples = staged.staging().resolve("samples").toString(), csv = table.trim();
			List<Integer> each = new ArrayList<>();
			for (int i = 0; i < n; i++) each.add(i);
			sc.setJobDescription("Sample Series: " + n + " samples, one task each");
			for (String s : SparkVolume.collect(sc.parallelize(each, Math.max(1, n)).map(i -> analyse(csv, i, analysis, samples))))
				if (s == null) throw new IllegalStateException("a sample task returned nothing");
			Map<String, String> opts = new LinkedHashMap<>(options);
			opts.remove("recompute"); // the driver reads what the tasks stored
			opts.put("output_dir", staged.staging().toString());
			if (overwrite) opts.put("overwrite", "true");
			CommandResult r = new CommandRunner(null).run(spec, opts, null, Progress.NONE);
			return new LabelAnalysisJob.Outcome(r, staged.commit());
		} catch (RuntimeException | Error x) {
			staged.discard();
			throw x;
		}
	}

	/** One task: every analysis of sample i, stored in its folder under {@code samples}. */
	private static String analyse(String table, int i, Map<String, String> options, String samples) {
		SampleTable one = SampleTable.read(Paths.get(table)).only(i);
		new SeriesRunner(new AnalysisSuite(CommandCatalog.load()), new CommandRunner(null)).run(one, options, Paths.get(samples), true,
			Progress.NONE);
		return one.samples().get(0).name();
	}

	private static Object value(CommandSpec spec, Map<String, String> options, String key) {
		ParameterSpec p = spec.input(key);
		String given = options.get(key);
		return given != null ? p.parse(given, spec.label()) : p.get(spec.newInstance());
	}
}
