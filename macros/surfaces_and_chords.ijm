// CathodeJ: surface and interface areas and chord length distributions of a synthetic cathode, headless.
// Argument: the output folder (created if missing; existing result files are not overwritten).

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);
summary = "# CathodeJ surfaces and chords of a synthetic cathode\n\n";

pipelineStep(1, 3, "Synthetic Cathode");
run("Synthetic Cathode", "width=96 height=96 depth=96 voxel_size=0.1 slice_thickness=0.1 cam_fraction=0.45 cam_radius=0.8 cam_radius_sd=0.2 overlap=0.1 pore_fraction=0.08 pore_radius=0.3 clustering=0.3 seed=2 output_dir=[" + out + "]");
labels = getTitle();

// Surface and interface areas; CAM density of NCM for m^2/g
selectImage(labels);
pipelineStep(2, 3, "Surface and Interface Areas");
run("Surface and Interface Areas", "pore_label=0 cam_label=1 ise_label=2 cam_density=4.7 output_dir=[" + out + "]");
summary = summary + "## Surface and interface areas (Crofton, 13 directions)\n";
for (i = 0; i < nResults; i++)
	summary = summary + "- " + getResultLabel(i) + ": S_V " + d2s(getResult("sv_crofton", i), 4) + " " + getResultString("sv_unit", i) + ", " + d2s(getResult("per_cam_mass_crofton_m2_per_g", i), 4) + " m^2/g CAM (raw MC " + d2s(getResult("sv_mc", i), 4) + ")\n";

// Chord lengths of every phase along x, y, z on lines 2 voxels apart, edge-corrected
selectImage(labels);
pipelineStep(3, 3, "Chord Length Distribution");
run("Chord Length Distribution", "pore_label=0 cam_label=1 ise_label=2 spacing=2 miles_lantuejoul bins=30 plot_weighting=count output_dir=[" + out + "]");
summary = summary + "\n## Mean chord lengths\n";
for (i = 0; i < nResults; i++)
	summary = summary + "- " + getResultLabel(i) + ": " + d2s(getResult("mean", i), 4) + " " + getResultString("unit", i) + " (n = " + getResult("chords", i) + ", Cauchy ratio " + d2s(getResult("cauchy_ratio", i), 3) + ")\n";

call("org.cathodej.ij1.PipelineStatus.done", "surfaces_and_chords");
File.saveString(summary, out + "summary.md");
print("CathodeJ: results written to " + out);

// Status bar and progress bar: "Pipeline step i of n: <step>", each command's own progress inside its step
// (nested inside the calling pipeline's step when another macro runs this one).
function pipelineStep(i, n, name) {
	call("org.cathodej.ij1.PipelineStatus.step", "surfaces_and_chords", "" + i, "" + n, name);
}
