package org.cathodej.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CathodeJ commands as the menus list them: every {@code plugins.config} line on the class path that runs a
 * command through {@code org.cathodej.ij1.CommandBridge}, in file order. The command line and the user guide take
 * their command list from here, so a new command needs nothing but its plugins.config line.
 */
public final class CommandCatalog {

	/** One menu entry: where it sits in the menu and the command behind it. */
	public static final class Entry {
		private final String menu;
		private final CommandSpec spec;

		Entry(String menu, CommandSpec spec) {
			this.menu = menu;
			this.spec = spec;
		}

		/** The menu path as in plugins.config, e.g. {@code Plugins>CathodeJ>Analyze}. */
		public String menu() { return menu; }

		/** The last menu level, e.g. {@code Analyze}. */
		public String submenu() { return menu.substring(menu.lastIndexOf('>') + 1).trim(); }

		public CommandSpec spec() { return spec; }
	}

	private static final Pattern LINE = Pattern.compile(
		"^\\s*([^,#]+),\\s*\"([^\"]+)\",\\s*org\\.cathodej\\.ij1\\.CommandBridge\\(\"([\\w.$]+)\"\\)\\s*$");

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private CommandCatalog() {}

	/** Reads every plugins.config that {@code loader} sees (normally exactly CathodeJ's). */
	public static CommandCatalog load(ClassLoader loader) {
		CommandCatalog c = new CommandCatalog();
		try {
			Enumeration<URL> urls = loader.getResources("plugins.config");
			while (urls.hasMoreElements()) {
				try (InputStream in = urls.nextElement().openStream()) {
					c.read(in, loader);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read plugins.config: " + e.getMessage(), e);
		}
		return c;
	}

	/** The catalog of CathodeJ's own class loader. */
	public static CommandCatalog load() {
		return load(CommandCatalog.class.getClassLoader());
	}

	void read(InputStream in, ClassLoader loader) throws IOException {
		BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		for (String line; (line = r.readLine()) != null;) {
			Matcher m = LINE.matcher(line);
			if (!m.matches()) continue;
			CommandSpec spec = CommandSpec.forName(m.group(3), loader);
			entries.putIfAbsent(spec.fileStem(), new Entry(m.group(1).trim(), spec));
		}
	}

	public List<Entry> entries() {
		return Collections.unmodifiableList(new ArrayList<>(entries.values()));
	}

	/**
	 * The command called {@code name}: its menu label ("Phase Fractions", case ignored) or its file stem
	 * ("phase_fractions"; '-' and ' ' are read as '_'). Null when there is none.
	 */
	public Entry find(String name) {
		if (name == null) return null;
		String key = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
		return entries.get(key);
	}
}
