package org.cathodej.series;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

	/** How many analyses ran in this run (0 when everything was read from stored results). */
	public int analysesRun() {
		int n = 0;
		for (SeriesRow r : rows) n += r.ran().size();
		return n;
	}
}
