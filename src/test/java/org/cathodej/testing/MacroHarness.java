package org.cathodej.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.imagej.patcher.LegacyEnvironment;

/**
 * Runs real ImageJ macros headless, as Fiji would, through ij1-patcher's {@link LegacyEnvironment}: ImageJ 1.x
 * reads plugins.config from target/classes, so {@code run("Phase Fractions", ...)} reaches the command through the
 * same bridge as in Fiji. runMacro does not throw on macro errors: tests assert on the files a macro writes and
 * on the printed log. One environment is shared per test JVM (creating one takes seconds).
 */
public final class MacroHarness {

	/** What a macro printed (print, IJ.log, macro errors) on stdout and stderr. */
	public static final class Result {
		private final String log;

		Result(String log) {
			this.log = log;
		}

		public String log() {
			return log;
		}

		@Override
		public String toString() {
			return log;
		}
	}

	private static LegacyEnvironment env;

	private MacroHarness() {}

	public static Result runFile(Path macro, String argument) throws IOException {
		return run(new String(Files.readAllBytes(macro), StandardCharsets.UTF_8), argument);
	}

	public static synchronized Result run(String macro, String argument) {
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		PrintStream oldOut = System.out, oldErr = System.err;
		PrintStream tee = new PrintStream(new Tee(buf, oldOut), true);
		PrintStream teeErr = new PrintStream(new Tee(buf, oldErr), true);
		System.setOut(tee);
		System.setErr(teeErr);
		try {
			// each macro starts as in a fresh Fiji: no open images, empty Results table
			environment().runMacro("setBatchMode(false); close('*'); run('Clear Results');", "");
			environment().runMacro(macro, argument == null ? "" : argument);
		} finally {
			System.out.flush();
			System.setOut(oldOut);
			System.setErr(oldErr);
		}
		return new Result(new String(buf.toByteArray(), StandardCharsets.UTF_8));
	}

	private static LegacyEnvironment environment() {
		if (env == null) {
			try {
				env = newEnvironment(pluginClasspath());
			} catch (ClassNotFoundException ex) {
				throw new IllegalStateException("ij1-patcher could not patch ImageJ 1.x", ex);
			}
		}
		return env;
	}

	/**
	 * A fresh patched, headless ImageJ 1.x as in Fiji but without plugin folders, startup macros or script discovery:
	 * its plugins come from {@code classpath} only.
	 */
	public static LegacyEnvironment newEnvironment(File... classpath) throws ClassNotFoundException {
		LegacyEnvironment e = new LegacyEnvironment(null, true);
		e.disableIJ1PluginDirs();
		e.disableInitializer();
		e.suppressIJ1ScriptDiscovery();
		e.addPluginClasspath(classpath);
		return e;
	}

	/** {@link #newEnvironment} with the plugin and the test classes (for probes that run inside ImageJ). */
	public static LegacyEnvironment newEnvironmentWithTestClasses() throws ClassNotFoundException {
		List<File> cp = new ArrayList<>(Arrays.asList(pluginClasspath()));
		cp.add(new File("target/test-classes"));
		return newEnvironment(cp.toArray(new File[0]));
	}

	/** target/classes and the runtime dependencies, without ImageJ and the patcher (patched copies come from its loader). */
	public static File[] pluginClasspath() {
		String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<File> files = new ArrayList<>();
		files.add(new File("target/classes"));
		for (String entry : cp.split(File.pathSeparator)) {
			File f = new File(entry);
			String n = f.getName();
			if (n.equals("classes") || n.equals("test-classes")) continue;
			if (n.matches("ij-\\d.*\\.jar") || n.startsWith("ij1-patcher") || n.startsWith("javassist") || n.startsWith("junit-")
				|| n.startsWith("opentest4j") || n.startsWith("apiguardian") || n.startsWith("surefire") || n.startsWith("junit"))
				continue;
			files.add(f);
		}
		return files.toArray(new File[0]);
	}

	private static final class Tee extends OutputStream {
		private final OutputStream a, b;

		Tee(OutputStream a, OutputStream b) {
			this.a = a;
			this.b = b;
		}

		@Override
		public void write(int x) throws IOException {
			a.write(x);
			b.write(x);
		}

		@Override
		public void write(byte[] buf, int off, int len) throws IOException {
			a.write(buf, off, len);
			b.write(buf, off, len);
		}
	}
}
