package org.cathodej.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/clear-results (what run-example's OVERWRITE=1 runs): removes only what CathodeJ wrote, as its manifest or
 * its provenance sidecars show, and keeps every other file, however it is named.
 */
class ClearResultsScriptTest {

	@TempDir
	Path tmp;

	@Test
	void removesOnlyWhatCathodeJWrote() throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("results with space"));
		write(dir.resolve("phase_fractions_fractions.csv"), "Label,volume_fraction\n");
		write(dir.resolve("phase_fractions_fractions.json"), "{\n  \"software\": \"CathodeJ\",\n  \"file\": \"phase_fractions_fractions.csv\"\n}\n");
		write(dir.resolve("analysis/report.html"), "<html/>");
		write(dir.resolve("summary.md"), "# summary\n");
		write(dir.resolve(".cathodej-manifest"), "analysis/report.html\nsummary.md\n../outside.txt\n/etc/hostname\n");
		// the user's files: a CSV, a TIFF, a JSON of another program and a file beside the folder
		write(dir.resolve("my measurements.csv"), "a,b\n");
		write(dir.resolve("notes.tif"), "x");
		write(dir.resolve("other.json"), "{\"software\": \"Other\", \"file\": \"my measurements.csv\"}");
		write(tmp.resolve("outside.txt"), "keep");
		Process p = new ProcessBuilder("bash", Paths.get("scripts/clear-results").toAbsolutePath().toString(), dir.toString()).redirectErrorStream(true)
			.start();
		String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, p.waitFor(), said);
		for (String gone : new String[] { "phase_fractions_fractions.csv", "phase_fractions_fractions.json", "analysis", "summary.md", ".cathodej-manifest" })
			assertFalse(Files.exists(dir.resolve(gone)), gone + " should be removed\n" + said);
		for (String kept : new String[] { "my measurements.csv", "notes.tif", "other.json" })
			assertTrue(Files.exists(dir.resolve(kept)), kept + " is the user's\n" + said);
		assertTrue(Files.exists(tmp.resolve("outside.txt")), said);
		assertTrue(said.contains("kept files CathodeJ did not write"), said);
	}

	private static void write(Path p, String text) throws IOException {
		Files.createDirectories(p.getParent());
		Files.write(p, text.getBytes(StandardCharsets.UTF_8));
	}
}
