package org.cathodej.tortuosity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cathodej.phase.LabelLut;

/**
 * Conductivity (or diffusivity) per label value. Labels not listed are insulating (conductivity 0). At most
 * {@link #MAX_CLASSES} distinct conducting labels.
 */
public final class Conductivities implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	/** Most conducting labels one solve handles (they are stored as small class numbers). */
	public static final int MAX_CLASSES = 63;

	private final Map<Integer, Double> byLabel = new LinkedHashMap<>();

	/** Only {@code label} conducts, with conductivity 1 (single-phase tortuosity). */
	public static Conductivities singlePhase(int label) {
		return new Conductivities().set(label, 1);
	}

	/** Sets the conductivity of a label; 0 means insulating. */
	public Conductivities set(int label, double conductivity) {
		LabelLut.checkLabel(label);
		if (!(conductivity >= 0) || Double.isInfinite(conductivity))
			throw new IllegalArgumentException("Conductivity of label " + label + " must be finite and >= 0, got " + conductivity);
		if (conductivity == 0) byLabel.remove(label);
		else byLabel.put(label, conductivity);
		if (byLabel.size() > MAX_CLASSES) throw new IllegalArgumentException("At most " + MAX_CLASSES + " conducting labels");
		return this;
	}

	public double of(int label) {
		Double c = byLabel.get(label);
		return c == null ? 0 : c;
	}

	/** The conducting labels in the order they were set. */
	public List<Integer> labels() {
		return Collections.unmodifiableList(new ArrayList<>(byLabel.keySet()));
	}

	public boolean isEmpty() {
		return byLabel.isEmpty();
	}

	/** Lookup label -> class (1..n for the conducting labels in {@link #labels()} order, 0 = insulating). */
	LabelLut classLut() {
		LabelLut lut = LabelLut.allOther(0);
		int c = 1;
		for (int l : byLabel.keySet()) lut.set(l, c++);
		return lut;
	}

	/** Conductivity per class (index 0 = insulating = 0). */
	double[] classConductivity() {
		double[] s = new double[byLabel.size() + 1];
		int c = 1;
		for (double v : byLabel.values()) s[c++] = v;
		return s;
	}

	@Override
	public String toString() {
		return byLabel.toString();
	}
}
