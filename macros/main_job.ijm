// CathodeJ main job (scripts/run-example): every step of the chain on generated samples, headless.
//   1. analysis/      the full analysis of a synthetic cathode (analyse_labels.ijm): fractions, areas, chords,
//                     clusters and CAM utilisation, pores, tortuosity, report.html
//   2. segmentation/  raw BSE + SE -> phase labels with a trained and saved pixel classifier, checked against
//                     the phantom's truth, threshold route beside it (segment_phantom.ijm)
//   3. raw-to-analysis/  rendered FIB-SEM stacks with drift, curtains and uneven illumination -> aligned (SE with
//                     BSE's drift) -> illumination -> stripes -> segmented -> full analysis (pipeline_raw_to_analysis.ijm)
// Argument: the output folder. Each part is a shipped macro, read from CathodeJ's jar.

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, "/") && !endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);
parts = newArray("analysis", "segmentation", "raw-to-analysis");
macros = newArray("analyse_labels.ijm", "segment_phantom.ijm", "pipeline_raw_to_analysis.ijm");
summary = "# CathodeJ main job\n\n";
for (i = 0; i < parts.length; i++) {
	run("Close All");
	dir = out + parts[i] + File.separator;
	call("ij.plugin.Macro_Runner.runMacroFromJar", "macros/" + macros[i], dir);
	if (!File.exists(dir + "summary.md")) exit("CathodeJ main job: " + macros[i] + " wrote no summary into " + dir);
	summary = summary + "---\n\n## " + (i + 1) + ". " + parts[i] + "/ (macros/" + macros[i] + ")\n\n" + File.openAsString(dir + "summary.md") + "\n";
}
File.saveString(summary, out + "summary.md");
print("CathodeJ: main job results in " + out);
