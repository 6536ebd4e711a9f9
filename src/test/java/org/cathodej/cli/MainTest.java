package org.cathodej.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import java.nio.file.Paths;
import java.util.ArrayList;

import org.cathodej.guide.Example;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.MacroOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.cathodej.run.ParameterSpec;
import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: same numbers as the macro, every command listed and described, exit codes and messages. */
class MainTest {

	@TempDir
	static Path tmp;

	static Path phantom;

	/** What one command-line run returned and printed. */
	static final class Run {
		int code;
		String out, err;

		@Override
		public String toString() {
			return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
		}
	}

	static Run cli(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		Run r = new Run();
		r.code = Main.run(args, new PrintStream(o, true), new PrintStream(e, true));
		r.out = o.toString(StandardCharsets.UTF_8);
		r.err = e.toString(StandardCharsets.UTF_8);
		return r;
	}

	@BeforeAll
	static void makePhantom() {
		phantom = tmp.resolve("phantom dir/cathode.tif");
		Run r = cli("synthetic_cathode", "width=40", "height=36", "depth=32", "voxel_size=0.12", "slice_thickness=0.2", "clustering=0.4", "seed=5",
			"--out", phantom.getParent().toString());
		assertEquals(0, r.code, r.toString());
		assertTrue(r.out.contains("synthetic_cathode_phantom.tif"), r.toString());
		phantom = phantom.resolveSibling("synthetic_cathode_phantom.tif");
	}

	@Test
	void givesTheSameTablesAsTheMacro() throws Exception {
		Path macroOut = tmp.resolve("macro"), cliOut = tmp.resolve("cli");
		String options = "pore_label=0 cam_label=1 ise_label=2 cam_weight_fraction=0.62 cam_density=4.8 pellet_mass=20 pellet_area=0.785 pellet_thickness=120 profile_axis=x";
		MacroHarness.Result m = MacroHarness.run("setBatchMode(true); open(\"" + phantom + "\");\n"
			+ "run(\"Phase Fractions\", \"" + options + " output_dir=[\" + getArgument() + \"]\");\n", macroOut.toString());
		String[] args = ("Phase Fractions|" + phantom + "|" + options.replace(' ', '|') + "|--out|" + cliOut).split("\\|");
		Run r = cli(args);
		assertEquals(0, r.code, r.toString());
		List<String> tables = csvs(macroOut);
		assertEquals(List.of("phase_fractions_fractions.csv", "phase_fractions_profiles.csv"), tables, m.log());
		assertEquals(tables, csvs(cliOut));
		for (String t : tables) assertArrayEquals(Files.readAllBytes(macroOut.resolve(t)), Files.readAllBytes(cliOut.resolve(t)), t);
		// the same recorded macro line and the same input checksum in the provenance
		String mj = Files.readString(macroOut.resolve("phase_fractions_fractions.json")), cj = Files.readString(cliOut.resolve("phase_fractions_fractions.json"));
		assertEquals(field(mj, "\"checksum\""), field(cj, "\"checksum\""));
		assertEquals(field(mj, "\"macro\"").replace(macroOut.toString(), "DIR"), field(cj, "\"macro\"").replace(cliOut.toString(), "DIR"));
		assertTrue(cj.contains("\"file\": \"" + phantom.toAbsolutePath()), "the sidecar names the input file\n" + cj);
	}

	/**
	 * Every command that reads an image, on its user-guide example (input phantom and options): the CLI writes
	 * the same CSV bytes as the macro.
	 */
	@TestFactory
	Stream<DynamicTest> everyAnalysisGivesTheMacrosTablesOnTheCommandLine() {
		CommandCatalog catalog = CommandCatalog.load();
		return catalog.entries().stream().filter(e -> e.spec().inputs().stream().anyMatch(p -> p.kind() == ParameterSpec.Kind.IMAGE))
			// the example gives one image; commands that need a second one (training labels, ground truth) are covered by their macro tests
			.filter(e -> e.spec().inputs().stream().filter(p -> p.kind() == ParameterSpec.Kind.IMAGE && p.isRequired()).count() <= 1)
			.map(e -> DynamicTest.dynamicTest(e.spec().label(), () -> {
				CommandSpec spec = e.spec();
				Example ex = Example.of(spec, Paths.get("docs/guide-src"), null);
				Path dir = tmp.resolve("each").resolve(spec.fileStem());
				List<String> args = new ArrayList<>();
				Run r;
				// the example's input, step by step ("A opts ; B opts": each step's first image is the next one's input)
				Path tif = null;
				int step = 0;
				for (String command : ex.inputCommand.split(";")) {
					Object[] in = Example.findCommand(catalog, command.trim());
					CommandSpec inSpec = ((CommandCatalog.Entry) in[0]).spec();
					Path stepOut = dir.resolve("input" + step++);
					args.clear();
					args.add(inSpec.fileStem());
					if (tif != null) args.add(tif.toString());
					MacroOptions.parse((String) in[1]).forEach((k, v) -> args.add(k + "=" + v));
					args.addAll(List.of("--out", stepOut.toString()));
					r = cli(args.toArray(new String[0]));
					assertEquals(0, r.code, r.toString());
					tif = null;
					for (ParameterSpec o : inSpec.outputs())
						if (tif == null && o.type() == ij.ImagePlus.class) tif = stepOut.resolve(inSpec.outputFileName(o));
					assertNotNull(tif);
				}

				Path macroOut = dir.resolve("macro"), cliOut = dir.resolve("cli");
				// a further image named by title in the example (e.g. training labels) is the input itself: renamed so in the
				// macro, given as the file on the command line
				String named = null;
				for (Map.Entry<String, String> o : MacroOptions.parse(ex.options).entrySet())
					if (spec.input(o.getKey()) != null && spec.input(o.getKey()).kind() == ParameterSpec.Kind.IMAGE) named = o.getValue();
				MacroHarness.Result m = MacroHarness.run("setBatchMode(true); open(\"" + tif + "\");\n"
					+ (named == null ? "" : "rename(\"" + named + "\");\n") + "run(\"" + spec.label() + "\", \""
					+ ex.options.replace("\"", "\\\"") + " output_dir=[\" + getArgument() + \"]\");\n", macroOut.toString());
				args.clear();
				args.addAll(List.of(spec.label(), tif.toString()));
				Path inTif = tif;
				MacroOptions.parse(ex.options).forEach((k, v) -> args.add(k + "="
					+ (spec.input(k) != null && spec.input(k).kind() == ParameterSpec.Kind.IMAGE ? inTif.toString() : v)));
				args.addAll(List.of("--out", cliOut.toString()));
				r = cli(args.toArray(new String[0]));
				assertEquals(0, r.code, r.toString());
				List<String> tables = csvs(macroOut);
				assertFalse(tables.isEmpty(), "the macro wrote no table\n" + m.log());
				assertEquals(tables, csvs(cliOut));
				for (String t : tables)
					assertArrayEquals(Files.readAllBytes(macroOut.resolve(t)), Files.readAllBytes(cliOut.resolve(t)), spec.label() + ": " + t);
			}));
	}

	private static String field(String json, String key) {
		int i = json.indexOf(key);
		assertTrue(i >= 0, key + " missing in\n" + json);
		return json.substring(i, json.indexOf('\n', i));
	}

	private static List<String> csvs(Path dir) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void listsAndDescribesEveryCommandOfPluginsConfig() {
		Run list = cli("list");
		assertEquals(0, list.code, list.toString());
		List<CommandCatalog.Entry> entries = CommandCatalog.load().entries();
		assertTrue(entries.size() >= 3);
		for (CommandCatalog.Entry e : entries) {
			assertTrue(list.out.contains(e.spec().fileStem()) && list.out.contains("\"" + e.spec().label() + "\""), list.out);
			for (String name : new String[] { e.spec().fileStem(), e.spec().label() }) {
				Run help = cli("help", name);
				assertEquals(0, help.code, help.toString());
				for (ParameterSpec p : e.spec().inputs()) assertTrue(help.out.contains(p.name()), p.name() + " missing\n" + help.out);
				for (ParameterSpec p : e.spec().outputs()) assertTrue(help.out.contains(p.name()), p.name() + " missing\n" + help.out);
			}
		}
		Run help = cli("help", "phase_fractions");
		assertTrue(help.out.contains("cam_weight_fraction    number   default 0.7, range 0 .. 1"), help.out);
		assertTrue(help.out.contains("one of: x, y, z"), help.out);
	}

	@Test
	void analyseRunsEveryAnalysisIntoOneFolder() throws Exception {
		Path out = tmp.resolve("analyse");
		Run r = cli("analyse", phantom.toString(), "cam_label=1", "--out", out.toString());
		assertEquals(0, r.code, r.toString());
		int analyses = 0;
		for (CommandCatalog.Entry e : CommandCatalog.load().entries()) {
			if (!e.submenu().equals("Analyze")) continue;
			analyses++;
			assertTrue(r.err.contains("== " + e.spec().label()), r.err);
			try (Stream<Path> s = Files.list(out)) {
				assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith(e.spec().fileStem() + "_")), e.spec().label() + " wrote nothing");
			}
		}
		assertTrue(analyses >= 1);
		r = cli("analyse", phantom.toString(), "cam_lable=1", "--out", out.toString());
		assertEquals(Main.USAGE, r.code, r.toString());
		assertTrue(r.err.contains("unknown parameter 'cam_lable' for analyse"), r.err);
	}

	@Test
	void badUsageExitsWithTwoAndSaysWhy() {
		String tif = phantom.toString(), out = tmp.resolve("bad").toString();
		Run r = cli();
		assertEquals(Main.USAGE, r.code);
		assertTrue(r.err.contains("Usage:"), r.err);
		r = cli("phase_fraction", tif, "--out", out);
		assertEquals(Main.USAGE, r.code);
		assertTrue(r.err.contains("unknown command 'phase_fraction'") && r.err.contains("phase_fractions"), r.err);
		r = cli("phase_fractions", tif, "cam_lable=1", "--out", out);
		assertEquals(Main.USAGE, r.code);
		assertTrue(r.err.contains("unknown parameter 'cam_lable'") && r.err.contains("Valid parameters: labels, pore_label"), r.err);
		r = cli("phase_fractions", tif, "cam_weight_fraction=1.5", "--out", out);
		assertEquals(Main.USAGE, r.code);
		assertTrue(r.err.contains("'cam_weight_fraction' of Phase Fractions: 1.5 is outside 0 .. 1"), r.err);
		r = cli("phase_fractions", tif, "profile_axis=w", "--out", out);
		assertEquals(Main.USAGE, r.code);
		assertTrue(r.err.contains("choose one of x, y, z"), r.err);
		r = cli("phase_fractions", tif);
		assertEquals(Main.USAGE, r.code);
		assertTrue(r.err.contains("--out DIR"), r.err);
		r = cli("phase_fractions", "--out", out);
		assertEquals(Main.USAGE, r.code);
		assertTrue(r.err.contains("needs an image file for 'labels'"), r.err);
		r = cli("phase_fractions", tif, tif, "--out", out);
		assertEquals(Main.USAGE, r.code);
		assertTrue(r.err.contains("too many image files"), r.err);
		r = cli("phase_fractions", tif, "--frobnicate", "--out", out);
		assertEquals(Main.USAGE, r.code);
		assertTrue(r.err.contains("unknown option '--frobnicate'"), r.err);
		assertFalse(Files.exists(tmp.resolve("bad/phase_fractions_fractions.csv")), "nothing may be written on bad usage");
	}

	@Test
	void refusesToOverwriteUnlessAsked() {
		String out = tmp.resolve("twice").toString();
		assertEquals(0, cli("analytic_phantom", "width=8", "height=8", "depth=8", "--out", out).code);
		Run r = cli("analytic_phantom", "width=8", "height=8", "depth=8", "--out", out);
		assertEquals(Main.USAGE, r.code);
		assertTrue(r.err.contains("would overwrite analytic_phantom_phantom.tif"), r.err);
		assertTrue(r.err.contains("--overwrite") && !r.err.contains("overwrite=true"), "the hint names the command line flag\n" + r.err);
		r = cli("analytic_phantom", "width=8", "height=8", "depth=8", "--out", out, "--overwrite");
		assertEquals(0, r.code, r.toString());
		assertTrue(r.err.contains("overwrite=true"), "the recorded macro line keeps the flag\n" + r.err);
		r = cli("analytic_phantom", "width=8", "height=8", "depth=8", "overwrite", "shape=[boolean spheres]", "--out", out);
		assertEquals(0, r.code, "a bare flag key and a bracketed value as in macros\n" + r);
	}

	@Test
	void inputFileProblemsExitWithThree() throws Exception {
		String out = tmp.resolve("files").toString();
		Run r = cli("phase_fractions", tmp.resolve("missing.tif").toString(), "--out", out);
		assertEquals(Main.FILE, r.code, r.toString());
		assertTrue(r.err.contains("input file not found: " + tmp.resolve("missing.tif")), r.err);
		Path text = Files.writeString(tmp.resolve("notes.txt"), "not an image");
		r = cli("phase_fractions", "labels=" + text, "--out", out);
		assertEquals(Main.FILE, r.code, r.toString());
		assertTrue(r.err.contains("cannot open " + text + " as an image"), r.err);
		r = cli("phase_fractions", "--input", "labels=" + tmp, "--out", out);
		assertEquals(Main.FILE, r.code, r.toString());
		assertTrue(r.err.contains("holds no .tif/.tiff slices"), r.err);
	}

	@Test
	void memoryRefusalExitsWithFour() {
		Run r = cli("analytic_phantom", "width=8192", "height=8192", "depth=8192", "--out", tmp.resolve("huge").toString());
		assertEquals(Main.MEMORY, r.code, r.toString());
		assertTrue(r.err.contains("needs") && r.err.contains("memory"), r.err);
	}
}
