package org.cathodej.commands;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.cathodej.distance.EuclideanDistance.Edge;
import org.cathodej.distance.StreamedDistance;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.pores.PoreAnalysis;
import org.cathodej.pores.StreamedPoreAnalysis;
import org.cathodej.results.Table;
import org.cathodej.results.Undefined;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Parallel;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.VolumeSource;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.gui.Plot;

/**
 * Analyze > Pores and Voids: pore size distribution by local thickness, where the pores sit (ISE, CAM, CAM-ISE
 * boundaries, S_CAM-pore), isolated voids with their shapes (crack-like ones counted separately) and the
 * through-thickness void profile. Streams slab by slab (pores.StreamedPoreAnalysis, identical tables) when the image is
 * virtual or does not fit, or with streaming=always; memory_mb caps the memory it may use (PoreAnalysis.Options#memoryBudget).
 */
@Plugin(type = Command.class, label = "Pores and Voids",
	description = "Pore size distribution (local thickness, diameter), pores in the ISE versus against CAM, isolated voids, crack-like voids and the void profile along z")
public class PoresCommand extends LabelAnalysisCommand {

	/** Rows of the void table at most (noisy segmentations can hold millions of one-voxel voids). */
	static final int MAX_VOID_ROWS = 100_000;

	@Parameter(label = "Volume border", description = "wall: pores end at the image border (inscribed balls stay inside); "
		+ "open: pores may continue beyond it (balls may cross the border)", choices = { "wall", "open" })
	public String border = "wall";

	@Parameter(label = "Histogram bin width", description = "pore size histogram bin, in the image's unit; 0 = the smallest voxel size", min = "0")
	public double bin_width = 0;

	@Parameter(label = "Skip crack detection", description = "do not classify isolated voids as flat or elongated (crack-like)")
	public boolean skip_crack_detection = false;

	@Parameter(label = "Crack flatness threshold", description = "a void is flat (crack-like) when its smallest/middle ellipsoid axis ratio is below this",
		min = "0", max = "1")
	public double crack_flatness = 0.3;

	@Parameter(label = "Crack elongation threshold", description = "a void is elongated (crack-like) when its middle/largest ellipsoid axis ratio is below this",
		min = "0", max = "1")
	public double crack_elongation = 0.3;

	@Parameter(label = "Crack minimum size (voxels)", description = "smaller voids are never called crack-like", min = "4")
	public int crack_min_voxels = 20;

	@Parameter(label = "Local thickness image", description = "also output the 32-bit local thickness (pore diameter) image "
		+ "(when streaming: a TIFF-slice folder <title>-local-thickness in output_dir)")
	public boolean thickness_image = false;

	@Parameter(label = "Memory budget (MB)", description = "memory the analysis may use; 0 = what the heap has free (Edit > Options > "
		+ "Memory & Threads sets the heap). With streaming=auto a volume whose in-memory analysis needs more is analysed slab by slab; "
		+ "streaming=never refuses it. Slab by slab, the budget sets the slab height (unless slab_slices is given) and keeps the "
		+ "distance map (4 bytes per voxel) and the first pass's pore labels (4 bytes per voxel) in memory only when each takes "
		+ "at most an eighth of it; else the map goes to a temporary file in output_dir and the labels are made again (slower, "
		+ "same tables). A budget too small for one-slice slabs is refused with the least that works. The tables of the pore "
		+ "components and voids (about 300 bytes per pore) count in it too: when the pores found outgrow it (or the free heap), "
		+ "the first pass stops with their count and what would fit (in memory: as soon as they are counted, before the local "
		+ "thickness; a negative value is refused)", min = "0", max = "10000000")
	public int memory_mb = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Pores and Voids")
	public Table summary;

	@Parameter(type = ItemIO.OUTPUT, label = "Pore Size Distribution")
	public Table size_distribution;

	@Parameter(type = ItemIO.OUTPUT, label = "Pore Size Plot")
	public Plot size_plot;

	@Parameter(type = ItemIO.OUTPUT, label = "Isolated Voids")
	public Table voids;

	@Parameter(type = ItemIO.OUTPUT, label = "Void Profile")
	public Table profile;

	@Parameter(type = ItemIO.OUTPUT, label = "Void Profile Plot")
	public Plot profile_plot;

	@Parameter(type = ItemIO.OUTPUT, label = "Local Thickness")
	public ImagePlus local_thickness;

	@Override
	protected boolean supportsStreaming() {
		return true;
	}

	/** Working memory of the in-memory path per voxel (the labels too when they are a virtual stack to be loaded). */
	private double inMemoryBytesPerVoxel() {
		return PoreAnalysis.BYTES_PER_VOXEL + (labels.getStack().isVirtual() ? labels.getBitDepth() / 8 : 0);
	}

	/**
	 * streaming=never on a volume whose working memory exceeds the free heap: refused before anything is read, with
	 * the memory it needs, the streamed path and the sub-volume alternative.
	 */
	private void refuseWhenTooLarge(long cap) {
		long n = (long) labels.getWidth() * labels.getHeight() * labels.getStackSize();
		double bpv = inMemoryBytesPerVoxel();
		long need = (long) (bpv * n), free = MemoryBudget.within(cap);
		if (need <= free) return;
		long cube = (long) Math.cbrt(free / bpv);
		throw new IllegalArgumentException("Pores and Voids in memory (streaming=never): " + labels.getWidth() + "x" + labels.getHeight() + "x"
			+ labels.getStackSize() + " voxels need about " + MemoryBudget.bytes(need) + " (" + bpv + " bytes per voxel: "
			+ "distance transform, local thickness, pore components" + (labels.getStack().isVirtual() ? ", the labels loaded" : "") + ") but "
			+ MemoryBudget.bytes(free) + (free == cap ? " is the memory budget (memory_mb)" : " is free") + ". Use streaming=auto or always (slab by slab, the same tables; the distance map goes to a "
			+ "temporary file of " + MemoryBudget.bytes(4 * n) + " in output_dir), or analyse sub-volumes of about " + cube + "^3 voxels "
			+ "(Image > Duplicate with a slice range, or Image > Crop).");
	}

	/**
	 * Slab by slab: the distance map in a temporary file in output_dir (else the system's temporary folder), the
	 * local thickness image (when asked for) as a TIFF-slice folder {@code <title>-local-thickness} in output_dir.
	 */
	private PoreAnalysis.Result streamed(VolumeSource src, PhaseLabels pl, VoxelSize vs, PoreAnalysis.Options o) {
		String step = "Pores and Voids";
		Volumes.require3D(labels, step);
		Path spill = spillFile();
		StreamedDistance.requireDisk(spill, src.width(), src.height(), src.depth());
		StreamedPoreAnalysis.requireLeastBudget(src.width(), src.height(), src.depth(), src.bytesPerVoxel(), o.memoryBudget);
		// per slab voxel: the labels, the thickness window and ridge, the slab's component labels twice (local, final)
		if (!thickness_image) {
			SlabPlan plan = slabPlan(src, src.bytesPerVoxel() + PoreAnalysis.BYTES_PER_VOXEL, step, o.memoryBudget);
			return StreamedPoreAnalysis.run(src, pl, vs, o, plan, spill, null, Parallel.defaultThreads(), progress());
		}
		StreamedImageOutput.Output out = new StreamedImageOutput.Output(step, "local-thickness", "the local thickness (pore diameter, "
			+ vs.unit() + "; 0 = not pore)");
		return StreamedImageOutput.write(this, labels, slab_slices, o.memoryBudget, out, s -> s.bytesPerVoxel() + PoreAnalysis.BYTES_PER_VOXEL,
			(in, plan, sink) -> StreamedPoreAnalysis.run(in, pl, vs, o, plan, spill, sink, Parallel.defaultThreads(), progress()),
			img -> local_thickness = img);
	}

	/** A new name for the distance map: in output_dir when given (big volumes need the room), else the temporary folder. */
	private Path spillFile() {
		String dir = output_dir == null ? "" : output_dir.trim();
		try {
			Path d = dir.isEmpty() ? Paths.get(System.getProperty("java.io.tmpdir")) : Files.createDirectories(Paths.get(dir));
			Path f = Files.createTempFile(d, ".cathodej-distance-", ".tmp");
			Files.delete(f); // the spill creates it anew (it never overwrites)
			return f;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot create the temporary distance map file: " + e.getMessage(), e);
		}
	}

	@Override
	public void run() {
		PhaseLabels pl = phaseLabels();
		VoxelSize vs = voxelSize();
		PoreAnalysis.Options o = new PoreAnalysis.Options();
		o.edge = "open".equals(border) ? Edge.OPEN : Edge.BACKGROUND;
		o.binWidth = bin_width;
		o.detectCracks = !skip_crack_detection;
		o.flatness = crack_flatness;
		o.elongation = crack_elongation;
		o.minCrackVoxels = crack_min_voxels;
		o.memoryBudget = MemoryBudget.megabytes(memory_mb);
		convention("memory_budget", memory_mb > 0 ? memory_mb + " MB (memory_mb), or what the heap has free if less" : "what the heap has free (memory_mb=0)");
		convention("local_thickness", "DIAMETER of the largest ball inside the pore space that contains the voxel; balls centred on "
			+ "voxel centres, diameter = 2 (d + g) - s/2 with d = distance to the nearest non-pore voxel centre, g = sub-voxel offset of "
			+ "the distance maximum (from the face neighbours, at most half a voxel per axis), s = voxel size across the pore wall "
			+ "(isotropic: the voxel size; anisotropic: estimated from how d falls along x, y, z); slabs of n voxels read n + s/2, "
			+ "voxelised balls of radius R about 2R - s/2");
		convention("size_distribution", "volume-weighted: fraction of the pore volume per local-thickness bin; dXX = smallest local "
			+ "thickness such that XX % of the pore volume has a local thickness <= dXX");
		convention("pore_surface", "voxel faces between pore and non-pore voxels inside the image (image border faces excluded), "
			+ "each counted with its calibrated area; S_CAM-pore = faces pore|CAM");
		convention("pore_classes", "6-connected pore components: ISE = touches ISE but no CAM; CAM = touches CAM but no ISE; "
			+ "CAM-ISE boundary = touches both; isolated void = component not touching the image border");
		convention("crack_shape", "semi-axes a1>=a2>=a3 of the ellipsoid with the void's second moments (voxel extent included); "
			+ "flat if a3/a2 < crack_flatness, else elongated if a2/a1 < crack_elongation");
		convention("profile", "fractions of each slice's area; z = slice index x slice thickness");
		VolumeSource src = streamedSource("Pores and Voids", inMemoryBytesPerVoxel(), o.memoryBudget);
		PoreAnalysis.Result r;
		if (src != null) r = streamed(src, pl, vs, o);
		else {
			refuseWhenTooLarge(o.memoryBudget);
			r = PoreAnalysis.run(labelVolume(true, "Pores and Voids"), pl, vs, o, Parallel.defaultThreads(), progress());
		}
		if (r.poreVoxels == 0) note("No pore voxels (label " + pl.pore() + "): pore sizes are undefined (empty cells, NaN in getResult; see the note column).");
		String u = vs.unit();
		summary = summaryTable(r, o, labels.getTitle(), u);
		size_distribution = sizeTable(r, u);
		size_plot = sizePlot(r, u);
		List<PoreAnalysis.VoidInfo> listed = r.largestVoids(MAX_VOID_ROWS);
		if (listed.size() < r.voids.size())
			note(r.voids.size() + " isolated voids: the void table lists the " + MAX_VOID_ROWS + " largest; the summary counts all of them.");
		voids = voidTable(listed, o, u);
		profile = profileTable(r, u);
		profile_plot = profilePlot(r, u, vs);
		if (thickness_image && r.thickness != null) {
			local_thickness = Volumes.toImagePlus(r.thickness, labels.getTitle() + "-local-thickness", vs);
			org.cathodej.imagej.ColourKey.wantBar(local_thickness, "local thickness");
			local_thickness.getProcessor().setMinAndMax(0, Math.max(r.maxThickness, 1e-9));
			local_thickness.setProperty("Info", "Local thickness (pore diameter, " + u + "); 0 = not pore");
		}
		for (Map.Entry<String, long[]> e : r.classCounts.entrySet())
			convention("pore_components_" + e.getKey().replace(' ', '_').replace('-', '_').toLowerCase(), e.getValue()[0]);
	}

	private static Table summaryTable(PoreAnalysis.Result r, PoreAnalysis.Options o, String title, String u) {
		Table t = new Table();
		t.addRow().label(title);
		t.set("unit", u);
		t.set("pore_voxels", r.poreVoxels);
		t.set("porosity", r.porosity);
		t.set("pore_volume", r.poreVolume);
		String noPores = "undefined without pore voxels";
		Undefined.put(t, "mean_pore_size", r.meanThickness, noPores);
		Undefined.put(t, "d10", r.d10, noPores);
		Undefined.put(t, "d50", r.d50, noPores);
		Undefined.put(t, "d90", r.d90, noPores);
		t.set("max_pore_size", r.maxThickness);
		t.set("pore_surface", r.poreSurface);
		t.set("s_cam_pore", r.camPoreSurface);
		t.set("s_ise_pore", r.isePoreSurface);
		t.set("cam_share_of_pore_surface", r.camShareOfPoreSurface());
		t.set("pore_in_ise_volume", r.poreInIseVolume());
		t.set("pore_in_ise_share", r.poreInIseShare());
		t.set("pore_touching_cam_share", r.poreTouchingCamShare());
		t.set("pore_at_cam_ise_share", r.poreAtCamIseShare());
		t.set("pore_in_cam_share", r.poreInCamShare());
		t.set("pore_components", r.components);
		t.set("isolated_voids", r.isolatedVoids);
		t.set("isolated_void_volume", r.isolatedVolume);
		t.set("isolated_void_fraction", r.isolatedVoidFraction());
		Undefined.put(t, "mean_void_diameter", r.meanVoidDiameter(), "no isolated voids");
		t.set("isolated_voids_in_ise", r.isolatedVoidsInIse());
		t.set("isolated_voids_touching_cam", r.isolatedVoidsTouchingCam());
		Undefined.put(t, "crack_like_voids", o.detectCracks ? r.crackLikeVoids : Double.NaN, "crack detection skipped");
		Undefined.put(t, "crack_like_volume", o.detectCracks ? r.crackLikeVolume : Double.NaN, "crack detection skipped");
		t.set("bin_width", r.binWidth);
		return t;
	}

	private static Table sizeTable(PoreAnalysis.Result r, String u) {
		Table t = new Table();
		int bins = r.binLower == null ? 0 : r.binLower.length;
		for (int b = 0; b < bins; b++) {
			t.addRow();
			t.set("bin_start", r.binLower[b]);
			t.set("bin_end", r.binLower[b] + r.binWidth);
			t.set("unit", u);
			t.set("volume_fraction", r.binVolumeFraction[b]);
			t.set("cumulative_fraction", r.binCumulative[b]);
			t.set("pore_volume", r.binVolumeFraction[b] * r.poreVolume);
		}
		return t;
	}

	private static Plot sizePlot(PoreAnalysis.Result r, String u) {
		int bins = r.binLower == null ? 0 : r.binLower.length;
		double[] centre = new double[bins], frac = new double[bins];
		for (int b = 0; b < bins; b++) {
			centre[b] = r.binLower[b] + r.binWidth / 2;
			frac[b] = r.binVolumeFraction[b];
		}
		Plot p = new Plot("Pore size distribution", "local thickness (diameter, " + u + ")", "pore volume fraction per bin");
		p.setColor(Color.darkGray);
		p.addPoints(centre, frac, Plot.BAR);
		p.setColor(Color.red);
		if (!Double.isNaN(r.d50)) p.addLegend("d10 " + fmt(r.d10) + ", d50 " + fmt(r.d50) + ", d90 " + fmt(r.d90) + " " + u);
		return p;
	}

	private static Table voidTable(List<PoreAnalysis.VoidInfo> listed, PoreAnalysis.Options o, String u) {
		Table t = new Table();
		for (PoreAnalysis.VoidInfo v : listed) {
			t.addRow();
			t.set("id", v.id);
			t.set("unit", u);
			t.set("voxels", v.voxels);
			t.set("volume", v.volume);
			t.set("equivalent_diameter", v.equivalentDiameter);
			t.set("x", v.cx);
			t.set("y", v.cy);
			t.set("z", v.cz);
			t.set("location", v.location);
			t.set("cam_area", v.camArea);
			t.set("ise_area", v.iseArea);
			t.set("other_area", v.otherArea);
			t.set("mean_local_thickness", v.meanThickness);
			t.set("max_local_thickness", v.maxThickness);
			t.set("a1", v.a1);
			t.set("a2", v.a2);
			t.set("a3", v.a3);
			t.set("elongation", v.elongation);
			t.set("flatness", v.flatness);
			t.set("crack_like", o.detectCracks ? (v.isCrackLike() ? v.crackType : "no") : "not tested");
		}
		return t;
	}

	private static Table profileTable(PoreAnalysis.Result r, String u) {
		Table t = new Table();
		for (int z = 0; z < r.zPosition.length; z++) {
			t.addRow();
			t.set("slice", z + 1);
			t.set("z", r.zPosition[z]);
			t.set("unit", u);
			t.set("pore_fraction", r.poreFractionZ[z]);
			t.set("isolated_void_fraction", r.isolatedFractionZ[z]);
			t.set("pore_in_ise_fraction", r.iseEnclosedFractionZ[z]);
			t.set("pore_touching_cam_fraction", r.camTouchingFractionZ[z]);
			Undefined.put(t, "mean_local_thickness", r.meanThicknessZ[z], "no pore voxels in this slice");
		}
		return t;
	}

	private static Plot profilePlot(PoreAnalysis.Result r, String u, VoxelSize vs) {
		int d = r.zPosition.length;
		Plot p = new Plot("Void profile along z", "z (" + u + ")", "area fraction");
		double top = 0;
		for (double f : r.poreFractionZ) top = Math.max(top, f);
		p.setLimits(0, Math.max(d - 1, 1) * vs.z(), 0, Math.max(0.01, top * 1.45)); // headroom: the legend sits above the curves
		Object[][] lines = { { r.poreFractionZ, Color.black, "all pores" }, { r.iseEnclosedFractionZ, new Color(0x3C8CDC), "pores in ISE" },
			{ r.camTouchingFractionZ, new Color(0xE0A030), "pores touching CAM" }, { r.isolatedFractionZ, Color.red, "isolated voids" } };
		StringBuilder legend = new StringBuilder();
		for (Object[] l : lines) {
			p.setColor((Color) l[1]);
			p.setLineWidth(2);
			p.addPoints(r.zPosition, (double[]) l[0], Plot.LINE);
			legend.append(l[2]).append('\n');
		}
		p.setColor(Color.black);
		p.addLegend(legend.toString().trim());
		return p;
	}

	private static String fmt(double v) {
		return String.format(java.util.Locale.ROOT, "%.4g", v);
	}
}
