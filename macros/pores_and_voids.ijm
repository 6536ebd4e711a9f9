// CathodeJ: pores and voids of a composite cathode, headless.
// Argument: the output folder (created if missing). Uses the current image when one is open, else generates a
// synthetic cathode (64^3 voxels of 0.1 um, 10 % pores, pores clustered against CAM).

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);

steps = 1;
if (nImages == 0) steps = 2;
if (nImages == 0) {
	pipelineStep(1, steps, "Synthetic Cathode");
	run("Synthetic Cathode", "width=64 height=64 depth=64 voxel_size=0.1 slice_thickness=0.1 cam_fraction=0.4 cam_radius=0.8 cam_radius_sd=0.2 overlap=0.1 pore_fraction=0.1 pore_radius=0.25 clustering=0.5 seed=3 output_dir=[" + out + "]");
}
labels = getTitle();

// pore size distribution (local thickness = diameter), pore locations, isolated and crack-like voids, z profile
pipelineStep(steps, steps, "Pores and Voids");
run("Pores and Voids", "pore_label=0 cam_label=1 ise_label=2 border=wall bin_width=0 crack_flatness=0.3 crack_elongation=0.3 crack_min_voxels=20 thickness_image output_dir=[" + out + "]");

s = "# Pores and voids of " + labels + "\n\n";
s = s + "- porosity: " + d2s(getResult("porosity", 0), 4) + "\n";
s = s + "- pore size (local thickness, diameter, volume-weighted): mean " + d2s(getResult("mean_pore_size", 0), 4) + ", d10 " + d2s(getResult("d10", 0), 4) + ", d50 " + d2s(getResult("d50", 0), 4) + ", d90 " + d2s(getResult("d90", 0), 4) + " " + getResultString("unit", 0) + "\n";
s = s + "- share of the pore surface on CAM (S_CAM-pore / S_pore): " + d2s(getResult("cam_share_of_pore_surface", 0), 4) + "\n";
s = s + "- pore volume in ISE only: " + d2s(getResult("pore_in_ise_share", 0), 4) + ", touching CAM: " + d2s(getResult("pore_touching_cam_share", 0), 4) + "\n";
s = s + "- isolated voids: " + getResult("isolated_voids", 0) + " (" + getResult("isolated_voids_in_ise", 0) + " in ISE, " + getResult("isolated_voids_touching_cam", 0) + " touching CAM), crack-like: " + getResult("crack_like_voids", 0) + "\n";
call("org.cathodej.ij1.PipelineStatus.done", "pores_and_voids");
File.saveString(s, out + "summary.md");
print("CathodeJ: pores and voids written to " + out);

// Status bar and progress bar: "Pipeline step i of n: <step>", each command's own progress inside its step
// (nested inside the calling pipeline's step when another macro runs this one).
function pipelineStep(i, n, name) {
	call("org.cathodej.ij1.PipelineStatus.step", "pores_and_voids", "" + i, "" + n, name);
}
