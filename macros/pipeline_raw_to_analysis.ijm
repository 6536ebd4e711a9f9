// CathodeJ: the whole chain from raw FIB-SEM detector stacks to the full microstructure analysis.
//   raw BSE + SE -> drift-aligned (SE with BSE's drift) -> illumination -> curtaining -> contrast   (preprocess_fibsem.ijm)
//   -> three phases (threshold route, or a saved pixel classifier)                                 (this macro)
//   -> fractions, areas, chords, clusters and CAM utilisation, pores, tortuosity, report           (analyse_labels.ijm)
// Works on two open stacks (titles ending in -BSE and -SE, or set them in preprocess_fibsem.ijm); when none is
// open it renders a demo pair from a synthetic cathode with drift, curtains, uneven illumination and noise, trains
// a pixel classifier on sparse points of the truth, and reports the accuracy of both routes against the truth
// (cropped to the aligned canvas, so the known crop and drift are undone).
// Argument: the output folder. Steps write into subfolders preprocess/, segment/ and analysis/.

// ---- settings: edit these for your data ----
classifier = "";      // a classifier saved by Train Pixel Classifier; "" = threshold route (the demo trains one)
pore = 0; cam = 1; ise = 2;
demo_size = 272; demo_slices = 128;   // demo sample; about 250 x 250 x 128 voxels remain after the alignment crop
demo_analysis_size = 128;             // the demo's full analysis runs on the central 128 x 128 voxels of every slice (0 = all):
                                      // tortuosity, pores and clusters cost 5x more on the whole sample
// ---------------------------------------------

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, "/") && !endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);
mark = newestImage(); // images open before this macro are the user's: never closed here
labelsOpt = "pore_label=" + pore + " cam_label=" + cam + " ise_label=" + ise;
truthNote = "";

truthFile = "";
demo = nImages == 0;
steps = demo + 3;
if (demo) {
	pipelineStep(1, steps, "Synthetic FIB-SEM demo stacks");
	run("Synthetic Cathode", "width=" + demo_size + " height=" + demo_size + " depth=" + demo_slices + " voxel_size=0.05 slice_thickness=0.05 cam_fraction=0.35 cam_radius=0.6 cam_radius_sd=0.1 overlap=0.1 pore_fraction=0.08 pore_radius=0.2 clustering=0 seed=5 " + labelsOpt);
	truth = getTitle();
	truthNote = "demo sample rendered from " + truth + " (true fractions: pore 0.08, CAM 0.35, ISE 0.57)";
	run("Synthetic FIB-SEM", labelsOpt + " blur_sigma=1 noise_sd=1200 drift_step=1.5 rotation_step=0 curtain_amplitude=5000 curtain_width=3 illumination=0.3 seed=5");
	truthFile = out + "truth.tif";   // the preprocessing closes every image: the truth waits on disk
	selectImage(truth);
	saveAs("Tiff", truthFile);
	close();
}

// 1. preprocessing: the shipped macro, read from CathodeJ's jar (works from Fiji's menu and from files)
pre = out + "preprocess" + File.separator;
pipelineStep(demo + 1, steps, "Preprocess (preprocess_fibsem.ijm)");
call("ij.plugin.Macro_Runner.runMacroFromJar", "macros/preprocess_fibsem.ijm", pre);
closeImagesSince(mark);
files = getFileList(pre);
bse = ""; se = "";
for (i = 0; i < files.length; i++) {
	if (endsWith(files[i], "-BSE-aligned-preprocessed.tif")) bse = files[i];
	if (endsWith(files[i], "-SE-aligned-preprocessed.tif")) se = files[i];
}
if (bse == "") exit("Preprocessing wrote no *-BSE-aligned-preprocessed.tif into " + pre);
open(pre + bse);
seOpt = "";
if (se != "") { open(pre + se); seOpt = " se=[" + se + "]"; }

// 2. segmentation
seg = out + "segment" + File.separator;
pipelineStep(demo + 2, steps, "Segment");
File.makeDirectory(seg);
truthA = "";
if (truthFile != "") truthA = alignedTruth(truthFile, pre);
if (classifier == "" && truthA != "") classifier = demoClassifier(bse, se, truthA, seg, newArray(pore, cam, ise));
selectImage(bse);
if (classifier == "") {
	run("Threshold Three Phases", "bse=[" + bse + "]" + seOpt + " bse_order=[pore < ISE < CAM] smoothing=0 min_island=10 " + labelsOpt + " output_dir=[" + seg + "]");
	route = "threshold route (Otsu on SE for pores, Otsu on BSE for CAM vs ISE; CAM brightest in BSE)";
} else {
	run("Apply Pixel Classifier", "bse=[" + bse + "]" + seOpt + " classifier_file=[" + classifier + "] " + labelsOpt + " output_dir=[" + seg + "]");
	route = "pixel classifier " + classifier;
	if (truthA != "") route = route + " (demo: trained on every 12th pixel of every 8th slice of the truth)";
}
labels = getTitle();
quality = "";
if (truthA != "") quality = accuracyTable(labels, truthA, bse, seOpt, seg, labelsOpt, " truth_pore=" + pore + " truth_cam=" + cam + " truth_ise=" + ise);
selectImage(labels);
if (truthA != "" && demo_analysis_size > 0 && demo_analysis_size < minOf(getWidth(), getHeight())) {
	makeRectangle(floor((getWidth() - demo_analysis_size) / 2), floor((getHeight() - demo_analysis_size) / 2), demo_analysis_size, demo_analysis_size);
	run("Duplicate...", "title=[" + labels + "-centre] duplicate");
	quality = quality + "The full analysis below runs on the central " + demo_analysis_size + " x " + demo_analysis_size + " x " + nSlices
		+ " voxels of the segmented volume (demo_analysis_size).\n\n";
	labels = getTitle();
}

// 3. the full analysis of the segmented volume
ana = out + "analysis" + File.separator;
pipelineStep(demo + 3, steps, "Analyse labels (analyse_labels.ijm)");
call("ij.plugin.Macro_Runner.runMacroFromJar", "macros/analyse_labels.ijm", ana);

summary = "# CathodeJ: raw FIB-SEM stacks to analysis\n\n";
if (truthNote != "") summary = summary + truthNote + "\n\n";
summary = summary + "1. preprocessing: " + pre + "summary.md\n2. segmentation: " + route + " -> " + labels + "\n3. analysis: " + ana + "summary.md\n\n" + quality;
summary = summary + File.openAsString(ana + "summary.md");
call("org.cathodej.ij1.PipelineStatus.done", "pipeline_raw_to_analysis");
File.saveString(summary, out + "summary.md");
print("CathodeJ: pipeline results in " + out);

// The truth of the demo cropped to the aligned canvas (Align Stack's crop, in the frame of slice 1, whose drift is 0).
function alignedTruth(file, pre) {
	json = File.openAsString(pre + "align_stack_drift.json");
	i = indexOf(json, " at (");
	if (i < 0) exit("No canvas in " + pre + "align_stack_drift.json");
	size = split(substring(json, lastIndexOf(substring(json, 0, i), "\"") + 1, i), "x");
	at = split(substring(json, i + 5, indexOf(json, ")", i)), ", ");
	open(file);
	t = getTitle();
	makeRectangle(parseInt(at[0]), parseInt(at[1]), parseInt(size[0]), parseInt(size[1]));
	run("Duplicate...", "title=truth-aligned duplicate");
	selectImage(t);
	close();
	return "truth-aligned";
}

// A classifier trained on sparse points of the truth: every 12th pixel in x and y on every 8th slice (about
// 0.09 % of the voxels, as a user's scribbles on a few slices), 2D features at 1 and 2 px, 15 trees.
function demoClassifier(bse, se, truth, seg, phases) {
	selectImage(truth);
	w = getWidth(); h = getHeight(); d = nSlices;
	newImage("demo-scribbles", "8-bit black", w, h, d);
	for (z = 1; z <= d; z += 8) {
		selectImage(truth); setSlice(z);
		v = newArray(floor((w + 11) / 12) * floor((h + 11) / 12));
		n = 0;
		for (y = 6; y < h; y += 12) for (x = 6; x < w; x += 12) { v[n] = getPixel(x, y) + 1; n++; }
		selectImage("demo-scribbles"); setSlice(z);
		n = 0;
		for (y = 6; y < h; y += 12) for (x = 6; x < w; x += 12) { setPixel(x, y, v[n]); n++; }
	}
	c = seg + "demo.classifier";
	seOpt2 = "";
	if (se != "") seOpt2 = " se=[" + se + "]";
	values = " pore_value=" + (phases[0] + 1) + " cam_value=" + (phases[1] + 1) + " ise_value=" + (phases[2] + 1);
	run("Train Pixel Classifier", "bse=[" + bse + "] training_labels=demo-scribbles" + seOpt2 + values + " features=default scales=1,2 neighbourhood=2D trees=15 seed=1 classifier_file=[" + c + "] output_dir=[" + seg + "]");
	close("demo-scribbles");
	return c;
}

// Accuracy of the segmentation and of the threshold route against the aligned truth, as a Markdown table.
function accuracyTable(labels, truth, bse, seOpt, seg, labelsOpt, truthOpt) {
	t = "## Segmentation against the truth (" + getWidth() + " x " + getHeight() + " x " + nSlices + " aligned voxels)\n\n"
		+ "| route | accuracy | IoU pore | IoU CAM | IoU ISE | pore fraction (true) | CAM fraction (true) | ISE fraction (true) |\n|---|---|---|---|---|---|---|---|\n";
	run("Compare with Ground Truth", "labels=[" + labels + "] ground_truth=[" + truth + "] " + labelsOpt + truthOpt + " output_dir=[" + seg + "]");
	t = t + qualityRow("this chain's segmentation");
	selectImage(bse);
	run("Threshold Three Phases", "bse=[" + bse + "]" + seOpt + " bse_order=[pore < ISE < CAM] smoothing=0 min_island=10 " + labelsOpt + " output_dir=[" + seg + "threshold]");
	thr = "threshold-route-phases";
	rename(thr);
	run("Compare with Ground Truth", "labels=[" + thr + "] ground_truth=[" + truth + "] " + labelsOpt + truthOpt + " output_dir=[" + seg + "threshold]");
	t = t + qualityRow("threshold route, for comparison");
	close(thr);
	close(truth);
	return t + "\n";
}

function qualityRow(name) {
	r = "| " + name + " | " + d2s(getResult("accuracy", 0), 4);
	for (i = 0; i < 3; i++) r = r + " | " + d2s(getResult("iou", i), 4);
	for (i = 0; i < 3; i++) r = r + " | " + d2s(getResult("segmented_fraction", i), 4) + " (" + d2s(getResult("true_fraction", i), 4) + ")";
	return r + " |\n";
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
	call("org.cathodej.ij1.PipelineStatus.step", "pipeline_raw_to_analysis", "" + i, "" + n, name);
}
