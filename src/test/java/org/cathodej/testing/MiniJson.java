package org.cathodej.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict little JSON reader for tests (objects as LinkedHashMap, arrays as List, numbers as Double). */
public final class MiniJson {

	private final String s;
	private int i;

	private MiniJson(String s) {
		this.s = s;
	}

	public static Object parse(String text) {
		MiniJson p = new MiniJson(text);
		Object v = p.value();
		p.ws();
		if (p.i != p.s.length()) throw p.error("trailing text");
		return v;
	}

	private IllegalArgumentException error(String what) {
		return new IllegalArgumentException("JSON: " + what + " at " + i + ": " + s.substring(Math.max(0, i - 20), Math.min(s.length(), i + 20)));
	}

	private void ws() {
		while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
	}

	private Object value() {
		ws();
		if (i >= s.length()) throw error("unexpected end");
		char c = s.charAt(i);
		if (c == '{') {
			Map<String, Object> m = new LinkedHashMap<>();
			i++;
			ws();
			if (s.charAt(i) == '}') {
				i++;
				return m;
			}
			while (true) {
				ws();
				String k = string();
				ws();
				expect(':');
				if (m.put(k, value()) != null) throw error("duplicate key " + k);
				ws();
				if (s.charAt(i) == ',') i++;
				else {
					expect('}');
					return m;
				}
			}
		}
		if (c == '[') {
			List<Object> l = new ArrayList<>();
			i++;
			ws();
			if (s.charAt(i) == ']') {
				i++;
				return l;
			}
			while (true) {
				l.add(value());
				ws();
				if (s.charAt(i) == ',') i++;
				else {
					expect(']');
					return l;
				}
			}
		}
		if (c == '"') return string();
		if (s.startsWith("true", i)) { i += 4; return true; }
		if (s.startsWith("false", i)) { i += 5; return false; }
		if (s.startsWith("null", i)) { i += 4; return null; }
		int start = i;
		while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
		if (start == i) throw error("unexpected character");
		return Double.parseDouble(s.substring(start, i));
	}

	private void expect(char c) {
		if (i >= s.length() || s.charAt(i) != c) throw error("expected '" + c + "'");
		i++;
	}

	private String string() {
		expect('"');
		StringBuilder sb = new StringBuilder();
		while (true) {
			if (i >= s.length()) throw error("unterminated string");
			char c = s.charAt(i++);
			if (c == '"') return sb.toString();
			if (c < 0x20) throw error("control character in string");
			if (c != '\\') {
				sb.append(c);
				continue;
			}
			char e = s.charAt(i++);
			switch (e) {
				case 'n': sb.append('\n'); break;
				case 'r': sb.append('\r'); break;
				case 't': sb.append('\t'); break;
				case 'b': sb.append('\b'); break;
				case 'f': sb.append('\f'); break;
				case 'u': sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
				default: sb.append(e);
			}
		}
	}
}
