package org.cathodej.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cathodej.commands.CathodeJCommand;
import org.junit.jupiter.api.Test;
import org.scijava.plugin.Plugin;

/**
 * The rules that keep menus, macros and recorded macros consistent: checked for every command in the SciJava
 * plugin index and every line of plugins.config.
 */
class CommandConventionsTest {

	static final Pattern LINE = Pattern.compile("^\\s*([^,]+),\\s*\"([^\"]+)\",\\s*([\\w.]+)(?:\\(\"([^\"]*)\"\\))?\\s*$");

	/** Command classes listed in the annotation index that scijava-common's processor wrote. */
	static List<String> indexedCommands() throws Exception {
		Path index = Paths.get("target/classes/META-INF/json/org.scijava.plugin.Plugin");
		assertTrue(Files.exists(index), "SciJava plugin index missing: annotation processing did not run");
		String json = new String(Files.readAllBytes(index), StandardCharsets.UTF_8);
		Matcher m = Pattern.compile("\"class\":\"([^\"]+)\"").matcher(json);
		List<String> out = new ArrayList<>();
		while (m.find()) out.add(m.group(1));
		return out;
	}

	static List<String[]> configLines() throws Exception {
		List<String[]> out = new ArrayList<>();
		for (String l : Files.readAllLines(Paths.get("plugins.config"))) {
			if (l.trim().isEmpty() || l.trim().startsWith("#")) continue;
			Matcher m = LINE.matcher(l);
			assertTrue(m.matches(), "malformed plugins.config line: " + l);
			out.add(new String[] { m.group(1).trim(), m.group(2), m.group(3), m.group(4) });
		}
		return out;
	}

	@Test
	void everyCommandIsInPluginsConfigUnderItsOwnLabel() throws Exception {
		Set<String> bridged = new HashSet<>(), labels = new HashSet<>();
		for (String[] l : configLines()) {
			assertTrue(l[0].startsWith("Plugins>CathodeJ>"), "menu outside Plugins>CathodeJ: " + l[0]);
			assertTrue(labels.add(l[1]), "duplicate label " + l[1]);
			if (l[2].equals("org.cathodej.ij1.CommandBridge")) {
				CommandSpec spec = CommandSpec.forName(l[3], getClass().getClassLoader());
				assertEquals(l[1], spec.label(), "plugins.config label differs from @Plugin(label) of " + l[3]);
				bridged.add(l[3]);
			} else {
				Class.forName(l[2]); // plain IJ1 plugins must exist
			}
		}
		for (String c : indexedCommands()) {
			Class<?> k = Class.forName(c);
			if (!CathodeJCommand.class.isAssignableFrom(k)) continue;
			assertTrue(bridged.contains(c), c + " is a command but has no plugins.config line");
			assertEquals("", k.getAnnotation(Plugin.class).menuPath(), c + " must not have a menuPath (Fiji would duplicate the entry)");
		}
		assertFalse(bridged.isEmpty());
	}

	@Test
	void parametersFollowTheMacroRules() throws Exception {
		for (String[] l : configLines()) {
			if (!l[2].equals("org.cathodej.ij1.CommandBridge")) continue;
			CommandSpec spec = CommandSpec.forName(l[3], getClass().getClassLoader());
			Object defaults = spec.newInstance();
			List<String> names = new ArrayList<>();
			for (ParameterSpec p : spec.inputs()) {
				assertTrue(p.name().matches("[a-z][a-z0-9_]*"), spec.label() + ": '" + p.name() + "' is not lowercase snake_case");
				assertNotEquals(ParameterSpec.Kind.OTHER, p.kind(), spec.label() + ": unsupported input type of " + p.name());
				if (p.kind() == ParameterSpec.Kind.IMAGE) assertFalse(p.isPersisted(), spec.label() + ": image " + p.name() + " must be persist=false");
				if (p.kind() == ParameterSpec.Kind.BOOLEAN)
					assertEquals(Boolean.FALSE, p.get(defaults), spec.label() + ": boolean " + p.name() + " must default to false (absent = false in macros)");
				if (p.kind() == ParameterSpec.Kind.CHOICE)
					assertTrue(p.choices().contains(String.valueOf(p.get(defaults))), spec.label() + ": default of " + p.name() + " is not a choice");
				if (p.kind() == ParameterSpec.Kind.INTEGER || p.kind() == ParameterSpec.Kind.REAL) {
					double d = ((Number) p.get(defaults)).doubleValue();
					assertTrue(d >= p.min() && d <= p.max(), spec.label() + ": default of " + p.name() + " outside its bounds");
				}
				names.add(p.name());
			}
			for (String a : names)
				for (String b : names)
					assertFalse(!a.equals(b) && a.endsWith("_" + b), spec.label() + ": '" + a + "' ends with '_" + b
						+ "'; ImageJ's Macro.getValue would confuse them");
		}
	}
}
