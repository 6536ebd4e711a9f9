package org.cathodej.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The tiers of docs/DEVELOPING.md, checked over the sources of src/main/java and src/tools/java: every package has a
 * package-info.java with a {@code Tier:} line; no package refers to a package of a higher tier (imports, static
 * imports and fully qualified names in code); core packages use no ImageJ, SciJava or AWT; the tools live in
 * src/tools/java (not in CathodeJ_.jar) and nothing else does.
 */
class TiersTest {

	/** Lowest first: a package may use its own tier and the ones before it. */
	static final List<String> TIERS = Arrays.asList("core", "fiji", "commands", "workflow", "entry", "tools");

	/** What a core package must not use: the UI and the ImageJ/SciJava frameworks. */
	static final Pattern NOT_IN_CORE = Pattern.compile("^(ij|org\\.scijava|net\\.imagej|java\\.awt|javax\\.swing)\\.");

	private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
	private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);
	private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])((?:org\\.cathodej|ij|org\\.scijava|net\\.imagej|java\\.awt|javax\\.swing)(?:\\.\\w+)+)");
	private static final Pattern TIER = Pattern.compile("^\\s*\\*?\\s*Tier:\\s*(\\w+)", Pattern.MULTILINE);

	static final Path MAIN = Paths.get("src/main/java"), TOOLS = Paths.get("src/tools/java");

	@Test
	void noPackageUsesAHigherTierAndCoreIsFrameworkFree() {
		Map<String, String> tiers = tiers();
		List<String> problems = new ArrayList<>();
		for (Path f : javaFiles()) problems.addAll(violations(tiers, read(f), f.toString()));
		if (!problems.isEmpty()) fail(problems.size() + " tier violation(s):\n" + String.join("\n", problems));
	}

	@Test
	void everyPackageStatesItsTierAndToolsStayOutOfTheJar() {
		Map<String, String> tiers = tiers();
		List<String> problems = new ArrayList<>();
		for (Path f : javaFiles()) {
			String pkg = packageOf(read(f));
			String tier = tiers.get(pkg);
			if (tier == null) problems.add(pkg + ": no package-info.java with a 'Tier:' line (" + f.getParent() + ")");
			else if (!TIERS.contains(tier)) problems.add(pkg + ": unknown tier '" + tier + "', not one of " + TIERS);
			else if (tier.equals("tools") != f.startsWith(TOOLS))
				problems.add(pkg + ": tier " + tier + " but in " + (f.startsWith(TOOLS) ? TOOLS : MAIN) + " (tools, and only they, live in "
					+ TOOLS + ", outside CathodeJ_.jar)");
		}
		if (!problems.isEmpty()) fail(String.join("\n", problems.stream().distinct().collect(Collectors.toList())));
		assertTrue(tiers.size() > 20, "found only " + tiers.size() + " packages: run from the project folder");
	}

	/** The checker itself catches what it is for (so a green run means something). */
	@Test
	void theCheckCatchesUpwardAndFrameworkReferences() {
		Map<String, String> tiers = new TreeMap<>();
		tiers.put("org.cathodej.surface", "core");
		tiers.put("org.cathodej.run", "fiji");
		tiers.put("org.cathodej.commands", "commands");
		String core = "package org.cathodej.surface;\nimport java.util.List;\nimport ij.ImagePlus;\nimport org.cathodej.run.CommandRunner;\n"
			+ "// ij.IJ in a comment is fine\nclass A { String s = \"java.awt.Color\"; Object p = java.awt.Color.RED; }\n";
		List<String> v = violations(tiers, core, "A.java");
		assertEquals(3, v.size(), String.join("\n", v));
		String runner = "package org.cathodej.run;\nimport static org.cathodej.commands.LabelAnalysisCommand.X;\nimport ij.IJ;\n";
		assertEquals(1, violations(tiers, runner, "B.java").size());
		assertEquals(0, violations(tiers, "package org.cathodej.commands;\nimport org.cathodej.run.CommandRunner;\nimport ij.IJ;\n", "C.java").size());
	}

	/** Upward references and, in core, framework references of one source file. */
	static List<String> violations(Map<String, String> tiers, String source, String where) {
		String pkg = packageOf(source);
		int own = TIERS.indexOf(tiers.get(pkg));
		List<String> v = new ArrayList<>();
		List<String> names = new ArrayList<>();
		Matcher m = IMPORT.matcher(source);
		while (m.find()) names.add(m.group(1));
		Matcher q = QUALIFIED.matcher(codeOnly(source.replaceAll("(?m)^(package|import)\\s.*$", "")));
		while (q.find()) names.add(q.group(1));
		for (String name : names) {
			if (own == 0 && NOT_IN_CORE.matcher(name).find()) v.add(where + ": core package " + pkg + " uses " + name);
			if (!name.startsWith("org.cathodej.")) continue;
			String target = owningPackage(name, tiers);
			int t = target == null ? -1 : TIERS.indexOf(tiers.get(target));
			if (t > own) v.add(where + ": " + pkg + " (" + TIERS.get(own) + ") uses " + name + " (" + TIERS.get(t) + ")");
		}
		return v;
	}

	/** The longest known package that {@code name} (a class, member or package) sits in. */
	static String owningPackage(String name, Map<String, String> tiers) {
		for (String p = name; p.contains("."); p = p.substring(0, p.lastIndexOf('.')))
			if (tiers.containsKey(p)) return p;
		return null;
	}

	/** The source without comments and string/char literals. */
	static String codeOnly(String s) {
		return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(?:\\\\.|[^'\\\\])'", "' '")
			.replaceAll("//[^\n]*", " ");
	}

	/** Package name to the tier its package-info.java states. */
	static Map<String, String> tiers() {
		Map<String, String> tiers = new TreeMap<>();
		for (Path f : javaFiles()) {
			if (!f.getFileName().toString().equals("package-info.java")) continue;
			String s = read(f);
			Matcher m = TIER.matcher(s);
			if (m.find()) tiers.put(packageOf(s), m.group(1));
		}
		return tiers;
	}

	static String packageOf(String source) {
		Matcher m = PACKAGE.matcher(source);
		return m.find() ? m.group(1) : "";
	}

	static List<Path> javaFiles() {
		List<Path> files = new ArrayList<>();
		for (Path root : Arrays.asList(MAIN, TOOLS)) {
			if (!Files.isDirectory(root)) continue;
			try (Stream<Path> s = Files.walk(root)) {
				s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return files;
	}

	static String read(Path f) {
		try {
			return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
