package org.cathodej.guide;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cathodej.run.CommandCatalog;
import org.cathodej.run.ParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user guide in docs/guide is complete and current: a page for every command of plugins.config, and exactly
 * the text scripts/make-guide writes now (figure bytes are not compared, only that each page's figure exists).
 */
class GuideTest {

	static final Path GUIDE = Paths.get("docs/guide");

	@TempDir
	Path tmp;

	@Test
	void everyCommandHasAnUpToDatePage() throws Exception {
		List<CommandCatalog.Entry> entries = CommandCatalog.load().entries();
		assertFalse(entries.isEmpty());
		Path fresh = tmp.resolve("guide");
		new GuideWriter(fresh, Paths.get("docs/guide-src")).write();

		String index = Files.readString(GUIDE.resolve("README.md"));
		for (CommandCatalog.Entry e : entries) {
			String stem = e.spec().fileStem();
			Path page = GUIDE.resolve(stem + ".md");
			assertTrue(Files.exists(page), "no guide page for " + e.spec().label() + ": run scripts/make-guide");
			assertTrue(index.contains("(" + stem + ".md)"), "docs/guide/README.md does not link " + stem + ".md");
			String text = Files.readString(fresh.resolve(stem + ".md"));
			for (ParameterSpec p : e.spec().inputs()) assertTrue(text.contains("| `" + p.name() + "` |"), stem + ": " + p.name());
			for (ParameterSpec p : e.spec().outputs()) assertTrue(text.contains("| `" + p.name() + "` |"), stem + ": " + p.name());
			assertTrue(text.contains("run(\"" + e.spec().label() + "\", \""), stem + ": no recorded macro line");
			assertFalse(text.contains("The example run failed"), stem + ": its example failed\n" + text);
			assertTrue(text.contains("![") && Files.exists(fresh.resolve("figures/" + stem + ".png")), stem + ": no figure");
			assertTrue(Files.exists(GUIDE.resolve("figures/" + stem + ".png")), stem + ": figure not committed");
		}
		assertEquals(names(fresh), names(GUIDE), "pages in docs/guide differ from the commands: run scripts/make-guide");
		for (String n : names(fresh))
			assertEquals(Files.readString(fresh.resolve(n)), Files.readString(GUIDE.resolve(n)),
				"docs/guide/" + n + " is out of date: run scripts/make-guide and commit the result");
	}

	@Test
	void aboutAndReadmePointToTheGuide() throws Exception {
		// About and every dialog's Help show the guide bundled in the jar (pom.xml packages docs/guide under guide/)
		assertTrue(Files.exists(Paths.get("target/classes/guide/README.md")), "the jar must bundle docs/guide");
		assertTrue(Files.readString(Paths.get("README.md")).contains("](docs/guide/README.md)"), "README must link the user guide");
	}

	private static List<String> names(Path dir) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().collect(Collectors.toList());
		}
	}
}
