package org.cathodej.commands;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.GeometryCounts.Estimator;
import org.cathodej.surface.GeometryKernel;
import org.cathodej.surface.MarchingCubesVariant;
import org.cathodej.surface.PhaseSurfaces;
import org.cathodej.surface.StlExport;
import org.cathodej.task.Parallel;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.VolumeSource;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.measure.ResultsTable;

/**
 * Analyze > Surface and Interface Areas: per phase and per phase pair, by raw marching cubes, Crofton (13
 * directions, unbiased) and exact voxel-face counts; specific areas per volume and per CAM mass; CAM coverage.
 */
@Plugin(type = Command.class, label = "Surface and Interface Areas",
	description = "Surface area of pore, CAM and ISE and the interface area of every phase pair (Eq. 1), by marching cubes, "
		+ "Crofton and voxel faces; specific areas per volume and per CAM mass; CAM coverage by ISE and pores")
public class SurfaceAreasCommand extends LabelAnalysisCommand {

	@Parameter(label = "CAM density (g/cm^3)", description = "true density of the active material for areas per CAM mass, e.g. 4.7 for NCM",
		min = "0.01", max = "30")
	public double cam_density = 4.7;

	@Parameter(label = "Marching-cubes variant", choices = { "symmetric", "lewiner", "lorensen" },
		description = "how marching cubes resolves ambiguous cubes (columns *_mc): symmetric = CathodeJ's rule (a phase and its "
			+ "complement get equal areas); lewiner = scikit-image marching_cubes(method='lewiner') + mesh_surface_area; "
			+ "lorensen = the classic table, scikit-image method='lorensen'")
	public String mc_variant = "symmetric";

	@Parameter(label = "Export STL meshes", description = "write binary STL marching-cubes meshes into the output folder: one per phase and one per interface (pore-CAM, pore-ISE, CAM-ISE)")
	public boolean export_stl = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Surface and Interface Areas")
	public ResultsTable areas;

	@Parameter(type = ItemIO.OUTPUT, label = "CAM Coverage")
	public ResultsTable coverage;

	static final String[] EST_COL = { "mc", "crofton", "faces" };

	/** Convention text per {@link MarchingCubesVariant}, in its order. */
	private static final String[] AMBIGUITY = {
		"variant symmetric: ambiguous faces take the mean area over both joinings (a phase and its complement get the same area), "
			+ "polygons their largest-area triangulation",
		"variant lewiner (Lewiner et al. 2003, as scikit-image marching_cubes(method='lewiner') + mesh_surface_area, no padding, "
			+ "spacing = voxel size): ambiguous faces join the phase's corners, interior tests as the trilinear interpolant",
		"variant lorensen (classic table, as scikit-image method='lorensen'): ambiguous faces separate the phase's corners" };

	@Override
	protected boolean supportsStreaming() {
		return true;
	}

	@Override
	public void run() {
		PhaseLabels pl = phaseLabels();
		VoxelSize vs = voxelSize();
		if (export_stl && (output_dir == null || output_dir.trim().isEmpty()))
			throw new IllegalArgumentException("Export STL meshes needs an output folder (output_dir).");
		MarchingCubesVariant variant = MarchingCubesVariant.parse(mc_variant);
		PhaseSurfaces ps = measure(pl, vs, variant);
		for (String n : ps.notes) note(n);
		double um = vs.micronsPerUnit();
		boolean metric = !Double.isNaN(um) && vs.isCalibrated();
		if (!metric) {
			um = 1;
			note("The voxel size unit '" + vs.unit() + "' is not a length unit: areas are in " + vs.unit()
				+ "^2 and densities in 1/" + vs.unit() + "; areas per CAM mass are 0.");
		}
		String lu = metric ? "um" : vs.unit();
		stateConventions(variant);
		if (ps.fraction[1] == 0) note("No CAM voxels: areas per CAM mass and CAM coverage are 0.");
		areasTable(ps, um, metric, lu);
		coverageTable(ps, um, lu);
		if (ps.otherFraction == 0)
			note("cam_other_share is the CAM surface facing labels other than pore/ISE (e.g. CAM-CAM contacts labelled separately); 0 here.");
		if (export_stl) exportStl(ps, pl, vs);
	}

	/** In memory, or streamed slab by slab when the label image asks for it (identical counts). */
	private PhaseSurfaces measure(PhaseLabels pl, VoxelSize vs, MarchingCubesVariant variant) {
		VolumeSource src = streamedSource("Surface and Interface Areas", 0);
		if (src != null && export_stl) throw new IllegalArgumentException("STL export needs the whole volume in memory; use streaming=never "
			+ "(or export the meshes of a sub-volume).");
		if (src != null && (src.width() < 2 || src.height() < 2 || src.depth() < 2)) labelVolume(true, "Surface and Interface Areas");
		return src != null
			? PhaseSurfaces.of(SlabStreamer.run(src, slabPlan(src, src.bytesPerVoxel() + 4, "Surface and Interface Areas"),
				GeometryKernel.ofLabels(true, Parallel.defaultThreads(), pl.pore(), pl.cam(), pl.ise()), progress()).counts(vs)
				.withMarchingCubes(variant))
			: PhaseSurfaces.measure(labelVolume(true, "Surface and Interface Areas"), pl, vs, variant, Parallel.defaultThreads(),
				export_stl ? progress().range(0, 0.5) : progress());
	}

	private void stateConventions(MarchingCubesVariant variant) {
		convention("surface_boundary", "surfaces are open at the volume's outer faces (nothing is closed there), so S_a-b = (S_a + S_b - S_c)/2 holds");
		convention("marching_cubes", "iso-level 1/2 on each phase mask, no smoothing, vertices at edge midpoints; " + AMBIGUITY[variant.ordinal()]
			+ "; raw MC over-estimates curved surfaces by ~8-10 %; S_V = area / volume of the voxel-centre hull");
		convention("crofton", "Cauchy-Crofton intercept counting along 13 lattice directions with spherical-Voronoi weights for the actual "
			+ "voxel size; unbiased for isotropic surfaces (ball r=20: -0.1 %); area = intercepts x weights; S_V from intercepts per "
			+ "unit length of the lattice lines inside the volume");
		convention("faces", "exact count of shared voxel faces times the face area (QC; ~+50 % on isotropic surfaces)");
		convention("interfaces", "marching cubes: Eq. 1, S_a-b = (S_a + S_b - S_c)/2 with S_c the mesh of the third phase; Crofton and faces: a-b neighbour pairs counted directly");
		convention("specific_area_per_cam_mass", "S_V / (CAM volume fraction x CAM density), in m^2/g");
	}

	/** One row per phase surface and per interface ({@link PhaseSurfaces#ROWS}). */
	private void areasTable(PhaseSurfaces ps, double um, boolean metric, String lu) {
		areas = new ResultsTable();
		for (int row = 0; row < PhaseSurfaces.ROWS; row++) {
			boolean pair = row >= 3;
			String name = pair ? Phase.values()[PhaseSurfaces.PAIRS[row - 3][0]].displayName() + "-"
				+ Phase.values()[PhaseSurfaces.PAIRS[row - 3][1]].displayName() : Phase.values()[row].displayName();
			double[] a = pair ? ps.interfaceArea[row - 3] : ps.surface[row];
			double[] sv = pair ? ps.interfaceDensity[row - 3] : ps.surfaceDensity[row];
			areas.incrementCounter();
			areas.addLabel(name);
			areas.addValue("kind", pair ? "interface" : "phase");
			// an interface is a surface between two phases: it has no volume, so the cell is undefined (empty + note)
			org.cathodej.run.ResultsTables.put(areas, "volume_fraction", pair ? Double.NaN : ps.fraction[row],
				"an interface has no volume (see the two phases' rows)");
			for (Estimator e : Estimator.values()) areas.addValue("area_" + EST_COL[e.ordinal()], a[e.ordinal()] * um * um);
			areas.addValue("area_unit", lu + "^2");
			for (Estimator e : Estimator.values()) areas.addValue("sv_" + EST_COL[e.ordinal()], sv[e.ordinal()] / um);
			areas.addValue("sv_unit", "1/" + lu);
			for (Estimator e : Estimator.values())
				areas.addValue("per_cam_mass_" + EST_COL[e.ordinal()] + "_m2_per_g", ps.areaPerCamMass(row, e, metric ? um : Double.NaN, cam_density));
			areas.addValue("voxel_faces", ps.voxelFaces(row));
		}
	}

	/** CAM surface shares facing ISE, pores and other labels, per estimator. */
	private void coverageTable(PhaseSurfaces ps, double um, String lu) {
		coverage = new ResultsTable();
		for (Estimator e : Estimator.values()) {
			double[] c = ps.camCoverage(e);
			coverage.incrementCounter();
			coverage.addLabel(e.shortName);
			coverage.addValue("cam_ise_share", c[0]);
			coverage.addValue("cam_pore_share", c[1]);
			coverage.addValue("cam_other_share", c[2]);
			coverage.addValue("cam_surface", ps.surface[1][e.ordinal()] * um * um);
			coverage.addValue("area_unit", lu + "^2");
		}
	}

	/** Binary STL meshes of every present phase and interface into output_dir. */
	private void exportStl(PhaseSurfaces ps, PhaseLabels pl, VoxelSize vs) {
		Path dir = Paths.get(output_dir.trim());
		dir.toFile().mkdirs();
		String base = labels.getTitle().replaceAll("\\.[A-Za-z]+$", "").replaceAll("[^A-Za-z0-9_-]+", "_");
		for (Phase p : Phase.values()) {
			if (ps.fraction[p.ordinal()] == 0) continue;
			File f = dir.resolve(base + "_" + p.displayName() + ".stl").toFile();
			if (f.exists() && !overwrite) throw new IllegalArgumentException(f + " exists; tick 'Overwrite existing files' or choose another folder.");
			try {
				long n = StlExport.write(labelVolume(true, "STL export"), pl.valueOf(p), vs, f.toPath(),
					progress().range(0.5 + 0.5 * p.ordinal() / 3, 0.5 + 0.5 * (p.ordinal() + 1) / 3));
				note("Wrote " + n + " triangles to " + f);
			} catch (IOException ex) {
				throw new IllegalArgumentException("Could not write " + f + ": " + ex.getMessage());
			}
		}
		for (int q = 0; q < 3; q++) {
			Phase a = Phase.values()[PhaseSurfaces.PAIRS[q][0]], b = Phase.values()[PhaseSurfaces.PAIRS[q][1]];
			if (ps.interfaceArea[q][Estimator.FACE_COUNT.ordinal()] == 0) continue;
			File f = dir.resolve(base + "_" + a.displayName() + "-" + b.displayName() + ".stl").toFile();
			if (f.exists() && !overwrite) throw new IllegalArgumentException(f + " exists; tick 'Overwrite existing files' or choose another folder.");
			try {
				long n = StlExport.write(labelVolume(true, "STL export"), pl.valueOf(a), pl.valueOf(b), vs, f.toPath(), progress());
				note("Wrote " + n + " triangles of the " + a.displayName() + "-" + b.displayName() + " interface to " + f);
			} catch (IOException ex) {
				throw new IllegalArgumentException("Could not write " + f + ": " + ex.getMessage());
			}
		}
	}
}
