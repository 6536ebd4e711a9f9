package org.cathodej.site;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cathodej.site.SiteIndex.Dependency;
import org.cathodej.site.SiteIndex.Previous;
import org.cathodej.site.SiteIndex.Record;
import org.cathodej.site.SiteIndex.Version;

/**
 * Writes a Fiji update site into a directory: {@code db.xml.gz} plus every file as
 * {@code <path relative to the Fiji root>-<yyyyMMddHHmmss>}, which is exactly what Fiji's updater downloads.
 * <p>
 * Reproducible: a file whose {@link FijiChecksum} has not changed keeps the timestamp (and so the stored file)
 * it already has in the site's existing {@code db.xml.gz}. A changed file gets a new timestamp (the release time,
 * see {@link #main}) and its old version is listed as {@code <previous-version>} so Fiji recognises older
 * installed copies; the old stored file stays. A file that is no longer an input keeps its record without a current
 * version, which makes Fiji remove it. Versioned jars ({@code jars/foo-1.0.jar} to {@code jars/foo-1.1.jar}) are
 * matched as one component, as Fiji does. The index is rewritten only when its content changes.
 */
public final class UpdateSiteBuilder {

	/** One file to publish. */
	public static final class Item {
		/**
		 * path relative to the Fiji root, forward slashes: plugins/CathodeJ_.jar, jars/x-1.0.jar, macros/a.ijm
		 * (spaces are allowed; Fiji asks for them as %20)
		 */
		public final String path;
		public final Path source;
		public String description;
		public final List<String> links = new ArrayList<>();
		public final List<String> authors = new ArrayList<>();
		/** list every other published jar of jars/ as a dependency of this file (set for the plugin jar) */
		public boolean dependsOnJars;

		public Item(String path, Path source) {
			if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("..") || path.endsWith("/"))
				throw new IllegalArgumentException("Not a clean relative path: " + path);
			this.path = path;
			this.source = source;
		}
	}

	/** What happened to one file. */
	public enum Status { NEW, UPDATED, UNCHANGED, REMOVED }

	private final List<Item> items = new ArrayList<>();
	private long releaseTimestamp = Timestamps.of(Instant.now());

	public UpdateSiteBuilder add(Item item) {
		for (Item i : items)
			if (i.path.equals(item.path)) throw new IllegalArgumentException("Published twice: " + item.path);
		items.add(item);
		return this;
	}

	/** The timestamp given to new and changed files (made later than any earlier version of the same file). */
	public UpdateSiteBuilder releaseTimestamp(long yyyyMMddHHmmss) {
		Timestamps.check(yyyyMMddHHmmss);
		this.releaseTimestamp = yyyyMMddHHmmss;
		return this;
	}

	public List<Item> items() {
		return items;
	}

	/**
	 * Updates (or creates) the site in {@code siteDir}.
	 *
	 * @return file path to what happened to it, sorted by path
	 */
	// ~90 lines: each item's record is matched, versioned and chained in one pass, as Fiji's updater reads them back
	public Map<String, Status> build(Path siteDir) throws IOException {
		Files.createDirectories(siteDir);
		Path db = siteDir.resolve("db.xml.gz");
		SiteIndex old = SiteIndex.read(db);
		SiteIndex out = new SiteIndex();
		Map<String, Status> report = new TreeMap<>();

		// old records, found by exact name or by their version-free name (jars/foo-1.0.jar ~ jars/foo-1.1.jar)
		Map<String, Record> oldByName = new HashMap<>(old.records);
		Map<String, Record> oldByKey = new HashMap<>();
		for (Record r : old.records.values())
			if (r.current != null || !oldByKey.containsKey(componentKey(r.filename))) oldByKey.put(componentKey(r.filename), r);

		List<Item> sorted = new ArrayList<>(items);
		sorted.sort((a, b) -> a.path.compareTo(b.path));
		Map<String, Long> timestamps = new LinkedHashMap<>();
		Map<Record, Item> itemOf = new LinkedHashMap<>();
		for (Item item : sorted) {
			String checksum = FijiChecksum.of(item.path, item.source);
			Record prev = oldByName.get(item.path);
			if (prev == null) prev = oldByKey.get(componentKey(item.path));
			if (prev != null && out.records.containsKey(prev.filename)) prev = null;
			if (prev != null) {
				oldByName.remove(prev.filename);
				oldByKey.values().remove(prev);
			}
			Record rec = new Record(item.path);
			Status status;
			long size = Files.size(item.source);
			if (prev != null) {
				rec.executable = prev.executable;
				rec.platforms.addAll(prev.platforms);
				rec.categories.addAll(prev.categories);
			}
			if (prev != null && prev.current != null && prev.filename.equals(item.path) && prev.current.checksum.equals(checksum)) {
				// unchanged: keep timestamp and the stored file (whose bytes may differ from a rebuilt, equivalent jar)
				Path stored = siteDir.resolve(item.path + "-" + prev.current.timestamp);
				if (Files.exists(stored)) {
					String storedSum = FijiChecksum.of(item.path, stored);
					if (!storedSum.equals(checksum)) throw new IOException("Stored file " + stored + " has checksum "
						+ storedSum + " but db.xml.gz says " + checksum + "; the site directory was modified by hand");
					size = Files.size(stored);
				}
				rec.current = new Version(prev.current.timestamp, checksum, size);
				rec.previous.addAll(prev.previous);
				status = Status.UNCHANGED;
			} else {
				long ts = releaseTimestamp;
				if (prev != null) {
					if (prev.current != null) ts = Math.max(ts, Timestamps.plusOneSecond(prev.current.timestamp));
					for (Previous p : prev.previous) ts = Math.max(ts, Timestamps.plusOneSecond(p.timestamp));
					boolean renamed = !prev.filename.equals(item.path);
					for (Previous p : prev.previous)
						if (!p.checksum.equals(checksum))
							rec.previous.add(renamed && p.filename == null ? new Previous(p.timestamp, p.timestampObsolete,
								p.checksum, prev.filename) : p);
					if (prev.current != null && !prev.current.checksum.equals(checksum))
						rec.previous.add(new Previous(prev.current.timestamp, ts, prev.current.checksum,
							renamed ? prev.filename : null));
					status = prev.current == null ? Status.NEW : Status.UPDATED;
				} else status = Status.NEW;
				rec.current = new Version(ts, checksum, size);
			}
			rec.current.description = item.description;
			rec.current.links.addAll(item.links);
			rec.current.authors.addAll(item.authors);
			timestamps.put(item.path, rec.current.timestamp);
			itemOf.put(rec, item);
			out.add(rec);
			report.put(item.path, status);
		}
		for (Map.Entry<Record, Item> e : itemOf.entrySet()) {
			if (!e.getValue().dependsOnJars) continue;
			for (Map.Entry<String, Long> t : timestamps.entrySet())
				if (t.getKey().startsWith("jars/") && !t.getKey().equals(e.getKey().filename))
					e.getKey().current.dependencies.add(new Dependency(t.getKey(), t.getValue()));
		}
		retire(oldByName.values(), out, report);

		// store the files, then the index (so a reader never sees a record whose file is missing)
		storeFiles(siteDir, itemOf, report);
		byte[] bytes = out.toGzip();
		if (!Files.exists(db) || !Arrays.equals(Files.readAllBytes(db), bytes)) {
			Path tmp = siteDir.resolve("db.xml.gz.tmp");
			Files.write(tmp, bytes);
			Files.move(tmp, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		return report;
	}

	/** Files no longer published: their records stay without a current version, so Fiji removes the file. */
	private void retire(java.util.Collection<Record> gone, SiteIndex out, Map<String, Status> report) {
		for (Record r : gone) {
			if (out.records.containsKey(r.filename)) continue;
			Record rec = new Record(r.filename);
			rec.executable = r.executable;
			rec.platforms.addAll(r.platforms);
			rec.categories.addAll(r.categories);
			rec.previous.addAll(r.previous);
			if (r.current != null) {
				rec.previous.add(new Previous(r.current.timestamp, Math.max(releaseTimestamp,
					Timestamps.plusOneSecond(r.current.timestamp)), r.current.checksum, null));
				report.put(r.filename, Status.REMOVED);
			}
			out.add(rec);
		}
	}

	/** Copies each new or changed file to {@code <path>-<timestamp>}; never overwrites a published file with other content. */
	private static void storeFiles(Path siteDir, Map<Record, Item> itemOf, Map<String, Status> report) throws IOException {
		for (Map.Entry<Record, Item> e : itemOf.entrySet()) {
			Record rec = e.getKey();
			Path stored = siteDir.resolve(rec.filename + "-" + rec.current.timestamp);
			if (Files.exists(stored)) {
				if (report.get(rec.filename) != Status.UNCHANGED && !FijiChecksum.of(rec.filename, stored).equals(rec.current.checksum))
					throw new IOException(stored + " exists with other content; refusing to overwrite a published file");
				continue;
			}
			Files.createDirectories(stored.getParent());
			Path tmp = stored.resolveSibling(stored.getFileName() + ".tmp");
			Files.copy(e.getValue().source, tmp, StandardCopyOption.REPLACE_EXISTING);
			Files.move(tmp, stored, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
	}

	/**
	 * Checks a site as Fiji's installer would: for every current record, the stored {@code <path>-<timestamp>}
	 * file exists and has the recorded size and checksum.
	 *
	 * @return one line per problem; empty when the site is sound
	 */
	public static List<String> verify(Path siteDir) throws IOException {
		List<String> problems = new ArrayList<>();
		SiteIndex index = SiteIndex.read(siteDir.resolve("db.xml.gz"));
		if (!Files.exists(siteDir.resolve("db.xml.gz"))) problems.add("no db.xml.gz in " + siteDir);
		for (Record r : index.records.values()) {
			if (r.current == null) continue;
			Path stored = siteDir.resolve(r.filename + "-" + r.current.timestamp);
			if (!Files.isRegularFile(stored)) problems.add(r.filename + ": missing " + stored.getFileName());
			else if (Files.size(stored) != r.current.filesize)
				problems.add(r.filename + ": size " + Files.size(stored) + " but db.xml.gz says " + r.current.filesize);
			else if (!FijiChecksum.of(r.filename, stored).equals(r.current.checksum))
				problems.add(r.filename + ": checksum differs from db.xml.gz");
		}
		return problems;
	}

	/** Fiji's notion of "the same file": versioned jars match whatever their version. */
	static String componentKey(String path) {
		if (!path.endsWith(".jar")) return path;
		int slash = path.lastIndexOf('/');
		return path.substring(0, slash + 1) + FijiShipped.baseName(path.substring(slash + 1)) + ".jar";
	}

	// ------------------------------------------------------------------ command line

	static final String USAGE = String.join("\n",
		"usage: UpdateSiteBuilder --site DIR --plugin JAR [options]",
		"  --site DIR               the update-site directory to create or update (db.xml.gz + <path>-<timestamp> files)",
		"  --plugin JAR             the project jar, published as plugins/<name> (see --plugin-name)",
		"  --plugin-name PATH       its path in Fiji (default plugins/<jar name without version>)",
		"  --jar JAR                a runtime dependency (repeatable); published to jars/ unless Fiji ships it",
		"  --classpath-file FILE    runtime dependencies as one path-separated line (mvn dependency:build-classpath)",
		"  --fiji-shipped FILE      allow-list of libraries Fiji ships (never uploaded); see FijiShipped",
		"  --macros DIR             every *.ijm in DIR is published as macros/<name>",
		"  --timestamp T            timestamp of new/changed files: yyyyMMddHHmmss (UTC), 'now', or 'git'",
		"                           (default: $SOURCE_DATE_EPOCH if set, else the HEAD commit time, else now)",
		"  --description TEXT, --link URL, --author NAME   shown by Fiji's updater for the plugin jar");

	/** Command-line entry point; used by the Maven profile {@code update-site}. Prints what changed. */
	public static void main(String[] args) throws IOException {
		Path site = null, plugin = null, classpathFile = null, shippedFile = null, macros = null;
		String pluginName = null, timestamp = null, description = null;
		List<String> links = new ArrayList<>(), authors = new ArrayList<>();
		List<Path> jars = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			if (a.equals("--help") || a.equals("-h")) {
				System.out.println(USAGE);
				return;
			}
			if (i + 1 >= args.length) throw new IllegalArgumentException("Missing value after " + a + "\n" + USAGE);
			String v = args[++i];
			switch (a) {
				case "--site": site = Paths.get(v); break;
				case "--plugin": plugin = Paths.get(v); break;
				case "--plugin-name": pluginName = v; break;
				case "--jar": jars.add(Paths.get(v)); break;
				case "--classpath-file": classpathFile = Paths.get(v); break;
				case "--fiji-shipped": shippedFile = Paths.get(v); break;
				case "--macros": macros = Paths.get(v); break;
				case "--timestamp": timestamp = v; break;
				case "--description": description = v; break;
				case "--link": links.add(v); break;
				case "--author": authors.add(v); break;
				default: throw new IllegalArgumentException("Unknown option " + a + "\n" + USAGE);
			}
		}
		if (site == null || plugin == null) throw new IllegalArgumentException("--site and --plugin are required\n" + USAGE);
		if (!Files.isRegularFile(plugin)) throw new IllegalArgumentException("No plugin jar at " + plugin + " (run mvn package first)");
		if (classpathFile != null) {
			String cp = new String(Files.readAllBytes(classpathFile), StandardCharsets.UTF_8).trim();
			for (String p : cp.split(File.pathSeparator))
				if (!p.isEmpty()) jars.add(Paths.get(p));
		}
		FijiShipped shipped = shippedFile == null ? FijiShipped.NONE : FijiShipped.read(shippedFile);

		UpdateSiteBuilder b = new UpdateSiteBuilder();
		b.releaseTimestamp(resolveTimestamp(timestamp, plugin.toAbsolutePath().getParent()));
		Item main = new Item(pluginName != null ? pluginName
			: "plugins/" + FijiShipped.baseName(plugin.getFileName().toString()) + ".jar", plugin);
		if (!main.path.startsWith("plugins/") || main.path.indexOf('_') < 0)
			System.err.println("warning: ImageJ reads plugins.config only from plugins/*_*.jar; " + main.path + " is not one");
		main.description = description;
		main.links.addAll(links);
		main.authors.addAll(authors);
		main.dependsOnJars = true;
		b.add(main);
		for (Path jar : jars) {
			String name = jar.getFileName().toString();
			if (Files.isDirectory(jar) || !name.endsWith(".jar")) continue; // e.g. target/classes
			if (shipped.ships(name)) {
				System.out.println("  shipped by Fiji, not uploaded: " + name);
				continue;
			}
			b.add(new Item("jars/" + name, jar));
		}
		if (macros != null && Files.isDirectory(macros)) {
			try (DirectoryStream<Path> ds = Files.newDirectoryStream(macros, "*.ijm")) {
				for (Path m : ds)
					b.add(new Item("macros/" + m.getFileName(), m));
			}
		}
		Map<String, Status> report = b.build(site);
		System.out.println("Update site " + site.toAbsolutePath() + " (new/changed files get timestamp " + b.releaseTimestamp + "):");
		for (Map.Entry<String, Status> e : report.entrySet())
			System.out.printf("  %-9s %s%n", e.getValue().name().toLowerCase(), e.getKey());
		List<String> problems = verify(site);
		if (!problems.isEmpty()) throw new IOException("The update site is not sound:\n  " + String.join("\n  ", problems));
	}

	/** Resolves --timestamp (see {@link #USAGE}). */
	static long resolveTimestamp(String spec, Path dir) {
		if (spec != null && spec.matches("\\d{14}")) return Long.parseLong(spec);
		if (spec != null && spec.equals("now")) return Timestamps.of(Instant.now());
		if (spec != null && !spec.equals("git") && !spec.isEmpty())
			throw new IllegalArgumentException("--timestamp must be yyyyMMddHHmmss, 'now' or 'git', not " + spec);
		String epoch = System.getenv("SOURCE_DATE_EPOCH");
		if (spec == null && epoch != null && epoch.matches("\\d+")) return Timestamps.of(Instant.ofEpochSecond(Long.parseLong(epoch)));
		Long git = gitHeadTime(dir);
		if (git != null) return Timestamps.of(Instant.ofEpochSecond(git));
		System.err.println("warning: no git commit time found; using the current time");
		return Timestamps.of(Instant.now());
	}

	private static Long gitHeadTime(Path dir) {
		try {
			Process p = new ProcessBuilder("git", "log", "-1", "--format=%ct").directory(dir.toFile())
				.redirectErrorStream(true).start();
			String s;
			try (InputStream in = p.getInputStream()) {
				s = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
			}
			return p.waitFor() == 0 && s.matches("\\d+") ? Long.parseLong(s) : null;
		} catch (IOException e) {
			return null;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** Fiji's 14-digit timestamps ({@code yyyyMMddHHmmss} as a number; we use UTC). */
	public static final class Timestamps {
		private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

		private Timestamps() {}

		public static long of(Instant t) {
			return Long.parseLong(FORMAT.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC)));
		}

		public static LocalDateTime parse(long ts) {
			check(ts);
			return LocalDateTime.parse(Long.toString(ts), FORMAT);
		}

		public static long plusOneSecond(long ts) {
			return Long.parseLong(FORMAT.format(parse(ts).plusSeconds(1)));
		}

		static void check(long ts) {
			if (ts < 10000101000000L || ts > 99991231235959L) throw new IllegalArgumentException("Not a yyyyMMddHHmmss timestamp: " + ts);
		}
	}
}
