package org.cathodej.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import org.scijava.util.FileUtils;

/**
 * The allow-list of libraries that Fiji already ships, so the update site must not upload them (a second copy in
 * {@code jars/} would clash with Fiji's own). Every runtime dependency NOT on the list is uploaded to {@code jars/}.
 * <p>
 * File format (src/update-site/fiji-shipped.txt): one entry per line, the jar's base name without version and
 * without {@code .jar} (e.g. {@code scijava-common} for {@code scijava-common-2.100.1.jar}); {@code *} matches any
 * characters ({@code imglib2*}); {@code #} starts a comment. Versions are stripped the way Fiji's updater does
 * ({@link FileUtils#stripFilenameVersion}), so a list entry keeps matching when pom-scijava moves a version.
 */
public final class FijiShipped {

	private final List<String> entries;
	private final List<Pattern> patterns = new ArrayList<>();

	public FijiShipped(List<String> entries) {
		List<String> clean = new ArrayList<>();
		for (String line : entries) {
			int hash = line.indexOf('#');
			String e = (hash >= 0 ? line.substring(0, hash) : line).trim();
			if (e.isEmpty()) continue;
			clean.add(e);
			patterns.add(Pattern.compile(globToRegex(e)));
		}
		this.entries = Collections.unmodifiableList(clean);
	}

	public static FijiShipped read(Path file) throws IOException {
		return new FijiShipped(Files.readAllLines(file, StandardCharsets.UTF_8));
	}

	public static final FijiShipped NONE = new FijiShipped(List.of());

	public List<String> entries() {
		return entries;
	}

	/** The updater's version-free name, e.g. {@code scijava-common} for {@code scijava-common-2.100.1.jar}. */
	public static String baseName(String jarFileName) {
		String s = FileUtils.stripFilenameVersion(jarFileName);
		return s.endsWith(".jar") ? s.substring(0, s.length() - 4) : s;
	}

	/** Whether Fiji ships the library in this jar (file name only, e.g. {@code weka-dev-3.9.6.jar}). */
	public boolean ships(String jarFileName) {
		String base = baseName(jarFileName);
		for (Pattern p : patterns)
			if (p.matcher(base).matches()) return true;
		return false;
	}

	private static String globToRegex(String glob) {
		StringBuilder re = new StringBuilder();
		int start = 0;
		for (int i = glob.indexOf('*'); i >= 0; i = glob.indexOf('*', start)) {
			if (i > start) re.append(Pattern.quote(glob.substring(start, i)));
			re.append(".*");
			start = i + 1;
		}
		if (start < glob.length()) re.append(Pattern.quote(glob.substring(start)));
		return re.toString();
	}
}
