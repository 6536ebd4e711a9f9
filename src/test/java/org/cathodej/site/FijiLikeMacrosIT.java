package org.cathodej.site;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end check (runs in `mvn verify`, after `package`): the update site is built from the packaged
 * jar as the update-site profile builds it, installed into a fresh Fiji-like folder by following db.xml.gz, and
 * every macro that the site installed into macros/ runs there on its phantoms, in its own ImageJ 1.x process
 * (ij1-patcher agent, -ijpath = the Fiji-like folder) whose class path holds CathodeJ only as the installed
 * plugins/CathodeJ_.jar, next to the libraries Fiji ships (in the layout's jars/). Each macro takes its output
 * folder as argument and must write summary.md there without a macro or CathodeJ error.
 */
class FijiLikeMacrosIT {

	@TempDir
	static Path tmp;

	static Path fiji;
	static List<String> classpath = new ArrayList<>();
	static String patcher;

	@BeforeAll
	static void buildSiteAndInstall() throws Exception {
		Path jar;
		try (Stream<Path> s = Files.list(Paths.get("target"))) {
			List<Path> jars = s.filter(p -> p.getFileName().toString().matches("CathodeJ_-[^-]+(-SNAPSHOT)?\\.jar")).collect(Collectors.toList());
			assertEquals(1, jars.size(), "expected one packaged CathodeJ_ jar in target/: " + jars);
			jar = jars.get(0);
		}
		Path runtime = Paths.get("target/runtime-classpath.txt");
		assertTrue(Files.exists(runtime), "target/runtime-classpath.txt is written in `package`");
		Path site = tmp.resolve("site");
		UpdateSiteBuilder.main(new String[] { "--site", site.toString(), "--plugin", jar.toString(), "--plugin-name", "plugins/CathodeJ_.jar",
			"--classpath-file", runtime.toString(), "--fiji-shipped", "src/update-site/fiji-shipped.txt", "--macros", "macros",
			"--timestamp", "20261122000000" });

		fiji = Files.createDirectories(tmp.resolve("Fiji.app"));
		FijiLikeInstaller.Run run = FijiLikeInstaller.update(site.toUri().toURL().toString(), fiji);
		assertEquals("installed", run.actions.get("plugins/CathodeJ_.jar"), run.actions.toString());

		// what Fiji itself ships: CathodeJ's runtime libraries the site left out, ImageJ 1.x and the patcher
		FijiShipped shipped = FijiShipped.read(Paths.get("src/update-site/fiji-shipped.txt"));
		Path jars = Files.createDirectories(fiji.resolve("jars"));
		List<String> fromMaven = new ArrayList<>();
		for (String e : Files.readString(runtime).trim().split(File.pathSeparator))
			if (!e.isEmpty()) fromMaven.add(e);
		for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
			String n = new File(e).getName();
			if (n.startsWith("ij1-patcher") || n.startsWith("javassist")) fromMaven.add(e);
		}
		for (String e : fromMaven) {
			String n = new File(e).getName();
			if (!n.endsWith(".jar") || !shipped.ships(n)) continue;
			Path copy = Files.copy(Paths.get(e), jars.resolve(n), StandardCopyOption.REPLACE_EXISTING);
			if (n.startsWith("ij1-patcher")) patcher = copy.toString();
		}
		assertNotNull(patcher, "ij1-patcher not found");
		classpath.add(fiji.resolve("plugins/CathodeJ_.jar").toString());
		try (Stream<Path> s = Files.list(fiji.resolve("jars"))) {
			s.sorted().forEach(p -> classpath.add(p.toString()));
		}
		for (String e : classpath)
			assertTrue(e.startsWith(fiji.toString()), "class path entry outside the Fiji-like layout: " + e);
	}

	@TestFactory
	Stream<DynamicTest> everyInstalledMacroRunsToItsSummary() throws Exception {
		List<String> shippedMacros, installed;
		try (Stream<Path> s = Files.list(Paths.get("macros"))) {
			shippedMacros = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ijm")).sorted().collect(Collectors.toList());
		}
		try (Stream<Path> s = Files.list(fiji.resolve("macros"))) {
			installed = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
		assertFalse(shippedMacros.isEmpty());
		assertEquals(shippedMacros, installed, "the site must install every macro of macros/");
		return installed.stream().map(m -> DynamicTest.dynamicTest(m, () -> {
			Path out = Files.createDirectories(tmp.resolve("out").resolve(m.replace(".ijm", "")));
			String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
			ProcessBuilder pb = new ProcessBuilder(java, "-Xmx2g", "-Djava.awt.headless=true", "--add-opens=java.base/java.lang=ALL-UNNAMED",
				"-javaagent:" + patcher + "=init", "-cp", String.join(File.pathSeparator, classpath), "ij.ImageJ", "-ijpath", fiji.toString(),
				"-batch", fiji.resolve("macros").resolve(m).toString(), out.toString() + File.separator);
			pb.redirectErrorStream(true);
			pb.redirectOutput(tmp.resolve(m + ".log").toFile());
			Process p = pb.start();
			boolean done = p.waitFor(240, TimeUnit.SECONDS);
			if (!done) p.destroyForcibly();
			String log = Files.readString(tmp.resolve(m + ".log"), StandardCharsets.UTF_8);
			assertTrue(done, m + " did not finish in 240 s\n" + log);
			assertFalse(log.contains("Macro Error") || log.contains("CathodeJ error"), m + "\n" + log);
			Path summary = out.resolve("summary.md");
			assertTrue(Files.exists(summary), "no summary.md from " + m + "\n" + log);
			assertTrue(Files.size(summary) > 50, "summary.md of " + m + " is nearly empty\n" + log);
		}));
	}
}
