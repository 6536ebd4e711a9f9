package org.cathodej.ij1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.ParameterSpec;

import ij.Macro;

/**
 * Runs inside a patched ImageJ (see {@link ParameterDialogTest}): for every command, ImageJ's GenericDialog built by
 * {@link ParameterDialog} is fed macro options holding a non-default value for every parameter, as when a recorded
 * macro replays the dialog; what the dialog returns must be those values under the same keys.
 */
public final class DialogProbe {

	private DialogProbe() {}

	/** Writes one line per mismatch and a last line "checked N commands" to {@code outFile}; returns "". */
	public static String check(String outFile) throws IOException {
		StringBuilder report = new StringBuilder();
		int n = 0;
		for (CommandCatalog.Entry e : CommandCatalog.load(DialogProbe.class.getClassLoader()).entries()) {
			CommandSpec spec = e.spec();
			Map<String, String> expected = new LinkedHashMap<>();
			StringBuilder options = new StringBuilder();
			Object defaults = spec.newInstance();
			for (ParameterSpec p : spec.inputs()) {
				String v = otherValue(p, p.get(defaults));
				if (v == null) continue;
				if (p.kind() != ParameterSpec.Kind.BOOLEAN) options.append(p.name()).append("=[").append(v).append("] ");
				else options.append(p.name()).append(' ');
				expected.put(p.name(), v);
			}
			Macro.setOptions(options.toString());
			Map<String, String> got;
			try {
				ParameterDialog.Answer a = ParameterDialog.answer(spec); // the path CommandBridge takes
				got = a == null ? null : a.values;
			} finally {
				Macro.setOptions(null);
			}
			for (Map.Entry<String, String> x : expected.entrySet())
				if (got == null || !x.getValue().equals(got.get(x.getKey())))
					report.append(spec.label()).append(": ").append(x.getKey()).append(" expected ").append(x.getValue()).append(" got ")
						.append(got == null ? "(cancelled)" : got.get(x.getKey())).append('\n');
			n++;
		}
		report.append("checked ").append(n).append(" commands\n");
		Files.write(Paths.get(outFile), report.toString().getBytes(StandardCharsets.UTF_8));
		return "";
	}

	/** A valid value other than the default, as macro text; null for images (none are open). */
	static String otherValue(ParameterSpec p, Object d) {
		switch (p.kind()) {
			case IMAGE:
				return null;
			case BOOLEAN:
				return "true"; // defaults are false (a convention test enforces it)
			case INTEGER: {
				long v = ((Number) d).longValue() + 1;
				if (v > p.max()) v = (long) p.max() - 1;
				return ParameterSpec.format(v);
			}
			case REAL: {
				double v = ((Number) d).doubleValue();
				double o = v * 0.75 + (v == 0 ? 0.125 : 0);
				if (o < p.min() || o > p.max()) o = p.min() + (Math.min(p.max(), p.min() + 1) - p.min()) / 3;
				return ParameterSpec.format(o);
			}
			case CHOICE:
				return p.choices().get(p.choices().size() - 1);
			default:
				return "/tmp/some folder";
		}
	}
}
