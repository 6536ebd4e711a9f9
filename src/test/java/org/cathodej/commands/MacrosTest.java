package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pipeline in macros/ runs headless on a phantom (the macros generate one when no image is open) and must
 * finish by writing summary.md into the folder given as argument, without a macro error.
 */
class MacrosTest {

	@TempDir
	Path tmp;

	@TestFactory
	Stream<DynamicTest> everyShippedMacroRunsToItsSummary() throws IOException {
		List<Path> macros;
		try (Stream<Path> s = Files.list(Paths.get("macros"))) {
			macros = s.filter(p -> p.toString().endsWith(".ijm")).sorted().collect(Collectors.toList());
		}
		assertFalse(macros.isEmpty());
		return macros.stream().map(m -> DynamicTest.dynamicTest(m.getFileName().toString(), () -> {
			Path out = tmp.resolve(m.getFileName().toString().replace(".ijm", ""));
			MacroHarness.Result r = MacroHarness.runFile(m, out.toString() + "/");
			assertFalse(r.log().contains("Macro Error"), r.log());
			Path summary = out.resolve("summary.md");
			assertTrue(Files.exists(summary), "no summary.md from " + m + "\n" + r.log());
			assertTrue(Files.size(summary) > 50, "summary.md of " + m + " is nearly empty");
			if (m.getFileName().toString().equals("pipeline_raw_to_analysis.ijm")) {
				// the demo's segmentation against its truth (cropped to the aligned canvas): measured accuracy 0.935 and
				// fraction errors within 0.007; a swapped CAM/ISE order or a misplaced crop would give far less
				List<String> q = Files.readAllLines(out.resolve("segment").resolve("compare_with_ground_truth_quality.csv"));
				List<String> head = java.util.Arrays.asList(q.get(0).split(","));
				for (int i = 1; i <= 3; i++) {
					String[] c = q.get(i).split(",");
					assertTrue(Double.parseDouble(c[head.indexOf("accuracy")]) >= 0.92, q.get(i));
					assertEquals(0, Double.parseDouble(c[head.indexOf("fraction_error")]), 0.02, q.get(i));
				}
				// the analysis of the central part still sees the demo phantom's 8 % pore, 35 % CAM, 57 % ISE
				List<String> rows = Files.readAllLines(out.resolve("analysis").resolve("phase_fractions_fractions.csv"));
				double[] truth = { 0.08, 0.35, 0.57 };
				for (int i = 0; i < 3; i++) {
					String[] c = rows.get(i + 1).split(",");
					assertEquals(truth[i], Double.parseDouble(c[5]), 0.07, rows.get(0) + "\n" + rows.get(i + 1));
				}
			}
			if (m.getFileName().toString().equals("analyse_folder.ijm")) {
				// three demo samples, each analysed into its own folder, one row each in the series table
				String s = new String(Files.readAllBytes(summary), java.nio.charset.StandardCharsets.UTF_8);
				for (String c : new String[] { "0", "0.5", "1" }) {
					assertTrue(s.contains("| sample-clustering-" + c + " |"), s);
					assertTrue(Files.exists(out.resolve("sample-clustering-" + c).resolve("summary.md")));
				}
			}
		}));
	}
}
