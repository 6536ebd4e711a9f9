package org.cathodej.run;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where results are written: folders are created only when they can be, an unwritable place is an
 * {@link UncheckedIOException} naming the obstacle (exit code 3 on the command line), and what a failed run created
 * is removed again. Nothing here deletes a file that the current run did not write.
 */
public final class OutputPaths {

	/** What to do about existing results, in the words of each front end (dialog, macro, command line). */
	public static final String OVERWRITE_HINT =
		"Choose another output folder, or replace them: tick 'overwrite' (macro: add overwrite; command line: --overwrite).";


	private OutputPaths() {}

	/**
	 * Creates {@code dir} with its missing parents; returns the topmost folder created (null when it existed).
	 * @param what e.g. "output folder", for the message
	 */
	public static Path createFolder(Path dir, String what) {
		Path abs = dir.toAbsolutePath().normalize();
		Path existing = abs;
		while (existing != null && !Files.exists(existing)) existing = existing.getParent();
		if (existing != null && !Files.isDirectory(existing))
			throw unwritable("Cannot create the " + what + " " + dir + ": " + existing + " is a file, not a folder.");
		if (existing != null && existing.equals(abs)) {
			if (!Files.isWritable(abs)) throw unwritable("Cannot write into the " + what + " " + dir + ": it is not writable.");
			return null;
		}
		Path top = existing == null ? abs.getRoot() : existing.relativize(abs).getName(0);
		top = existing == null ? top : existing.resolve(top);
		try {
			Files.createDirectories(abs);
		} catch (IOException | SecurityException e) {
			throw unwritable("Cannot create the " + what + " " + dir + ": " + describe(e) + ".");
		}
		return top;
	}

	/**
	 * Refuses a file that a command writes itself (style "save") where it cannot be written. A file named this way
	 * is written under that name, as a Save As would (the user named it).
	 */
	public static void checkSaveTarget(Path file, String where) {
		Path abs = file.toAbsolutePath().normalize();
		if (Files.isDirectory(abs)) throw new IllegalArgumentException("Invalid value for " + where + ": " + file + " is a folder; give a file name.");
		Path parent = abs.getParent();
		while (parent != null && !Files.exists(parent)) parent = parent.getParent();
		if (parent != null && !Files.isDirectory(parent))
			throw unwritable("Cannot write " + file + " (" + where + "): " + parent + " is a file, not a folder.");
		if (parent != null && !Files.isWritable(parent)) throw unwritable("Cannot write " + file + " (" + where + "): " + parent + " is not writable.");
	}

	/** An input file (style "file") that must exist: a missing one is exit code 3 on the command line. */
	public static void requireInputFile(Path file, String where) {
		if (!Files.exists(file)) throw new UncheckedIOException(where + ": file not found: " + file, new FileNotFoundException(file.toString()));
		if (!Files.isRegularFile(file)) throw unwritable(where + ": " + file + " is not a file.");
		if (!Files.isReadable(file)) throw unwritable(where + ": " + file + " is not readable.");
	}

	static void deleteQuietly(Path f) {
		try {
			Files.deleteIfExists(f);
		} catch (IOException e) {
			// best effort: the run fails with its own reason
		}
	}

	/** Deletes a folder this run created, with everything in it (the run's own partial output). */
	static void deleteCreatedTree(Path top) {
		if (!Files.isDirectory(top)) return;
		try (Stream<Path> s = Files.walk(top)) {
			List<Path> all = s.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
			for (Path p : all) deleteQuietly(p);
		} catch (IOException | UncheckedIOException e) {
			// best effort
		}
	}

	private static String describe(Exception e) {
		if (e instanceof java.nio.file.FileSystemException) {
			String reason = ((java.nio.file.FileSystemException) e).getReason();
			return reason != null ? reason : "the file system refused it (" + e.getClass().getSimpleName() + ")";
		}
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}

	private static UncheckedIOException unwritable(String message) {
		return new UncheckedIOException(message, new IOException(message));
	}

}
