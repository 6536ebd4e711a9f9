package org.cathodej.workflow.series;

import org.cathodej.results.CsvTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cathodej.commands.SyntheticCathodeCommand;
import org.cathodej.workflow.suite.AnalysisSuite;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.MacroOptions;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A series of synthetic cathodes with rising pore fraction through the series runner: the pore-fraction
 * descriptor rises with it, a second run reads every stored result without running anything, and a changed option
 * reruns only the analyses that have it.
 */
class SeriesTest {

	static final double[] PORES = { 0.02, 0.05, 0.08, 0.11, 0.14 };
	/** Few random walkers where that analysis is installed (its defaults take seconds per sample). */
	static final Map<String, String> FAST = new LinkedHashMap<>();

	@TempDir
	static Path tmp;
	static Path table;
	static AnalysisSuite suite;

	@BeforeAll
	static void phantoms() throws Exception {
		CommandRunner runner = new CommandRunner(null);
		StringBuilder csv = new StringBuilder("name,file,pore_fraction,\"pressing, note\"\n");
		for (int i = 0; i < PORES.length; i++) {
			Path d = tmp.resolve("data").resolve("p" + i);
			runner.run(CommandSpec.of(SyntheticCathodeCommand.class), MacroOptions.parse("width=32 height=32 depth=32 voxel_size=0.1 slice_thickness=0.1"
				+ " cam_fraction=0.45 cam_radius=0.6 pore_radius=0.25 seed=7 pore_fraction=" + PORES[i] + " output_dir=[" + d + "]"), null, Progress.NONE);
			csv.append("s").append(i).append(",data/p").append(i).append("/synthetic_cathode_phantom.tif,").append(PORES[i]).append(",\"a, b\"\n");
		}
		table = tmp.resolve("samples.csv");
		Files.write(table, csv.toString().getBytes(StandardCharsets.UTF_8));
		suite = new AnalysisSuite(CommandCatalog.load());
		if (suite.parameterNames().contains("walkers")) FAST.put("walkers", "100");
		if (suite.parameterNames().contains("steps")) FAST.put("steps", "2000");
	}

	static Map<Path, FileTime> times(Path dir) throws Exception {
		try (Stream<Path> s = Files.walk(dir)) {
			Map<Path, FileTime> m = new HashMap<>();
			for (Path p : s.filter(Files::isRegularFile).collect(Collectors.toList())) m.put(p, Files.getLastModifiedTime(p));
			return m;
		}
	}

	@Test
	void risingPoreFractionStoredResultsAndChangedOptions() throws Exception {
		SampleTable t = SampleTable.read(table);
		assertEquals(Arrays.asList("pore_fraction", "pressing, note"), t.parameterNames());
		assertEquals("a, b", t.samples().get(0).parameters().get("pressing, note"));
		Path out = tmp.resolve("out");
		SeriesRunner r = new SeriesRunner(suite, new CommandRunner(null));
		Map<String, String> opts = new LinkedHashMap<>(FAST);
		opts.put("cam_label", "1");
		SeriesResult first = r.run(t, opts, out, false, Progress.NONE);
		assertEquals(PORES.length * suite.entries().size(), first.analysesRun());
		double prev = -1;
		for (int i = 0; i < PORES.length; i++) {
			SeriesRow row = first.rows().get(i);
			assertEquals(SeriesRow.Status.COMPUTED, row.status());
			double phi = row.descriptor("phase_fractions.pore.volume_fraction");
			assertTrue(phi > prev, "pore fraction must rise along the series: " + phi + " after " + prev);
			assertEquals(PORES[i], phi, 0.03, "measured vs set pore fraction");
			prev = phi;
		}
		assertTrue(first.keyDescriptors().contains("phase_fractions.pore.volume_fraction"));
		for (String k : first.keyDescriptors()) assertTrue(first.descriptorNames().contains(k));

		// second run: everything is read; no file is rewritten
		Map<Path, FileTime> before = times(out);
		Thread.sleep(20);
		SeriesResult second = r.run(t, opts, out, false, Progress.NONE);
		assertEquals(0, second.analysesRun());
		for (int i = 0; i < PORES.length; i++) {
			assertEquals(SeriesRow.Status.READ, second.rows().get(i).status());
			assertEquals(first.rows().get(i).descriptors(), second.rows().get(i).descriptors());
		}
		assertEquals(before, times(out), "a second run must not rewrite stored results");

		// an option that only some analyses have reruns only those
		List<String> withSpacing = suite.entries().stream().filter(e -> e.spec().input("spacing") != null).map(e -> e.spec().label())
			.collect(Collectors.toList());
		assertFalse(withSpacing.isEmpty());
		opts.put("spacing", "3");
		SeriesResult third = r.run(t, opts, out, false, Progress.NONE);
		for (SeriesRow row : third.rows()) {
			assertEquals(withSpacing, row.ran());
			assertEquals(withSpacing.size() == suite.entries().size() ? SeriesRow.Status.COMPUTED : SeriesRow.Status.COMPLETED, row.status());
		}
		assertEquals(PORES.length, third.notes().size() / withSpacing.size(), third.notes().toString());

		// recompute runs everything
		assertEquals(PORES.length * suite.entries().size(), r.run(t, opts, out, true, Progress.NONE).analysesRun());

		// a table naming earlier result folders is read without label images
		Path t2 = tmp.resolve("stored.csv");
		Files.write(t2, ("name,results,pore_fraction\nold,out/s0,0.02\n").getBytes(StandardCharsets.UTF_8));
		SeriesResult fromStored = r.run(SampleTable.read(t2), opts, tmp.resolve("unused"), false, Progress.NONE);
		assertEquals(0, fromStored.analysesRun());
		assertEquals(first.rows().get(0).descriptor("phase_fractions.pore.volume_fraction"),
			fromStored.rows().get(0).descriptor("phase_fractions.pore.volume_fraction"), 0);
	}

	@Test
	void badSampleTables() throws Exception {
		Path noCols = tmp.resolve("nocols.csv");
		Files.write(noCols, "sample,path\na,x.tif\n".getBytes(StandardCharsets.UTF_8));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleTable.read(noCols));
		assertTrue(e.getMessage().contains("'name' and a 'file' column") && e.getMessage().contains("sample, path"), e.getMessage());

		Path missing = tmp.resolve("missing.csv");
		Files.write(missing, "name,file,t\na,nowhere.tif,1\n".getBytes(StandardCharsets.UTF_8));
		SampleTable t = SampleTable.read(missing);
		e = assertThrows(IllegalArgumentException.class,
			() -> new SeriesRunner(suite, new CommandRunner(null)).run(t, new HashMap<>(), tmp.resolve("o"), false, Progress.NONE));
		assertTrue(e.getMessage().contains("Label image of sample 'a' not found") && e.getMessage().contains("nowhere.tif"), e.getMessage());

		Path twice = tmp.resolve("twice.csv");
		Files.write(twice, "name,file\na,x.tif\na,y.tif\n".getBytes(StandardCharsets.UTF_8));
		assertThrows(IllegalArgumentException.class, () -> SampleTable.read(twice));

		Map<String, String> bad = new HashMap<>(FAST);
		bad.put("cam_lable", "1");
		e = assertThrows(IllegalArgumentException.class, () -> new SeriesRunner(suite, new CommandRunner(null)).run(SampleTable.read(table), bad,
			tmp.resolve("o2"), false, Progress.NONE));
		assertTrue(e.getMessage().contains("unknown parameter 'cam_lable'"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> SampleTable.read(tmp.resolve("absent.csv")));
	}

	@Test
	void descriptorNamesFromTables() {
		Map<String, Double> d = new LinkedHashMap<>();
		Descriptors.add(d, "cmd", "main", new CsvTable(Arrays.asList("Label", "phase", "a", "b"),
			Arrays.asList(Arrays.asList("CAM", "CAM", "1.5", "x"), Arrays.asList("CAM", "CAM", "2", "NaN"), Arrays.asList("pore x", "pore", "3", "4"))));
		Descriptors.add(d, "cmd", "single", new CsvTable(Arrays.asList("n", "unit"), Arrays.asList(Arrays.asList("7", "um"))));
		Descriptors.add(d, "cmd", "other", new CsvTable(Arrays.asList("Label", "a"), Arrays.asList(Arrays.asList("CAM", "9"))));
		Descriptors.add(d, "cmd", "histogram", new CsvTable(Arrays.asList("bin", "count"),
			Arrays.asList(Arrays.asList("0", "1"), Arrays.asList("1", "2"))));
		Map<String, Double> want = new LinkedHashMap<>();
		want.put("cmd.CAM.a", 1.5);
		want.put("cmd.CAM_2.a", 2.0);
		want.put("cmd.CAM_2.b", Double.NaN);
		want.put("cmd.pore x.a", 3.0);
		want.put("cmd.pore x.b", 4.0);
		want.put("cmd.n", 7.0);
		want.put("cmd.other.CAM.a", 9.0);
		assertEquals(want, d);
		// a one-row table labelled with the input image's title gives the same names for every sample
		Map<String, Double> img = new LinkedHashMap<>();
		Descriptors.add(img, "pores", "t", new CsvTable(Arrays.asList("Label", "d50"), Arrays.asList(Arrays.asList("sample-7.tif", "0.4"))),
			new java.util.HashSet<>(Arrays.asList("sample-7.tif")));
		assertEquals(java.util.Collections.singletonMap("pores.d50", 0.4), img);
		assertEquals(Arrays.asList("phase_fractions.pore.volume_fraction"),
			Descriptors.keys(Arrays.asList("x.y", "phase_fractions.pore.volume_fraction", "phase_fractions.pore.volume")));
	}

	@Test
	void csvQuoting() {
		List<List<String>> rows = CsvTable.parse("a,\"b,c\",\"d\"\"e\"\r\n1,,3\n\n");
		assertEquals(Arrays.asList(Arrays.asList("a", "b,c", "d\"e"), Arrays.asList("1", "", "3")), rows);
	}
}
