package org.cathodej.workflow.series;

import org.cathodej.results.CsvTable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of a sample table: a name, its label image (or a folder of stored results) and its process parameters. */
public final class Sample {

	private final String name;
	private final Path file;
	private final Path results;
	private final Map<String, String> parameters;

	public Sample(String name, Path file, Path results, Map<String, String> parameters) {
		this.name = name;
		this.file = file;
		this.results = results;
		this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	public String name() { return name; }

	/** The label image, or null when the sample only has stored results. */
	public Path file() { return file; }

	/** A folder of previously written results given in the table ({@code results} column), or null. */
	public Path results() { return results; }

	/** Process parameters by column name, as written in the table. */
	public Map<String, String> parameters() { return parameters; }

	/** A process parameter as a number (NaN when absent or not a number). */
	public double parameter(String column) {
		return CsvTable.number(parameters.get(column));
	}

	/** The name made safe as a folder name. */
	public String folderName() {
		String s = name.trim().replaceAll("[^A-Za-z0-9._-]+", "_");
		return s.isEmpty() || s.startsWith(".") ? "sample_" + s : s;
	}
}
