package org.cathodej.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.imagej.patcher.LegacyEnvironment;

import org.cathodej.site.UpdateSiteBuilder.Item;
import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end check of the update site: ImageJ 1.x (patched by ij1-patcher, as in Fiji) runs a macro that was
 * installed from the generated site, with the CathodeJ jar that was installed from it. The installed jar's
 * plugins.config carries one extra probe line, so the test can tell that ImageJ read the installed jar and not
 * target/classes.
 */
class FijiLikeLayoutTest {

	@TempDir
	Path tmp;

	@Test
	void macroFromTheSiteRunsWithTheJarFromTheSite() throws Exception {
		// the plugin jar as the build makes it: target/classes (with plugins.config), plus the probe line
		Map<String, byte[]> content = TestJars.compiledClasses();
		String config = new String(content.get("plugins.config"), StandardCharsets.UTF_8)
			+ "\nPlugins>CathodeJ>Help, \"Site Install Probe\", org.cathodej.ij1.About\n";
		content.put("plugins.config", config.getBytes(StandardCharsets.UTF_8));
		Path jar = TestJars.write(tmp.resolve("build/CathodeJ_-0.1.0.jar"), content, 0, 0, 6, "x");
		Path macro = Files.write(tmp.resolve("build/fractions_of_a_slab.ijm"), TestJars.utf8(String.join("\n",
			"setBatchMode(true);",
			"List.setCommands;",
			"out = getArgument();",
			"File.saveString(List.get(\"Site Install Probe\"), out + File.separator + \"probe.txt\");",
			"run(\"Analytic Phantom\", \"shape=slab width=20 height=10 depth=10 axis=z feature_size=4 inside_label=1 outside_label=2\");",
			"run(\"Phase Fractions\", \"pore_label=0 cam_label=1 ise_label=2 output_dir=[\" + out + \"]\");",
			"File.saveString(\"\" + getResult(\"volume_fraction\", 1), out + File.separator + \"cam.txt\");", "")));

		Path site = tmp.resolve("site");
		UpdateSiteBuilder b = new UpdateSiteBuilder().releaseTimestamp(20261122000000L);
		b.add(new Item("plugins/CathodeJ_.jar", jar));
		b.add(new Item("macros/fractions_of_a_slab.ijm", macro));
		b.build(site);
		Path fiji = Files.createDirectories(tmp.resolve("fiji-like"));
		FijiLikeInstaller.update(site.toUri().toURL().toString(), fiji);

		LegacyEnvironment ij = MacroHarness.newEnvironment(classpath(fiji.resolve("plugins/CathodeJ_.jar")));
		Path out = Files.createDirectories(tmp.resolve("out"));
		String log = run(ij, new String(Files.readAllBytes(fiji.resolve("macros/fractions_of_a_slab.ijm")),
			StandardCharsets.UTF_8), out.toString());

		assertTrue(Files.exists(out.resolve("probe.txt")), log);
		assertEquals("org.cathodej.ij1.About", Files.readString(out.resolve("probe.txt")).trim(),
			"ImageJ must have read plugins.config from the installed jar\n" + log);
		assertTrue(Files.exists(out.resolve("cam.txt")), log);
		assertEquals(0.4, Double.parseDouble(Files.readString(out.resolve("cam.txt")).trim()), 1e-12, log);
		assertTrue(Files.exists(out.resolve("phase_fractions_fractions.csv")), log);
	}

	/** The installed plugin jar plus the runtime libraries Fiji ships (here: from the test class path). */
	private static File[] classpath(Path pluginJar) {
		List<File> files = new ArrayList<>();
		files.add(pluginJar.toFile());
		String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		for (String entry : cp.split(File.pathSeparator)) {
			String n = new File(entry).getName();
			if (n.matches("(scijava-common|parsington|imglib2)-\\d.*\\.jar")) files.add(new File(entry));
		}
		return files.toArray(new File[0]);
	}

	private static String run(LegacyEnvironment ij, String macro, String arg) {
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		PrintStream oldOut = System.out, oldErr = System.err;
		PrintStream p = new PrintStream(buf, true);
		System.setOut(p);
		System.setErr(p);
		try {
			ij.runMacro(macro, arg);
		} finally {
			System.setOut(oldOut);
			System.setErr(oldErr);
		}
		return buf.toString(StandardCharsets.UTF_8);
	}
}
