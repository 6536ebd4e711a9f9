package org.cathodej.fractions;

import java.util.Locale;

import org.cathodej.phase.Phase;

/**
 * The composition the user weighed, as volume fractions: solid fractions from the CAM weight fraction and the two
 * densities, and, when pellet mass, area and thickness are given, the geometric porosity
 * 1 - m / (A t rho_composite) and the resulting volume fractions of all three phases.
 */
public final class NominalComposition {

	private final double wCam, rhoCam, rhoIse, massMg, areaCm2, thicknessUm;

	public NominalComposition(double camWeightFraction, double camDensity, double iseDensity, double pelletMassMg, double pelletAreaCm2,
		double pelletThicknessUm) {
		if (camWeightFraction < 0 || camWeightFraction > 1) throw new IllegalArgumentException("CAM weight fraction must be in 0..1");
		if (!(camDensity > 0) || !(iseDensity > 0)) throw new IllegalArgumentException("Densities must be positive");
		this.wCam = camWeightFraction;
		this.rhoCam = camDensity;
		this.rhoIse = iseDensity;
		this.massMg = pelletMassMg;
		this.areaCm2 = pelletAreaCm2;
		this.thicknessUm = pelletThicknessUm;
		if (hasPellet() && geometricPorosity() < 0)
			throw new IllegalArgumentException(String.format(Locale.ROOT,
				"Pellet mass %.4g mg in %.4g cm^2 x %.4g um is denser than the dense composite (%.4g g/cm^3): check mass, area, thickness and densities",
				massMg, areaCm2, thicknessUm, compositeDensity()));
	}

	/** True when mass, area and thickness are all given. */
	public boolean hasPellet() {
		return massMg > 0 && areaCm2 > 0 && thicknessUm > 0;
	}

	/** Density of the pore-free composite, g/cm^3 (rule of mixtures on volumes). */
	public double compositeDensity() {
		return 1 / (wCam / rhoCam + (1 - wCam) / rhoIse);
	}

	/** Volume fraction of CAM or ISE in the solid (pore 0). */
	public double solidFraction(Phase p) {
		double vCam = wCam / rhoCam, vIse = (1 - wCam) / rhoIse;
		switch (p) {
			case CAM: return vCam / (vCam + vIse);
			case ISE: return vIse / (vCam + vIse);
			default: return 0;
		}
	}

	/** 1 - m / (A t rho); requires {@link #hasPellet()}. */
	public double geometricPorosity() {
		double volumeCm3 = areaCm2 * thicknessUm * 1e-4;
		return 1 - (massMg * 1e-3) / (volumeCm3 * compositeDensity());
	}

	/** Volume fraction of a phase in the pellet; requires {@link #hasPellet()}. */
	public double volumeFraction(Phase p) {
		double eps = geometricPorosity();
		return p == Phase.PORE ? eps : (1 - eps) * solidFraction(p);
	}

	public String describe() {
		String s = String.format(Locale.ROOT, "CAM weight fraction %.4g, densities CAM %.4g and ISE %.4g g/cm^3", wCam, rhoCam, rhoIse);
		if (hasPellet())
			s += String.format(Locale.ROOT, "; pellet %.4g mg, %.4g cm^2, %.4g um: geometric porosity %.4f", massMg, areaCm2, thicknessUm,
				geometricPorosity());
		return s;
	}
}
