// CathodeJ: full analysis of a segmented cathode volume (label image).
// Works on the open label image; when none is open it generates a synthetic cathode (the demo / main job).
// Argument: the output folder (created if missing; existing result files are never overwritten).
// Every run() line is what the macro recorder writes for the same step in Fiji's menus.

// ---- settings: edit these for your data ----
pore = 0; cam = 1; ise = 2;                // label values of the three phases
cam_weight_fraction = 0.7;                 // as weighed: CAM mass / (CAM + ISE) mass
cam_density = 4.7; ise_density = 1.64;     // g/cm^3 (NCM, Li6PS5Cl)
// ---------------------------------------------

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, "/") && !endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);
labelsOpt = "pore_label=" + pore + " cam_label=" + cam + " ise_label=" + ise;

if (nImages == 0) {
	// demo sample: 128^3 voxels of 0.1 um (FIB-SEM-like), 45 % CAM, 8 % pores, mildly clustered
	run("Synthetic Cathode", "width=128 height=128 depth=128 voxel_size=0.1 slice_thickness=0.1 cam_fraction=0.45 cam_radius=0.8 cam_radius_sd=0.2 overlap=0.1 pore_fraction=0.08 pore_radius=0.3 clustering=0.3 seed=1 " + labelsOpt + " output_dir=[" + out + "]");
}
labels = getTitle();
getVoxelSize(vw, vh, vd, unit);
summary = "# CathodeJ analysis of " + labels + "\n\n" + getWidth() + " x " + getHeight() + " x " + nSlices + " voxels of "
	+ vw + " x " + vh + " x " + vd + " " + unit + "; labels pore " + pore + ", CAM " + cam + ", ISE " + ise + "\n\n";

// Volume fractions, profiles, and the weighed composition beside them
selectImage(labels);
pipelineStep(1, 9, "Phase Fractions");
run("Phase Fractions", labelsOpt + " cam_weight_fraction=" + cam_weight_fraction + " cam_density=" + cam_density + " ise_density=" + ise_density + " profile_axis=z output_dir=[" + out + "]");
summary = summary + "## Phase fractions\n\n| phase | volume fraction | fraction of the solid | weighed |\n|---|---|---|---|\n";
for (i = 0; i < 3; i++)
	summary = summary + "| " + getResultLabel(i) + " | " + d2s(getResult("volume_fraction", i), 4) + " | " + d2s(getResult("solid_fraction", i), 4) + " | " + d2s(getResult("nominal_solid_fraction", i), 4) + " |\n";

// Connected clusters and CAM utilisation (collector at z = 0, separator at z = max; 6 and 26 as bounds)
selectImage(labels);
beforeClasses = newestImage();
pipelineStep(2, 9, "Connectivity and CAM Utilisation");
run("Connectivity and CAM Utilisation", labelsOpt + " connectivity=both axis=z collector_face=0 interface_estimator=Crofton output_dir=[" + out + "]");
summary = summary + "\n## CAM utilisation (6- / 26-connectivity)\n\n";
summary = summary + "- active CAM fraction: " + d2s(getResult("active_fraction", 0), 4) + " / " + d2s(getResult("active_fraction", 1), 4) + "\n";
summary = summary + "- electronically connected: " + d2s(getResult("electronic_fraction", 0), 4) + " / " + d2s(getResult("electronic_fraction", 1), 4) + "; ionically connected: " + d2s(getResult("ionic_fraction", 0), 4) + " / " + d2s(getResult("ionic_fraction", 1), 4) + "\n";
summary = summary + "- ISE reaching the separator: " + d2s(getResult("ise_connected_fraction", 0), 4) + "; active CAM-ISE interface: " + d2s(getResult("active_interface_fraction", 0), 4) + " of the total\n";
closeImagesSince(beforeClasses); // the class image this step opened, not a window of that title

// Surface and interface areas (Eq. 1), per volume and per CAM mass, and CAM coverage
selectImage(labels);
pipelineStep(3, 9, "Surface and Interface Areas");
run("Surface and Interface Areas", labelsOpt + " cam_density=" + cam_density + " output_dir=[" + out + "]");
summary = summary + "\n## Surface and interface areas (Crofton, 13 directions; raw marching cubes beside)\n\n| surface | S_V (" + getResultString("sv_unit", 0) + ") | per CAM mass (m^2/g) | raw MC S_V |\n|---|---|---|---|\n";
for (i = 0; i < nResults; i++)
	summary = summary + "| " + getResultLabel(i) + " | " + d2s(getResult("sv_crofton", i), 4) + " | " + d2s(getResult("per_cam_mass_crofton_m2_per_g", i), 4) + " | " + d2s(getResult("sv_mc", i), 4) + " |\n";

// Chord length distributions along x, y, z (lines 2 voxels apart, edge-corrected)
selectImage(labels);
pipelineStep(4, 9, "Chord Length Distribution");
run("Chord Length Distribution", labelsOpt + " spacing=2 miles_lantuejoul bins=30 plot_weighting=count output_dir=[" + out + "]");
summary = summary + "\n## Chord lengths (lines 2 voxels apart, Miles-Lantuejoul weights)\n\n| phase, axis | mean (" + getResultString("unit", 0) + ") | median | chords | Cauchy ratio |\n|---|---|---|---|---|\n";
for (i = 0; i < nResults; i++)
	summary = summary + "| " + getResultLabel(i) + " | " + d2s(getResult("mean", i), 4) + " | " + d2s(getResult("median", i), 4) + " | " + getResult("chords", i) + " | " + d2s(getResult("cauchy_ratio", i), 3) + " |\n";

// Pores and voids: pore size distribution (local thickness = diameter), pores in the ISE versus against CAM, isolated voids
selectImage(labels);
pipelineStep(5, 9, "Pores and Voids");
run("Pores and Voids", labelsOpt + " border=wall bin_width=0 crack_flatness=0.3 crack_elongation=0.3 crack_min_voxels=20 output_dir=[" + out + "]");
summary = summary + "\n## Pores and voids\n\n";
summary = summary + "- pore size (local thickness, diameter, volume-weighted): d10 " + d2s(getResult("d10", 0), 3) + ", d50 " + d2s(getResult("d50", 0), 3) + ", d90 " + d2s(getResult("d90", 0), 3) + " " + getResultString("unit", 0) + "\n";
summary = summary + "- share of the pore surface on CAM: " + d2s(getResult("cam_share_of_pore_surface", 0), 4) + "; pore volume inside ISE only: " + d2s(getResult("pore_in_ise_share", 0), 4) + "\n";
summary = summary + "- isolated voids: " + getResult("isolated_voids", 0) + " (" + getResult("isolated_voids_in_ise", 0) + " in ISE), crack-like: " + getResult("crack_like_voids", 0) + "\n";

// Tortuosity factors: ionic (the ISE conducts) along x, y, z by steady-state flux, with a per-layer table
selectImage(labels);
pipelineStep(6, 9, "Tortuosity (Flux), ionic");
run("Tortuosity (Flux)", labelsOpt + " conducting_phase=ISE axis=all residual_tolerance=1e-4 balance_tolerance=1e-3 max_iterations=100000 layer_table output_dir=[" + out + "]");
summary = summary + "\n## Tortuosity factors (flux; potential on the faces, kappa = phi / sigma_eff)\n\n| conduction, axis | kappa | kappa (spanning part) | sigma_eff | iterations | current balance |\n|---|---|---|---|---|---|\n";
for (i = 0; i < nResults; i++)
	summary = summary + "| ionic (ISE), " + getResultString("axis", i) + " | " + d2s(getResult("kappa", i), 4) + " | " + d2s(getResult("kappa_spanning", i), 4) + " | " + d2s(getResult("sigma_eff", i), 5) + " | " + getResult("iterations", i) + " | " + d2s(getResult("current_balance", i), -2) + " |\n";
// electronic: CAM conducts, the electrolyte weakly (1e-3); results in a subfolder so the file names do not collide
selectImage(labels);
pipelineStep(7, 9, "Tortuosity (Flux), electronic");
run("Tortuosity (Flux)", labelsOpt + " conducting_phase=multi-phase pore_conductivity=0 cam_conductivity=1 ise_conductivity=0.001 axis=z residual_tolerance=1e-4 balance_tolerance=1e-3 max_iterations=100000 output_dir=[" + out + "electronic" + File.separator + "]");
summary = summary + "| electronic (CAM 1, ISE 0.001), z | " + d2s(getResult("kappa", 0), 4) + " | " + d2s(getResult("kappa_spanning", 0), 4) + " | " + d2s(getResult("sigma_eff", 0), 5) + " | " + getResult("iterations", 0) + " | " + d2s(getResult("current_balance", 0), -2) + " |\n";
// the same ionic tortuosity from random walks in the ISE (MSD slope of the second half of the walk)
selectImage(labels);
pipelineStep(8, 9, "Tortuosity (Random Walk)");
run("Tortuosity (Random Walk)", labelsOpt + " phase=ISE walkers=2000 steps=20000 seed=1 fit_from=0.5 samples=200 output_dir=[" + out + "]");
summary = summary + "\nRandom walk in the ISE (2000 walkers x 20000 steps): tau x " + d2s(getResult("tau", 0), 3) + ", y " + d2s(getResult("tau", 1), 3) + ", z " + d2s(getResult("tau", 2), 3) + ", total " + d2s(getResult("tau", 3), 3) + " +- " + d2s(getResult("tau_se", 3), 3) + "\n";

// @ANALYSES@ (further analyses are added here as they land)

// One self-contained HTML file: key numbers, every plot above, mid-slices of the label and class images, provenance
selectImage(labels);
pipelineStep(9, 9, "Analysis Report");
run("Analysis Report", labelsOpt + " output_dir=[" + out + "]");
summary = summary + "\n## Report\n\n[report.html](report.html): key numbers, plots, mid-slices, provenance and conventions in one file\n";

File.saveString(summary, out + "summary.md");
print("CathodeJ: results written to " + out);

call("org.cathodej.ij1.PipelineStatus.done", "analyse_labels");

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
	call("org.cathodej.ij1.PipelineStatus.step", "analyse_labels", "" + i, "" + n, name);
}
