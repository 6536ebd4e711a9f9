package org.cathodej.site;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A second, independent implementation of Fiji's updater checksum for the tests (the production one is
 * {@link FijiChecksum}): it streams the zip's local entries instead of reading the central directory, collects
 * them in a sorted map, and filters .properties with a recursive reader that mirrors the updater's filter stream
 * (a '#' at line start reads on, through the same filter, until a newline or the end).
 */
final class ReferenceChecksum {

	private ReferenceChecksum() {}

	static String of(String relativePath, byte[] bytes) throws Exception {
		MessageDigest md = MessageDigest.getInstance("SHA-1");
		if (relativePath.endsWith(".jar")) {
			Map<String, byte[]> entries = new TreeMap<>();
			try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(bytes))) {
				for (ZipEntry e; (e = zin.getNextEntry()) != null;)
					entries.put(e.getName(), zin.readAllBytes());
			}
			for (Map.Entry<String, byte[]> e : entries.entrySet()) {
				String name = e.getKey();
				byte[] content = e.getValue();
				if (name.equals("META-INF/MANIFEST.MF")) content = new byte[0];
				else if (name.endsWith(".properties")) content = filterProperties(content);
				md.update(name.getBytes(StandardCharsets.US_ASCII));
				md.update(content);
			}
		} else {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			all.write(relativePath.getBytes(StandardCharsets.US_ASCII));
			all.write(bytes);
			md.update(all.toByteArray());
		}
		StringBuilder sb = new StringBuilder();
		for (byte b : md.digest()) sb.append(String.format("%02x", b & 0xff));
		return sb.toString();
	}

	static String of(String relativePath, Path file) throws Exception {
		return of(relativePath, Files.readAllBytes(file));
	}

	/** The comment filter, as a stream whose read() calls itself while inside a comment. */
	static byte[] filterProperties(byte[] in) throws IOException {
		InputStream src = new ByteArrayInputStream(in);
		Object[] state = { Boolean.TRUE };
		class Filter {
			int next() throws IOException {
				int c = src.read();
				if ((Boolean) state[0]) {
					if (c == '#') {
						do c = next(); while (c != '\n' && c != -1);
					} else state[0] = Boolean.FALSE;
				} else if (c == '\n') state[0] = Boolean.TRUE;
				return c;
			}
		}
		Filter f = new Filter();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int c; (c = f.next()) != -1;) out.write(c);
		return out.toByteArray();
	}
}
