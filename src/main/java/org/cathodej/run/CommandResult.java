package org.cathodej.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one run of a command produced, with everything provenance needs. */
public final class CommandResult {

	final CommandSpec spec;
	final Map<String, Object> outputs = new LinkedHashMap<>();
	/** The outputs the command gave as a pure Table (before their conversion to a ResultsTable in {@link #outputs}). */
	final Map<String, org.cathodej.results.Table> tables = new LinkedHashMap<>();
	final Map<String, String> parameters = new LinkedHashMap<>();
	final Map<String, Object> inputs = new LinkedHashMap<>();
	final List<String> notes = new ArrayList<>();
	final Map<String, Object> conventions = new LinkedHashMap<>();
	final List<Path> files = new ArrayList<>();
	String macroLine;

	CommandResult(CommandSpec spec) {
		this.spec = spec;
	}

	public CommandSpec spec() { return spec; }

	/** Output values by field name, in declaration order (null for optional outputs not produced). */
	public Map<String, Object> outputs() { return Collections.unmodifiableMap(outputs); }

	public Object output(String name) { return outputs.get(name); }

	/** Every input as its macro text (images by title). */
	public Map<String, String> parameters() { return Collections.unmodifiableMap(parameters); }

	/** Description of each input image: title, size, calibration, checksum. */
	public Map<String, Object> inputs() { return Collections.unmodifiableMap(inputs); }

	public List<String> notes() { return Collections.unmodifiableList(notes); }

	public Map<String, Object> conventions() { return Collections.unmodifiableMap(conventions); }

	/** Files written into the output folder. */
	public List<Path> files() { return Collections.unmodifiableList(files); }

	/** The macro line that replays this run exactly. */
	public String macroLine() { return macroLine; }
}
