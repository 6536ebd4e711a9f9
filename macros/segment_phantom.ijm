// Raw BSE + SE to phase labels with a saved pixel classifier, checked against the phantom's truth.
// Argument: output folder. Renders BSE/SE from a Synthetic Cathode with plain ImageJ commands (grey level per
// phase, blur, noise), draws scribbles on 1 % of the voxels from the truth, trains and saves a classifier, applies
// the saved classifier, compares with the truth, and runs the threshold route for comparison.
out = getArgument();
if (out == "") out = getDirectory("temp") + "cathodej-segment";
File.makeDirectory(out);
setBatchMode(true);
random("seed", 7);
w = 96; h = 96; d = 24;
run("Synthetic Cathode", "width=" + w + " height=" + h + " depth=" + d + " voxel_size=0.05 slice_thickness=0.05 seed=3");
truth = getTitle();

function render(name, pore, cam, ise) {
	selectImage(truth);
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
render("BSE", 6000, 46000, 26000);
render("SE", 10000, 30000, 25000);

// scribbles: short strokes inside one phase, value = phase + 1, on 1 % of the voxels
newImage("scribbles", "8-bit black", w, h, d);
target = floor(0.01 * w * h * d);
done = 0;
while (done < target) {
	x = floor(random * (w - 6)); y = floor(random * h); z = 1 + floor(random * d);
	selectImage(truth); setSlice(z);
	v = getPixel(x, y);
	len = 0;
	while (len < 6 && getPixel(x + len, y) == v) len++;
	selectImage("scribbles"); setSlice(z);
	for (k = 0; k < len && done < target; k++) {
		if (getPixel(x + k, y) == 0) { setPixel(x + k, y, v + 1); done++; }
	}
}

classifier = out + File.separator + "phases.classifier";
run("Train Pixel Classifier", "bse=BSE training_labels=scribbles se=SE trees=30 seed=1 classifier_file=[" + classifier + "] output_dir=[" + out + "] overwrite");
run("Apply Pixel Classifier", "bse=BSE se=SE classifier_file=[" + classifier + "] uncertainty_image output_dir=[" + out + "] overwrite");
selectImage("BSE-phases");
rename("classifier-phases");
run("Compare with Ground Truth", "labels=classifier-phases ground_truth=[" + truth + "] output_dir=[" + out + "] overwrite");
print("classifier accuracy: " + getResult("accuracy", 0));

thr = out + File.separator + "threshold";
run("Threshold Three Phases", "bse=BSE se=SE min_island=10 output_dir=[" + thr + "] overwrite");
run("Compare with Ground Truth", "labels=BSE-phases ground_truth=[" + truth + "] output_dir=[" + thr + "] overwrite");
print("threshold accuracy: " + getResult("accuracy", 0));
