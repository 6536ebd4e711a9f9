package org.cathodej.results;

import java.util.List;
import java.util.Locale;

/**
 * The project's one CSV writer: a {@link Table} with every digit kept (ImageJ's own writer rounds to the table's
 * decimal places), RFC 4180 quoting; {@link CsvTable} reads it back. NaN (an undefined value) is an empty cell,
 * explained by the row's {@link Undefined#NOTE} column, which is written last; infinities are spelled out.
 */
public final class Csv {

	private Csv() {}

	/** Header line, then one line per row; numbers by {@link #number}, text quoted when needed, unset cells empty. */
	public static String of(Table t) {
		StringBuilder sb = new StringBuilder();
		List<String> columns = noteLast(t.columns());
		line(sb, columns.toArray(new String[0]));
		for (int r = 0; r < t.rowCount(); r++) {
			for (int c = 0; c < columns.size(); c++) {
				if (c > 0) sb.append(',');
				Object v = t.cell(r, columns.get(c));
				if (v instanceof Double) {
					double d = (Double) v; // undefined (NaN) and a note column's unset placeholder: empty
					if (!Double.isNaN(d) && !columns.get(c).equals(Undefined.NOTE)) sb.append(number(d));
				} else sb.append(quote((String) v));
			}
			sb.append('\n');
		}
		return sb.toString();
	}

	/** The explanation of undefined cells ({@link Undefined#NOTE}) as the last column. */
	private static List<String> noteLast(List<String> columns) {
		List<String> c = new java.util.ArrayList<>(columns);
		if (c.remove(Undefined.NOTE)) c.add(Undefined.NOTE);
		return c;
	}

	/** One CSV line of text cells (quoted when needed), ending in a newline. */
	public static StringBuilder line(StringBuilder sb, String... cells) {
		for (int c = 0; c < cells.length; c++) {
			if (c > 0) sb.append(',');
			sb.append(quote(cells[c]));
		}
		return sb.append('\n');
	}

	/** Shortest round-trip decimal form; integers without ".0"; NaN and Infinity spelled out. */
	public static String number(double v) {
		if (Double.isNaN(v)) return "NaN";
		if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		return Double.toString(v).toLowerCase(Locale.ROOT);
	}

	static String quote(String s) {
		if (s == null) return "";
		if (s.contains(",") || s.contains("\"") || s.contains("\n")) return '"' + s.replace("\"", "\"\"") + '"';
		return s;
	}
}
