package org.cathodej.results;

import ij.measure.ResultsTable;

/**
 * The one rule for values a table cannot give: a quantity that is zero by definition when a phase is absent (the
 * active share of no CAM) is written as 0; a quantity that does not exist without it (the mean diameter of no pores)
 * is NaN in the table (a macro's getResult reads NaN), an empty cell in the CSV, and the row's {@code note} column
 * says why. So no NaN is ever silent.
 */
public final class Undefined {

	/** The column that explains undefined cells. */
	public static final String NOTE = "note";

	private Undefined() {}

	/** {@code part / whole}, 0 when the whole is empty (nothing of it has the property). */
	public static double share(double part, double whole) {
		return whole == 0 ? 0 : part / whole;
	}

	/** 0 when {@code empty} (nothing to measure: zero by definition), else {@code v}. */
	public static double zeroIf(boolean empty, double v) {
		return empty ? 0 : v;
	}

	/**
	 * Sets {@code column} of the current (last) row: {@code v}, or NaN with {@code why} appended to the row's note
	 * when {@code v} is not a number. The CSV writer puts the note column last and leaves it empty in rows without one.
	 */
	public static void put(ResultsTable t, String column, double v, String why) {
		t.addValue(column, v);
		int row = t.size() - 1;
		if (Double.isNaN(v)) note(t, row, column + ": " + why);
	}

	/** Appends {@code text} to the note of {@code row}. */
	public static void note(ResultsTable t, int row, String text) {
		String old = noteOf(t, row);
		if (!old.contains(text)) t.setValue(NOTE, row, old.isEmpty() ? text : old + "; " + text);
	}

	private static String noteOf(ResultsTable t, int row) {
		if (!t.columnExists(NOTE)) return "";
		String s = t.getStringValue(NOTE, row);
		return s == null || !Double.isNaN(t.getValue(NOTE, row)) || s.equals("NaN") ? "" : s;
	}
}
