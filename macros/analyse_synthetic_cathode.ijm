// CathodeJ main job: generate a composite-cathode phantom and run the full analysis on it, headless.
// Argument: the output folder (created if missing; existing result files are not overwritten).
// Every run() line below is what the macro recorder writes for the same step in Fiji's menus.

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);
summary = "# CathodeJ analysis of a synthetic cathode\n\n";

// 1. Sample: 128^3 voxels of 0.1 um (FIB-SEM-like), 45 % CAM, 8 % pores, mildly clustered
run("Synthetic Cathode", "width=128 height=128 depth=128 voxel_size=0.1 slice_thickness=0.1 cam_fraction=0.45 cam_radius=0.8 cam_radius_sd=0.2 overlap=0.1 pore_fraction=0.08 pore_radius=0.3 clustering=0.3 seed=1 output_dir=[" + out + "]");
labels = getTitle();
summary = summary + "sample: " + labels + " (" + getWidth() + " x " + getHeight() + " x " + nSlices + " voxels)\n\n";

// 2. Volume fractions, profiles, and the nominal composition (70 wt% NCM in Li6PS5Cl)
selectImage(labels);
run("Phase Fractions", "pore_label=0 cam_label=1 ise_label=2 cam_weight_fraction=0.7 cam_density=4.7 ise_density=1.64 profile_axis=z output_dir=[" + out + "]");
summary = summary + "## Phase fractions\n";
for (i = 0; i < 3; i++)
	summary = summary + "- " + getResultLabel(i) + ": volume fraction " + d2s(getResult("volume_fraction", i), 4) + ", fraction of the solid " + d2s(getResult("solid_fraction", i), 4) + " (weighed: " + d2s(getResult("nominal_solid_fraction", i), 4) + ")\n";

// @ANALYSES@ (further analyses are added here as they land)

File.saveString(summary, out + "summary.md");
print("CathodeJ: results written to " + out);
