package org.cathodej.spark;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandResult;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.task.Progress;
import org.cathodej.workflow.series.Sample;
import org.cathodej.workflow.series.SampleTable;
import org.cathodej.workflow.series.SeriesRunner;
import org.cathodej.workflow.suite.AnalysisSuite;

/**
 * Sample Series with one sample per Spark task: the Sample Series command runs on the driver with the same
 * parameters, and the plugin's series runner hands the analysis of its samples to this job
 * ({@link SeriesRunner.SampleExecutor}): each task runs every Analyze command on its sample (results stored in
 * {@code <out>/samples/<sample>/}) and returns how they came about; the driver reads the stored results and makes
 * the comparison table (its {@code source} column says "computed" for the samples the tasks analysed), plots and
 * report. Sample files and the output folder must be on a filesystem every executor shares with the driver.
 */
public final class SampleSeriesJob implements SeriesRunner.SampleExecutor {

	private final JavaSparkContext sc;

	public SampleSeriesJob(JavaSparkContext sc) {
		this.sc = sc;
	}

	/** @param options Sample Series' macro keys (not output_dir/overwrite: {@code out} and {@code overwrite} say that) */
	public LabelAnalysisJob.Outcome run(Map<String, String> options, Path out, boolean overwrite) {
		CommandSpec spec = CommandCatalog.load().find("sample_series").spec();
		for (String k : new String[] { "output_dir", "overwrite" })
			if (options.containsKey(k)) throw new IllegalArgumentException(k + " is set by the job (--out, --overwrite), not as a key.");
		StagedOutput staged = new StagedOutput(out, overwrite);
		try {
			Map<String, String> opts = new LinkedHashMap<>(options);
			opts.put("output_dir", staged.staging().toString());
			if (overwrite) opts.put("overwrite", "true");
			CommandResult r = SeriesRunner.analysingWith(this, () -> new CommandRunner(null).run(spec, opts, null, Progress.NONE));
			return new LabelAnalysisJob.Outcome(r, staged.commit());
		} catch (RuntimeException | Error x) {
			staged.discard();
			throw x;
		}
	}

	@Override
	public List<SeriesRunner.SampleRun> analyseAll(SampleTable table, Map<String, String> options, Path output, boolean recompute, Progress progress) {
		int n = table.samples().size();
		String csv = table.source().toAbsolutePath().toString(), samples = output.toAbsolutePath().toString();
		HashMap<String, String> analysis = new HashMap<>(options);
		List<Integer> each = new ArrayList<>();
		for (int i = 0; i < n; i++) each.add(i);
		sc.setJobDescription("Sample Series: " + n + " samples, one task each");
		List<SeriesRunner.SampleRun> runs = SparkVolume.collect(sc.parallelize(each, Math.max(1, n)).map(i -> analyse(csv, i, analysis, samples, recompute)));
		progress.report(1, n + " samples analysed on the cluster");
		return runs;
	}

	/** One task: every analysis of sample i, stored in its folder under {@code samples}. */
	private static SeriesRunner.SampleRun analyse(String table, int i, Map<String, String> options, String samples, boolean recompute) {
		Sample one = SampleTable.read(Paths.get(table)).samples().get(i);
		return new SeriesRunner(new AnalysisSuite(CommandCatalog.load()), new CommandRunner(null)).analyse(one, options, Paths.get(samples), recompute,
			Progress.NONE);
	}
}
