package org.cathodej.workflow.series;

import org.cathodej.commands.PhaseLabelsCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cathodej.phase.PhaseLabels;
import org.cathodej.workflow.report.HtmlReport;
import org.cathodej.workflow.suite.AnalysisSuite;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.MacroOptions;
import org.cathodej.results.Table;
import org.cathodej.workflow.series.DescriptorChoice;
import org.cathodej.workflow.series.SampleTable;
import org.cathodej.workflow.series.SeriesResult;
import org.cathodej.workflow.series.SeriesRow;
import org.cathodej.workflow.series.SeriesRunner;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.gui.Plot;
import ij.io.FileSaver;

@Plugin(type = Command.class, label = "Sample Series",
	description = "Every Analyze command on each sample of a sample table, one comparison table, descriptors plotted against a process parameter, an HTML report")
public class SampleSeriesCommand extends PhaseLabelsCommand {

	@Parameter(label = "Sample table", description = "CSV with columns name, file (label image, relative to the table's folder) and any"
		+ " process parameters (particle size, pressing time, ...); an optional 'results' column names a folder of earlier results", style = "file")
	public String sample_table = "";

	@Parameter(label = "Analysis options", description = "further options for the analyses, as in their macros (e.g. spacing=2 bins=30);"
		+ " each analysis gets the keys it has", required = false)
	public String analysis_options = "";

	@Parameter(label = "Descriptors to plot", description = "comma-separated descriptor names (<command>.<row>.<column>, e.g."
		+ " phase_fractions.pore.volume_fraction) or 'key' for the key descriptors")
	public String descriptors = "key";

	@Parameter(label = "Process parameter (x axis)", description = "column of the sample table for the x axis; empty = the first"
		+ " process-parameter column", required = false)
	public String x_parameter = "";

	@Parameter(label = "Recompute stored results", description = "analyse every sample again even when its folder already holds results")
	public boolean recompute = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Sample Series")
	public Table comparison;

	@Parameter(type = ItemIO.OUTPUT, label = "Descriptor vs process parameter")
	public Plot plot;

	@Parameter(type = ItemIO.OUTPUT, label = "Series report file (in the output folder)")
	public String report;

	/** The options every analysis of every sample gets: the label values and {@code analysis_options}. */
	public static Map<String, String> analysisOptions(int pore, int cam, int ise, String analysisOptions) {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("pore_label", Integer.toString(pore));
		options.put("cam_label", Integer.toString(cam));
		options.put("ise_label", Integer.toString(ise));
		if (analysisOptions != null && !analysisOptions.trim().isEmpty()) {
			Map<String, String> extra = MacroOptions.parse(analysisOptions);
			for (String k : Arrays.asList("output_dir", "overwrite", "labels", "pore_label", "cam_label", "ise_label"))
				if (extra.containsKey(k)) throw new IllegalArgumentException("analysis_options must not set " + k + " (it is a parameter of Sample Series itself).");
			options.putAll(extra);
		}
		return options;
	}

	@Override
	public void run() {
		if (sample_table == null || sample_table.trim().isEmpty())
			throw new IllegalArgumentException("Sample Series needs a sample table (CSV with columns name, file and process parameters).");
		if (output_dir == null || output_dir.trim().isEmpty())
			throw new IllegalArgumentException("Sample Series needs an output folder: each sample's results go into <output_dir>/samples/<name>/.");
		SampleTable table = SampleTable.read(Paths.get(sample_table.trim()));
		for (org.cathodej.workflow.series.Sample s : table.samples())
			for (String p : table.parameterNames())
				if (s.parameters().getOrDefault(p, "").isEmpty())
					note("Sample '" + s.name() + "' has no value for '" + p + "' (empty cell): its comparison row leaves it empty"
						+ " and a plot against '" + p + "' places the samples in table order.");
		Path out = Paths.get(output_dir.trim());
		String x = x_parameter == null ? "" : x_parameter.trim();
		if (x.isEmpty()) {
			if (table.parameterNames().isEmpty())
				throw new IllegalArgumentException("The sample table has no process-parameter column to plot against (only name and file).");
			x = table.parameterNames().get(0);
		} else if (!table.parameterNames().contains(x))
			throw new IllegalArgumentException("No process parameter '" + x + "' in the sample table; its columns are: "
				+ String.join(", ", table.parameterNames()) + ".");

		Map<String, String> options = analysisOptions(pore_label, cam_label, ise_label, analysis_options);
		AnalysisSuite suite = new AnalysisSuite(CommandCatalog.load());
		suite.checkOptions(options, "the analyses of Sample Series"); // every value of every step, before the first runs

		Path plotDir = out.resolve("plots"), reportFile = out.resolve("series_report.html");
		if (!overwrite && Files.exists(reportFile))
			throw new IllegalArgumentException("Sample Series would overwrite " + reportFile + ". " + org.cathodej.run.OutputPaths.OVERWRITE_HINT
				+ " (Stored sample results are read, not recomputed, unless recompute is set).");

		// a descriptor is <analysis stem>.<...>: a wrong stem is caught before any analysis runs, the rest after
		List<String> stems = new ArrayList<>();
		for (CommandCatalog.Entry e : suite.entries()) stems.add(e.spec().fileStem());
		DescriptorChoice.checkStems(descriptors, stems);
		SeriesResult r = new SeriesRunner(suite, new CommandRunner(null)).run(table, options, out.resolve("samples"), recompute, progress());
		for (String n : r.notes()) note(n);
		List<String> chosen = DescriptorChoice.choose(descriptors, r.keyDescriptors(), r.descriptorNames());
		comparison = r.comparison();
		convention("descriptors", "every numeric cell of a per-phase or one-row result table: <command>.<row>.<column>");
		convention("sample_results", "<output_dir>/samples/<sample>/ (read, not recomputed, when present unless recompute)");
		convention("analysis_options", MacroOptions.format(options));

		List<Path> plots = new ArrayList<>();
		try {
			Files.createDirectories(plotDir);
			for (int i = 0; i < chosen.size(); i++) {
				Plot p = plot(r, chosen.get(i), x);
				if (i == 0) plot = p;
				Path f = plotDir.resolve(safe(chosen.get(i)) + "_vs_" + safe(x) + ".png");
				if (!new FileSaver(p.getImagePlus()).saveAsPng(f.toString())) throw new IOException("could not write " + f);
				plots.add(f);
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Writing the series plots failed: " + e.getMessage(), e);
		}
		PhaseLabels pl = new PhaseLabels(pore_label, cam_label, ise_label);
		for (SeriesRow row : r.rows()) {
			Path rep = row.dir().resolve("report.html");
			if (row.status() != SeriesRow.Status.READ || !Files.exists(rep)) {
				ij.ImagePlus imp = row.sample().file() != null && Files.exists(row.sample().file()) ? IJ.openImage(row.sample().file().toString()) : null;
				try {
					HtmlReport.write(rep, HtmlReport.sample(row.dir(), imp, pl, "CathodeJ: " + row.sample().name(), suite));
				} finally {
					if (imp != null) imp.close();
				}
			}
		}
		HtmlReport.write(reportFile, HtmlReport.series(r, chosen, plots, options, out, "CathodeJ sample series: " + table.source().getFileName()));
		report = reportFile.getFileName().toString(); // in output_dir
		IJ.log(r.summary()); // run times: the log, never the provenance notes (they must be deterministic)
	}

	private static Plot plot(SeriesResult r, String descriptor, String x) {
		List<double[]> pts = new ArrayList<>();
		boolean numeric = true;
		for (SeriesRow row : r.rows()) numeric &= !Double.isNaN(row.sample().parameter(x));
		for (int i = 0; i < r.rows().size(); i++) {
			SeriesRow row = r.rows().get(i);
			double y = row.descriptor(descriptor);
			if (!Double.isNaN(y)) pts.add(new double[] { numeric ? row.sample().parameter(x) : i + 1, y });
		}
		pts.sort((a, b) -> Double.compare(a[0], b[0]));
		double[] xs = new double[pts.size()], ys = new double[pts.size()];
		for (int i = 0; i < pts.size(); i++) {
			xs[i] = pts.get(i)[0];
			ys[i] = pts.get(i)[1];
		}
		Plot p = new Plot(descriptor + " vs " + x, numeric ? x : x + " (sample order; not numeric)", descriptor);
		p.setColor(java.awt.Color.BLUE, java.awt.Color.BLUE);
		p.setLineWidth(2);
		p.add("connected circle", xs, ys);
		if (xs.length > 0) {
			double[] lx = margins(xs), ly = margins(ys);
			p.setLimits(lx[0], lx[1], ly[0], ly[1]);
		}
		return p;
	}

	/** Data range with 8 % margins (so end points are not drawn on the frame); a flat range gets +-5 %. */
	private static double[] margins(double[] v) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (double x : v) {
			lo = Math.min(lo, x);
			hi = Math.max(hi, x);
		}
		double m = hi > lo ? 0.08 * (hi - lo) : Math.max(0.05 * Math.abs(hi), 1e-9);
		return new double[] { lo - m, hi + m };
	}

	private static String safe(String s) {
		return s.replaceAll("[^A-Za-z0-9._-]+", "_");
	}
}
