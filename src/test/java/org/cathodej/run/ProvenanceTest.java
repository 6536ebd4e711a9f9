package org.cathodej.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cathodej.commands.LabelAnalysisCommand;
import org.cathodej.guide.Example;
import org.cathodej.run.FijiContext;
import org.cathodej.imagej.Checksums;
import org.cathodej.imagej.Volumes;
import org.cathodej.image.VoxelSize;
import org.cathodej.results.Version;
import org.cathodej.testing.MiniJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file every command of plugins.config writes (run on its user-guide example phantom) has a JSON sidecar
 * with CathodeJ's version, the command, all its parameters, the conventions (phase labels for label analyses, axes
 * and length unit for anything read from an image) and each input image's name, size, calibration and checksum.
 */
class ProvenanceTest {

	@TempDir
	Path tmp;

	@TestFactory
	Stream<DynamicTest> everyResultFileHasACompleteSidecar() {
		CommandCatalog catalog = CommandCatalog.load();
		return catalog.entries().stream().map(e -> DynamicTest.dynamicTest(e.spec().label(), () -> {
			CommandSpec spec = e.spec();
			Example ex = Example.of(spec, Paths.get("docs/guide-src"), tmp.resolve(spec.fileStem())).run(catalog, FijiContext.get());
			List<Path> files;
			try (Stream<Path> s = Files.list(ex.outDir)) {
				// sub-folders (a series' per-sample results, with sidecars of their own) and HTML reports are not
				// outputs of the command itself
				files = s.filter(p -> !Files.isDirectory(p) && !p.toString().endsWith(".html")).sorted().collect(Collectors.toList());
			}
			List<Path> results = files.stream().filter(p -> !p.toString().endsWith(".json")).collect(Collectors.toList());
			assertFalse(results.isEmpty(), spec.label() + " wrote nothing");
			int tables = 0;
			for (Path f : results) {
				String n = f.getFileName().toString();
				assertTrue(n.matches(spec.fileStem() + "_[a-z0-9_]+\\.(csv|png|tif)"), "unexpected file " + n);
				tables += n.endsWith(".csv") ? 1 : 0;
				Path side = f.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".json");
				assertTrue(Files.exists(side), n + " has no JSON sidecar");
				check(spec, ex, n, side);
			}
			long expectedTables = spec.outputs().stream().filter(o -> org.cathodej.run.CommandSpec.isTable(o.type()) && ex.result.output(o.name()) != null).count();
			assertEquals(expectedTables, tables, spec.label() + ": every table output must be saved as CSV");
			assertEquals(files.size(), 2 * results.size(), "a sidecar without its file in " + files);
		}));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> inputsOf(Map<String, Object> sidecar) {
		return (Map<String, Object>) sidecar.get("inputs");
	}

	@SuppressWarnings("unchecked")
	private static void check(CommandSpec spec, Example ex, String file, Path side) throws Exception {
		Map<String, Object> m = (Map<String, Object>) MiniJson.parse(Files.readString(side));
		String where = side.getFileName() + ": ";
		assertEquals(Version.get(), m.get("version"), where + "version");
		assertNotEquals("unknown", m.get("version"), where + "version");
		assertEquals(spec.label(), m.get("command"), where + "command");
		assertEquals(spec.type().getName(), m.get("command_class"));
		assertEquals(file, m.get("file"));
		assertEquals(ex.result.macroLine(), m.get("macro"), where + "macro line");

		Map<String, Object> params = (Map<String, Object>) m.get("parameters");
		for (ParameterSpec p : spec.inputs()) {
			assertTrue(params.containsKey(p.name()), where + "parameter " + p.name() + " missing");
			if (p.kind() == ParameterSpec.Kind.IMAGE)
				assertEquals(inputsOf(m).containsKey(p.name()) ? ex.input.getTitle() : "", params.get(p.name()), where + p.name());
			if (p.kind() != ParameterSpec.Kind.IMAGE) {
				String given = MacroOptions.parse(ex.options).get(p.name());
				Object expected = given != null ? p.parse(given, spec.label()) : p.kind() == ParameterSpec.Kind.BOOLEAN ? false : p.get(spec.newInstance());
				if (p.name().equals("output_dir")) expected = ex.outDir.toString();
				assertEquals(ParameterSpec.format(expected), params.get(p.name()), where + p.name());
			}
		}

		Map<String, Object> conv = (Map<String, Object>) m.get("conventions");
		assertNotNull(conv, where + "conventions");
		if (LabelAnalysisCommand.class.isAssignableFrom(spec.type())) {
			Map<String, Object> labels = (Map<String, Object>) conv.get("phase_labels");
			assertNotNull(labels, where + "phase labels");
			for (String k : new String[] { "pore_label", "cam_label", "ise_label" })
				assertEquals(params.get(k), ParameterSpec.format(labels.get(k)), where + k);
		}
		Map<String, Object> inputs = (Map<String, Object>) m.get("inputs");
		if (ex.input == null) {
			assertTrue(inputs.isEmpty(), where + "inputs of a command without images");
			return;
		}
		assertTrue(conv.containsKey("axes") && conv.containsKey("length_unit"), where + "axes and unit conventions");
		assertFalse(inputs.isEmpty(), where + "inputs");
		VoxelSize vs = Volumes.voxelSize(ex.input);
		for (Object o : inputs.values()) {
			Map<String, Object> in = (Map<String, Object>) o;
			assertEquals(ex.input.getTitle(), in.get("title"));
			assertEquals(ex.input.getWidth(), ((Number) in.get("width")).intValue());
			assertEquals(ex.input.getHeight(), ((Number) in.get("height")).intValue());
			assertEquals(ex.input.getStackSize(), ((Number) in.get("slices")).intValue());
			assertEquals(ex.input.getBitDepth(), ((Number) in.get("bit_depth")).intValue());
			Map<String, Object> cal = (Map<String, Object>) in.get("calibration");
			assertEquals(vs.x(), ((Number) cal.get("voxel_width")).doubleValue(), 0);
			assertEquals(vs.z(), ((Number) cal.get("voxel_depth")).doubleValue(), 0);
			assertEquals(vs.unit(), cal.get("unit"));
			assertEquals(Checksums.pixels(ex.input), in.get("checksum"), where + "checksum");
			assertTrue(((String) in.get("checksum")).matches("crc32c:[0-9a-f]{8}"));
		}
	}
}
