package org.cathodej.packaging;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the packaged jar as Fiji will see it (runs after `package`, in `verify`): plugins.config at its root, the
 * SciJava plugin index, the example macros; and a real ImageJ 1.x process with the ij1-patcher agent that finds the
 * menu entries in plugins/CathodeJ_*.jar and runs a macro through them.
 */
class PackagedJarIT {

	@TempDir
	Path tmp;

	static Path jar() throws Exception {
		try (Stream<Path> s = Files.list(Paths.get("target"))) {
			List<Path> jars = s.filter(p -> p.getFileName().toString().matches("CathodeJ_-[^-]+(-SNAPSHOT)?\\.jar")).collect(Collectors.toList());
			assertEquals(1, jars.size(), "expected one CathodeJ_ jar in target/: " + jars);
			return jars.get(0);
		}
	}

	@Test
	void jarHoldsMenuFilePluginIndexAndMacros() throws Exception {
		try (JarFile jf = new JarFile(jar().toFile())) {
			assertNotNull(jf.getEntry("plugins.config"), "plugins.config must be at the jar root");
			assertNotNull(jf.getEntry("META-INF/json/org.scijava.plugin.Plugin"), "SciJava plugin index missing");
			assertNotNull(jf.getEntry("macros/analyse_labels.ijm"));
			assertNotNull(jf.getEntry("cathodej.properties"));
			String config = new String(jf.getInputStream(jf.getEntry("plugins.config")).readAllBytes(), StandardCharsets.UTF_8);
			assertEquals(new String(Files.readAllBytes(Paths.get("plugins.config")), StandardCharsets.UTF_8), config);
			// build tooling (src/tools/java) is not shipped to Fiji users
			List<String> tools = jf.stream().map(e -> e.getName()).filter(n -> n.matches("org/cathodej/(bench|guide|site)/.*"))
				.collect(Collectors.toList());
			assertTrue(tools.isEmpty(), "tooling in the plugin jar: " + tools);
		}
	}

	@Test
	void imageJFindsTheCommandsInThePluginsFolder() throws Exception {
		Path home = tmp.resolve("ijhome"), plugins = home.resolve("plugins");
		Files.createDirectories(plugins);
		Path jar = Files.copy(jar(), plugins.resolve(jar().getFileName()));
		String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String patcher = null;
		List<String> classpath = new ArrayList<>();
		classpath.add(jar.toString());
		for (String e : cp.split(File.pathSeparator)) {
			String n = new File(e).getName();
			if (n.equals("classes") || n.equals("test-classes")) continue;
			if (n.startsWith("ij1-patcher")) patcher = e;
			classpath.add(e);
		}
		assertNotNull(patcher, "ij1-patcher not on the test class path");
		Path out = tmp.resolve("out.txt"), macro = tmp.resolve("m.ijm");
		Files.write(macro, ("setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"shape=slab width=10 height=10 depth=10 axis=x feature_size=3\");\n"
			+ "run(\"Phase Fractions\", \"\");\n"
			+ "File.saveString(\"\" + getResult(\"volume_fraction\", 1), getArgument());\n").getBytes(StandardCharsets.UTF_8));
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=true", "--add-opens=java.base/java.lang=ALL-UNNAMED",
			"-javaagent:" + patcher + "=init", "-cp", String.join(File.pathSeparator, classpath), "ij.ImageJ", "-ijpath", home.toString(),
			"-batch", macro.toString(), out.toString());
		pb.redirectErrorStream(true);
		Process p = pb.start();
		String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ImageJ did not finish\n" + log);
		assertTrue(Files.exists(out), "macro did not reach its end\n" + log);
		assertEquals(0.3, Double.parseDouble(new String(Files.readAllBytes(out)).trim()), 1e-12, log);
	}
}
