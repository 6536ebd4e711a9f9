package org.cathodej.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cathodej.results.CsvTable;

/** Checks of what a successful row wrote (CSV cells, notes, files) and of the no-silent-NaN rule. */
final class Checks {

	private Checks() {}

	static CsvTable csv(Path file) {
		try {
			return CsvTable.read(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The cell of the row whose first cell (label) is {@code row}, or row number {@code row} when it is a number. */
	static String cell(Path file, String row, String column) {
		CsvTable t = csv(file);
		int c = t.column(column);
		assertTrue(c >= 0, "no column " + column + " in " + file + ": " + t.header());
		for (int r = 0; r < t.rows().size(); r++)
			if (row.equals(t.cell(r, 0)) || row.equals(Integer.toString(r))) return t.cell(r, c);
		throw new AssertionError("no row " + row + " in " + file);
	}

	/** The row's cell equals {@code expected} (as text, "" = undefined). */
	static Consumer<Row.Outcome> cellIs(String file, String row, String column, String expected) {
		return o -> assertEquals(expected, cell(o.out.resolve(file), row, column), file + " " + row + " " + column + "\n" + o.text);
	}

	/** The cell is empty (undefined) and the row's note says why, containing {@code why}. */
	static Consumer<Row.Outcome> undefined(String file, String row, String column, String why) {
		return o -> {
			assertEquals("", cell(o.out.resolve(file), row, column), column + " should be undefined\n" + o.text);
			assertTrue(cell(o.out.resolve(file), row, "note").contains(why), "the note explains " + column + "\n" + o.text);
		};
	}

	static Consumer<Row.Outcome> fileExists(String name) {
		return o -> assertTrue(Files.isRegularFile(o.out.resolve(name)), name + " written\n" + o.text);
	}

	static Consumer<Row.Outcome> says(String phrase) {
		return o -> assertTrue(Row.containsAny(o.text, phrase), "expected '" + phrase + "' in\n" + o.text);
	}

	/**
	 * No silent NaN: no CSV spells NaN, and every empty cell of a table with a note column sits in a row whose note
	 * is not empty.
	 */
	static void noSilentNaN(Row.Outcome o) {
		for (Path f : csvFiles(o.out)) {
			CsvTable t = csv(f);
			int note = t.column("note");
			for (int r = 0; r < t.rows().size(); r++)
				for (int c = 0; c < t.header().size(); c++) {
					String v = t.cell(r, c);
					assertFalse(v.equals("NaN"), f.getFileName() + " row " + r + " " + t.header().get(c) + " is NaN\n" + o.text);
					if (v.isEmpty() && note >= 0 && c != note && c != t.column("Label"))
						assertFalse(t.cell(r, note).isEmpty(), f.getFileName() + " row " + r + ": empty " + t.header().get(c) + " without a note");
				}
		}
	}

	@SafeVarargs
	static Consumer<Row.Outcome> all(Consumer<Row.Outcome>... checks) {
		return o -> {
			for (Consumer<Row.Outcome> c : checks) c.accept(o);
		};
	}

	static List<Path> csvFiles(Path dir) {
		if (!Files.isDirectory(dir)) return List.of();
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(p -> p.toString().endsWith(".csv")).sorted().collect(Collectors.toList());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
