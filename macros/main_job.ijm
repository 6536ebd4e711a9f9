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
mark = newestImage(); // images open before this macro are the user's: never closed here
parts = newArray("analysis", "segmentation", "raw-to-analysis");
macros = newArray("analyse_labels.ijm", "segment_phantom.ijm", "pipeline_raw_to_analysis.ijm");
summary = "# CathodeJ main job\n\n";
for (i = 0; i < parts.length; i++) {
	closeImagesSince(mark);
	dir = out + parts[i] + File.separator;
	step = "" + parts[i] + " (" + macros[i] + ")"; // (an array element cannot start an argument expression)
	pipelineStep(i + 1, parts.length, step);
	call("ij.plugin.Macro_Runner.runMacroFromJar", "macros/" + macros[i], dir);
	if (!File.exists(dir + "summary.md")) exit("CathodeJ main job: " + macros[i] + " wrote no summary into " + dir);
	summary = summary + "---\n\n## " + (i + 1) + ". " + parts[i] + "/ (macros/" + macros[i] + ")\n\n" + File.openAsString(dir + "summary.md") + "\n";
}
call("org.cathodej.ij1.PipelineStatus.done", "main_job");
File.saveString(summary, out + "summary.md");
print("CathodeJ: main job results in " + out);

// Closes the images opened since newestImage() returned 'mark' (ImageJ numbers new images -1, -2, ... downwards),
// never an image that was open before: a user's windows stay, whatever their titles.
function closeImagesSince(mark) {
	current = 0;
	if (nImages > 0) current = getImageID();
	for (i = nImages; i >= 1; i--) {
		selectImage(i);
		if (getImageID() < mark) close();
	}
	if (current != 0 && isOpen(current)) selectImage(current);
}

// The ID of the newest open image (0 when none is open); images opened later have smaller IDs.
function newestImage() {
	if (nImages == 0) return 0;
	current = getImageID();
	id = 0;
	for (i = 1; i <= nImages; i++) { selectImage(i); id = minOf(id, getImageID()); }
	selectImage(current);
	return id;
}

// Status bar and progress bar: "Pipeline step i of n: <step>", each command's own progress inside its step
// (nested inside the calling pipeline's step when another macro runs this one).
function pipelineStep(i, n, name) {
	call("org.cathodej.ij1.PipelineStatus.step", "main_job", "" + i, "" + n, name);
}
