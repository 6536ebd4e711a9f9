package org.cathodej.tortuosity;

import java.util.List;

import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.real.FloatType;

/** Steady-state conduction along one axis: effective conductivity, tortuosity factors, convergence. */
public final class FluxResult implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	/** Axis 0 = x, 1 = y, 2 = z. */
	public int axis;
	/**
	 * Effective conductivity (units of the given conductivities) from the dissipated power at potential difference 1
	 * (equal to the current at the solution, error quadratic in the solver's); 0 when no cluster spans the two faces.
	 */
	public double sigmaEff;
	/** Volume fraction of the conducting voxels, and of those that span the two faces (dead ends removed). */
	public double phiTotal, phiSpanning;
	/** Sum over conducting labels of volume fraction x conductivity, over all and over the spanning voxels. */
	public double sigmaMeanTotal, sigmaMeanSpanning;
	/** kappa = sigmaMean / sigmaEff (single phase: phi / sigmaEff), with phi of all or of the spanning voxels. */
	public double kappa, kappaSpanning;
	public int iterations;
	/** Final true residual relative to that of the linear start potential, and |I_in - I_out| / max(I_in, I_out). */
	public double relResidual, balance;
	public double currentIn, currentOut;
	public boolean converged;
	public long spanningVoxels;
	/** Wall time of the whole axis, and of the part before the iterations (spanning clusters, system, multigrid levels). */
	public double seconds, setupSeconds;
	/** Why there is no finite answer, or empty. */
	public String message = "";
	/** Per-layer profile along the axis, when asked for. */
	public List<LayerRow> layers;
	/** Potential (0..1, NaN outside the spanning voxels) and |current density| / mean current density, when asked for. */
	public transient PlanarImg<FloatType, FloatArray> potential, currentDensity; // images stay where they were solved

	public static String axisName(int axis) {
		return "xyz".substring(axis, axis + 1);
	}

	/** One layer normal to the axis. Current densities are relative to the mean current density I / A. */
	public static final class LayerRow implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
		public int layer;
		/** Position of the layer centre in calibrated units. */
		public double position;
		public double phaseFraction, spanningFraction;
		/** Mean axial current density over the whole layer (1 at convergence), and over its spanning voxels. */
		public double meanCurrent, meanCurrentInPhase;
		/** Standard deviation and maximum of the axial current density over the spanning voxels. */
		public double sdCurrentInPhase, maxCurrent;
	}
}
