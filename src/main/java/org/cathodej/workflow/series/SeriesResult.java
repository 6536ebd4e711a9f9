package org.cathodej.workflow.series;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cathodej.results.Table;

/** A sample series: one row per sample, the process-parameter columns, and every descriptor any sample has. */
public final class SeriesResult {

	private final List<String> parameterNames;
	private final List<SeriesRow> rows;
	private final List<String> notes;

	SeriesResult(List<String> parameterNames, List<SeriesRow> rows, List<String> notes) {
		this.parameterNames = Collections.unmodifiableList(new ArrayList<>(parameterNames));
		this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
		this.notes = Collections.unmodifiableList(new ArrayList<>(notes));
	}

	public List<String> parameterNames() { return parameterNames; }

	public List<SeriesRow> rows() { return rows; }

	public List<String> notes() { return notes; }

	/** Every descriptor of any sample, in first-seen order. */
	public List<String> descriptorNames() {
		Set<String> s = new LinkedHashSet<>();
		for (SeriesRow r : rows) s.addAll(r.descriptors().keySet());
		return new ArrayList<>(s);
	}

	/** The curated key descriptors that exist in this series. */
	public List<String> keyDescriptors() {
		return Descriptors.keys(descriptorNames());
	}

	/**
	 * The comparison table: one row per sample (labelled with its name), its process parameters (numbers, or text
	 * when not numeric; NaN when missing), whether its results were stored or computed, then the key descriptors and
	 * every other descriptor (NaN where a sample lacks one).
	 */
	public Table comparison() {
		List<String> cols = new ArrayList<>(keyDescriptors());
		for (String a : descriptorNames()) if (!cols.contains(a)) cols.add(a);
		Table t = new Table();
		for (SeriesRow row : rows) {
			t.addRow().label(row.sample().name());
			for (String p : parameterNames) {
				String v = row.sample().parameters().getOrDefault(p, "");
				double d = row.sample().parameter(p);
				if (Double.isNaN(d) && !v.isEmpty()) t.set(p, v);
				else t.set(p, d);
			}
			t.set("source", row.status() == SeriesRow.Status.READ ? "stored" : "computed");
			for (String c : cols) t.set(c, row.descriptor(c));
		}
		return t;
	}

	/** Samples, how many were read from stored results, analyses run, and each sample's status and time (for the log). */
	public String summary() {
		int read = 0;
		for (SeriesRow row : rows) if (row.status() == SeriesRow.Status.READ) read++;
		StringBuilder log = new StringBuilder("Sample Series: " + rows.size() + " samples (" + read + " read from stored results, "
			+ analysesRun() + " analyses run)");
		for (SeriesRow row : rows)
			log.append(String.format(Locale.ROOT, "%n  %s: %s in %.2f s", row.sample().name(), row.status().name().toLowerCase(Locale.ROOT), row.seconds()));
		return log.toString();
	}

	/** How many analyses ran in this run (0 when everything was read from stored results). */
	public int analysesRun() {
		int n = 0;
		for (SeriesRow r : rows) n += r.ran().size();
		return n;
	}
}
