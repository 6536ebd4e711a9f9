package org.cathodej.run;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** A command's label and parameters, read from its annotations. */
public final class CommandSpec {

	private static final List<String> LAST = java.util.Arrays.asList("output_dir", "overwrite");

	private final Class<? extends RunnableCommand> type;
	private final String label, description;
	private final List<ParameterSpec> inputs = new ArrayList<>(), outputs = new ArrayList<>();

	private CommandSpec(Class<? extends RunnableCommand> type) {
		this.type = type;
		Plugin p = type.getAnnotation(Plugin.class);
		if (p == null || p.label().isEmpty())
			throw new IllegalArgumentException(type.getName() + " needs @Plugin(type = Command.class, label = ...)");
		this.label = p.label();
		this.description = p.description();
		// images first, then the other inputs with base-class fields (label values) before the command's own,
		// output options last
		List<Class<?>> chain = new ArrayList<>();
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) chain.add(0, c);
		List<ParameterSpec> tail = new ArrayList<>();
		for (Class<?> c : chain)
			for (Field f : c.getDeclaredFields()) {
				if (f.getAnnotation(Parameter.class) == null || Modifier.isStatic(f.getModifiers())) continue;
				ParameterSpec s = new ParameterSpec(f);
				if (s.isOutput()) outputs.add(s);
				else if (LAST.contains(s.name())) tail.add(s);
				else inputs.add(s);
			}
		List<ParameterSpec> images = new ArrayList<>();
		for (ParameterSpec s : inputs)
			if (s.kind() == ParameterSpec.Kind.IMAGE) images.add(s);
		inputs.removeAll(images);
		inputs.addAll(0, images);
		inputs.addAll(tail);
	}

	public static CommandSpec of(Class<? extends RunnableCommand> type) {
		return new CommandSpec(type);
	}

	/** Loads a command class by name (as written in plugins.config). */
	@SuppressWarnings("unchecked")
	public static CommandSpec forName(String className, ClassLoader loader) {
		try {
			Class<?> c = Class.forName(className, true, loader);
			if (!RunnableCommand.class.isAssignableFrom(c))
				throw new IllegalArgumentException(className + " is not a CathodeJ command");
			return of((Class<? extends RunnableCommand>) c);
		} catch (ClassNotFoundException e) {
			throw new IllegalArgumentException("Command class not found: " + className, e);
		}
	}

	public Class<? extends RunnableCommand> type() { return type; }

	/** Menu label = macro command name, e.g. "Phase Fractions". */
	public String label() { return label; }

	public String description() { return description; }

	public List<ParameterSpec> inputs() { return Collections.unmodifiableList(inputs); }

	public List<ParameterSpec> outputs() { return Collections.unmodifiableList(outputs); }

	public ParameterSpec input(String name) {
		for (ParameterSpec s : inputs)
			if (s.name().equals(name)) return s;
		return null;
	}

	/** Stem of result file names: the label in lowercase snake_case, e.g. "phase_fractions". */
	public String fileStem() {
		return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
	}

	/**
	 * The file name an output is saved under in {@code output_dir} ({@code <stem>_<field>.csv|.png|.tif}, each with
	 * a {@code .json} sidecar), or null for outputs that are not saved as files (numbers and text go into the JSON).
	 */
	public String outputFileName(ParameterSpec out) {
		String stem = fileStem() + "_" + out.name();
		Class<?> t = out.type();
		if (isTable(t)) return stem + ".csv";
		if (ij.gui.Plot.class.isAssignableFrom(t)) return stem + ".png";
		if (ij.ImagePlus.class.isAssignableFrom(t)) return stem + ".tif";
		return null;
	}

	/** Whether an output of this type is a table (a pure {@link org.cathodej.results.Table} or an ImageJ ResultsTable). */
	public static boolean isTable(Class<?> type) {
		return org.cathodej.results.Table.class.isAssignableFrom(type) || ij.measure.ResultsTable.class.isAssignableFrom(type);
	}

	/** A fresh instance (for defaults and for running). */
	public RunnableCommand newInstance() {
		try {
			return type.getDeclaredConstructor().newInstance();
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Cannot create " + type.getName() + ": " + e, e);
		}
	}
}
