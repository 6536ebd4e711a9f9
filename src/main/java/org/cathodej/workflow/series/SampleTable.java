package org.cathodej.workflow.series;

import org.cathodej.results.CsvTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sample table: a CSV file with a {@code name} and a {@code file} column (the label image, relative to the CSV's
 * folder or absolute) and any number of process-parameter columns (electrolyte particle size, pressing time,
 * pressure, temperature, ...). An optional {@code results} column names a folder of results written earlier; such a
 * sample may leave {@code file} empty.
 */
public final class SampleTable {

	private final Path source;
	private final List<String> parameterNames;
	private final List<Sample> samples;

	private SampleTable(Path source, List<String> parameterNames, List<Sample> samples) {
		this.source = source;
		this.parameterNames = parameterNames;
		this.samples = samples;
	}

	public static SampleTable read(Path csv) {
		CsvTable t;
		try {
			t = CsvTable.read(csv);
		} catch (NoSuchFileException e) {
			throw new IllegalArgumentException("Sample table not found: " + csv);
		} catch (IOException e) {
			throw new IllegalArgumentException("Cannot read the sample table " + csv + ": " + e.getMessage());
		}
		int name = t.column("name"), file = t.column("file"), results = t.column("results");
		if (name < 0 || (file < 0 && results < 0))
			throw new IllegalArgumentException("The sample table " + csv + " needs a 'name' and a 'file' column (the label image of each sample,"
				+ " relative to the table's folder); its columns are: " + String.join(", ", t.header()) + ".");
		Path base = csv.toAbsolutePath().getParent();
		List<String> params = new ArrayList<>();
		for (int c = 0; c < t.header().size(); c++)
			if (c != name && c != file && c != results && !t.header().get(c).trim().isEmpty()) params.add(t.header().get(c).trim());
		List<Sample> samples = new ArrayList<>();
		Set<String> names = new HashSet<>(), folders = new HashSet<>();
		for (int r = 0; r < t.rows().size(); r++) {
			String n = t.cell(r, name).trim();
			if (n.isEmpty() && String.join("", t.rows().get(r)).trim().isEmpty()) continue; // blank line
			if (n.isEmpty()) throw new IllegalArgumentException("Row " + (r + 2) + " of " + csv + " has no sample name.");
			checkWidth(t, r, csv);
			String f = file < 0 ? "" : t.cell(r, file).trim();
			String res = results < 0 ? "" : t.cell(r, results).trim();
			if (f.isEmpty() && res.isEmpty())
				throw new IllegalArgumentException("Sample '" + n + "' (row " + (r + 2) + " of " + csv + ") has no file.");
			Path fp = f.isEmpty() ? null : base.resolve(f).normalize();
			Path rp = res.isEmpty() ? null : base.resolve(res).normalize();
			Map<String, String> p = new LinkedHashMap<>();
			for (int c = 0; c < t.header().size(); c++) {
				String h = t.header().get(c).trim();
				if (params.contains(h)) p.put(h, t.cell(r, c).trim());
			}
			Sample s = new Sample(n, fp, rp, p);
			if (!names.add(n)) throw new IllegalArgumentException("Sample name '" + n + "' appears twice in " + csv + ".");
			if (!folders.add(s.folderName().toLowerCase(java.util.Locale.ROOT)))
				throw new IllegalArgumentException("Sample names in " + csv + " must differ in more than punctuation ('" + n + "').");
			samples.add(s);
		}
		if (samples.isEmpty()) throw new IllegalArgumentException("The sample table " + csv + " lists no samples.");
		return new SampleTable(csv, Collections.unmodifiableList(params), Collections.unmodifiableList(samples));
	}

	/**
	 * A row must have a cell for every column (an empty cell is fine: ",,"); a short row (a missing comma) or extra
	 * non-empty cells would shift or drop values silently. Blank lines are skipped.
	 */
	private static void checkWidth(CsvTable t, int r, Path csv) {
		List<String> row = t.rows().get(r);
		int columns = t.header().size();
		if (row.size() < columns)
			throw new IllegalArgumentException("Row " + (r + 2) + " of " + csv + " has " + row.size() + " cells but the header has " + columns
				+ " columns (" + String.join(", ", t.header()) + "); give every column a cell (empty cells are allowed: a,b,,d).");
		for (int c = columns; c < row.size(); c++)
			if (!row.get(c).trim().isEmpty())
				throw new IllegalArgumentException("Row " + (r + 2) + " of " + csv + " has " + row.size() + " cells but the header has only " + columns
					+ " columns; '" + row.get(c).trim() + "' has no column. Add a header for it or remove it.");
	}

	/** Checks that every sample's label image or results folder exists. */
	public void checkFiles() {
		for (Sample s : samples) {
			if (s.file() != null && !Files.isRegularFile(s.file()) && (s.results() == null || !Files.isDirectory(s.results())))
				throw new IllegalArgumentException("Label image of sample '" + s.name() + "' not found: " + s.file()
					+ " (paths in the sample table are relative to its folder, " + source.toAbsolutePath().getParent() + ").");
			if (s.file() == null && !Files.isDirectory(s.results()))
				throw new IllegalArgumentException("Results folder of sample '" + s.name() + "' not found: " + s.results() + ".");
		}
	}

	public Path source() { return source; }

	/** The process-parameter columns in table order. */
	public List<String> parameterNames() { return parameterNames; }

	public List<Sample> samples() { return samples; }
}
