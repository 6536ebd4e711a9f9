// CathodeJ: connected clusters and CAM utilisation of a synthetic cathode, headless.
// Argument: the output folder (created if missing). Writes the tables (CSV + JSON), the class image (TIFF) and
// summary.md. Transport along z: current collector at z = 0, separator at z = max.

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);

// A small coarse-electrolyte-like sample: clustered CAM, 10 % pores
pipelineStep(1, 2, "Synthetic Cathode");
run("Synthetic Cathode", "width=64 height=64 depth=64 voxel_size=0.1 slice_thickness=0.1 cam_fraction=0.4 cam_radius=0.5 cam_radius_sd=0.1 overlap=0.1 pore_fraction=0.1 pore_radius=0.3 clustering=0.5 seed=3");
labels = getTitle();

// 6- and 26-connectivity as lower and upper bounds; ISE kept in the class image (5 = reaches the separator, 6 = not)
pipelineStep(2, 2, "Connectivity and CAM Utilisation");
run("Connectivity and CAM Utilisation", "labels=[" + labels + "] pore_label=0 cam_label=1 ise_label=2 connectivity=both axis=z collector_face=0 ise_in_class_image output_dir=[" + out + "] overwrite");

summary = "# CAM utilisation of " + labels + "\n\n| connectivity | active | e-only | ion-only | isolated | ISE to separator | active interface / all CAM-ISE |\n|---|---|---|---|---|---|---|\n";
for (i = 0; i < nResults; i++)
	summary = summary + "| " + getResult("connectivity", i) + " | " + d2s(getResult("active_fraction", i), 4) + " | " + d2s(getResult("e_only_fraction", i), 4) + " | " + d2s(getResult("ion_only_fraction", i), 4) + " | " + d2s(getResult("isolated_fraction", i), 4) + " | " + d2s(getResult("ise_connected_fraction", i), 4) + " | " + d2s(getResult("active_interface_fraction", i), 4) + " |\n";
summary = summary + "\nClass image values: 1 active, 2 e-only, 3 ion-only, 4 isolated CAM; 5 ISE reaching the separator, 6 other ISE.\n";
call("org.cathodej.ij1.PipelineStatus.done", "cam_utilisation");
File.saveString(summary, out + "summary.md");
print("CathodeJ: CAM utilisation written to " + out);

// Status bar and progress bar: "Pipeline step i of n: <step>", each command's own progress inside its step
// (nested inside the calling pipeline's step when another macro runs this one).
function pipelineStep(i, n, name) {
	call("org.cathodej.ij1.PipelineStatus.step", "cam_utilisation", "" + i, "" + n, name);
}
