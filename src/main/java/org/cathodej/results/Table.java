package org.cathodej.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A result table without ImageJ: rows of named cells (a number or a text each), columns in the order they were
 * first set, an optional row label (column {@link #LABEL}, always first), units per column and notes. Algorithms and
 * workflows build these; {@link Csv} writes them; the runner turns a command's table into an ImageJ ResultsTable
 * once, for display and for macros.
 */
public final class Table {

	/** The row-label column (ImageJ's "Label"). */
	public static final String LABEL = "Label";

	private final List<String> columns = new ArrayList<>();
	private final List<Map<String, Object>> rows = new ArrayList<>();
	private final Map<String, String> units = new LinkedHashMap<>();
	private final List<String> notes = new ArrayList<>();

	/** Declares a column (in this order) before any row sets it, e.g. so that an empty table still has its header. */
	public Table column(String name) {
		if (name.equals(LABEL)) {
			if (!columns.contains(LABEL)) columns.add(0, LABEL);
		} else if (!columns.contains(name)) columns.add(name);
		return this;
	}

	/** Starts a new row; the setters below fill it. */
	public Table addRow() {
		rows.add(new HashMap<>());
		return this;
	}

	/** Sets the current row's label. */
	public Table label(String text) {
		if (!columns.contains(LABEL)) columns.add(0, LABEL);
		current().put(LABEL, text == null ? "" : text);
		return this;
	}

	/** Sets a number in the current row. */
	public Table set(String column, double value) {
		return put(column, value);
	}

	/** Sets a text in the current row. */
	public Table set(String column, String text) {
		return put(column, text == null ? "" : text);
	}

	private Table put(String column, Object v) {
		if (column.equals(LABEL)) throw new IllegalArgumentException("Set the row label with label()");
		if (!columns.contains(column)) columns.add(column);
		current().put(column, v);
		return this;
	}

	private Map<String, Object> current() {
		if (rows.isEmpty()) throw new IllegalStateException("addRow() before setting cells");
		return rows.get(rows.size() - 1);
	}

	/** The unit of a column's numbers (e.g. "um"), recorded beside the table. */
	public Table unit(String column, String unit) {
		units.put(column, unit);
		return this;
	}

	/** A sentence about the table for the reader (what a number means, what was left out). */
	public Table note(String text) {
		notes.add(text);
		return this;
	}

	public int rowCount() { return rows.size(); }

	public List<String> columns() { return Collections.unmodifiableList(columns); }

	/** The cell: a Double, a String, or null when the row did not set the column. */
	public Object cell(int row, String column) {
		return rows.get(row).get(column);
	}

	/** A cell as a number: NaN for text or unset cells. */
	public double number(int row, String column) {
		Object v = cell(row, column);
		return v instanceof Double ? (Double) v : Double.NaN;
	}

	/** A cell as text, as the CSV has it: numbers as {@link Csv#number}, "" when unset or undefined (NaN). */
	public String text(int row, String column) {
		Object v = cell(row, column);
		return v == null || v instanceof Double && ((Double) v).isNaN() ? "" : v instanceof Double ? Csv.number((Double) v) : (String) v;
	}

	public Map<String, String> units() { return Collections.unmodifiableMap(units); }

	public List<String> notes() { return Collections.unmodifiableList(notes); }
}
