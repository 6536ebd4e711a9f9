package org.cathodej.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A job's output folder, written first as a hidden sibling {@code .<name>.partial-<id>} and moved into place only
 * when the job has finished, so a job stopped or failed mid-way leaves no half-written results. The JSON sidecars
 * name the final folder, not the staging one.
 */
final class StagedOutput {

	private final Path target, staging;
	private final boolean overwrite;

	StagedOutput(Path target, boolean overwrite) {
		this.target = target.toAbsolutePath().normalize();
		this.overwrite = overwrite;
		Path parent = this.target.getParent();
		if (parent == null) throw new IllegalArgumentException("The output folder needs a parent folder: " + target);
		this.staging = parent.resolve("." + this.target.getFileName() + ".partial-" + UUID.randomUUID());
		if (!overwrite) for (Path p : list(this.target))
			throw new IllegalArgumentException(this.target + " already holds " + p.getFileName() + "; give --overwrite or another folder.");
	}

	/** Where the job writes. */
	Path staging() {
		return staging;
	}

	/** Moves everything into the target folder (atomically when the target does not exist yet). */
	List<Path> commit() {
		try {
			for (Path f : files(staging)) fixPaths(f);
			List<Path> moved = new ArrayList<>();
			if (!Files.exists(target)) {
				Files.createDirectories(target.getParent());
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			} else {
				for (Path p : list(staging)) {
					Path t = target.resolve(p.getFileName());
					if (Files.isDirectory(t)) deleteTree(t);
					Files.move(p, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				}
				deleteTree(staging);
			}
			for (Path p : list(target)) moved.add(p);
			return moved;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot move the results from " + staging + " to " + target + ": " + e.getMessage(), e);
		}
	}

	/** Removes the staging folder (after a failure or a stop). */
	void discard() {
		try {
			deleteTree(staging);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot remove " + staging, e);
		}
	}

	private void fixPaths(Path f) throws IOException {
		if (!f.getFileName().toString().endsWith(".json")) return;
		String s = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
		String from = jsonText(staging.toString()), to = jsonText(target.toString());
		if (s.contains(from)) Files.write(f, s.replace(from, to).getBytes(StandardCharsets.UTF_8));
	}

	private static String jsonText(String s) {
		return s.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private static List<Path> list(Path dir) {
		List<Path> l = new ArrayList<>();
		if (!Files.isDirectory(dir)) return l;
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
			for (Path p : ds) l.add(p);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot list " + dir, e);
		}
		l.sort(null);
		return l;
	}

	private static List<Path> files(Path dir) throws IOException {
		List<Path> l = new ArrayList<>();
		try (Stream<Path> s = Files.walk(dir)) {
			s.filter(Files::isRegularFile).forEach(l::add);
		}
		return l;
	}

	static void deleteTree(Path p) throws IOException {
		if (!Files.exists(p)) return;
		try (Stream<Path> s = Files.walk(p)) {
			List<Path> all = new ArrayList<>();
			s.forEach(all::add);
			for (int i = all.size() - 1; i >= 0; i--) Files.delete(all.get(i));
		}
	}
}
