package org.cathodej.phase;

import java.util.Arrays;

/**
 * The one label-value -> voxel-class lookup table of the project, and the one home of the label range check
 * (0..{@link #MAX_LABEL}: 16-bit label images). Every analysis that sorts voxels by label value (fractions, surface,
 * chord, connectivity, tortuosity, render) builds one of these instead of its own array, so labels outside the
 * range or not listed land in the same "other" class everywhere.
 */
public final class LabelLut {

	/** Largest label value (labels are 8- or 16-bit images). */
	public static final int MAX_LABEL = 65535;

	private final byte[] table = new byte[MAX_LABEL + 1];
	private final byte other;

	private LabelLut(int other) {
		this.other = (byte) other;
		Arrays.fill(table, this.other);
	}

	/** Throws when a label value lies outside 0..65535; returns it otherwise. */
	public static int checkLabel(int label) {
		if (label < 0 || label > MAX_LABEL)
			throw new IllegalArgumentException("Label values must be in 0..65535, got " + label);
		return label;
	}

	/** Every label maps to {@code other} until {@link #set} says otherwise. */
	public static LabelLut allOther(int other) {
		return new LabelLut(other);
	}

	/**
	 * Class i = label {@code labelOfClass[i]}; every other label is class -1. Throws when a label is out of range or
	 * given for two classes.
	 */
	public static LabelLut classes(int... labelOfClass) {
		LabelLut lut = new LabelLut(-1);
		for (int l : labelOfClass) checkLabel(l);
		for (int i = labelOfClass.length - 1; i >= 0; i--) {
			if (lut.table[labelOfClass[i]] != -1)
				throw new IllegalArgumentException("Label " + labelOfClass[i] + " is given for two classes");
			lut.table[labelOfClass[i]] = (byte) i;
		}
		return lut;
	}

	/** Maps {@code label} (checked) to {@code cls}. */
	public LabelLut set(int label, int cls) {
		table[checkLabel(label)] = (byte) cls;
		return this;
	}

	/** Class of a label; {@link #other()} for labels outside 0..65535 or not set. */
	public int classOf(int label) {
		return label >= 0 && label <= MAX_LABEL ? table[label] : other;
	}

	/** The class of labels that were not set (and of labels out of range). */
	public int other() {
		return other;
	}

	/** A copy of the table (index = label 0..65535) for hot loops that index it directly. */
	public byte[] toArray() {
		return table.clone();
	}
}
