// CathodeJ: raw FIB-SEM BSE and SE stacks to preprocessed stacks.
// Drift correction estimated on BSE and applied identically to SE, illumination evened out, curtaining removed,
// contrast normalised (ImageJ's Enhance Contrast). Works on two open stacks named below; when none is open it
// renders a demo pair from a synthetic cathode (drift, curtains, uneven illumination, noise).
// Argument: the output folder (created if missing). Every run() line is what the macro recorder writes.

// ---- settings: edit these for your data ----
bse = "";                     // title of the BSE stack ("" = the image whose title ends in -BSE, else the first)
se = "";                      // title of the SE stack ("" = the image whose title ends in -SE, else none)
transformation = "translation";   // or "rigid"
illumination_sigma = 0;       // blur sigma in the image's unit; 0 = a tenth of the slice width
stripe_width = 4; stripe_levels = 6; stripe_sigma = 1;   // widest curtain (px), wavelet levels, damping width
// ---------------------------------------------

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, "/") && !endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);

demo = nImages == 0;
if (demo) {
	pipelineStep(1, 6, "Synthetic FIB-SEM demo stacks");
	run("Synthetic Cathode", "width=96 height=96 depth=12 voxel_size=0.05 slice_thickness=0.05 cam_fraction=0.45 cam_radius=0.6 cam_radius_sd=0.1 overlap=0.1 pore_fraction=0.08 pore_radius=0.2 clustering=0 seed=3");
	run("Synthetic FIB-SEM", "pore_label=0 cam_label=1 ise_label=2 blur_sigma=1 noise_sd=1500 drift_step=1.5 rotation_step=0 curtain_amplitude=6000 curtain_width=3 illumination=0.3 seed=3 output_dir=[" + out + "]");
}
// titles ending in -BSE / -SE (as Synthetic FIB-SEM names them) are found automatically
for (i = 1; i <= nImages; i++) {
	selectImage(i);
	if (bse == "" && endsWith(getTitle(), "-BSE")) bse = getTitle();
	if (se == "" && endsWith(getTitle(), "-SE")) se = getTitle();
}
if (bse == "") { selectImage(1); bse = getTitle(); }
secondOpt = "";
if (se != "") secondOpt = " second=[" + se + "]";

// 1. drift: estimated on BSE, the same transforms applied to SE; MultiStackReg file for reuse
stackCount = 1;
if (se != "") stackCount = 2;
steps = demo + 1 + 2 * stackCount;   // the demo stacks, drift, then illumination and stripes per stack
pipelineStep(demo + 1, steps, "Align Stack");
selectImage(bse);
run("Align Stack", "stack=[" + bse + "]" + secondOpt + " transformation=" + transformation + " reference=previous running_mean_slices=5 interpolation=bicubic canvas=crop fill_value=0 save_multistackreg=[" + out + "TransformationMatrices.txt] output_dir=[" + out + "]");
maxDrift = 0; meanNcc = 0;
for (i = 0; i < nResults; i++) {
	maxDrift = maxOf(maxDrift, sqrt(pow(getResult("cum_dx", i), 2) + pow(getResult("cum_dy", i), 2)));
	if (i > 0) meanNcc = meanNcc + getResult("ncc", i) / (nResults - 1);
}
summary = "# CathodeJ preprocessing of " + bse + " and " + se + "\n\n## Drift\n\n" + nResults + " slices, largest cumulative drift "
	+ d2s(maxDrift, 2) + " px, mean NCC with the previous slice after alignment " + d2s(meanNcc, 4)
	+ " (align_stack_drift.csv; TransformationMatrices.txt for MultiStackReg)\n\n## Stripes\n\n";
bseA = bse + "-aligned"; seA = se + "-aligned";
if (endsWith(bse, ".tif")) bseA = substring(bse, 0, lengthOf(bse) - 4) + "-aligned";
if (endsWith(se, ".tif")) seA = substring(se, 0, lengthOf(se) - 4) + "-aligned";
stacks = newArray(bseA);
if (se != "") stacks = newArray(bseA, seA);

for (k = 0; k < stacks.length; k++) {
	// 2. illumination, 3. curtaining, 4. contrast
	selectImage(stacks[k]);
	pipelineStep(demo + 2 + 2 * k, steps, "Correct Illumination (" + stacks[k] + ")");
	run("Correct Illumination", "image=[" + stacks[k] + "] sigma=" + illumination_sigma);
	pipelineStep(demo + 3 + 2 * k, steps, "Remove Stripes (" + stacks[k] + ")");
	run("Remove Stripes", "image=[" + stacks[k] + "-illum] direction=vertical wavelet=db5 stripe_width=" + stripe_width + " levels=" + stripe_levels + " sigma=" + stripe_sigma + " max_structure_loss=0.001 output_dir=[" + out + "stripes_" + k + "]");
	removed = 0;
	for (i = 0; i < nResults; i++) removed = removed + getResult("stripe_energy_removed_fraction", i) / nResults;
	summary = summary + "- " + stacks[k] + ": " + d2s(100 * removed, 1) + " % of the stripe energy removed\n";
	selectImage(stacks[k] + "-illum-destriped");
	run("Enhance Contrast...", "saturated=0.1 normalize process_all use");
	saveAs("Tiff", out + stacks[k] + "-preprocessed.tif");
}
call("org.cathodej.ij1.PipelineStatus.done", "preprocess_fibsem");
File.saveString(summary, out + "summary.md");
print("CathodeJ: preprocessed stacks written to " + out);

// Status bar and progress bar: "Pipeline step i of n: <step>", each command's own progress inside its step
// (nested inside the calling pipeline's step when another macro runs this one).
function pipelineStep(i, n, name) {
	call("org.cathodej.ij1.PipelineStatus.step", "preprocess_fibsem", "" + i, "" + n, name);
}
