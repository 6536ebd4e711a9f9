// Raw BSE + SE to phase labels with a saved pixel classifier, checked against the phantom's truth.
// Argument: output folder. Renders BSE/SE from a Synthetic Cathode with plain ImageJ commands (grey level per
// phase, blur, noise), draws scribbles on 1 % of the voxels from the truth, trains and saves a classifier, applies
// the saved classifier, compares with the truth, runs the threshold route for comparison, writes summary.md.
out = getArgument();
if (out == "") out = getDirectory("temp") + "cathodej-segment";
if (!endsWith(out, "/") && !endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);
mark = newestImage(); // images open before this macro are the user's: never closed here
random("seed", 7);
w = 96; h = 96; d = 24;
pipelineStep(1, 6, "Synthetic Cathode and rendered BSE/SE");
run("Synthetic Cathode", "width=" + w + " height=" + h + " depth=" + d + " voxel_size=0.05 slice_thickness=0.05 seed=3");
rename("seg-truth");

function render(name, pore, cam, ise) {
	selectImage("seg-truth");
	run("Duplicate...", "title=" + name + " duplicate");
	run("16-bit");
	for (z = 1; z <= nSlices; z++) { // changeValues works on the current slice
		setSlice(z);
		changeValues(2, 2, ise);
		changeValues(1, 1, cam);
		changeValues(0, 0, pore);
	}
	run("Gaussian Blur...", "sigma=1 stack");
	run("Add Specified Noise...", "stack standard=1500");
}
render("seg-BSE", 6000, 46000, 26000);
render("seg-SE", 10000, 30000, 25000);

// scribbles: short strokes inside one phase, value = phase + 1, on 1 % of the voxels
newImage("seg-scribbles", "8-bit black", w, h, d);
target = floor(0.01 * w * h * d);
done = 0;
while (done < target) {
	x = floor(random * (w - 6)); y = floor(random * h); z = 1 + floor(random * d);
	selectImage("seg-truth"); setSlice(z);
	v = getPixel(x, y);
	len = 0;
	while (len < 6 && getPixel(x + len, y) == v) len++;
	selectImage("seg-scribbles"); setSlice(z);
	for (k = 0; k < len && done < target; k++) {
		if (getPixel(x + k, y) == 0) { setPixel(x + k, y, v + 1); done++; }
	}
}

classifier = out + "phases.classifier";
pipelineStep(2, 6, "Train Pixel Classifier");
run("Train Pixel Classifier", "bse=seg-BSE training_labels=seg-scribbles se=seg-SE trees=30 seed=1 classifier_file=[" + classifier + "] output_dir=[" + out + "] overwrite");
pipelineStep(3, 6, "Apply Pixel Classifier");
run("Apply Pixel Classifier", "bse=seg-BSE se=seg-SE classifier_file=[" + classifier + "] uncertainty_image output_dir=[" + out + "] overwrite");
selectImage("seg-BSE-phases");
rename("seg-classifier-phases");
pipelineStep(4, 6, "Compare with Ground Truth (classifier)");
run("Compare with Ground Truth", "labels=seg-classifier-phases ground_truth=seg-truth output_dir=[" + out + "] overwrite");
summary = "# Segmentation of a rendered Synthetic Cathode\n\n" + w + " x " + h + " x " + d + " voxels; scribbles on " + done + " voxels (1 %).\n\n";
summary = summary + "| route | accuracy | IoU pore | IoU CAM | IoU ISE | pore fraction error | CAM fraction error | ISE fraction error |\n|---|---|---|---|---|---|---|---|\n";
function row(name) {
	return "| " + name + " | " + d2s(getResult("accuracy", 0), 4) + " | " + d2s(getResult("iou", 0), 4) + " | " + d2s(getResult("iou", 1), 4) + " | "
		+ d2s(getResult("iou", 2), 4) + " | " + d2s(getResult("fraction_error", 0), 4) + " | " + d2s(getResult("fraction_error", 1), 4) + " | "
		+ d2s(getResult("fraction_error", 2), 4) + " |\n";
}
summary = summary + row("pixel classifier (saved, re-loaded)");

thr = out + "threshold";
pipelineStep(5, 6, "Threshold Three Phases");
run("Threshold Three Phases", "bse=seg-BSE se=seg-SE min_island=10 output_dir=[" + thr + "] overwrite");
selectImage("seg-BSE-phases");
rename("seg-threshold-phases");
pipelineStep(6, 6, "Compare with Ground Truth (threshold)");
run("Compare with Ground Truth", "labels=seg-threshold-phases ground_truth=seg-truth output_dir=[" + thr + "] overwrite");
summary = summary + row("threshold (SE Otsu pores, BSE Otsu)");
call("org.cathodej.ij1.PipelineStatus.done", "segment_phantom");
File.saveString(summary, out + "summary.md");
print(summary);
closeImagesSince(mark);

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
	call("org.cathodej.ij1.PipelineStatus.step", "segment_phantom", "" + i, "" + n, name);
}
