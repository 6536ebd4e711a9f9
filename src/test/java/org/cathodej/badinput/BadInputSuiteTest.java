package org.cathodej.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.cathodej.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad and edge inputs on every command, through the command line (in-process) and through real macros: each row
 * is refused with its reason (exit code and key phrase) or handled with a stated result, never changes its inputs
 * and never leaves partial output. The rows are in {@link CliRows} and {@link MacroRows}.
 */
class BadInputSuiteTest {

	@TempDir
	static Path tmp;

	static BadInputs in;

	@BeforeAll
	static void makeInputs() throws Exception {
		in = new BadInputs(tmp.resolve("inputs"));
		Path work = Files.createDirectories(tmp.resolve("work"));
		classifier(work, "classifier_bse");
		classifier(work, "classifier_bse_se", "se=" + in.get("se"));
		byte[] c = Files.readAllBytes(in.get("classifier_bse"));
		in.put("classifier_truncated", "truncated.classifier", Arrays.copyOf(c, c.length * 2 / 5));
		sampleTables();
	}

	private static void classifier(Path work, String name, String... more) throws Exception {
		Path f = work.resolve(name + ".classifier");
		List<String> args = new ArrayList<>(List.of("train_pixel_classifier", in.get("bse").toString(), "training_labels=" + in.get("scribbles"),
			"trees=3", "scales=1", "classifier_file=" + f, "--out", work.resolve(name).toString()));
		args.addAll(Arrays.asList(more));
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
		in.put(name, name + ".classifier", Files.readAllBytes(f));
	}

	private static void sampleTables() throws Exception {
		byte[] labels = Files.readAllBytes(in.get("labels"));
		in.put("series_a", "series/a.tif", labels);
		in.put("series_b", "series/b.tif", Files.readAllBytes(in.get("labels_aniso")));
		in.put("series_t", "series/t.tif", Files.readAllBytes(in.get("truncated")));
		table("table", "name,file,pressure\nA,a.tif,1\nB,b.tif,2\n");
		table("table_short", "name,file,pressure\nA,a.tif,1\nB,b.tif\n");
		table("table_extra", "name,file,pressure\nA,a.tif,1,9\n");
		table("table_truncated", "name,file,pressure\nT,t.tif,1\n");
		table("table_blank", "name,file,pressure\nA,a.tif,1\n\n,,\nB,b.tif,\n");
	}

	private static void table(String name, String text) throws Exception {
		in.put(name, "series/" + name + ".csv", text.getBytes(StandardCharsets.UTF_8));
	}

	static List<Row> rows() {
		List<Row> rows = new ArrayList<>(CliRows.rows());
		rows.addAll(MacroRows.rows());
		return rows;
	}

	@Test
	void theInputsAreTheKindsTheyClaim() {
		in.checkKinds();
	}

	@Test
	void coversEnoughRowsAndEveryCommand() {
		List<Row> rows = rows();
		long macro = rows.stream().filter(r -> r.macro).count();
		assertTrue(rows.size() >= 150 && macro >= 25, rows.size() + " rows, " + macro + " through macros");
		for (org.cathodej.run.CommandCatalog.Entry e : org.cathodej.run.CommandCatalog.load().entries()) {
			String stem = e.spec().fileStem(), label = e.spec().label();
			assertTrue(rows.stream().anyMatch(r -> r.template[0].equals(stem) || r.template[0].contains("\"" + label + "\"")), "no row for " + label);
		}
	}

	@TestFactory
	Stream<DynamicTest> everyRow() {
		List<Row> rows = rows();
		List<DynamicTest> tests = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			Row r = rows.get(i);
			Path out = tmp.resolve("runs").resolve(String.format("%03d", i));
			tests.add(DynamicTest.dynamicTest(r.toString(), () -> r.run(in, out)));
		}
		return tests.stream();
	}
}
