package org.cathodej.results;

import java.util.Collection;
import java.util.Map;

/** A small JSON writer for provenance sidecars (maps, lists, strings, numbers, booleans, null); pretty-printed. */
public final class Json {

	private Json() {}

	public static String write(Object value) {
		StringBuilder sb = new StringBuilder();
		write(value, sb, "");
		return sb.append('\n').toString();
	}

	private static void write(Object v, StringBuilder sb, String indent) {
		if (v == null) sb.append("null");
		else if (v instanceof Boolean) sb.append(v);
		else if (v instanceof Number) {
			double d = ((Number) v).doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) sb.append('"').append(d).append('"'); // JSON has no NaN/Infinity
			else if (v instanceof Double || v instanceof Float) sb.append(Csv.number(d));
			else sb.append(v);
		} else if (v instanceof Map) {
			Map<?, ?> m = (Map<?, ?>) v;
			if (m.isEmpty()) {
				sb.append("{}");
				return;
			}
			sb.append("{\n");
			String in = indent + "  ";
			int i = 0;
			for (Map.Entry<?, ?> e : m.entrySet()) {
				sb.append(in);
				string(String.valueOf(e.getKey()), sb);
				sb.append(": ");
				write(e.getValue(), sb, in);
				if (++i < m.size()) sb.append(',');
				sb.append('\n');
			}
			sb.append(indent).append('}');
		} else if (v instanceof Collection || v instanceof Object[]) {
			Collection<?> c = v instanceof Collection ? (Collection<?>) v : java.util.Arrays.asList((Object[]) v);
			if (c.isEmpty()) {
				sb.append("[]");
				return;
			}
			sb.append("[\n");
			String in = indent + "  ";
			int i = 0;
			for (Object o : c) {
				sb.append(in);
				write(o, sb, in);
				if (++i < c.size()) sb.append(',');
				sb.append('\n');
			}
			sb.append(indent).append(']');
		} else if (v instanceof double[]) {
			double[] a = (double[]) v;
			sb.append('[');
			for (int i = 0; i < a.length; i++) {
				if (i > 0) sb.append(", ");
				write(a[i], sb, indent);
			}
			sb.append(']');
		} else string(String.valueOf(v), sb);
	}

	private static void string(String s, StringBuilder sb) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"': sb.append("\\\""); break;
				case '\\': sb.append("\\\\"); break;
				case '\n': sb.append("\\n"); break;
				case '\r': sb.append("\\r"); break;
				case '\t': sb.append("\\t"); break;
				default:
					if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
					else sb.append(c);
			}
		}
		sb.append('"');
	}
}
