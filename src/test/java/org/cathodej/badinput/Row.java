package org.cathodej.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.cathodej.cli.Main;
import org.cathodej.testing.MacroHarness;

/**
 * One row of the bad-input suite: a command line (run in-process through {@link Main#run}) or a macro (run through
 * ImageJ 1.x by {@link MacroHarness}), with {name} placeholders for the inputs of {@link BadInputs} and {out} for
 * the row's own output folder, and the expected outcome: an exit code with a key phrase of the message (several
 * allowed, separated by '|'), or success with a check of what was written. Every row checks that the inputs are
 * unchanged; a refused row checks that its output folder is exactly as before (nothing partial left behind).
 */
final class Row {

	/** What a run printed and returned. */
	static final class Outcome {
		int code;
		String text;
		Path out;
	}

	final String name;
	final boolean macro;
	final String[] template;
	int code;
	String phrase;
	Consumer<Outcome> check;
	Consumer<Path> prepare;

	private Row(String name, boolean macro, String... template) {
		this.name = name;
		this.macro = macro;
		this.template = template;
	}

	static Row cli(String name, String... args) {
		return new Row(name, false, args);
	}

	static Row macro(String name, String body) {
		return new Row(name, true, body);
	}

	/** Refused with this exit code (macro rows: the macro stops) and a message containing one of the phrases. */
	Row fails(int exitCode, String phrases) {
		this.code = exitCode;
		this.phrase = phrases;
		return this;
	}

	Row ok(Consumer<Outcome> check) {
		this.code = 0;
		this.check = check;
		return this;
	}

	/** Fills the output folder before the run (e.g. with existing results that must survive). */
	Row before(Consumer<Path> prepare) {
		this.prepare = prepare;
		return this;
	}

	@Override
	public String toString() {
		return (macro ? "macro: " : "cli: ") + name;
	}

	void run(BadInputs in, Path out) {
		if (prepare != null) prepare.accept(out);
		Map<String, Long> inputsBefore = snapshot(in.dir), outBefore = snapshot(out);
		Outcome o = macro ? runMacro(in, out) : runCli(in, out);
		assertEquals(inputsBefore, snapshot(in.dir), "inputs changed by " + this + "\n" + o.text);
		if (code == 0) {
			assertEquals(0, o.code, this + " should succeed\n" + o.text);
			if (check != null) check.accept(o);
			return;
		}
		assertEquals(code, o.code, this + ": exit code\n" + o.text);
		assertTrue(containsAny(o.text, phrase), this + ": expected '" + phrase + "' in\n" + o.text);
		assertFalse(o.text.contains("\tat org.") || o.text.contains("\tat java."), this + ": a refusal needs no stack trace\n" + o.text);
		assertEquals(outBefore, snapshot(out), this + ": a refused run must leave the output folder as it was\n" + o.text);
	}

	private Outcome runCli(BadInputs in, Path out) {
		String[] args = new String[template.length];
		for (int i = 0; i < args.length; i++) args[i] = expand(template[i], in, out);
		ByteArrayOutputStream so = new ByteArrayOutputStream(), se = new ByteArrayOutputStream();
		Outcome o = new Outcome();
		o.code = Main.run(args, new PrintStream(so, true, StandardCharsets.UTF_8), new PrintStream(se, true, StandardCharsets.UTF_8));
		o.text = "args: " + String.join(" | ", args) + "\nstdout:\n" + so.toString(StandardCharsets.UTF_8) + "stderr:\n"
			+ se.toString(StandardCharsets.UTF_8);
		o.out = out;
		return o;
	}

	/** Macro rows: exit code 0 when the macro ran to its end (it prints a marker last), else 2 (it was stopped). */
	private Outcome runMacro(BadInputs in, Path out) {
		String body = "setBatchMode(true);\n" + expand(template[0], in, out) + "\nprint(\"ROW-FINISHED\");\n";
		MacroHarness.Result r = MacroHarness.run(body, "");
		Outcome o = new Outcome();
		o.text = "macro:\n" + body + "\nlog:\n" + r.log();
		o.code = r.log().contains("ROW-FINISHED") && !r.log().contains("Macro Error") ? 0 : 2;
		o.out = out;
		return o;
	}

	private static final Pattern NAME = Pattern.compile("\\{([a-z0-9_]+)\\}");

	static String expand(String s, BadInputs in, Path out) {
		Matcher m = NAME.matcher(s);
		StringBuffer sb = new StringBuffer();
		while (m.find()) {
			String key = m.group(1);
			m.appendReplacement(sb, Matcher.quoteReplacement(key.equals("out") ? out.toString() : in.get(key).toString()));
		}
		return m.appendTail(sb).toString();
	}

	static boolean containsAny(String text, String phrases) {
		String t = text.toLowerCase(Locale.ROOT);
		for (String p : phrases.split("\\|"))
			if (t.contains(p.toLowerCase(Locale.ROOT))) return true;
		return false;
	}

	/** Every file under a folder with a checksum of its bytes (empty when the folder does not exist). */
	static Map<String, Long> snapshot(Path dir) {
		Map<String, Long> m = new TreeMap<>();
		if (!Files.exists(dir)) return m;
		if (!Files.isDirectory(dir)) {
			m.put("(file)", crc(dir));
			return m;
		}
		try (Stream<Path> s = Files.walk(dir)) {
			List<Path> all = new ArrayList<>();
			s.forEach(all::add);
			for (Path p : all) m.put(dir.relativize(p).toString() + (Files.isDirectory(p) ? "/" : ""), Files.isDirectory(p) ? 0L : crc(p));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return m;
	}

	private static long crc(Path p) {
		try {
			CRC32 c = new CRC32();
			c.update(Files.readAllBytes(p));
			return c.getValue();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
