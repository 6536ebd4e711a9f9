package org.cathodej.workflow.report;

import org.cathodej.commands.PhaseLabelsCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.cathodej.phase.PhaseLabels;
import org.cathodej.workflow.report.HtmlReport;
import org.cathodej.workflow.suite.AnalysisSuite;
import org.cathodej.run.CommandCatalog;
import org.cathodej.workflow.series.Descriptors;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;

@Plugin(type = Command.class, label = "Analysis Report",
	description = "One self-contained HTML file (report.html) for a result folder: key numbers, plots, mid-slices, provenance, conventions")
public class AnalysisReportCommand extends PhaseLabelsCommand {

	@Parameter(label = "Label image", description = "the analysed label image, for its mid-slice in phase colours (optional)", required = false, persist = false)
	public ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Key numbers")
	public ResultsTable key_numbers;

	@Parameter(type = ItemIO.OUTPUT, label = "Report file (in the output folder)")
	public String report;

	@Override
	public void run() {
		if (output_dir == null || output_dir.trim().isEmpty())
			throw new IllegalArgumentException("Analysis Report needs output_dir: the folder holding the analyses' results (the report is written there).");
		Path dir = Paths.get(output_dir.trim());
		Path file = dir.resolve("report.html");
		if (Files.exists(file) && !overwrite)
			throw new IllegalArgumentException("Analysis Report would overwrite " + file + ". " + org.cathodej.run.OutputPaths.OVERWRITE_HINT);
		AnalysisSuite suite = new AnalysisSuite(CommandCatalog.load());
		Map<String, Double> d = Descriptors.read(dir, suite);
		List<String> leftOut = Descriptors.leftOut(dir, suite);
		if (d.isEmpty() && leftOut.isEmpty() && labels == null) // nothing to report: most likely a mistyped folder
			throw new IllegalArgumentException("Analysis Report: " + dir + " holds no CathodeJ analysis results (<command>_<table>.csv with its .json)"
				+ " and no label image is given; is the folder name right? Run the analyses with output_dir set to it first.");
		for (String f : leftOut) note("Left out of the report: " + f + ".");
		if (d.isEmpty()) note("No readable analysis results in the output folder: the report has only the images.");
		PhaseLabels pl = phaseLabels();
		String title = "CathodeJ analysis" + (labels != null ? ": " + labels.getTitle() : " of " + dir.getFileName());
		HtmlReport.write(file, HtmlReport.sample(dir, labels, pl, title, suite));
		report = file.getFileName().toString(); // in output_dir (a full path would make the provenance depend on the folder)
		key_numbers = new ResultsTable();
		List<String> keys = Descriptors.keys(d.keySet());
		for (String k : keys) {
			key_numbers.incrementCounter();
			key_numbers.addLabel(k);
			key_numbers.addValue("value", d.get(k));
		}
	}
}
