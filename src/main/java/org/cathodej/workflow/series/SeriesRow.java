package org.cathodej.workflow.series;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One sample of a series: where its results are, how they were obtained, and its descriptors. */
public final class SeriesRow {

	/** How a sample's results came about in this run. */
	public enum Status {
		/** every analysis ran now */
		COMPUTED,
		/** some analyses ran now (missing or made with other parameters), the others were read */
		COMPLETED,
		/** every result was read from files written earlier */
		READ
	}

	private final Sample sample;
	private final Path dir;
	private final Status status;
	private final List<String> ran;
	private final Map<String, Double> descriptors;
	private final double seconds;

	SeriesRow(Sample sample, Path dir, Status status, List<String> ran, Map<String, Double> descriptors, double seconds) {
		this.sample = sample;
		this.dir = dir;
		this.status = status;
		this.ran = Collections.unmodifiableList(ran);
		this.descriptors = Collections.unmodifiableMap(descriptors);
		this.seconds = seconds;
	}

	public Sample sample() { return sample; }

	/** The sample's result folder. */
	public Path dir() { return dir; }

	public Status status() { return status; }

	/** Labels of the analyses that ran now. */
	public List<String> ran() { return ran; }

	public Map<String, Double> descriptors() { return descriptors; }

	/** NaN when the sample lacks it. */
	public double descriptor(String name) {
		Double v = descriptors.get(name);
		return v == null ? Double.NaN : v;
	}

	/** Wall time spent on this sample (analyses and reading). */
	public double seconds() { return seconds; }
}
