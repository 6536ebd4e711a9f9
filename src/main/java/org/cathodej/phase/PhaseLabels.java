package org.cathodej.phase;

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
			LabelLut.checkLabel(v);
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

	/** Label value -> phase ordinal (0 pore, 1 CAM, 2 ISE), {@link #OTHER} for every other label. */
	public LabelLut lut() {
		return LabelLut.classes(pore, cam, ise);
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
