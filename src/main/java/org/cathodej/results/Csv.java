package org.cathodej.results;

import java.util.Locale;

import ij.measure.ResultsTable;

/**
 * ResultsTable to CSV with every digit kept (ImageJ's own writer rounds to the table's decimal places). NaN (undefined)
 * is an empty cell; infinities are spelled out.
 */
public final class Csv {

	private Csv() {}

	public static String of(ResultsTable rt) {
		StringBuilder sb = new StringBuilder();
		String[] headings = noteLast(rt.getHeadings());
		for (int c = 0; c < headings.length; c++) {
			if (c > 0) sb.append(',');
			sb.append(quote(headings[c]));
		}
		sb.append('\n');
		for (int r = 0; r < rt.size(); r++) {
			for (int c = 0; c < headings.length; c++) {
				if (c > 0) sb.append(',');
				String h = headings[c];
				if (h.equals("Label")) {
					sb.append(quote(rt.getLabel(r)));
					continue;
				}
				double v = rt.getValue(h, r);
				if (h.equals(Undefined.NOTE) && !Double.isNaN(v)) continue; // a row without a note
				String s = Double.isNaN(v) ? rt.getStringValue(h, r) : null;
				if (s != null && !s.isEmpty() && !s.equals("NaN")) sb.append(quote(s));
				else if (!Double.isNaN(v)) sb.append(number(v)); // undefined: an empty cell, explained in the row's note (see Undefined)
			}
			sb.append('\n');
		}
		return sb.toString();
	}

	/** The explanation of undefined cells ({@link Undefined#NOTE}) as the last column. */
	private static String[] noteLast(String[] headings) {
		java.util.List<String> h = new java.util.ArrayList<>(java.util.Arrays.asList(headings));
		if (h.remove(Undefined.NOTE)) h.add(Undefined.NOTE);
		return h.toArray(new String[0]);
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
