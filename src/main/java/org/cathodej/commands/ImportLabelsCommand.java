package org.cathodej.commands;

import java.util.Map;

import org.cathodej.imagej.PhaseLut;
import org.cathodej.imagej.Volumes;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.segment.LabelImport;
import org.cathodej.task.Parallel;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/** Segment > Import Labels: maps any integer label image to pore / CAM / ISE. */
@Plugin(type = Command.class, label = "Import Labels",
	description = "Maps the values of a label image from another tool (TWS, Labkit, ilastik) to pore / CAM / ISE and reports unmapped values")
public class ImportLabelsCommand extends PhaseLabelsCommand {

	@Parameter(label = "Label image", description = "8- or 16-bit label image from another tool", persist = false)
	public ImagePlus source;

	@Parameter(label = "Values meaning pore", description = "comma-separated values or ranges, e.g. 0 or 1,4-6; empty = none")
	public String pore_values = "0";

	@Parameter(label = "Values meaning CAM")
	public String cam_values = "1";

	@Parameter(label = "Values meaning ISE")
	public String ise_values = "2";

	@Parameter(label = "Value for unmapped voxels", min = "0", max = "65535")
	public int unmapped_value = 255;




	@Parameter(type = ItemIO.OUTPUT, label = "Imported Label Values")
	public ResultsTable values;

	@Parameter(type = ItemIO.OUTPUT, label = "Phase labels")
	public ImagePlus phase_labels;

	@SuppressWarnings("unchecked")
	@Override
	public void run() {
		if (source == null) throw new IllegalArgumentException("Import Labels needs a label image: open or select one.");
		Volumes.requireLabelImage(source, "Import Labels");
		PhaseLabels pl = phaseLabels();
		LabelImport.Mapping m = new LabelImport.Mapping(pore_values, cam_values, ise_values);
		LabelImport.Result r = LabelImport.apply((RandomAccessibleInterval<? extends IntegerType<?>>) (RandomAccessibleInterval<?>) Volumes.wrap(source), m,
			pl, unmapped_value, Parallel.defaultThreads(), progress());
		phase_labels = Volumes.toImagePlus(r.labels,
			SegmentSupport.baseTitle(source) + "-phases", Volumes.voxelSize(source));
		PhaseLut.apply(phase_labels, pl);
		values = new ResultsTable();
		long total = 0;
		for (long v : r.valueCounts.values()) total += v;
		for (Map.Entry<Integer, Long> e : r.valueCounts.entrySet()) {
			Phase p = m.phaseOf(e.getKey());
			values.incrementCounter();
			values.addValue("input_value", e.getKey());
			values.addValue("phase", p == null ? "unmapped" : p.displayName());
			values.addValue("output_value", p == null ? unmapped_value : pl.valueOf(p));
			values.addValue("voxels", e.getValue());
			values.addValue("fraction", e.getValue() / (double) total);
		}
		if (!r.unmapped.isEmpty())
			note("Unmapped label values " + r.unmapped.keySet() + " (" + r.unmapped.values().stream().mapToLong(Long::longValue).sum()
				+ " voxels) were written as " + unmapped_value + ".");
		for (Phase p : Phase.values())
			if (r.phaseCounts[p.ordinal()] == 0) note("No voxel was mapped to " + p.displayName() + ".");
	}
}
