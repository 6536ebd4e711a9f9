package org.cathodej.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.cathodej.commands.SyntheticCathodeCommand;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.workflow.report.HtmlReport;
import org.cathodej.workflow.suite.AnalysisSuite;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.MacroOptions;
import org.cathodej.workflow.series.SampleTable;
import org.cathodej.workflow.series.SeriesResult;
import org.cathodej.workflow.series.SeriesRunner;
import org.cathodej.task.Progress;

/**
 * Sample series end to end: ten synthetic cathodes with rising pore fraction (0.02 .. 0.14) saved as TIFF, then
 * every Analyze command on each (one row per sample: opening the TIFF, all analyses with their default options,
 * writing results), reading the ten stored result folders back, and the series report. The analyses use all
 * processors ({@link org.cathodej.task.Parallel#defaultThreads()}); the thread column is informative only.
 */
public final class SeriesBench implements BenchCase {

	static final int SAMPLES = 10;

	@Override
	public String name() {
		return "series";
	}

	@Override
	public String[] defaultSizes() {
		return new String[] { "64", "128" };
	}

	@Override
	public void run(int[] s, int threads, BenchRecorder out) throws Exception {
		Path dir = Files.createTempDirectory("cathodej-series-bench");
		CommandRunner runner = new CommandRunner(null);
		StringBuilder all = new StringBuilder("name,file,pore_fraction\n");
		List<Path> single = new ArrayList<>();
		for (int i = 0; i < SAMPLES; i++) {
			double pf = 0.02 + 0.12 * i / (SAMPLES - 1);
			Path d = dir.resolve("data").resolve("p" + i);
			runner.run(CommandSpec.of(SyntheticCathodeCommand.class), MacroOptions.parse("width=" + s[0] + " height=" + s[1] + " depth=" + s[2]
				+ " voxel_size=0.1 slice_thickness=0.1 cam_fraction=0.45 seed=" + (i + 1) + " pore_fraction=" + pf + " output_dir=[" + d + "]"), null,
				Progress.NONE);
			String row = "s" + i + ",data/p" + i + "/synthetic_cathode_phantom.tif," + pf + "\n";
			all.append(row);
			Path t = dir.resolve("sample" + i + ".csv");
			Files.write(t, ("name,file,pore_fraction\n" + row).getBytes(StandardCharsets.UTF_8));
			single.add(t);
		}
		Path table = dir.resolve("samples.csv");
		Files.write(table, all.toString().getBytes(StandardCharsets.UTF_8));
		AnalysisSuite suite = new AnalysisSuite(CommandCatalog.load());
		SeriesRunner sr = new SeriesRunner(suite, runner);
		Path results = dir.resolve("out");
		// warm-up (JIT) on a throw-away copy of the first sample
		sr.run(SampleTable.read(single.get(0)), new LinkedHashMap<>(), dir.resolve("warmup"), false, Progress.NONE);
		for (int i = 0; i < SAMPLES; i++) {
			SampleTable t = SampleTable.read(single.get(i));
			out.time(name(), "analyse sample " + (i + 1) + " (" + suite.entries().size() + " analyses)", s, threads,
				() -> sr.run(t, new LinkedHashMap<>(), results, false, Progress.NONE), "");
		}
		SeriesResult r = out.time(name(), "read " + SAMPLES + " stored samples", s, threads,
			() -> sr.run(SampleTable.read(table), new LinkedHashMap<>(), results, false, Progress.NONE), "");
		if (r.analysesRun() != 0) throw new IllegalStateException("stored results were recomputed");
		out.time(name(), "sample report (sample 1)", s, threads, () -> {
			HtmlReport.write(results.resolve("s0").resolve("report.html"),
				HtmlReport.sample(results.resolve("s0"), null, PhaseLabels.defaults(), "s0", suite));
			return null;
		}, "");
	}
}
