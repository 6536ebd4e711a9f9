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
run("Phase Fractions", labelsOpt + " cam_weight_fraction=" + cam_weight_fraction + " cam_density=" + cam_density + " ise_density=" + ise_density + " profile_axis=z output_dir=[" + out + "]");
summary = summary + "## Phase fractions\n\n| phase | volume fraction | fraction of the solid | weighed |\n|---|---|---|---|\n";
for (i = 0; i < 3; i++)
	summary = summary + "| " + getResultLabel(i) + " | " + d2s(getResult("volume_fraction", i), 4) + " | " + d2s(getResult("solid_fraction", i), 4) + " | " + d2s(getResult("nominal_solid_fraction", i), 4) + " |\n";

// Pores and voids: pore size distribution (local thickness = diameter), pores in the ISE versus against CAM, isolated voids
selectImage(labels);
run("Pores and Voids", labelsOpt + " border=wall bin_width=0 crack_flatness=0.3 crack_elongation=0.3 crack_min_voxels=20 output_dir=[" + out + "]");
summary = summary + "\n## Pores and voids\n\n";
summary = summary + "- pore size (local thickness, diameter, volume-weighted): d10 " + d2s(getResult("d10", 0), 3) + ", d50 " + d2s(getResult("d50", 0), 3) + ", d90 " + d2s(getResult("d90", 0), 3) + " " + getResultString("unit", 0) + "\n";
summary = summary + "- share of the pore surface on CAM: " + d2s(getResult("cam_share_of_pore_surface", 0), 4) + "; pore volume inside ISE only: " + d2s(getResult("pore_in_ise_share", 0), 4) + "\n";
summary = summary + "- isolated voids: " + getResult("isolated_voids", 0) + " (" + getResult("isolated_voids_in_ise", 0) + " in ISE), crack-like: " + getResult("crack_like_voids", 0) + "\n";

// @ANALYSES@ (further analyses are added here as they land)

File.saveString(summary, out + "summary.md");
print("CathodeJ: results written to " + out);
