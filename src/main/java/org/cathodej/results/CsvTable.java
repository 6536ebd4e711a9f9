package org.cathodej.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A CSV file read back (RFC 4180 quoting, as {@link Csv} writes it, or a spreadsheet's export): a header and rows of text. */
public final class CsvTable {

	private final List<String> header;
	private final List<List<String>> rows;

	public CsvTable(List<String> header, List<List<String>> rows) {
		this.header = header;
		this.rows = rows;
	}

	public static CsvTable read(Path file) throws IOException {
		return of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
	}

	/** CSV text as a table: the first row is the header. */
	public static CsvTable of(String text) {
		if (text.startsWith("\uFEFF")) text = text.substring(1); // spreadsheet programs write a BOM
		List<List<String>> all = parse(text);
		if (all.isEmpty()) return new CsvTable(Collections.emptyList(), Collections.emptyList());
		return new CsvTable(all.get(0), all.subList(1, all.size()));
	}

	/** Rows of cells of CSV text; blank lines are skipped. */
	public static List<List<String>> parse(String text) {
		List<List<String>> out = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false, any = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						cell.append('"');
						i++;
					} else quoted = false;
				} else cell.append(c);
			} else if (c == '"') {
				quoted = true;
				any = true;
			} else if (c == ',') {
				row.add(cell.toString());
				cell.setLength(0);
				any = true;
			} else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
				if (any || cell.length() > 0) {
					row.add(cell.toString());
					out.add(row);
				}
				row = new ArrayList<>();
				cell.setLength(0);
				any = false;
			} else {
				cell.append(c);
				any = true;
			}
		}
		if (any || cell.length() > 0) {
			row.add(cell.toString());
			out.add(row);
		}
		return out;
	}

	public List<String> header() { return Collections.unmodifiableList(header); }

	public List<List<String>> rows() { return Collections.unmodifiableList(rows); }

	/** Index of a column (case and surrounding blanks ignored), or -1. */
	public int column(String name) {
		for (int i = 0; i < header.size(); i++)
			if (header.get(i).trim().equalsIgnoreCase(name)) return i;
		return -1;
	}

	/** A cell, "" when the row is short. */
	public String cell(int row, int column) {
		List<String> r = rows.get(row);
		return column < r.size() ? r.get(column) : "";
	}

	/** A cell as a number, NaN when it is not one. */
	public static double number(String s) {
		if (s == null) return Double.NaN;
		try {
			return Double.parseDouble(s.trim());
		} catch (NumberFormatException e) {
			return Double.NaN;
		}
	}
}
