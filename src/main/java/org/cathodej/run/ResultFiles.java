package org.cathodej.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.results.Csv;
import org.cathodej.results.Json;
import org.cathodej.results.Version;
import org.cathodej.results.Table;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.measure.ResultsTable;

/**
 * Writes a command's outputs into the output folder: tables as CSV, plots as PNG, images as TIFF, each with a JSON
 * sidecar holding the provenance (version, command, parameters, conventions, inputs with checksums, the macro line).
 * Refuses, before the command runs, to overwrite existing files unless asked.
 */
public final class ResultFiles {


	private final CommandSpec spec;
	private final Path dir;
	private final boolean overwrite;
	/** The topmost folder this run created, or null: removed again when the run fails. */
	private Path created;

	ResultFiles(CommandSpec spec, Path dir, boolean overwrite) {
		this.spec = spec;
		this.dir = dir;
		this.overwrite = overwrite;
	}

	/** The file an output goes to, or null for outputs that are not saved (numbers, strings). */
	Path target(ParameterSpec out) {
		String name = spec.outputFileName(out);
		return name == null ? null : dir.resolve(name);
	}

	public static Path sidecar(Path file) {
		String n = file.getFileName().toString();
		return file.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".json");
	}

	/**
	 * Creates the output folder (an unwritable one is an {@link UncheckedIOException}: exit code 3 on the command
	 * line) and refuses to overwrite existing results unless asked.
	 */
	void checkWritable() {
		created = OutputPaths.createFolder(dir, "output folder");
		if (overwrite) return;
		List<String> existing = new ArrayList<>();
		for (ParameterSpec o : spec.outputs()) {
			Path t = target(o);
			if (t == null) continue;
			if (Files.exists(t)) existing.add(t.getFileName().toString());
			if (Files.exists(sidecar(t))) existing.add(sidecar(t).getFileName().toString());
		}
		if (!existing.isEmpty())
			throw new IllegalArgumentException(spec.label() + " would overwrite " + String.join(", ", existing) + " in " + dir
				+ ". " + OutputPaths.OVERWRITE_HINT);
	}

	/**
	 * After a failed run: removes what this run wrote, so that no partial result is taken for a whole one: the files
	 * it saved, and the folder it created (with what the command itself wrote into it).
	 */
	void discard(CommandResult r) {
		for (Path f : r.files) OutputPaths.deleteQuietly(f);
		if (created != null) OutputPaths.deleteCreatedTree(created);
	}

	void save(CommandResult r) {
		Map<String, Object> scalars = new LinkedHashMap<>();
		for (ParameterSpec o : spec.outputs()) {
			Object v = r.outputs.get(o.name());
			if (v != null && target(o) == null) scalars.put(o.name(), v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
		}
		for (ParameterSpec o : spec.outputs()) {
			Object v = r.outputs.get(o.name());
			Path t = target(o);
			if (v == null || t == null) continue;
			try {
				if (v instanceof ResultsTable) Files.write(t, Csv.of(table(r, o, (ResultsTable) v)).getBytes(StandardCharsets.UTF_8));
				else if (v instanceof Plot) {
					ImagePlus imp = ((Plot) v).getImagePlus();
					if (!new FileSaver(imp).saveAsPng(t.toString())) throw new IOException("could not write " + t);
				} else if (v instanceof ImagePlus && ((ImagePlus) v).getProperty(TiffSliceWriter.FOLDER_PROPERTY) != null) {
					saveFolderSidecar(r, o, (ImagePlus) v, scalars); // streamed: the slices are written already
					continue;
				} else if (v instanceof ImagePlus) {
					ImagePlus imp = (ImagePlus) v;
					FileSaver fs = new FileSaver(imp);
					boolean ok = imp.getStackSize() > 1 ? fs.saveAsTiffStack(t.toString()) : fs.saveAsTiff(t.toString());
					if (!ok) throw new IOException("could not write " + t);
				}
				r.files.add(t);
				Path side = sidecar(t);
				Files.write(side, Json.write(provenance(r, o, t, scalars)).getBytes(StandardCharsets.UTF_8));
				r.files.add(side);
			} catch (IOException e) {
				throw new UncheckedIOException("Writing " + t + " failed: " + e.getMessage(), e);
			}
		}
	}

	/** The provenance of a streamed output's TIFF-slice folder, as {@code <folder>.json} beside it. */
	private void saveFolderSidecar(CommandResult r, ParameterSpec o, ImagePlus imp, Map<String, Object> scalars) throws IOException {
		Path folder = java.nio.file.Paths.get(String.valueOf(imp.getProperty(TiffSliceWriter.FOLDER_PROPERTY)));
		Path side = folder.resolveSibling(folder.getFileName() + ".json");
		if (Files.exists(side) && !overwrite) throw new IllegalArgumentException(spec.label() + " would overwrite " + side + "; set overwrite=true.");
		Files.write(side, Json.write(provenance(r, o, folder, scalars)).getBytes(StandardCharsets.UTF_8));
		r.files.add(side);
	}

	/** The table to write: the command's own Table when it gave one, else its ResultsTable read as one. */
	private static Table table(CommandResult r, ParameterSpec o, ResultsTable rt) {
		Table t = r.tables.get(o.name());
		return t != null ? t : ResultsTables.toTable(rt);
	}

	private Map<String, Object> provenance(CommandResult r, ParameterSpec output, Path file, Map<String, Object> scalars) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("software", "CathodeJ");
		m.put("version", Version.get());
		m.put("command", spec.label());
		m.put("command_class", spec.type().getName());
		m.put("output", output.name());
		m.put("output_label", output.label());
		m.put("file", file.getFileName().toString());
		m.put("macro", r.macroLine);
		m.put("parameters", r.parameters);
		m.put("conventions", r.conventions);
		m.put("inputs", r.inputs);
		if (!scalars.isEmpty()) m.put("results", scalars);
		Table table = r.tables.get(output.name());
		if (table != null && !table.units().isEmpty()) m.put("units", table.units());
		m.put("notes", r.notes);
		m.put("created", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
		m.put("java", System.getProperty("java.version"));
		return m;
	}
}
