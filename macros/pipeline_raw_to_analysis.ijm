// CathodeJ: the whole chain from raw FIB-SEM detector stacks to the full microstructure analysis.
//   raw BSE + SE -> drift-aligned (SE with BSE's drift) -> illumination -> curtaining -> contrast   (preprocess_fibsem.ijm)
//   -> three phases (threshold route, or a saved pixel classifier)                                 (this macro)
//   -> fractions, areas, chords, clusters and CAM utilisation, pores, tortuosity, report           (analyse_labels.ijm)
// Works on two open stacks (titles ending in -BSE and -SE, or set them in preprocess_fibsem.ijm); when none is
// open it renders a demo pair from a synthetic cathode with drift, curtains, uneven illumination and noise.
// Argument: the output folder. Steps write into subfolders preprocess/, segment/ and analysis/.

// ---- settings: edit these for your data ----
classifier = "";      // a classifier saved by Train Pixel Classifier; "" = threshold route
pore = 0; cam = 1; ise = 2;
// ---------------------------------------------

out = getArgument();
if (out == "") out = getDirectory("Choose an output folder");
if (!endsWith(out, "/") && !endsWith(out, File.separator)) out = out + File.separator;
File.makeDirectory(out);
setBatchMode(true);
mark = newestImage(); // images open before this macro are the user's: never closed here
labelsOpt = "pore_label=" + pore + " cam_label=" + cam + " ise_label=" + ise;
truthNote = "";

if (nImages == 0) {
	run("Synthetic Cathode", "width=96 height=96 depth=24 voxel_size=0.05 slice_thickness=0.05 cam_fraction=0.35 cam_radius=0.6 cam_radius_sd=0.1 overlap=0.1 pore_fraction=0.08 pore_radius=0.2 clustering=0 seed=5 " + labelsOpt);
	truth = getTitle();
	truthNote = "demo sample rendered from " + truth + " (true fractions: pore 0.08, CAM 0.35, ISE 0.57)";
	run("Synthetic FIB-SEM", labelsOpt + " blur_sigma=1 noise_sd=1200 drift_step=1.5 rotation_step=0 curtain_amplitude=5000 curtain_width=3 illumination=0.3 seed=5");
	selectImage(truth);
	close();
}

// 1. preprocessing: the shipped macro, read from CathodeJ's jar (works from Fiji's menu and from files)
pre = out + "preprocess" + File.separator;
call("ij.plugin.Macro_Runner.runMacroFromJar", "macros/preprocess_fibsem.ijm", pre);
closeImagesSince(mark);
files = getFileList(pre);
bse = ""; se = "";
for (i = 0; i < files.length; i++) {
	if (endsWith(files[i], "-BSE-aligned-preprocessed.tif")) bse = files[i];
	if (endsWith(files[i], "-SE-aligned-preprocessed.tif")) se = files[i];
}
if (bse == "") exit("Preprocessing wrote no *-BSE-aligned-preprocessed.tif into " + pre);
open(pre + bse);
seOpt = "";
if (se != "") { open(pre + se); seOpt = " se=[" + se + "]"; }

// 2. segmentation
seg = out + "segment" + File.separator;
File.makeDirectory(seg);
selectImage(bse);
if (classifier == "") {
	run("Threshold Three Phases", "bse=[" + bse + "]" + seOpt + " bse_order=[pore < ISE < CAM] smoothing=0 min_island=10 " + labelsOpt + " output_dir=[" + seg + "]");
	route = "threshold route (Otsu on SE for pores, Otsu on BSE for CAM vs ISE; CAM brightest in BSE)";
} else {
	run("Apply Pixel Classifier", "bse=[" + bse + "]" + seOpt + " classifier_file=[" + classifier + "] " + labelsOpt + " output_dir=[" + seg + "]");
	route = "pixel classifier " + classifier;
}
labels = getTitle();

// 3. the full analysis of the segmented volume
ana = out + "analysis" + File.separator;
call("ij.plugin.Macro_Runner.runMacroFromJar", "macros/analyse_labels.ijm", ana);

summary = "# CathodeJ: raw FIB-SEM stacks to analysis\n\n";
if (truthNote != "") summary = summary + truthNote + "\n\n";
summary = summary + "1. preprocessing: " + pre + "summary.md\n2. segmentation: " + route + " -> " + labels + "\n3. analysis: " + ana + "summary.md\n\n";
summary = summary + File.openAsString(ana + "summary.md");
File.saveString(summary, out + "summary.md");
print("CathodeJ: pipeline results in " + out);

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
