// CathodeJ: the full analysis (macros/analyse_labels.ijm) for every label stack (.tif) in a folder, one result
// folder per sample, and a table of the key numbers of all samples.
// Argument: "input=<folder> output=<folder>", or only the output folder: then three demo samples with rising
// clustering (fine -> coarse electrolyte) are generated into <output>/samples first.

arg = getArgument();
input = ""; output = arg;
if (indexOf(arg, "output=") >= 0) {
	output = substring(arg, indexOf(arg, "output=") + 7);
	if (indexOf(arg, "input=") >= 0) input = substring(arg, indexOf(arg, "input=") + 6, indexOf(arg, " output="));
}
if (output == "") output = getDirectory("Choose an output folder");
if (!endsWith(output, "/") && !endsWith(output, File.separator)) output = output + File.separator;
File.makeDirectory(output);
setBatchMode(true);
mark = newestImage(); // images open before this macro are the user's: never closed here

if (input == "") {
	input = output + "samples" + File.separator;
	File.makeDirectory(input);
	c = newArray(0, 0.5, 1);
	for (i = 0; i < c.length; i++) {
		run("Synthetic Cathode", "width=64 height=64 depth=64 voxel_size=0.1 slice_thickness=0.1 cam_fraction=0.45 clustering=" + c[i] + " seed=" + (i + 1));
		saveAs("Tiff", input + "sample-clustering-" + c[i] + ".tif");
		close();
	}
}
if (!endsWith(input, "/") && !endsWith(input, File.separator)) input = input + File.separator;

files = getFileList(input);
samples = 0;
for (i = 0; i < files.length; i++)
	if (endsWith(toLowerCase(files[i]), ".tif") || endsWith(toLowerCase(files[i]), ".tiff")) samples++;
table = "| sample | pore | CAM | ISE | S_CAM-ISE (m^2/g CAM) | CAM coverage by ISE |\n|---|---|---|---|---|---|\n";
n = 0;
for (i = 0; i < files.length; i++) {
	if (!endsWith(toLowerCase(files[i]), ".tif") && !endsWith(toLowerCase(files[i]), ".tiff")) continue;
	pipelineStep(n + 1, samples, "sample " + files[i]);
	open(input + files[i]);
	name = File.nameWithoutExtension;
	dir = output + name + File.separator;
	// the same analysis as for a single sample, read from CathodeJ's jar (works from Fiji's menu and from files)
	call("ij.plugin.Macro_Runner.runMacroFromJar", "macros/analyse_labels.ijm", dir);
	closeImagesSince(mark);
	// values read straight from the saved CSV files (opening them as tables is unreliable headless)
	t = dir + "phase_fractions_fractions.csv";
	row = "| " + name + " | " + d2s(csvValue(t, "volume_fraction", 0), 4) + " | " + d2s(csvValue(t, "volume_fraction", 1), 4) + " | " + d2s(csvValue(t, "volume_fraction", 2), 4);
	// Crofton estimates: row 5 of the areas table is CAM-ISE, row 1 of the coverage table is Crofton13
	row = row + " | " + d2s(csvValue(dir + "surface_and_interface_areas_areas.csv", "per_cam_mass_crofton_m2_per_g", 5), 4);
	row = row + " | " + d2s(csvValue(dir + "surface_and_interface_areas_coverage.csv", "cam_ise_share", 1), 4);
	table = table + row + " |\n";
	n++;
}
call("org.cathodej.ij1.PipelineStatus.done", "analyse_folder");
if (n == 0) exit("No .tif label stacks in " + input);
File.saveString("# CathodeJ: " + n + " samples from " + input + "\n\n" + table, output + "summary.md");
print("CathodeJ: " + n + " samples analysed into " + output);

// Value of a column in data row 'row' (0 = first row after the header) of a CSV file written by CathodeJ.
function csvValue(path, column, row) {
	lines = split(File.openAsString(path), "\n");
	head = split(lines[0], ",");
	cells = split(lines[row + 1], ",");
	for (k = 0; k < head.length; k++)
		if (head[k] == column) return parseFloat(cells[k]);
	exit("No column " + column + " in " + path);
}

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
	call("org.cathodej.ij1.PipelineStatus.step", "analyse_folder", "" + i, "" + n, name);
}
