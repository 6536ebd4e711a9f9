package org.cathodej.commands;

import java.awt.Color;

import org.cathodej.chord.CauchyChord;
import org.cathodej.chord.ChordAnalyzer;
import org.cathodej.chord.ChordDistribution;
import org.cathodej.chord.ChordKernel;
import org.cathodej.chord.ChordOptions;
import org.cathodej.chord.ChordResult;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.ClassVolume;
import org.cathodej.surface.GeometryCounts;
import org.cathodej.surface.GeometryKernel;
import org.cathodej.surface.GeometryScanner;
import org.cathodej.task.Parallel;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.VolumeSource;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.gui.Plot;
import ij.measure.ResultsTable;

/** Analyze > Chord Length Distribution: chords of every phase along x, y and z, histograms and Cauchy checks. */
@Plugin(type = Command.class, label = "Chord Length Distribution",
	description = "Chord lengths of pore, CAM and ISE along x, y and z on lines 'spacing' voxels apart: n, mean, median, total chord "
		+ "length, histograms (count- and length-weighted) and Cauchy self-checks")
public class ChordLengthCommand extends LabelAnalysisCommand {

	@Parameter(label = "Line spacing (voxels)", description = "lines lie every 'spacing' voxels in both lateral directions", min = "1", max = "1000")
	public int spacing = 2;

	@Parameter(label = "Keep boundary chords", description = "keep chords that touch the volume border (truncated; biased short)")
	public boolean keep_boundary_chords = false;

	@Parameter(label = "Miles-Lantuejoul weighting", description = "weight each complete chord of n voxels by (L-1)/(L-1-n) to undo the "
		+ "under-sampling of long chords caused by discarding boundary chords")
	public boolean miles_lantuejoul = false;

	@Parameter(label = "Bins", description = "number of histogram bins", min = "1", max = "10000")
	public int bins = 40;

	@Parameter(label = "Logarithmic bins", description = "bins equally spaced in log(length), from one voxel to the longest chord")
	public boolean log_scale = false;

	@Parameter(label = "Plot weighting", description = "what the CLD plots show per bin", choices = { "count", "length" })
	public String plot_weighting = "count";

	@Parameter(type = ItemIO.OUTPUT, label = "Chord Lengths")
	public ResultsTable chords;

	@Parameter(type = ItemIO.OUTPUT, label = "Chord Length Distribution")
	public ResultsTable cld;

	@Parameter(type = ItemIO.OUTPUT, label = "CLD pore")
	public Plot cld_plot_pore;

	@Parameter(type = ItemIO.OUTPUT, label = "CLD CAM")
	public Plot cld_plot_cam;

	@Parameter(type = ItemIO.OUTPUT, label = "CLD ISE")
	public Plot cld_plot_ise;

	static final Color[] AXIS_COLORS = { new Color(0xD03030), new Color(0x30A030), new Color(0x3050D0) };

	@Override
	protected boolean supportsStreaming() {
		return true;
	}

	@Override
	public void run() {
		PhaseLabels pl = phaseLabels();
		VoxelSize vs = voxelSize();
		if (spacing < 1) throw new IllegalArgumentException("Line spacing must be at least 1 voxel, got " + spacing);
		ChordOptions opt = new ChordOptions(spacing, keep_boundary_chords, miles_lantuejoul);
		Measured m = measure(pl, vs, opt);
		ChordResult r = m.chords;
		GeometryCounts g = m.counts;
		double um = vs.micronsPerUnit();
		boolean metric = !Double.isNaN(um) && vs.isCalibrated();
		if (!metric) {
			um = 1;
			note("The voxel size unit '" + vs.unit() + "' is not a length unit: chord lengths are in " + vs.unit() + ".");
		}
		String lu = metric ? "um" : vs.unit();
		if (miles_lantuejoul && keep_boundary_chords) note("Miles-Lantuejoul weighting applies to complete chords only; ignored because boundary chords are kept.");
		stateConventions();
		chords = new ResultsTable();
		cld = new ResultsTable();
		Plot[] plots = new Plot[3];
		for (Phase p : Phase.values()) {
			int c = p.ordinal();
			double crofton = CauchyChord.fromSurface(g, c);
			if (g.voxelCount(c) == 0) note("No " + p.displayName() + " voxels (label " + pl.valueOf(p) + "): its chord statistics are 0.");
			ChordDistribution[] ds = new ChordDistribution[3];
			for (int a = 0; a < 3; a++) {
				ds[a] = r.distribution(c, a);
				chordRow(p, a, r, ds[a], crofton, um, lu);
			}
			plots[c] = cldPlot(p, ds, binEdges(ds, um), um, lu);
		}
		cld_plot_pore = plots[0];
		cld_plot_cam = plots[1];
		cld_plot_ise = plots[2];
	}

	/** The chords and the Crofton counts (for S_V) of one measurement. */
	private static final class Measured {
		final ChordResult chords;
		final GeometryCounts counts;

		Measured(ChordResult chords, GeometryCounts counts) {
			this.chords = chords;
			this.counts = counts;
		}
	}

	/** In memory, or streamed slab by slab when the label image asks for it (identical results). */
	private Measured measure(PhaseLabels pl, VoxelSize vs, ChordOptions opt) {
		int threads = Parallel.defaultThreads();
		VolumeSource src = streamedSource("Chord Length Distribution", 0);
		if (src != null && (src.width() < 2 || src.height() < 2 || src.depth() < 2)) labelVolume(true, "Chord Length Distribution");
		if (src != null) {
			// two passes over the slabs: chords, then the Crofton counts for S_V
			SlabPlan plan = slabPlan(src, src.bytesPerVoxel() + 1, "Chord Length Distribution");
			ChordKernel ck = new ChordKernel(GeometryKernel.ofLabels(false, threads, pl.pore(), pl.cam(), pl.ise()).lut(), 3, opt, threads);
			ChordResult r = ck.result(SlabStreamer.run(src, plan, ck, progress().range(0, 0.6)), vs, opt);
			GeometryCounts g = SlabStreamer.run(src, plan, GeometryKernel.ofLabels(false, threads, pl.pore(), pl.cam(), pl.ise()), progress().range(0.6, 1))
				.counts(vs);
			return new Measured(r, g);
		}
		ClassVolume cv = ClassVolume.fromPhases(labelVolume(true, "Chord Length Distribution"), pl);
		return new Measured(ChordAnalyzer.measure(cv, vs, opt, threads, progress().range(0, 0.6)),
			GeometryScanner.scan(cv, vs, false, threads, progress().range(0.6, 1))); // Crofton S_V only
	}

	private void stateConventions() {
		convention("chord_lines", "lines along x, y and z at lateral positions 0, spacing, 2 spacing, ... voxels; chord = maximal run of one phase; "
			+ "length = voxels x voxel size along the axis");
		convention("boundary_chords", keep_boundary_chords ? "kept (truncated at the border)"
			: "discarded (chords touching the first or last voxel of a line)" + (miles_lantuejoul ? ", Miles-Lantuejoul weights (L-1)/(L-1-n)" : ""));
		convention("cauchy_axis", "phi/N_L on the same lines: phi = phase fraction of the line voxels, N_L = phase-boundary points / 2 per unit line length");
		convention("cauchy_surface", "4 phi / S_V with phi of the whole volume and S_V by Crofton (13 directions); valid for isotropic structures");
		convention("histogram", (log_scale ? "logarithmic bins from one voxel to the longest chord" : "linear bins of a whole number of voxels "
			+ "from 0.5 voxel (equal voxel sizes; else from 0)") + ", common to the three axes of a phase; count_fraction and length_fraction "
			+ "sum to 1 per phase and axis; total_length = sum of the chord lengths in the bin");
	}

	/** One row of the chords table: a phase along one axis. */
	private void chordRow(Phase p, int a, ChordResult r, ChordDistribution d, double crofton, double um, String lu) {
		int c = p.ordinal();
		chords.incrementCounter();
		chords.addLabel(p.displayName() + " " + d.axis);
		chords.addValue("phase", p.displayName());
		chords.addValue("axis", d.axis);
		chords.addValue("lines", r.lines(a));
		chords.addValue("chords", d.count());
		chords.addValue("weighted_chords", d.weightedCount());
		chords.addValue("mean", d.mean() * um);
		chords.addValue("median", d.median() * um);
		chords.addValue("length_weighted_mean", d.lengthWeightedMean() * um);
		chords.addValue("max", d.maxVoxels() * d.step * um);
		chords.addValue("total_length", d.totalLength() * um);
		chords.addValue("unit", lu);
		chords.addValue("line_fraction", r.lineFraction(c, a));
		double cm = r.cauchyMean(c, a) * um;
		chords.addValue("cauchy_mean", cm);
		chords.addValue("cauchy_ratio", CauchyChord.ratio(d.mean() * um, cm));
		chords.addValue("crofton_mean", crofton * um);
		chords.addValue("crofton_ratio", CauchyChord.ratio(d.mean(), crofton));
	}

	/** Bin edges common to the three axes of a phase, in output units. */
	private double[] binEdges(ChordDistribution[] ds, double um) {
		double max = 0, min = Double.MAX_VALUE;
		for (ChordDistribution d : ds) {
			max = Math.max(max, d.maxVoxels() * d.step * um);
			min = Math.min(min, d.step * um);
		}
		if (max == 0) max = 1;
		double[] edges;
		boolean sameStep = ds[0].step == ds[1].step && ds[0].step == ds[2].step;
		if (!log_scale && sameStep) {
			// bins of a whole number of voxels, centred on the discrete lengths (no empty aliasing bins)
			long maxN = Math.max(ds[0].maxVoxels(), Math.max(ds[1].maxVoxels(), ds[2].maxVoxels()));
			long bw = Math.max(1, (maxN + bins - 1) / bins);
			edges = new double[bins + 1];
			for (int b = 0; b <= bins; b++) edges[b] = (0.5 + b * bw) * ds[0].step * um;
		} else edges = ChordDistribution.edges(log_scale ? min : 0, max, bins, log_scale);
		return edges;
	}

	/** The CLD plot of a phase (one curve per axis) and its rows of the cld table. */
	private Plot cldPlot(Phase p, ChordDistribution[] ds, double[] edges, double um, String lu) {
		Plot plot = new Plot("CLD " + p.displayName(), "chord length (" + lu + ")",
			"length".equals(plot_weighting) ? "length-weighted fraction" : "count fraction");
		if (log_scale) plot.setLogScaleX();
		StringBuilder legend = new StringBuilder();
		double ymax = 0;
		for (int a = 0; a < 3; a++) {
			double[][] hst = histogram(ds[a], edges, um);
			double[] x = new double[bins], y = new double[bins];
			for (int b = 0; b < bins; b++) {
				double lo = edges[b], hi = edges[b + 1];
				x[b] = log_scale ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
				y[b] = "length".equals(plot_weighting) ? hst[b][2] : hst[b][1];
				ymax = Math.max(ymax, y[b]);
				cld.incrementCounter();
				cld.addValue("phase", p.displayName());
				cld.addValue("axis", ds[a].axis);
				cld.addValue("bin", b);
				cld.addValue("bin_start", lo);
				cld.addValue("bin_end", hi);
				cld.addValue("bin_centre", x[b]);
				cld.addValue("unit", lu);
				cld.addValue("count", hst[b][0]);
				cld.addValue("count_fraction", hst[b][1]);
				cld.addValue("length_fraction", hst[b][2]);
				cld.addValue("total_length", hst[b][3]);
			}
			plot.setColor(AXIS_COLORS[a]);
			plot.setLineWidth(2);
			plot.addPoints(x, y, Plot.LINE);
			legend.append(ds[a].axis).append('\n');
		}
		plot.setLimits(log_scale ? edges[0] : 0, edges[bins], 0, ymax > 0 ? 1.3 * ymax : 1); // headroom: the legend sits above the curves
		plot.setColor(Color.black);
		plot.addLegend(legend.toString().trim());
		return plot;
	}

	/** Histogram with edges in output units (um when calibrated). */
	private static double[][] histogram(ChordDistribution d, double[] edges, double um) {
		double[] e = edges.clone();
		for (int i = 0; i < e.length; i++) e[i] /= um;
		double[][] h = d.histogram(e);
		for (double[] row : h) row[3] *= um;
		return h;
	}
}
