package org.cathodej.results;

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
	 * (run.ResultsTables applies the same rule to an ImageJ ResultsTable.)
	 */
	public static void put(Table t, String column, double v, String why) {
		t.set(column, v);
		if (Double.isNaN(v)) note(t, column + ": " + why);
	}

	/** Appends {@code text} to the note of the current row of a pure {@link Table}. */
	public static void note(Table t, String text) {
		String old = t.text(t.rowCount() - 1, NOTE);
		if (!old.contains(text)) t.set(NOTE, old.isEmpty() ? text : old + "; " + text);
	}
}
