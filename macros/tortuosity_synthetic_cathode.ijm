// CathodeJ: tortuosity factors of a synthetic composite cathode, by steady-state flux and by random walks.
// Argument: the output folder (created if missing).

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);
summary = "# CathodeJ tortuosity of a synthetic cathode\n\n";

// 1. Sample: 64^3 voxels of 0.1 um, 45 % CAM, 8 % pores (the rest is solid electrolyte)
pipelineStep(1, 4, "Synthetic Cathode");
run("Synthetic Cathode", "width=64 height=64 depth=64 voxel_size=0.1 slice_thickness=0.1 cam_fraction=0.45 cam_radius=0.5 cam_radius_sd=0.1 overlap=0.1 pore_fraction=0.08 pore_radius=0.2 clustering=0 seed=1");
labels = getTitle();

// 2. Ionic tortuosity: the solid electrolyte conducts, along x, y and z; per-layer table and flux images along z
selectImage(labels);
pipelineStep(2, 4, "Tortuosity (Flux), ionic");
run("Tortuosity (Flux)", "pore_label=0 cam_label=1 ise_label=2 conducting_phase=ISE axis=all residual_tolerance=1e-4 balance_tolerance=1e-3 max_iterations=100000 layer_table potential_image current_image output_dir=[" + out + "]");
summary = summary + "## Ionic tortuosity (ISE conducts, flux)\n";
for (i = 0; i < nResults; i++)
	summary = summary + "- " + getResultString("axis", i) + ": kappa = " + d2s(getResult("kappa", i), 4) + " (spanning ISE: " + d2s(getResult("kappa_spanning", i), 4) + "), sigma_eff = " + d2s(getResult("sigma_eff", i), 5) + ", " + getResult("iterations", i) + " iterations, current balance " + d2s(getResult("current_balance", i), -2) + "\n";

// 3. Electronic tortuosity of the CAM along z, as a multi-phase solve with a weakly conducting electrolyte
selectImage(labels);
pipelineStep(3, 4, "Tortuosity (Flux), electronic");
run("Tortuosity (Flux)", "pore_label=0 cam_label=1 ise_label=2 conducting_phase=multi-phase pore_conductivity=0 cam_conductivity=1 ise_conductivity=0.001 axis=z residual_tolerance=1e-4 balance_tolerance=1e-3 max_iterations=100000 output_dir=[" + out + "electronic" + File.separator + "]");
summary = summary + "\n## Electronic tortuosity along z (CAM 1, ISE 0.001)\n- kappa = " + d2s(getResult("kappa", 0), 4) + "\n";

// 4. Random walk in the solid electrolyte
selectImage(labels);
pipelineStep(4, 4, "Tortuosity (Random Walk)");
run("Tortuosity (Random Walk)", "pore_label=0 cam_label=1 ise_label=2 phase=ISE walkers=1000 steps=5000 seed=1 fit_from=0.5 samples=100 output_dir=[" + out + "]");
summary = summary + "\n## Random walk in the ISE (1000 walkers x 5000 steps)\n";
for (i = 0; i < nResults; i++)
	summary = summary + "- " + getResultString("axis", i) + ": tau = " + d2s(getResult("tau", i), 4) + " +- " + d2s(getResult("tau_se", i), 4) + "\n";

call("org.cathodej.ij1.PipelineStatus.done", "tortuosity_synthetic_cathode");
File.saveString(summary, out + "summary.md");
print("CathodeJ: tortuosity results written to " + out);

// Status bar and progress bar: "Pipeline step i of n: <step>", each command's own progress inside its step
// (nested inside the calling pipeline's step when another macro runs this one).
function pipelineStep(i, n, name) {
	call("org.cathodej.ij1.PipelineStatus.step", "tortuosity_synthetic_cathode", "" + i, "" + n, name);
}
