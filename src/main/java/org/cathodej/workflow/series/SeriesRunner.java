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
 * A sample given only by a {@code results} folder is read as it is.
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
		for (int i = 0; i < samples.size(); i++) {
			progress.checkCancelled();
			Sample s = samples.get(i);
			Progress p = progress.range(i / (double) samples.size(), (i + 1) / (double) samples.size());
			p.report(0, "Sample " + s.name() + " (" + (i + 1) + "/" + samples.size() + ")");
			long t0 = System.nanoTime();
			Path dir = resultDir(s, output);
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
			List<String> ran = new ArrayList<>();
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
				ran.addAll(labels(todo));
			}
			Map<String, Double> d = Descriptors.read(dir, suite);
			SeriesRow.Status st = todo.isEmpty() ? SeriesRow.Status.READ
				: todo.size() == suite.entries().size() ? SeriesRow.Status.COMPUTED : SeriesRow.Status.COMPLETED;
			rows.add(new SeriesRow(s, dir, st, ran, d, (System.nanoTime() - t0) / 1e9));
		}
		return new SeriesResult(table.parameterNames(), rows, notes);
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
