package org.cathodej.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ImageJ macro option strings ({@code key=value key=[value with spaces] flag}) parsed into an ordered map and
 * written back. Keys are lowercased as ImageJ does; a bare key means {@code true} (the ImageJ 1.x checkbox form).
 * Unlike ImageJ's substring lookup this parser splits the string into whole keys, so {@code radius} never matches
 * inside {@code inner_radius}.
 */
public final class MacroOptions {

	private MacroOptions() {}

	public static Map<String, String> parse(String options) {
		Map<String, String> out = new LinkedHashMap<>();
		if (options == null) return out;
		String s = options;
		int i = 0, n = s.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(s.charAt(i))) i++;
			if (i >= n) break;
			int k = i;
			while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) i++;
			String key = s.substring(k, i).toLowerCase(java.util.Locale.ROOT);
			if (i < n && s.charAt(i) == '=') {
				i++;
				String value;
				if (i < n && s.charAt(i) == '[') {
					int close = s.indexOf(']', i + 1);
					if (close < 0) throw new IllegalArgumentException("Unclosed '[' in the value of '" + key + "'");
					value = s.substring(i + 1, close);
					i = close + 1;
				} else {
					int v = i;
					while (i < n && !Character.isWhitespace(s.charAt(i))) i++;
					value = s.substring(v, i);
				}
				put(out, key, value);
			} else {
				put(out, key, "true");
			}
		}
		return out;
	}

	private static void put(Map<String, String> out, String key, String value) {
		if (out.containsKey(key)) throw new IllegalArgumentException("Parameter '" + key + "' is given twice");
		out.put(key, value);
	}

	/** key=value pairs in order; values with spaces or brackets-needed are bracketed, booleans written true/false. */
	public static String format(Map<String, String> values) {
		StringBuilder sb = new StringBuilder();
		for (Map.Entry<String, String> e : values.entrySet()) {
			if (sb.length() > 0) sb.append(' ');
			String v = e.getValue() == null ? "" : e.getValue();
			sb.append(e.getKey()).append('=');
			if (v.isEmpty() || v.matches(".*[\\s\\[\\]=].*")) sb.append('[').append(v).append(']');
			else sb.append(v);
		}
		return sb.toString();
	}

	/** The macro line that replays a command: {@code run("Label", "k=v ...");}. */
	public static String macroLine(String label, Map<String, String> values) {
		return "run(\"" + label + "\", \"" + format(values).replace("\\", "\\\\").replace("\"", "\\\"") + "\");";
	}
}
