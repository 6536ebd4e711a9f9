package org.cathodej.workflow.series;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cathodej.workflow.suite.AnalysisSuite;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.ParameterSpec;
import org.cathodej.task.Progress;

import ij.ImagePlus;
import org.cathodej.imagej.ImageFiles;

/**
 * Analyses every sample of a {@link SampleTable} with one parameter set (every Analyze command, through
 * {@link AnalysisSuite}) into {@code <output>/<sample>/}, then reads the descriptors back from the files. A sample
 * whose folder already holds an analysis's table with its sidecar, made with the same parameters, is read, not
 * recomputed (unless {@code recompute}); analyses that are missing there, or were made with other parameters, run.
 * A sample given only by a {@code results} folder is read as it is. A {@link SampleExecutor} (e.g. a Spark job) may
 * analyse the samples elsewhere, side by side.
 */
public final class SeriesRunner {

	private final AnalysisSuite suite;
	private final CommandRunner runner;

	public SeriesRunner(AnalysisSuite suite, CommandRunner runner) {
		this.suite = suite;
		this.runner = runner;
	}

	public AnalysisSuite suite() { return suite; }

	/** Where a sample's results go (or are): its {@code results} folder, else {@code <output>/<name>/}. */
	public static Path resultDir(Sample s, Path output) {
		return s.results() != null ? s.results() : output.resolve(s.folderName());
	}

	public SeriesResult run(SampleTable table, Map<String, String> options, Path output, boolean recompute, Progress progress) {
		suite.checkKeys(options.keySet(), "the sample series");
		table.checkFiles();
		List<SeriesRow> rows = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		List<Sample> samples = table.samples();
		SampleExecutor elsewhere = ELSEWHERE.get();
		List<SampleRun> done = elsewhere == null ? null : elsewhere.analyseAll(table, options, output, recompute, progress);
		if (done != null && done.size() != samples.size()) throw new IllegalStateException(samples.size() + " samples, " + done.size() + " analysed");
		for (int i = 0; i < samples.size(); i++) {
			progress.checkCancelled();
			Sample s = samples.get(i);
			Progress p = progress.range(i / (double) samples.size(), (i + 1) / (double) samples.size());
			long t0 = System.nanoTime();
			SampleRun run = done != null ? done.get(i) : analyse(s, options, output, recompute, p);
			Path dir = resultDir(s, output);
			notes.addAll(run.notes);
			Map<String, Double> d = Descriptors.read(dir, suite);
			rows.add(new SeriesRow(s, dir, run.status, run.ran, d, run.seconds + (System.nanoTime() - t0) / 1e9));
		}
		return new SeriesResult(table.parameterNames(), rows, notes);
	}

	/**
	 * Every analysis of one sample that is missing in its folder, or was made with other parameters (all of them with
	 * {@code recompute}), run now and stored there: the work of one sample, which a {@link SampleExecutor} may do
	 * elsewhere.
	 */
	public SampleRun analyse(Sample s, Map<String, String> options, Path output, boolean recompute, Progress p) {
		p.report(0, "Sample " + s.name());
		long t0 = System.nanoTime();
		Path dir = resultDir(s, output);
		List<String> notes = new ArrayList<>();
		List<CommandCatalog.Entry> todo = new ArrayList<>();
		if (s.file() != null && Files.isRegularFile(s.file())) {
			for (CommandCatalog.Entry e : suite.entries()) {
				if (recompute || !AnalysisSuite.isStored(e.spec(), dir)) todo.add(e);
				else {
					String diff = differs(e.spec(), dir, options);
					if (diff != null) {
						todo.add(e);
						notes.add(s.name() + ": " + e.spec().label() + " recomputed, the stored result had " + diff);
					}
				}
			}
		} else if (!suite.missing(dir).isEmpty()) {
			notes.add(s.name() + ": no label image, results read from " + dir + " lack " + labels(suite.missing(dir)));
		}
		if (!todo.isEmpty()) {
			ImagePlus imp;
			try {
				imp = ImageFiles.open(s.file()); // refuses truncated files as the command line does
			} catch (java.io.UncheckedIOException x) {
				throw new java.io.UncheckedIOException("Sample '" + s.name() + "': " + x.getMessage(), x.getCause());
			}
			try {
				// the runs write every output of the commands that run now (leftovers of a failed run included)
				suite.run(todo, imp, options, dir, true, runner, p);
			} finally {
				imp.close();
				imp.flush();
			}
		}
		SeriesRow.Status st = todo.isEmpty() ? SeriesRow.Status.READ
			: todo.size() == suite.entries().size() ? SeriesRow.Status.COMPUTED : SeriesRow.Status.COMPLETED;
		return new SampleRun(st, labels(todo), notes, (System.nanoTime() - t0) / 1e9);
	}

	/** How one sample's results came about: its status, the analyses that ran, notes, and the time it took. */
	public static final class SampleRun implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
		final SeriesRow.Status status;
		final ArrayList<String> ran, notes;
		final double seconds;

		SampleRun(SeriesRow.Status status, List<String> ran, List<String> notes, double seconds) {
			this.status = status;
			this.ran = new ArrayList<>(ran);
			this.notes = new ArrayList<>(notes);
			this.seconds = seconds;
		}

		public SeriesRow.Status status() { return status; }
	}

	/**
	 * Analyses the samples of a series side by side where they can run (e.g. one Spark task each, on a filesystem
	 * shared with this JVM), each with {@link #analyse}; returns their runs in table order.
	 */
	public interface SampleExecutor {
		List<SampleRun> analyseAll(SampleTable table, Map<String, String> options, Path output, boolean recompute, Progress progress);
	}

	private static final ThreadLocal<SampleExecutor> ELSEWHERE = new ThreadLocal<>();

	/**
	 * Runs {@code body} (e.g. the Sample Series command) with the samples of every series it runs on this thread
	 * analysed by {@code executor}; the descriptors, tables and reports are made here as always.
	 */
	public static <T> T analysingWith(SampleExecutor executor, java.util.function.Supplier<T> body) {
		ELSEWHERE.set(executor);
		try {
			return body.get();
		} finally {
			ELSEWHERE.remove();
		}
	}

	/** "key=stored (now value)" for the first option that differs from the stored result, or null. */
	private static String differs(CommandSpec spec, Path dir, Map<String, String> options) {
		Path table = AnalysisSuite.tableFiles(spec, dir).get(0);
		Map<String, String> stored = Descriptors.storedParameters(Descriptors.sidecar(table));
		Map<String, String> own = AnalysisSuite.optionsFor(spec, options);
		for (ParameterSpec p : spec.inputs()) {
			if (p.kind() == ParameterSpec.Kind.IMAGE || p.name().equals("output_dir") || p.name().equals("overwrite")) continue;
			String now;
			if (own.containsKey(p.name())) now = ParameterSpec.format(p.parse(own.get(p.name()), spec.label()));
			else if (p.kind() == ParameterSpec.Kind.BOOLEAN) now = ParameterSpec.format(false);
			else now = ParameterSpec.format(p.get(spec.newInstance()));
			String then = stored.get(p.name());
			if (then != null && !then.equals(now)) return p.name() + "=" + then + " (now " + now + ")";
		}
		return null;
	}

	private static List<String> labels(List<CommandCatalog.Entry> es) {
		List<String> l = new ArrayList<>();
		for (CommandCatalog.Entry e : es) l.add(e.spec().label());
		return l;
	}

	/** Options as a map from macro text (label values etc.), for callers that hold a macro-style string. */
	public static Map<String, String> options(String macroText) {
		return macroText == null || macroText.trim().isEmpty() ? new LinkedHashMap<>() : org.cathodej.run.MacroOptions.parse(macroText);
	}
}
