package org.cathodej.results;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one reader of the settings lines that the classifier file stores ("key=value;key=value", e.g. the feature
 * settings, normalisation and grey ranges): keys and values trimmed, entries without '=' passed over.
 */
public final class KeyValues {

	private KeyValues() {}

	/** The entries of {@code line}, in its order; a key given twice keeps its last value. */
	public static Map<String, String> parse(String line) {
		Map<String, String> m = new LinkedHashMap<>();
		for (String kv : line.split(";")) {
			int eq = kv.indexOf('=');
			if (eq >= 0) m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
		}
		return m;
	}
}
