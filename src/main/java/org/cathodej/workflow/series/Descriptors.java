package org.cathodej.workflow.series;

import org.cathodej.results.CsvTable;
import org.cathodej.results.Undefined;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cathodej.workflow.suite.AnalysisSuite;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.ParameterSpec;


/**
 * Named scalar descriptors of one sample, read from the tables its analyses wrote (CSV files with their JSON
 * sidecars), taken generically: every numeric cell of a table with a {@code Label} column becomes
 * {@code <command stem>.<row label>.<column>} (e.g. {@code phase_fractions.CAM.volume_fraction}), every numeric cell
 * of a one-row table without labels {@code <command stem>.<column>}. Longer unlabelled tables (profiles,
 * histograms) are not descriptors. A name already taken by an earlier table of the same command gets the output
 * name inserted ({@code <stem>.<output>.<row>.<column>}); a row label repeated in one table gets {@code _2},
 * {@code _3}, ...
 */
public final class Descriptors {

	/**
	 * The curated key descriptors for summaries and reports, as patterns; only descriptors that exist are used, so
	 * analyses that have not run (or not landed) simply contribute nothing.
	 */
	static final String[] KEY_PATTERNS = {
		"phase_fractions\\.pore\\.volume_fraction",
		"phase_fractions\\.CAM\\.volume_fraction",
		"phase_fractions\\.ISE\\.volume_fraction",
		"surface_and_interface_areas\\.CAM-ISE\\.sv_crofton",
		"surface_and_interface_areas\\.CAM-ISE\\.per_cam_mass_crofton_m2_per_g",
		"surface_and_interface_areas\\.Crofton13\\.cam_ise_share",
		"connectivity_and_cam_utilisation\\.6-connected\\.active_fraction",
		"chord_length_distribution\\.(pore|CAM|ISE) z\\.mean",
		"tortuosity[a-z_]*\\.(x|y|z|total)\\.(kappa|tau)",
		"pores_and_voids\\.(mean_pore_size|d50|cam_share_of_pore_surface|pore_in_ise_share|isolated_void_fraction|crack_like_voids)",
	};

	private Descriptors() {}

	/** The descriptors of the results in {@code dir} written by the analyses of {@code suite}, in menu and table order. */
	public static Map<String, Double> read(Path dir, AnalysisSuite suite) {
		Map<String, Double> d = new LinkedHashMap<>();
		for (CommandCatalog.Entry e : suite.entries()) {
			CommandSpec spec = e.spec();
			for (ParameterSpec o : spec.outputs()) {
				if (!CommandSpec.isTable(o.type())) continue;
				Path f = dir.resolve(spec.outputFileName(o));
				if (!Files.isRegularFile(f) || !Files.isRegularFile(sidecar(f))) continue;
				// a row labelled with the input image's title (a one-row table of the whole image) is not a row name:
				// descriptor names must be the same for every sample
				java.util.Set<String> titles = new java.util.HashSet<>();
				Map<String, String> stored = storedParameters(sidecar(f));
				for (ParameterSpec in : spec.inputs())
					if (in.kind() == ParameterSpec.Kind.IMAGE && stored.get(in.name()) != null && !stored.get(in.name()).isEmpty())
						titles.add(stored.get(in.name()));
				try {
					add(d, spec.fileStem(), o.name(), CsvTable.read(f), titles);
				} catch (IOException x) {
					throw new UncheckedIOException("Cannot read " + f + ": " + x.getMessage(), x);
				}
			}
		}
		return d;
	}

	/**
	 * The result tables in {@code dir} that {@link #read} leaves out, each with the reason: a table without its JSON
	 * sidecar (not written by CathodeJ, or a run that stopped half way), or one whose rows do not match its header
	 * (damaged or edited).
	 */
	public static List<String> leftOut(Path dir, AnalysisSuite suite) {
		List<String> out = new ArrayList<>();
		for (CommandCatalog.Entry e : suite.entries())
			for (ParameterSpec o : e.spec().outputs()) {
				if (!CommandSpec.isTable(o.type())) continue;
				Path f = dir.resolve(e.spec().outputFileName(o));
				if (!Files.isRegularFile(f)) continue;
				if (!Files.isRegularFile(sidecar(f))) {
					out.add(f.getFileName() + " (no provenance sidecar " + sidecar(f).getFileName() + ")");
					continue;
				}
				try {
					CsvTable t = CsvTable.read(f);
					int bad = -1;
					for (int r = 0; r < t.rows().size() && bad < 0; r++) if (t.rows().get(r).size() != t.header().size()) bad = r;
					if (t.header().isEmpty()) out.add(f.getFileName() + " (empty)");
					else if (bad >= 0) out.add(f.getFileName() + " (damaged: line " + (bad + 2) + " has " + t.rows().get(bad).size() + " cells, the header "
						+ t.header().size() + ")");
				} catch (IOException x) {
					out.add(f.getFileName() + " (unreadable: " + x.getMessage() + ")");
				}
			}
		return out;
	}

	static void add(Map<String, Double> d, String stem, String output, CsvTable t) {
		add(d, stem, output, t, java.util.Collections.emptySet());
	}

	static void add(Map<String, Double> d, String stem, String output, CsvTable t, java.util.Set<String> imageTitles) {
		int label = t.column("Label");
		if (label < 0 && t.rows().size() != 1) return;
		Map<String, Integer> seen = new HashMap<>();
		for (int r = 0; r < t.rows().size(); r++) {
			String row = "";
			if (label >= 0) {
				row = t.cell(r, label).trim();
				if (imageTitles.contains(row) && t.rows().size() == 1) row = "";
				else if (row.isEmpty()) row = "row" + (r + 1);
				int n = seen.merge(row, 1, Integer::sum);
				if (n > 1) row = row + "_" + n;
			}
			for (int c = 0; c < t.header().size(); c++) {
				if (c == label) continue;
				String cell = t.cell(r, c).trim();
				double v = CsvTable.number(cell);
				String col = t.header().get(c).trim();
				if (col.equals(Undefined.NOTE)) continue;
				if (Double.isNaN(v) && !cell.equals("NaN") && !cell.isEmpty()) continue; // text; an empty cell is undefined (NaN)
				String name = stem + "." + (row.isEmpty() ? "" : row + ".") + col;
				if (d.containsKey(name)) name = stem + "." + output + "." + (row.isEmpty() ? "" : row + ".") + col;
				d.putIfAbsent(name, v);
			}
		}
	}

	/** The key descriptors among {@code available}, in the curated order. */
	public static List<String> keys(Collection<String> available) {
		List<String> k = new ArrayList<>();
		for (String p : KEY_PATTERNS) {
			Pattern pat = Pattern.compile(p);
			for (String a : available)
				if (pat.matcher(a).matches() && !k.contains(a)) k.add(a);
		}
		return k;
	}

	/** The JSON sidecar of a result file. */
	public static Path sidecar(Path file) {
		String n = file.getFileName().toString();
		int dot = n.lastIndexOf('.');
		return file.resolveSibling((dot < 0 ? n : n.substring(0, dot)) + ".json");
	}

	private static final Pattern PARAMS = Pattern.compile("\"parameters\"\\s*:\\s*\\{([^}]*)\\}", Pattern.DOTALL);
	private static final Pattern PAIR = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	/** The "parameters" of a JSON sidecar written by CathodeJ (values as text; empty when there are none). */
	public static Map<String, String> storedParameters(Path sidecar) {
		Map<String, String> m = new LinkedHashMap<>();
		try {
			String s = new String(Files.readAllBytes(sidecar), StandardCharsets.UTF_8);
			Matcher pm = PARAMS.matcher(s);
			if (!pm.find()) return m;
			Matcher kv = PAIR.matcher(pm.group(1));
			while (kv.find()) m.put(unescape(kv.group(1)), unescape(kv.group(2)));
		} catch (IOException e) {
			// unreadable: no parameters
		}
		return m;
	}

	private static String unescape(String s) {
		return s.replace("\\\"", "\"").replace("\\\\", "\\");
	}
}
