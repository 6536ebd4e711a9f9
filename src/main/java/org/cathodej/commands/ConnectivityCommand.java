package org.cathodej.commands;

import java.awt.image.IndexColorModel;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.cathodej.surface.InterfaceArea;
import org.cathodej.connectivity.CamClass;
import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.connectivity.Connectivity;
import org.cathodej.connectivity.StreamedCamUtilisation;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.results.Undefined;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.VolumeSource;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.LUT;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

/**
 * Analyze > Connectivity and CAM Utilisation: clusters of every phase, and the share of CAM that is connected to the
 * current collector (electronically) and, through separator-connected ISE, to the separator (ionically).
 */
@Plugin(type = Command.class, label = "Connectivity and CAM Utilisation",
	description = "Connected clusters of pore, CAM and ISE, spanning fractions, and the active CAM fraction: CAM clusters touching the "
		+ "current collector and sharing a face with ISE that reaches the separator")
public class ConnectivityCommand extends LabelAnalysisCommand {

	static final String BOTH = "both";

	@Parameter(label = "Connectivity", description = "6 = face neighbours only (conservative), 26 = also edges and corners; "
		+ "both = report 6 and 26 as lower and upper bounds", choices = { "6", "26", BOTH })
	public String connectivity = "6";

	@Parameter(label = "Transport axis", description = "axis from the current collector to the separator", choices = { "x", "y", "z" })
	public String axis = "z";

	@Parameter(label = "Current collector at", description = "the collector face along the transport axis: 0 = first slice, "
		+ "max = last slice; the separator is the opposite face", choices = { "0", "max" })
	public String collector_face = "0";

	@Parameter(label = "CAM particle labels (optional)", description = "label image of individual CAM particles (e.g. from a watershed), "
		+ "0 = none; gives the particle-level utilisation", required = false, persist = false)
	public ImagePlus particles;

	@Parameter(label = "Interface area estimator", description = "Crofton = the unbiased 13-direction estimator of the surface "
		+ "step (slower); voxel faces = counted faces x 2/3 (fast); voxel faces x 2/3 are reported beside Crofton in any case",
		choices = { "Crofton", "voxel faces" })
	public String interface_estimator = "Crofton";

	@Parameter(label = "Show ISE in the class image", description = "also mark ISE in the class image: 5 = connected to the separator, "
		+ "6 = not connected")
	public boolean ise_in_class_image = false;

	@Parameter(type = ItemIO.OUTPUT, label = "CAM Utilisation")
	public ResultsTable utilisation;

	@Parameter(type = ItemIO.OUTPUT, label = "Phase Clusters")
	public ResultsTable clusters;

	@Parameter(type = ItemIO.OUTPUT, label = "Cluster Size Distribution")
	public ResultsTable cluster_sizes;

	@Parameter(type = ItemIO.OUTPUT, label = "CAM Particles")
	public ResultsTable particle_table;

	@Parameter(type = ItemIO.OUTPUT, label = "CAM classes")
	public ImagePlus class_image;

	@Override
	protected boolean supportsStreaming() {
		return true;
	}

	@Override
	public void run() {
		String step = "Connectivity and CAM Utilisation";
		VolumeSource src = streamedSource(step, 5.5);
		if (src != null && particles != null) throw new IllegalArgumentException("The CAM particle image is not supported when streaming; "
			+ "use streaming=never (the volume must then fit in memory) or leave the particle labels empty.");
		if (src != null && (src.width() < 2 || src.height() < 2 || src.depth() < 2)) labelVolume(true, step);
		RandomAccessibleInterval<? extends IntegerType<?>> img = src != null ? null : labelVolume(true, step);
		PhaseLabels pl = phaseLabels();
		VoxelSize vs = voxelSize();
		RandomAccessibleInterval<? extends RealType<?>> parts = null;
		if (particles != null) {
			if (particles == labels) throw new IllegalArgumentException("The CAM particle labels must be a different image from the "
				+ "segmented volume (e.g. the watershed of the CAM phase).");
			Volumes.requireGreyscaleVolume(particles);
			if (particles.getWidth() != labels.getWidth() || particles.getHeight() != labels.getHeight()
				|| particles.getStackSize() != labels.getStackSize())
				throw new IllegalArgumentException("The CAM particle labels (" + particles.getTitle() + ", " + particles.getWidth() + "x"
					+ particles.getHeight() + "x" + particles.getStackSize() + ") must have the size of " + labels.getTitle() + " ("
					+ labels.getWidth() + "x" + labels.getHeight() + "x" + labels.getStackSize() + ").");
			parts = Volumes.wrap(particles);
		}
		List<Connectivity> conns = new ArrayList<>();
		if (!connectivity.equals("26")) conns.add(Connectivity.SIX);
		if (!connectivity.equals("6")) conns.add(Connectivity.TWENTY_SIX);
		int ax = "xyz".indexOf(axis);
		boolean atMax = collector_face.equals("max");
		String collector = axis + (atMax ? " = max" : " = 0"), separator = axis + (atMax ? " = 0" : " = max");
		convention("current_collector_face", collector);
		convention("separator_face", separator);
		convention("electronic", "a CAM cluster is electronically connected when it has a voxel on the current-collector face");
		convention("ionic", "a CAM cluster is ionically connected when one of its voxels shares a face with an ISE cluster that "
			+ "has a voxel on the separator face (CAM-ISE contact is always face adjacency; clusters use the chosen connectivity)");
		convention("class_image_values", CamClass.legend());
		InterfaceArea estimator = interface_estimator.equals("Crofton") ? InterfaceArea.CROFTON : InterfaceArea.VOXEL_FACES;
		convention("interface_area_estimator", estimator.name() + "; the *_voxel_faces columns give " + InterfaceArea.VOXEL_FACES.name());
		convention("active_interface", "active CAM against ISE clusters that reach the separator");
		convention("spanning", "a cluster spans an axis when it has voxels on both faces normal to it");
		if (parts != null) convention("particle_active",
			"a particle is active when one of its CAM voxels is in an active cluster and one shares a face with separator-connected ISE");
		if (conns.size() == 2) note("Connectivity 'both': 6 gives the lower and 26 the upper bound; the class image uses 6.");

		utilisation = new ResultsTable();
		clusters = new ResultsTable();
		cluster_sizes = new ResultsTable();
		String vu = vs.unit() + "^3", au = vs.unit() + "^2";
		for (int ci = 0; ci < conns.size(); ci++) {
			Connectivity c = conns.get(ci);
			CamUtilisation.Options o = new CamUtilisation.Options();
			o.axis = ax;
			o.collectorAtMax = atMax;
			o.connectivity = c;
			o.threads = Parallel.defaultThreads();
			o.keepIseClasses = ise_in_class_image;
			o.interfaceArea = estimator;
			double share = 1.0 / conns.size();
			CamUtilisation.Result r = src != null ? streamed(src, pl, vs, o, c, ci == 0, progress().range(ci * share, (ci + 1) * share))
				: CamUtilisation.compute(img, pl, vs, o, parts, progress().range(ci * share, (ci + 1) * share));
			addUtilisationRow(r, c, collector, vu, au);
			for (CamUtilisation.PhaseStats s : new CamUtilisation.PhaseStats[] { r.pore, r.cam, r.ise }) {
				addClusterRow(s, c, vs, vu);
				addSizeRows(s, c, vs);
			}
			if (r.camVoxels == 0) note("There is no CAM (label " + pl.cam() + "): no CAM is active or connected, so its class fractions are 0.");
			if (r.particles != null) {
				if (ci == 0) particle_table = particleTable(r.particles, vs, vu);
				if (r.particles.nonCamVoxels > 0) note(r.particles.nonCamVoxels + " voxels of the particle labels are not CAM in "
					+ labels.getTitle() + " and were ignored.");
			}
			if (ci == 0 && src == null) class_image = classImage(r, vs, c);
		}
	}

	/**
	 * The streamed analysis; the class image of the first connectivity goes slice by slice into a folder
	 * {@code <title>-cam-classes-<n>} in output_dir (moved into place only when complete).
	 */
	private CamUtilisation.Result streamed(VolumeSource src, PhaseLabels pl, VoxelSize vs, CamUtilisation.Options o, Connectivity c,
		boolean writeClasses, Progress p) {
		SlabPlan plan = slabPlan(src, src.bytesPerVoxel() + 13, "Connectivity and CAM Utilisation");
		if (!writeClasses || output_dir == null || output_dir.trim().isEmpty()) {
			if (writeClasses) note("Streaming: the class image is written only as a TIFF-slice folder in output_dir; none was given.");
			return StreamedCamUtilisation.compute(src, plan, pl, vs, o, null, p);
		}
		// Not StreamedImageOutput.stem: that drops any short extension (.h5, .TIF, ".1"), this only .tif/.tiff, so using it
		// would rename the class folder of such titles that users and their scripts already know.
		String base = labels.getTitle().replaceFirst("\\.tiff?$", "").replaceAll("[^A-Za-z0-9_.-]+", "_");
		File dir = new File(output_dir.trim(), base + "-cam-classes-" + c.neighbours());
		dir.getParentFile().mkdirs();
		try (TiffSliceWriter wr = new TiffSliceWriter(dir, "classes", src.width(), src.height(), src.depth(), vs, overwrite)) {
			int w = src.width(), h = src.height(); // the sink captures no source: it may travel to the workers of a distributed run
			CamUtilisation.Result r = StreamedCamUtilisation.compute(src, plan, pl, vs, o, (z, cls) -> wr.write(z, cls, w, h), p);
			wr.commit();
			note("Wrote the class image (" + CamClass.legend() + ") as TIFF slices to " + dir);
			return r;
		}
	}

	private void addUtilisationRow(CamUtilisation.Result r, Connectivity c, String collector, String vu, String au) {
		ResultsTable t = utilisation;
		t.incrementCounter();
		t.addLabel(c.neighbours() + "-connected");
		t.addValue("connectivity", c.neighbours());
		t.addValue("collector_face", collector);
		double v = r.voxelSize.voxelVolume();
		t.addValue("cam_volume", r.camVoxels * v);
		boolean noCam = r.camVoxels == 0; // no CAM: none of it is active, connected or isolated (zero by definition)
		t.addValue("active_fraction", Undefined.zeroIf(noCam, r.activeFraction()));
		t.addValue("e_only_fraction", Undefined.zeroIf(noCam, r.fraction(CamClass.ELECTRONIC_ONLY)));
		t.addValue("ion_only_fraction", Undefined.zeroIf(noCam, r.fraction(CamClass.IONIC_ONLY)));
		t.addValue("isolated_fraction", Undefined.zeroIf(noCam, r.fraction(CamClass.ISOLATED)));
		t.addValue("electronic_fraction", Undefined.zeroIf(noCam, r.electronicFraction()));
		t.addValue("ionic_fraction", Undefined.zeroIf(noCam, r.ionicFraction()));
		t.addValue("active_volume", r.classVoxels[CamClass.ACTIVE.value()] * v);
		t.addValue("active_clusters", r.classClusters[CamClass.ACTIVE.value()]);
		t.addValue("e_only_clusters", r.classClusters[CamClass.ELECTRONIC_ONLY.value()]);
		t.addValue("ion_only_clusters", r.classClusters[CamClass.IONIC_ONLY.value()]);
		t.addValue("isolated_clusters", r.classClusters[CamClass.ISOLATED.value()]);
		t.addValue("ise_connected_fraction", Undefined.zeroIf(Double.isNaN(r.iseConnectedFraction()), r.iseConnectedFraction()));
		t.addValue("cam_ise_interface_area", r.interfaceTotal);
		t.addValue("cam_connected_ise_interface_area", r.interfaceConnectedIse);
		t.addValue("active_interface_area", r.interfaceActive);
		t.addValue("active_interface_fraction", Undefined.share(r.interfaceActive, r.interfaceTotal));
		t.addValue("interface_estimator", r.interfaceEstimator);
		t.addValue("cam_ise_interface_area_voxel_faces", r.facesTotal);
		t.addValue("active_interface_area_voxel_faces", r.facesActive);
		t.addValue("volume_unit", vu);
		t.addValue("area_unit", au);
		CamUtilisation.ParticleStats p = r.particles;
		if (p != null) {
			t.addValue("particles", p.particles);
			t.addValue("active_particles", p.active);
			t.addValue("active_particle_fraction", p.activeFraction());
			t.addValue("active_particle_volume_fraction", p.activeVolumeFraction());
			t.addValue("particles_in_active_cluster_without_contact", p.activeClusterNoContact);
			t.addValue("particles_outside_active_clusters", p.notInActiveCluster);
		}
	}

	private void addClusterRow(CamUtilisation.PhaseStats s, Connectivity c, VoxelSize vs, String vu) {
		ResultsTable t = clusters;
		t.incrementCounter();
		t.addLabel(s.phase);
		t.addValue("phase", s.phase);
		t.addValue("connectivity", c.neighbours());
		t.addValue("clusters", s.summary.clusters);
		t.addValue("volume", s.summary.volume);
		t.addValue("largest_cluster_volume", s.summary.largestVolume);
		t.addValue("largest_cluster_fraction", frac(s.summary.largestVoxels, s.summary.voxels));
		for (int a = 0; a < 3; a++)
			t.addValue("spanning_fraction_" + "xyz".charAt(a), Undefined.zeroIf(s.summary.voxels == 0, s.summary.spanningFraction[a]));
		t.addValue("collector_connected_fraction", frac(s.collectorVoxels, s.summary.voxels));
		t.addValue("separator_connected_fraction", frac(s.separatorVoxels, s.summary.voxels));
		t.addValue("unit", vu);
	}

	private void addSizeRows(CamUtilisation.PhaseStats s, Connectivity c, VoxelSize vs) {
		ResultsTable t = cluster_sizes;
		for (int b = 0; b < s.sizeHistogram.length; b++) {
			t.incrementCounter();
			t.addValue("phase", s.phase);
			t.addValue("connectivity", c.neighbours());
			t.addValue("min_voxels", 1L << b);
			t.addValue("max_voxels", (1L << (b + 1)) - 1);
			t.addValue("min_volume", (1L << b) * vs.voxelVolume());
			t.addValue("clusters", s.sizeHistogram[b][0]);
			t.addValue("voxels", s.sizeHistogram[b][1]);
			t.addValue("phase_volume_fraction", frac(s.sizeHistogram[b][1], s.summary.voxels));
		}
	}

	private static ResultsTable particleTable(CamUtilisation.ParticleStats p, VoxelSize vs, String vu) {
		ResultsTable t = new ResultsTable();
		for (long[] row : p.rows) {
			t.incrementCounter();
			t.addValue("particle", row[0]);
			t.addValue("cam_voxels", row[1]);
			t.addValue("volume", row[1] * vs.voxelVolume());
			t.addValue("in_active_cluster", row[2]);
			t.addValue("ise_contact", row[3]);
			t.addValue("active", row[2] == 1 && row[3] == 1 ? 1 : 0);
			t.addValue("unit", vu);
		}
		return t;
	}

	private ImagePlus classImage(CamUtilisation.Result r, VoxelSize vs, Connectivity c) {
		String base = labels.getTitle().replaceFirst("\\.tiff?$", "");
		ImagePlus imp = Volumes.toImagePlus(r.classImg(), base + "-cam-classes-" + c.neighbours(), vs);
		byte[][] rgb = CamClass.lut();
		imp.getProcessor().setColorModel(new IndexColorModel(8, 256, rgb[0], rgb[1], rgb[2]));
		imp.setLut(new LUT(new IndexColorModel(8, 256, rgb[0], rgb[1], rgb[2]), 0, 255));
		java.util.Map<String, Integer> key = new java.util.LinkedHashMap<>();
		for (CamClass k : CamClass.values()) if (k != CamClass.BACKGROUND) key.put(k.displayName() + " (" + k.value() + ")", k.rgb());
		org.cathodej.imagej.ColourKey.set(imp, key);
		imp.setDisplayRange(0, 255);
		imp.setProperty("Info", "CAM classes (" + c.neighbours() + "-connectivity): " + CamClass.legend());
		return imp;
	}

	/** Share of a phase's voxels: 0 when the phase is absent (no cluster of it spans or touches anything). */
	private static double frac(long a, long b) {
		return Undefined.share(a, b);
	}
}
