package org.cathodej.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cathodej.site.UpdateSiteBuilder.Item;
import org.cathodej.site.UpdateSiteBuilder.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateSiteBuilderTest {

	@TempDir
	Path tmp;

	static final long T1 = 20261101120000L, T2 = 20261115080000L, T3 = 20261120090000L;

	/** Inputs of a site: the plugin jar (rebuildable in another byte layout), a dependency jar and two macros. */
	final class Inputs {
		final Path dir;
		Path plugin, dep, macroA, macroB;
		String depName = "jars/extra-lib-1.0.jar";

		Inputs(String name) throws IOException {
			dir = tmp.resolve(name);
			plugin = TestJars.write(dir.resolve("Example_-1.0.jar"), TestJars.pluginContent("date one", 1), 0,
				1_600_000_000_000L, 9, "alice");
			dep = TestJars.write(dir.resolve("extra-lib-1.0.jar"), TestJars.pluginContent("dep", 2), 0, 0, 6, "x");
			macroA = Files.write(dir.resolve("a_pipeline.ijm"), TestJars.utf8("// A\nprint(1);\n"));
			macroB = Files.write(dir.resolve("b_batch.ijm"), TestJars.utf8("// B\nprint(2);\n"));
		}

		/** The same plugin classes, packed again with other order, times, compression, manifest and pom date. */
		void rebuildPluginDifferently() throws IOException {
			plugin = TestJars.write(dir.resolve("Example_-1.0.jar"), TestJars.pluginContent("date two", 1), 1234,
				1_700_000_000_000L, 1, "bob");
		}

		UpdateSiteBuilder builder(long ts) {
			UpdateSiteBuilder b = new UpdateSiteBuilder().releaseTimestamp(ts);
			Item main = new Item("plugins/Example_.jar", plugin);
			main.description = "Example plugin & <friends>";
			main.authors.add("Jane Doe");
			main.dependsOnJars = true;
			b.add(main);
			if (dep != null) b.add(new Item(depName, dep));
			if (macroA != null) b.add(new Item("macros/a_pipeline.ijm", macroA));
			if (macroB != null) b.add(new Item("macros/b_batch.ijm", macroB));
			return b;
		}
	}

	static ParsedDb db(Path site) throws Exception {
		try (var in = Files.newInputStream(site.resolve("db.xml.gz"))) {
			return ParsedDb.read(in);
		}
	}

	/** Every current record: the stored file exists and its size and checksum (reference implementation) match. */
	static void verifySite(Path site, ParsedDb db) throws Exception {
		for (ParsedDb.Rec r : db.records.values()) {
			if (r.version == null) continue;
			String ts = r.version.get("timestamp");
			assertTrue(ts.matches("\\d{14}"), "timestamp " + ts);
			Path stored = site.resolve(r.filename + "-" + ts);
			assertTrue(Files.isRegularFile(stored), "missing " + stored);
			assertEquals(Long.parseLong(r.version.get("filesize")), Files.size(stored), "size of " + r.filename);
			assertEquals(ReferenceChecksum.of(r.filename, stored), r.version.get("checksum"), "checksum of " + r.filename);
		}
	}

	static List<String> storedFiles(Path site) throws IOException {
		try (Stream<Path> s = Files.walk(site)) {
			return s.filter(Files::isRegularFile).map(p -> site.relativize(p).toString().replace(File.separatorChar, '/'))
				.sorted().collect(Collectors.toList());
		}
	}

	@Test
	void buildsIndexAndTimestampedFiles() throws Exception {
		Inputs in = new Inputs("in");
		Path site = tmp.resolve("site");
		Map<String, Status> report = in.builder(T1).build(site);
		assertEquals(4, report.size());
		assertTrue(report.values().stream().allMatch(s -> s == Status.NEW), report.toString());

		ParsedDb db = db(site);
		assertEquals(List.of(), db.otherTopLevel, "a remote index holds only <plugin> records");
		assertEquals(List.of("jars/extra-lib-1.0.jar", "macros/a_pipeline.ijm", "macros/b_batch.ijm", "plugins/Example_.jar"),
			new ArrayList<>(db.records.keySet()));
		verifySite(site, db);
		for (ParsedDb.Rec r : db.records.values()) assertEquals(Long.toString(T1), r.version.get("timestamp"));
		assertEquals(List.of("db.xml.gz", "jars/extra-lib-1.0.jar-" + T1, "macros/a_pipeline.ijm-" + T1,
			"macros/b_batch.ijm-" + T1, "plugins/Example_.jar-" + T1), storedFiles(site));

		ParsedDb.Rec plugin = db.records.get("plugins/Example_.jar");
		assertEquals("Example plugin & <friends>", plugin.description);
		assertEquals(1, plugin.dependencies.size());
		assertEquals("jars/extra-lib-1.0.jar", plugin.dependencies.get(0).get("filename"));
		assertEquals(Long.toString(T1), plugin.dependencies.get(0).get("timestamp"));

		// the form the updater's writer emits: UTF-8 declaration, inline DTD, 4-space indentation
		assertTrue(db.xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE pluginRecords ["), db.xml);
		assertTrue(db.xml.contains("\n<pluginRecords>\n    <plugin filename=\"jars/extra-lib-1.0.jar\">\n        <version "), db.xml);
		for (String line : db.xml.split("\n")) {
			int sp = 0;
			while (sp < line.length() && line.charAt(sp) == ' ') sp++;
			assertEquals(0, sp % 4, "indent of: " + line);
		}
	}

	@Test
	void rebuildingUnchangedInputsKeepsChecksumsTimestampsAndBytes() throws Exception {
		Inputs in = new Inputs("in");
		Path site = tmp.resolve("site");
		in.builder(T1).build(site);
		byte[] first = Files.readAllBytes(site.resolve("db.xml.gz"));
		long firstModified = Files.getLastModifiedTime(site.resolve("db.xml.gz")).toMillis();

		in.rebuildPluginDifferently();
		Map<String, Status> report = in.builder(T2).build(site);
		assertTrue(report.values().stream().allMatch(s -> s == Status.UNCHANGED), report.toString());
		assertArrayEquals(first, Files.readAllBytes(site.resolve("db.xml.gz")), "db.xml.gz must be byte-identical");
		assertEquals(firstModified, Files.getLastModifiedTime(site.resolve("db.xml.gz")).toMillis(),
			"an unchanged index is not rewritten (its Last-Modified tells Fiji whether to look again)");
		assertEquals(5, storedFiles(site).size(), "no new stored files");
		verifySite(site, db(site));

		// a fresh site from the rebuilt jar has the same checksums (but other bytes/size for the jar)
		Path site2 = tmp.resolve("site2");
		in.builder(T1).build(site2);
		ParsedDb a = db(site), b = db(site2);
		for (String f : a.records.keySet())
			assertEquals(a.records.get(f).version.get("checksum"), b.records.get(f).version.get("checksum"), f);
	}

	@Test
	void changedFileGetsNewTimestampAndPreviousVersion() throws Exception {
		Inputs in = new Inputs("in");
		Path site = tmp.resolve("site");
		in.builder(T1).build(site);
		String oldSum = db(site).records.get("macros/a_pipeline.ijm").version.get("checksum");

		Files.write(in.macroA, TestJars.utf8("// A, improved\nprint(11);\n"));
		Map<String, Status> report = in.builder(T2).build(site);
		assertEquals(Status.UPDATED, report.get("macros/a_pipeline.ijm"));
		assertEquals(Status.UNCHANGED, report.get("macros/b_batch.ijm"));
		assertEquals(Status.UNCHANGED, report.get("plugins/Example_.jar"));

		ParsedDb db = db(site);
		verifySite(site, db);
		ParsedDb.Rec a = db.records.get("macros/a_pipeline.ijm");
		assertEquals(Long.toString(T2), a.version.get("timestamp"));
		assertNotEquals(oldSum, a.version.get("checksum"));
		assertEquals(1, a.previous.size());
		assertEquals(Long.toString(T1), a.previous.get(0).get("timestamp"));
		assertEquals(oldSum, a.previous.get(0).get("checksum"));
		assertEquals(Long.toString(T2), a.previous.get(0).get("timestamp-obsolete"));
		assertTrue(Files.exists(site.resolve("macros/a_pipeline.ijm-" + T1)), "old versions stay on the site");
		assertEquals(Long.toString(T1), db.records.get("macros/b_batch.ijm").version.get("timestamp"));

		// a release time that is not later than the current version is moved past it
		Files.write(in.macroA, TestJars.utf8("// A, third\n"));
		in.builder(T1).build(site);
		ParsedDb.Rec a3 = db(site).records.get("macros/a_pipeline.ijm");
		assertEquals(Long.toString(T2 + 1), a3.version.get("timestamp"));
		assertEquals(2, a3.previous.size());
		verifySite(site, db(site));
	}

	@Test
	void versionedJarRenameAndRemovedFile() throws Exception {
		Inputs in = new Inputs("in");
		Path site = tmp.resolve("site");
		in.builder(T1).build(site);
		String oldDepSum = db(site).records.get("jars/extra-lib-1.0.jar").version.get("checksum");
		String oldMacroSum = db(site).records.get("macros/b_batch.ijm").version.get("checksum");

		in.dep = TestJars.write(in.dir.resolve("extra-lib-1.1.jar"), TestJars.pluginContent("dep", 3), 0, 0, 6, "x");
		in.depName = "jars/extra-lib-1.1.jar";
		in.macroB = null;
		Map<String, Status> report = in.builder(T3).build(site);
		assertEquals(Status.UPDATED, report.get("jars/extra-lib-1.1.jar"));
		assertEquals(Status.REMOVED, report.get("macros/b_batch.ijm"));
		assertFalse(report.containsKey("jars/extra-lib-1.0.jar"));

		ParsedDb db = db(site);
		verifySite(site, db);
		assertFalse(db.records.containsKey("jars/extra-lib-1.0.jar"), "the versioned jar is one component, renamed");
		ParsedDb.Rec dep = db.records.get("jars/extra-lib-1.1.jar");
		assertEquals(1, dep.previous.size());
		assertEquals("jars/extra-lib-1.0.jar", dep.previous.get(0).get("filename"));
		assertEquals(oldDepSum, dep.previous.get(0).get("checksum"));
		ParsedDb.Rec plugin = db.records.get("plugins/Example_.jar");
		assertEquals("jars/extra-lib-1.1.jar", plugin.dependencies.get(0).get("filename"));
		assertEquals(Long.toString(T3), plugin.dependencies.get(0).get("timestamp"));

		ParsedDb.Rec removed = db.records.get("macros/b_batch.ijm");
		assertNotNull(removed, "a removed file keeps its record so that Fiji uninstalls it");
		assertNull(removed.version);
		assertEquals(oldMacroSum, removed.previous.get(0).get("checksum"));

		// and it can come back
		in.macroB = Files.write(in.dir.resolve("b_batch.ijm"), TestJars.utf8("// B again\n"));
		assertEquals(Status.NEW, in.builder(T3).build(site).get("macros/b_batch.ijm"));
		ParsedDb.Rec back = db(site).records.get("macros/b_batch.ijm");
		assertEquals(Long.toString(T3), back.version.get("timestamp"));
		assertEquals(oldMacroSum, back.previous.get(0).get("checksum"), "its history is kept");
		verifySite(site, db(site));
	}

	@Test
	void verifyFindsDamagedSites() throws Exception {
		Inputs in = new Inputs("in");
		Path site = tmp.resolve("site");
		in.builder(T1).build(site);
		assertEquals(List.of(), UpdateSiteBuilder.verify(site));
		Path macro = site.resolve("macros/a_pipeline.ijm-" + T1);
		Files.write(macro, TestJars.utf8("// B\nprint(2);\n")); // same size, other bytes
		assertEquals(List.of("macros/a_pipeline.ijm: checksum differs from db.xml.gz"), UpdateSiteBuilder.verify(site));
		Files.write(macro, TestJars.utf8("short"));
		assertTrue(UpdateSiteBuilder.verify(site).get(0).startsWith("macros/a_pipeline.ijm: size 5"));
		Files.delete(macro);
		assertTrue(UpdateSiteBuilder.verify(site).get(0).contains("missing"));
		// a rebuild restores the missing file under its old name
		in.builder(T2).build(site);
		assertEquals(List.of(), UpdateSiteBuilder.verify(site));
		assertTrue(Files.exists(macro));
	}

	@Test
	void refusesToOverwriteAPublishedFileWithOtherContent() throws Exception {
		Inputs in = new Inputs("in");
		Path site = tmp.resolve("site");
		Files.createDirectories(site.resolve("macros"));
		Files.write(site.resolve("macros/a_pipeline.ijm-" + T1), TestJars.utf8("something else"));
		IOException e = assertThrows(IOException.class, () -> in.builder(T1).build(site));
		assertTrue(e.getMessage().contains("refusing"), e.getMessage());
		assertFalse(Files.exists(site.resolve("db.xml.gz")));
	}

	@Test
	void timestampsAreFourteenDigitDates() {
		assertEquals(20270101000000L, UpdateSiteBuilder.Timestamps.plusOneSecond(20261231235959L));
		assertEquals(20261122050000L, UpdateSiteBuilder.Timestamps.of(java.time.Instant.parse("2026-11-22T05:00:00Z")));
		assertEquals(20261122050000L, UpdateSiteBuilder.resolveTimestamp("20261122050000", tmp));
		assertThrows(IllegalArgumentException.class, () -> UpdateSiteBuilder.resolveTimestamp("yesterday", tmp));
	}

	@Test
	void mainUploadsOnlyDependenciesFijiDoesNotShip() throws Exception {
		Inputs in = new Inputs("in");
		Path weka = TestJars.write(in.dir.resolve("weka-dev-3.9.6.jar"), TestJars.pluginContent("w", 4), 0, 0, 6, "x");
		Path jt = TestJars.write(in.dir.resolve("JTransforms-3.1.jar"), TestJars.pluginContent("j", 5), 0, 0, 6, "x");
		Path own = TestJars.write(in.dir.resolve("new-thing-2.0.jar"), TestJars.pluginContent("n", 6), 0, 0, 6, "x");
		Path cpFile = Files.write(in.dir.resolve("cp.txt"), String.join(File.pathSeparator, weka.toString(),
			jt.toString(), own.toString(), tmp.toString()).getBytes(StandardCharsets.UTF_8));
		Path macros = Files.createDirectories(in.dir.resolve("macros"));
		Files.copy(in.macroA, macros.resolve("a_pipeline.ijm"));
		Path site = tmp.resolve("site");
		UpdateSiteBuilder.main(new String[] { "--site", site.toString(), "--plugin", in.plugin.toString(),
			"--classpath-file", cpFile.toString(), "--fiji-shipped", Paths.get("src/update-site/fiji-shipped.txt").toString(),
			"--macros", macros.toString(), "--timestamp", Long.toString(T1), "--description", "d" });
		ParsedDb db = db(site);
		assertEquals(List.of("jars/new-thing-2.0.jar", "macros/a_pipeline.ijm", "plugins/Example_.jar"),
			new ArrayList<>(db.records.keySet()), "plugin name from the jar without version; shipped jars left out");
		verifySite(site, db);
		assertEquals("jars/new-thing-2.0.jar", db.records.get("plugins/Example_.jar").dependencies.get(0).get("filename"));
	}

	@Test
	void cathodejsOwnRuntimeDependenciesAreAllShippedByFiji() throws Exception {
		FijiShipped shipped = FijiShipped.read(Paths.get("src/update-site/fiji-shipped.txt"));
		int seen = 0;
		for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
			String name = Paths.get(p).getFileName().toString();
			if (name.matches("(ij|scijava-common|parsington|imglib2)-\\d.*\\.jar")) {
				assertTrue(shipped.ships(name), name);
				seen++;
			}
		}
		assertTrue(seen >= 3, "expected ij, scijava-common and imglib2 on the test class path");
		assertTrue(shipped.ships("weka-dev-3.9.6.jar"));
		assertTrue(shipped.ships("JTransforms-3.1.jar"));
		assertTrue(shipped.ships("imglib2-algorithm-0.15.3.jar"));
		assertFalse(shipped.ships("CathodeJ_-0.1.0.jar"));
		assertFalse(shipped.ships("ijx-1.0.jar"), "entries match whole names");
		assertEquals("plugins/CathodeJ_.jar", UpdateSiteBuilder.componentKey("plugins/CathodeJ_-0.1.0-SNAPSHOT.jar"));
	}
}
