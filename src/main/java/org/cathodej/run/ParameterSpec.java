package org.cathodej.run;

import java.io.File;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;

import ij.ImagePlus;

/** One input or output of a command, read from its {@code @Parameter} field: the only place it is declared. */
public final class ParameterSpec {

	/** What kind of value a parameter holds, which decides how it is parsed, shown and checked. */
	public enum Kind { IMAGE, INTEGER, REAL, BOOLEAN, CHOICE, TEXT, PATH, OTHER }

	private final Field field;
	private final Parameter annotation;
	private final Kind kind;

	ParameterSpec(Field field) {
		this.field = field;
		this.annotation = field.getAnnotation(Parameter.class);
		this.kind = kindOf(field.getType(), annotation);
		field.setAccessible(true);
	}

	private static Kind kindOf(Class<?> t, Parameter p) {
		if (t == ImagePlus.class) return Kind.IMAGE;
		if (t == int.class || t == Integer.class || t == long.class || t == Long.class) return Kind.INTEGER;
		if (t == double.class || t == Double.class || t == float.class || t == Float.class) return Kind.REAL;
		if (t == boolean.class || t == Boolean.class) return Kind.BOOLEAN;
		if (t == String.class && p.choices().length > 0) return Kind.CHOICE;
		if (t == File.class) return Kind.PATH;
		if (t == String.class) {
			String style = p.style().toLowerCase(Locale.ROOT);
			return style.contains("file") || style.contains("directory") || style.contains("save") ? Kind.PATH : Kind.TEXT;
		}
		return Kind.OTHER;
	}

	/** The macro key: the field name. */
	public String name() { return field.getName(); }

	public String label() { return annotation.label().isEmpty() ? name() : annotation.label(); }

	public String description() { return annotation.description(); }

	public Kind kind() { return kind; }

	public Class<?> type() { return field.getType(); }

	public boolean isOutput() { return annotation.type() == ItemIO.OUTPUT || annotation.type() == ItemIO.BOTH; }

	public boolean isInput() { return annotation.type() == ItemIO.INPUT || annotation.type() == ItemIO.BOTH; }

	public boolean isRequired() { return annotation.required(); }

	public boolean isPersisted() { return annotation.persist(); }

	public String style() { return annotation.style(); }

	public List<String> choices() {
		return Collections.unmodifiableList(Arrays.asList(annotation.choices()));
	}

	public double min() { return annotation.min().isEmpty() ? Double.NEGATIVE_INFINITY : Double.parseDouble(annotation.min()); }

	public double max() { return annotation.max().isEmpty() ? Double.POSITIVE_INFINITY : Double.parseDouble(annotation.max()); }

	Field field() { return field; }

	/** The field's value on {@code command}. */
	public Object get(Object command) {
		try {
			return field.get(command);
		} catch (IllegalAccessException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Parses a macro value for this parameter and checks bounds and choices. Throws with a message that names the
	 * key, the value and what is allowed.
	 */
	public Object parse(String value, String commandLabel) {
		String where = "'" + name() + "' of " + commandLabel;
		switch (kind) {
			case INTEGER: {
				long v;
				try {
					double d = Double.parseDouble(value.trim());
					if (d != Math.rint(d)) throw new NumberFormatException();
					if (Math.abs(d) >= 0x1p63) // (long) d would quietly become Long.MAX_VALUE
						throw new IllegalArgumentException("Invalid value for " + where + ": " + value.trim() + " is beyond the whole-number range"
							+ " (-9223372036854775808 .. 9223372036854775807).");
					v = (long) d;
					try {
						v = Long.parseLong(value.trim()); // exact beyond 2^53
					} catch (NumberFormatException notPlain) {
						// 1e6 and the like: the double is exact enough
					}
				} catch (NumberFormatException e) {
					throw new IllegalArgumentException("Invalid value for " + where + ": '" + value + "' is not a whole number.");
				}
				checkRange(v, where);
				if (type() == int.class || type() == Integer.class) {
					if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)
						throw new IllegalArgumentException("Invalid value for " + where + ": " + v + " is too large.");
					return (int) v;
				}
				return v;
			}
			case REAL: {
				double v;
				try {
					v = Double.parseDouble(value.trim());
				} catch (NumberFormatException e) {
					throw new IllegalArgumentException("Invalid value for " + where + ": '" + value + "' is not a number.");
				}
				if (Double.isNaN(v)) throw new IllegalArgumentException("Invalid value for " + where + ": NaN");
				checkRange(v, where);
				return type() == float.class || type() == Float.class ? (Object) (float) v : (Object) v;
			}
			case BOOLEAN: {
				String s = value.trim().toLowerCase(Locale.ROOT);
				if (s.equals("true") || s.equals("1") || s.equals("yes")) return true;
				if (s.equals("false") || s.equals("0") || s.equals("no")) return false;
				throw new IllegalArgumentException("Invalid value for " + where + ": '" + value + "'; use true or false.");
			}
			case CHOICE: {
				for (String c : annotation.choices())
					if (c.equalsIgnoreCase(value.trim())) return c;
				throw new IllegalArgumentException("Invalid value for " + where + ": '" + value + "'; choose one of "
					+ String.join(", ", annotation.choices()) + ".");
			}
			case PATH:
				return type() == File.class ? new File(value) : value;
			case TEXT:
				return value;
			default:
				throw new IllegalArgumentException("Parameter " + where + " cannot be set from a macro.");
		}
	}

	private void checkRange(double v, String where) {
		if (v < min() || v > max())
			throw new IllegalArgumentException("Invalid value for " + where + ": " + fmt(v) + " is outside " + fmt(min()) + " .. " + fmt(max()) + ".");
	}

	/** The value as written in a macro (numbers without a trailing ".0"). */
	public static String format(Object v) {
		if (v == null) return "";
		if (v instanceof ImagePlus) return ((ImagePlus) v).getTitle();
		if (v instanceof Double || v instanceof Float) return fmt(((Number) v).doubleValue());
		return v.toString();
	}

	static String fmt(double d) {
		if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
		return Double.toString(d);
	}

	@Override
	public String toString() {
		return name() + " (" + kind + ")";
	}
}
