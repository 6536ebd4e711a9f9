package org.cathodej.phase;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which label value stands for which phase. Defaults pore = 0, CAM = 1, ISE = 2; every analysis takes the three
 * values as parameters and writes them into its provenance. Values outside the three are "other".
 */
public final class PhaseLabels {

	public static final int DEFAULT_PORE = 0, DEFAULT_CAM = 1, DEFAULT_ISE = 2;
	/** Phase index returned by {@link #phaseOf} for labels that are none of the three phases. */
	public static final int OTHER = -1;

	private final int pore, cam, ise;

	public PhaseLabels(int pore, int cam, int ise) {
		if (pore == cam || pore == ise || cam == ise)
			throw new IllegalArgumentException("Phase labels must differ: pore=" + pore + ", CAM=" + cam + ", ISE=" + ise);
		for (int v : new int[] { pore, cam, ise })
			if (v < 0 || v > 65535) throw new IllegalArgumentException("Label values must be in 0..65535, got " + v);
		this.pore = pore;
		this.cam = cam;
		this.ise = ise;
	}

	public static PhaseLabels defaults() {
		return new PhaseLabels(DEFAULT_PORE, DEFAULT_CAM, DEFAULT_ISE);
	}

	public int pore() { return pore; }
	public int cam() { return cam; }
	public int ise() { return ise; }

	public int valueOf(Phase p) {
		switch (p) {
			case PORE: return pore;
			case CAM: return cam;
			default: return ise;
		}
	}

	/** Phase ordinal (0 pore, 1 CAM, 2 ISE) for a label value, or {@link #OTHER}. */
	public int phaseOf(int label) {
		if (label == pore) return 0;
		if (label == cam) return 1;
		if (label == ise) return 2;
		return OTHER;
	}

	/**
	 * Lookup table label value -> phase ordinal (or {@link #OTHER}) covering 0..max(65535): index it with the raw
	 * label to classify a voxel without branches.
	 */
	public byte[] lookupTable(int maxLabel) {
		byte[] lut = new byte[Math.max(maxLabel, Math.max(pore, Math.max(cam, ise))) + 1];
		Arrays.fill(lut, (byte) OTHER);
		lut[pore] = 0;
		lut[cam] = 1;
		lut[ise] = 2;
		return lut;
	}

	/** The convention as written into provenance. */
	public Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("pore_label", pore);
		m.put("cam_label", cam);
		m.put("ise_label", ise);
		return m;
	}

	@Override
	public String toString() {
		return "pore=" + pore + ", CAM=" + cam + ", ISE=" + ise;
	}
}
