// CathodeJ: a sample series. Generates five synthetic cathodes with rising pore fraction (0.02 .. 0.14, the same
// CAM packing), writes a sample table for them, runs Sample Series (the full analysis of every sample, one
// comparison table, descriptors plotted against the pore fraction, series_report.html) and writes summary.md.
// For your own samples: write samples.csv (name,file,<process parameters...>) and run only the Sample Series line.
// Argument: the output folder.

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, "/") && !endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);

phantoms = out + "phantoms" + File.separator;
File.makeDirectory(phantoms);
pf = newArray(0.02, 0.05, 0.08, 0.11, 0.14);
table = "name,file,pore_fraction\n";
for (i = 0; i < pf.length; i++) {
	pipelineStep(i + 1, pf.length + 1, "Synthetic Cathode " + (i + 1) + " of " + pf.length);
	run("Synthetic Cathode", "width=32 height=32 depth=32 voxel_size=0.1 slice_thickness=0.1 cam_fraction=0.45 cam_radius=0.6 pore_fraction=" + pf[i] + " pore_radius=0.25 seed=7");
	saveAs("Tiff", phantoms + "pores-" + pf[i] + ".tif");
	close();
	table = table + "pores-" + pf[i] + ",phantoms/pores-" + pf[i] + ".tif," + pf[i] + "\n";
}
File.saveString(table, out + "samples.csv");

// one parameter set for all samples; stored results in <out>/samples/<name>/ are read, not recomputed.
// analysis_options go to every analysis that has them: here fewer random walkers than the default, for a quick demo
pipelineStep(pf.length + 1, pf.length + 1, "Sample Series");
run("Sample Series", "sample_table=[" + out + "samples.csv] pore_label=0 cam_label=1 ise_label=2 analysis_options=[walkers=200 steps=5000] descriptors=key x_parameter=pore_fraction output_dir=[" + out + "]");

// the comparison table is the Results table: one row per sample
summary = "# CathodeJ sample series: " + nResults + " synthetic cathodes with rising pore fraction\n\n";
summary = summary + "| sample | pore fraction (set) | pore fraction (measured) | CAM | S_V CAM-ISE (1/um) | active CAM (6-conn.) |\n|---|---|---|---|---|---|\n";
for (i = 0; i < nResults; i++)
	summary = summary + "| " + getResultLabel(i) + " | " + d2s(getResult("pore_fraction", i), 2) + " | " + d2s(getResult("phase_fractions.pore.volume_fraction", i), 4)
		+ " | " + d2s(getResult("phase_fractions.CAM.volume_fraction", i), 4) + " | " + d2s(getResult("surface_and_interface_areas.CAM-ISE.sv_crofton", i), 4)
		+ " | " + d2s(getResult("connectivity_and_cam_utilisation.6-connected.active_fraction", i), 4) + " |\n";
summary = summary + "\nComparison table: sample_series_comparison.csv; plots: plots/; report: [series_report.html](series_report.html); per sample: samples/<name>/report.html\n";
call("org.cathodej.ij1.PipelineStatus.done", "sample_series");
File.saveString(summary, out + "summary.md");
print("CathodeJ: sample series written to " + out);

// Status bar and progress bar: "Pipeline step i of n: <step>", each command's own progress inside its step
// (nested inside the calling pipeline's step when another macro runs this one).
function pipelineStep(i, n, name) {
	call("org.cathodej.ij1.PipelineStatus.step", "sample_series", "" + i, "" + n, name);
}
