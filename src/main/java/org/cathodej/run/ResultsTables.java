package org.cathodej.run;

import org.cathodej.results.Table;
import org.cathodej.results.Undefined;

import ij.measure.ResultsTable;

/**
 * The one bridge between the pure {@link Table} and ImageJ's ResultsTable: the runner converts a command's Table
 * output once (for display and macros), and reads a ResultsTable output as a Table for the CSV writer.
 */
public final class ResultsTables {

	private ResultsTables() {}

	/** An ImageJ table with the same columns, row labels, numbers and texts; unset cells stay unset. */
	public static ResultsTable toResultsTable(Table t) {
		ResultsTable rt = new ResultsTable();
		for (int r = 0; r < t.rowCount(); r++) {
			rt.incrementCounter();
			for (String c : t.columns()) {
				Object v = t.cell(r, c);
				if (v == null) continue;
				if (c.equals(Table.LABEL)) rt.addLabel((String) v);
				else if (v instanceof Double) rt.addValue(c, (Double) v);
				else rt.addValue(c, (String) v);
			}
		}
		return rt;
	}

	/**
	 * A ResultsTable read cell by cell as ImageJ stores it: a cell is text when its number is NaN and it holds a
	 * text other than "" or "NaN", else its number (an unset cell reads as ImageJ's 0 or NaN).
	 */
	public static Table toTable(ResultsTable rt) {
		Table t = new Table();
		String[] headings = rt.getHeadings();
		for (String h : headings) t.column(h);
		for (int r = 0; r < rt.size(); r++) {
			t.addRow();
			for (String h : headings) {
				if (h.equals(Table.LABEL)) {
					t.label(rt.getLabel(r));
					continue;
				}
				double v = rt.getValue(h, r);
				String s = Double.isNaN(v) ? rt.getStringValue(h, r) : null;
				if (s != null && !s.isEmpty() && !s.equals("NaN")) t.set(h, s);
				else if (!h.equals(Undefined.NOTE)) t.set(h, v); // a row without a note has no note cell
			}
		}
		return t;
	}

	/** {@link Undefined#put(Table, String, double, String)} for the current (last) row of an ImageJ table. */
	public static void put(ResultsTable t, String column, double v, String why) {
		t.addValue(column, v);
		int row = t.size() - 1;
		if (Double.isNaN(v)) note(t, row, column + ": " + why);
	}

	/** Appends {@code text} to the note of {@code row} (the {@link Undefined#NOTE} column). */
	public static void note(ResultsTable t, int row, String text) {
		String old = noteOf(t, row);
		if (!old.contains(text)) t.setValue(Undefined.NOTE, row, old.isEmpty() ? text : old + "; " + text);
	}

	private static String noteOf(ResultsTable t, int row) {
		if (!t.columnExists(Undefined.NOTE)) return "";
		String s = t.getStringValue(Undefined.NOTE, row);
		return s == null || !Double.isNaN(t.getValue(Undefined.NOTE, row)) || s.equals("NaN") ? "" : s;
	}
}
