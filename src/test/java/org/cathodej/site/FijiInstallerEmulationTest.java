package org.cathodej.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.cathodej.site.UpdateSiteBuilder.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * Installs a generated site into a fresh Fiji-like folder (plugins/, jars/, macros/) with {@link FijiLikeInstaller},
 * which behaves like Fiji's updater: first from a file: URL, then, after a rebuild, as an update from a plain
 * static HTTP server.
 */
class FijiInstallerEmulationTest {

	@TempDir
	Path tmp;

	/** A plugin jar made from the project's compiled classes plus a plugins.config (the real one when present). */
	Path projectLikePluginJar() throws IOException {
		Map<String, byte[]> content = TestJars.compiledClasses();
		content.putIfAbsent("plugins.config",
			TestJars.utf8("Plugins>CathodeJ, \"About CathodeJ\", org.cathodej.ij1.About\n"));
		return TestJars.write(tmp.resolve("build/CathodeJ_-0.1.0.jar"), content, 0, 0, 6, "x");
	}

	UpdateSiteBuilder builder(Path plugin, Path dep, Path macros, long ts) throws IOException {
		UpdateSiteBuilder b = new UpdateSiteBuilder().releaseTimestamp(ts);
		Item main = new Item("plugins/CathodeJ_.jar", plugin);
		main.dependsOnJars = true;
		b.add(main);
		b.add(new Item("jars/" + dep.getFileName(), dep));
		try (Stream<Path> s = Files.list(macros)) {
			for (Path m : s.sorted().collect(Collectors.toList())) b.add(new Item("macros/" + m.getFileName(), m));
		}
		return b;
	}

	@Test
	void installFromFileUrlAndUpdateOverHttp() throws Exception {
		Path plugin = projectLikePluginJar();
		Path dep = TestJars.write(tmp.resolve("build/extra-lib-1.0.jar"), TestJars.pluginContent("d", 9), 0, 0, 6, "x");
		Path macros = Files.createDirectories(tmp.resolve("build/macros"));
		Files.write(macros.resolve("segmented_to_analysis.ijm"), TestJars.utf8("// pipeline\nprint(\"v1\");\n"));
		Files.write(macros.resolve("Batch Folder.ijm"), TestJars.utf8("// batch\n"));
		Path site = tmp.resolve("site");
		builder(plugin, dep, macros, 20261101000000L).build(site);

		// 1. fresh install from a file: URL
		Path fiji = Files.createDirectories(tmp.resolve("fiji-like"));
		FijiLikeInstaller.Run first = FijiLikeInstaller.update(site.toUri().toURL().toString(), fiji);
		assertTrue(first.actions.containsKey("macros/Batch Folder.ijm"), "a name with a space is fetched as %20");
		assertEquals(List.of("installed", "installed", "installed", "installed"), new ArrayList<>(first.actions.values()),
			first.actions.toString());
		assertTrue(Files.isRegularFile(fiji.resolve("plugins/CathodeJ_.jar")));
		assertTrue(Files.isRegularFile(fiji.resolve("jars/extra-lib-1.0.jar")));
		assertTrue(Files.isRegularFile(fiji.resolve("macros/segmented_to_analysis.ijm")));
		assertEquals(Files.readString(macros.resolve("Batch Folder.ijm")), Files.readString(fiji.resolve("macros/Batch Folder.ijm")));
		try (ZipFile z = new ZipFile(fiji.resolve("plugins/CathodeJ_.jar").toFile())) {
			// ImageJ 1.x reads the first entry ending in plugins.config, in plugins/ jars whose name has a '_'
			assertNotNull(z.stream().filter(e -> e.getName().endsWith("plugins.config")).findFirst().orElse(null));
			assertNotNull(z.getEntry("org/cathodej/ij1/CommandBridge.class"), "the project's classes are in the jar");
		}

		// 2. a new build: the plugin jar is repacked (same classes), one macro changes, one is deleted
		Map<String, byte[]> repacked = new LinkedHashMap<>();
		try (ZipFile z = new ZipFile(plugin.toFile())) {
			for (var e : java.util.Collections.list(z.entries()))
				if (!e.getName().equals("META-INF/MANIFEST.MF")) repacked.put(e.getName(), z.getInputStream(e).readAllBytes());
		}
		plugin = TestJars.write(plugin, repacked, 77, 1_750_000_000_000L, 9, "ci");
		Files.write(macros.resolve("segmented_to_analysis.ijm"), TestJars.utf8("// pipeline\nprint(\"v2\");\n"));
		Files.delete(macros.resolve("Batch Folder.ijm"));
		builder(plugin, dep, macros, 20261120000000L).build(site);

		// 3. the same Fiji updates over HTTP from a static file server
		HttpServer server = FijiLikeInstaller.staticServer(site);
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
			URLConnection c = new URL(url + "db.xml.gz").openConnection();
			assertTrue(c.getLastModified() > 0, "a static server gives Last-Modified, which Fiji uses for the site");
			c.getInputStream().close();
			FijiLikeInstaller.Run second = FijiLikeInstaller.update(url, fiji);
			assertEquals("up-to-date", second.actions.get("plugins/CathodeJ_.jar"), "a repacked jar is not an update");
			assertEquals("up-to-date", second.actions.get("jars/extra-lib-1.0.jar"));
			assertEquals("updated", second.actions.get("macros/segmented_to_analysis.ijm"));
			assertEquals("removed", second.actions.get("macros/Batch Folder.ijm"));
			assertFalse(Files.exists(fiji.resolve("macros/Batch Folder.ijm")));
			assertEquals("// pipeline\nprint(\"v2\");\n", Files.readString(fiji.resolve("macros/segmented_to_analysis.ijm")));

			// 4. a second run finds nothing to do; a hand-edited macro is recognised as locally modified
			Files.write(fiji.resolve("macros/segmented_to_analysis.ijm"), TestJars.utf8("// mine\n"));
			FijiLikeInstaller.Run third = FijiLikeInstaller.update(url, fiji);
			assertEquals("up-to-date", third.actions.get("plugins/CathodeJ_.jar"));
			assertEquals("locally-modified", third.actions.get("macros/segmented_to_analysis.ijm"));
		} finally {
			server.stop(0);
		}
	}

}
