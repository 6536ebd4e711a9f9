package org.cathodej.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import com.sun.net.httpserver.HttpServer;

/**
 * Test helper that behaves like Fiji's updater against one update site: it reads {@code db.xml.gz} from the site
 * URL, downloads each current file from {@code <url><filename>-<timestamp>} into a Fiji-like folder (plugins/,
 * jars/, macros/), and rejects a download whose size or checksum is wrong (as Installer.verify does). It also
 * compares installed files with the current and previous checksums, and removes files the site marks obsolete.
 * Reusable by tests that need "a fresh Fiji-like layout filled from the generated update site".
 */
public final class FijiLikeInstaller {

	private FijiLikeInstaller() {}

	/** The emulated updater: what it did in one run, by relative path. */
	public static final class Run {
		public final Map<String, String> actions = new LinkedHashMap<>();
	}

	/** One update run of the emulated Fiji against a site URL (ending in '/'). */
	public static Run update(String siteUrl, Path fiji) throws Exception {
		Run run = new Run();
		ParsedDb db;
		try (InputStream in = open(new URL(siteUrl + "db.xml.gz"))) {
			db = ParsedDb.read(in);
		}
		for (ParsedDb.Rec r : db.records.values()) {
			Path local = fiji.resolve(r.filename);
			String localSum = Files.exists(local) ? ReferenceChecksum.of(r.filename, local) : null;
			if (r.version == null) { // obsolete on the site: uninstall
				if (localSum != null) {
					Files.delete(local);
					run.actions.put(r.filename, "removed");
				}
				continue;
			}
			String checksum = r.version.get("checksum");
			if (checksum.equals(localSum)) {
				run.actions.put(r.filename, "up-to-date");
				continue;
			}
			boolean known = localSum == null;
			for (Map<String, String> p : r.previous) known |= p.get("checksum").equals(localSum);
			if (!known) {
				run.actions.put(r.filename, "locally-modified"); // Fiji would not overwrite it silently
				continue;
			}
			URL url = new URL(siteUrl + r.filename.replace(" ", "%20") + "-" + r.version.get("timestamp"));
			Path download = fiji.resolve("update").resolve(r.filename);
			Files.createDirectories(download.getParent());
			try (InputStream in = open(url)) {
				Files.copy(in, download, StandardCopyOption.REPLACE_EXISTING);
			}
			// Installer.verify: size first, then checksum
			assertEquals(Long.parseLong(r.version.get("filesize")), Files.size(download), "Incorrect file size: " + url);
			assertEquals(checksum, ReferenceChecksum.of(r.filename, download), "Incorrect checksum: " + url);
			Files.createDirectories(local.getParent());
			Files.move(download, local, StandardCopyOption.REPLACE_EXISTING);
			run.actions.put(r.filename, localSum == null ? "installed" : "updated");
		}
		return run;
	}

	static InputStream open(URL url) throws IOException {
		URLConnection c = url.openConnection();
		c.setUseCaches(false);
		if (c instanceof HttpURLConnection && ((HttpURLConnection) c).getResponseCode() != 200)
			throw new IOException(url + ": HTTP " + ((HttpURLConnection) c).getResponseCode());
		return c.getInputStream();
	}

	/** A minimal static file server (GET/HEAD, Last-Modified), like any web server a site could live on. */
	public static HttpServer staticServer(Path root) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", ex -> {
			try {
				Path f = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
				if (!f.startsWith(root) || !Files.isRegularFile(f)) {
					ex.sendResponseHeaders(404, -1);
					return;
				}
				SimpleDateFormat http = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
				http.setTimeZone(TimeZone.getTimeZone("GMT"));
				ex.getResponseHeaders().add("Last-Modified", http.format(new Date(Files.getLastModifiedTime(f).toMillis())));
				boolean head = ex.getRequestMethod().equals("HEAD");
				ex.sendResponseHeaders(200, head ? -1 : Files.size(f));
				if (!head) try (OutputStream out = ex.getResponseBody()) {
					Files.copy(f, out);
				}
			} finally {
				ex.close();
			}
		});
		server.start();
		return server;
	}
}
