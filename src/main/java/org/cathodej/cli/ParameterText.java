package org.cathodej.cli;

import org.cathodej.run.CommandSpec;
import org.cathodej.run.ParameterSpec;

import ij.ImagePlus;
import ij.gui.Plot;

/** How parameters and outputs are described to people (command-line help and the user guide): one wording. */
public final class ParameterText {

	private ParameterText() {}

	public static String type(ParameterSpec p) {
		switch (p.kind()) {
			case IMAGE: return "image";
			case INTEGER: return "integer";
			case REAL: return "number";
			case BOOLEAN: return "flag";
			case CHOICE: return "choice";
			case PATH: return "path";
			case TEXT: return "text";
			default: return p.type().getSimpleName();
		}
	}

	/** The default as written in a macro; images and empty text say so. */
	public static String defaultValue(ParameterSpec p, Object defaults) {
		switch (p.kind()) {
			case IMAGE: return p.isRequired() ? "(required)" : "(none)";
			case BOOLEAN: return "false (absent = false)";
			default:
				String v = ParameterSpec.format(p.get(defaults));
				return v.isEmpty() ? "(empty)" : v;
		}
	}

	/** "min .. max", "≥ min", "≤ max" or "" for unbounded parameters. */
	public static String bounds(ParameterSpec p) {
		if (p.kind() != ParameterSpec.Kind.INTEGER && p.kind() != ParameterSpec.Kind.REAL) return "";
		boolean lo = !Double.isInfinite(p.min()), hi = !Double.isInfinite(p.max());
		if (lo && hi) return num(p.min()) + " .. " + num(p.max());
		if (lo) return ">= " + num(p.min());
		if (hi) return "<= " + num(p.max());
		return "";
	}

	public static String choices(ParameterSpec p) {
		return p.kind() == ParameterSpec.Kind.CHOICE ? String.join(", ", p.choices()) : "";
	}

	static String num(double d) {
		return ParameterSpec.format(d);
	}

	/** What kind of thing an output is: table, plot, image or value. */
	public static String outputKind(ParameterSpec o) {
		Class<?> t = o.type();
		if (org.cathodej.run.CommandSpec.isTable(t)) return "table";
		if (Plot.class.isAssignableFrom(t)) return "plot";
		if (ImagePlus.class.isAssignableFrom(t)) return "image";
		return "value (" + t.getSimpleName() + ", in the JSON sidecars)";
	}

	/** The file an output is saved to, with its sidecar, or a dash. */
	public static String outputFiles(CommandSpec spec, ParameterSpec o) {
		String f = spec.outputFileName(o);
		return f == null ? "-" : f + " + " + f.substring(0, f.lastIndexOf('.')) + ".json";
	}
}
