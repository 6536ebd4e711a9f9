package org.cathodej.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The checksum Fiji's updater stores in {@code db.xml.gz} and checks after every download (SHA-1, 40 lowercase hex
 * digits). Two rules, chosen by the file's path relative to the Fiji root:
 * <ul>
 * <li><b>{@code *.jar}</b>: the path is not hashed. All zip entries (directories too) are sorted by name
 * ({@link String#compareTo}); for each entry its name (ASCII) is hashed, then its content, where
 * {@code META-INF/MANIFEST.MF} contributes no content at all and {@code *.properties} entries have their comment
 * lines blanked ({@link #skipHashedLines}). Entry order, entry timestamps, compression and the manifest therefore
 * do not change the checksum; a rebuilt jar with the same classes keeps it.</li>
 * <li><b>anything else</b>: SHA-1 over the ASCII relative path followed by the file's bytes, so the same bytes
 * under two paths give two checksums.</li>
 * </ul>
 * This is the updater's current digest (its "jar digest with properties and manifest treated specially, keeping
 * only Main-Class", in which a case bug drops every manifest line).
 */
public final class FijiChecksum {

	private FijiChecksum() {}

	/** Checksum of {@code file} installed at {@code relativePath} (forward slashes, e.g. {@code jars/x-1.0.jar}). */
	public static String of(String relativePath, Path file) throws IOException {
		if (relativePath.endsWith(".jar")) return jar(file);
		return file(relativePath, Files.readAllBytes(file));
	}

	/** Non-jar rule: SHA-1(ASCII(relativePath) || bytes). */
	public static String file(String relativePath, byte[] bytes) {
		MessageDigest md = sha1();
		md.update(relativePath.getBytes(StandardCharsets.US_ASCII));
		md.update(bytes);
		return hex(md.digest());
	}

	/** Jar rule (see the class comment). */
	public static String jar(Path jar) throws IOException {
		MessageDigest md = sha1();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			List<ZipEntry> entries = new ArrayList<>(Collections.list(zip.entries()));
			entries.sort((a, b) -> a.getName().compareTo(b.getName()));
			for (ZipEntry e : entries) {
				String name = e.getName();
				md.update(name.getBytes(StandardCharsets.US_ASCII));
				if (name.equals("META-INF/MANIFEST.MF")) continue;
				byte[] content;
				try (InputStream in = zip.getInputStream(e)) {
					content = in.readAllBytes();
				}
				if (name.endsWith(".properties")) content = skipHashedLines(content);
				md.update(content);
			}
		}
		return hex(md.digest());
	}

	/**
	 * The updater's filter for {@code .properties} entries, byte for byte. A {@code '#'} read while "at line start"
	 * drops everything up to the next {@code '\n'}, which is kept. Its quirks are part of the checksum and are
	 * reproduced: the start-of-line flag is set only by a {@code '\n'} read while it is clear, so after an empty line,
	 * or after a comment line made only of {@code '#'} characters, the following line is NOT treated as starting a
	 * line (a comment there is kept); and a comment on the last line with no {@code '\n'} vanishes entirely.
	 */
	public static byte[] skipHashedLines(byte[] in) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		boolean atStart = true, skipping = false;
		for (byte b : in) {
			if (atStart && b == '#') {
				skipping = true; // a comment starts (or a '#' directly after one; nothing else changes)
				continue;
			}
			if (atStart) atStart = false;
			else if (b == '\n') atStart = true;
			if (!skipping) out.write(b);
			else if (b == '\n') {
				out.write('\n');
				skipping = false;
			}
		}
		return out.toByteArray();
	}

	static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static String hex(byte[] digest) {
		StringBuilder sb = new StringBuilder(digest.length * 2);
		for (byte b : digest) sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
		return sb.toString();
	}
}
