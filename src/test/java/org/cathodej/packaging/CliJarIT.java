package org.cathodej.packaging;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** target/cathodej-cli.jar runs on its own with `java -jar` (after `package`): lists, generates, analyses, fails cleanly. */
class CliJarIT {

	@TempDir
	Path tmp;

	static String[] run(String... args) throws Exception {
		List<String> cmd = new ArrayList<>(Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
			"-jar", Paths.get("target/cathodej-cli.jar").toString()));
		cmd.addAll(Arrays.asList(args));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
		return new String[] { Integer.toString(p.exitValue()), out };
	}

	@Test
	void theJarRunsCommandsOnItsOwn() throws Exception {
		assertTrue(Files.exists(Paths.get("target/cathodej-cli.jar")), "target/cathodej-cli.jar is built in `package`");
		String[] r = run("list");
		assertEquals("0", r[0], r[1]);
		assertTrue(r[1].contains("phase_fractions") && r[1].contains("\"Synthetic Cathode\""), r[1]);
		r = run("synthetic_cathode", "width=24", "height=24", "depth=24", "--out", tmp.toString());
		assertEquals("0", r[0], r[1]);
		r = run("Phase Fractions", tmp.resolve("synthetic_cathode_phantom.tif").toString(), "--out", tmp.toString());
		assertEquals("0", r[0], r[1]);
		assertTrue(Files.readString(tmp.resolve("phase_fractions_fractions.csv")).startsWith("Label,label_value,voxels,"));
		assertTrue(Files.readString(tmp.resolve("phase_fractions_fractions.json")).contains("\"command\": \"Phase Fractions\""));
		r = run("phase_fractions", tmp.resolve("none.tif").toString(), "--out", tmp.toString());
		assertEquals("3", r[0], r[1]);
	}
}
