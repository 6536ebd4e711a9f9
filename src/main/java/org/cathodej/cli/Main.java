package org.cathodej.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.cathodej.run.FijiContext;
import org.cathodej.imagej.ImageFiles;
import org.cathodej.results.Version;
import org.cathodej.workflow.suite.AnalysisSuite;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandResult;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.ImageSource;
import org.cathodej.run.ParameterSpec;
import org.cathodej.task.InsufficientMemoryException;
import org.cathodej.task.Progress;

import ij.IJ;
import ij.ImagePlus;

/**
 * The command line: runs any CathodeJ command headless, with the same parameter names as its macro, on image files,
 * saving its results (CSV + JSON provenance, PNG, TIFF) into an output folder.
 *
 * <pre>
 * cathodej list
 * cathodej help &lt;command&gt;
 * cathodej &lt;command&gt; [image-file ...] [key=value ...] [--input key=path ...] --out DIR [--overwrite]
 * </pre>
 *
 * {@code <command>} is the menu label ("Phase Fractions") or its file stem (phase_fractions). Image files are
 * assigned to the command's image inputs in order, or by key ({@code labels=x.tif} / {@code --input labels=x.tif}).
 * Exit codes: {@value #OK} done, {@value #USAGE} bad usage or parameters, {@value #FILE} an input file is missing
 * or unreadable (or an output cannot be written), {@value #MEMORY} out of memory or refused by the memory check,
 * {@value #UNEXPECTED} anything else.
 */
public final class Main {

	public static final int OK = 0, UNEXPECTED = 1, USAGE = 2, FILE = 3, MEMORY = 4;

	private final PrintStream out, err;
	private final CommandCatalog catalog;

	Main(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
		this.catalog = CommandCatalog.load();
	}

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		System.exit(run(args, System.out, System.err));
	}

	/** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		System.setProperty("java.awt.headless", "true");
		try {
			return new Main(out, err).dispatch(args);
		} catch (Usage e) {
			err.println("cathodej: " + e.getMessage());
			return USAGE;
		} catch (IllegalArgumentException e) {
			err.println("cathodej: " + e.getMessage());
			return USAGE;
		} catch (UncheckedIOException e) {
			err.println("cathodej: " + e.getMessage());
			return FILE;
		} catch (InsufficientMemoryException e) {
			err.println("cathodej: " + e.getMessage());
			return MEMORY;
		} catch (OutOfMemoryError e) {
			err.println("cathodej: out of memory. Give Java more (e.g. CATHODEJ_XMX=16g scripts/cathodej ..., or java -Xmx16g -jar ...)"
				+ " or work on a crop.");
			return MEMORY;
		} catch (CancellationException e) {
			err.println("cathodej: stopped.");
			return UNEXPECTED;
		} catch (Throwable e) {
			err.println("cathodej: unexpected error: " + e);
			e.printStackTrace(err);
			return UNEXPECTED;
		}
	}

	private int dispatch(String[] args) {
		if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
			usage(args.length == 0 ? err : out);
			if (args.length == 0) throw new Usage("no command given");
			return OK;
		}
		if (args[0].equals("--version")) {
			out.println("CathodeJ " + Version.get());
			return OK;
		}
		if (args[0].equals("list")) {
			if (args.length > 1) throw new Usage("'list' takes no arguments");
			list();
			return OK;
		}
		if (args[0].equals("help")) {
			if (args.length == 1) {
				usage(out);
				return OK;
			}
			help(command(join(args, 1)).spec());
			return OK;
		}
		if (args[0].equals("analyse") || args[0].equals("analyze")) return analyse(args);
		return runCommand(command(args[0]), args);
	}

	/**
	 * {@code cathodej analyse labels.tif [key=value ...] --out DIR}: the analyses of {@link AnalysisSuite#ANALYSES} (the
	 * Analyze menu) on one label image, in that order, into one folder. A key is passed to each command that has it (e.g. the label values to
	 * all); a key that no analysis has is an error. Stops at the first failure.
	 */
	private int analyse(String[] args) {
		AnalysisSuite suite;
		try {
			suite = new AnalysisSuite(catalog);
		} catch (IllegalStateException e) {
			throw new Usage(e.getMessage());
		}
		List<CommandCatalog.Entry> analyses = suite.entries();
		Map<String, String> keys = new LinkedHashMap<>();
		for (int i = 1; i < args.length; i++) {
			String key = keyOf(args[i]);
			if (key != null) keys.put(key, args[i].substring(args[i].indexOf('=') + 1));
		}
		try {
			suite.checkOptions(keys, "analyse"); // every value of every analysis before the first one writes
		} catch (IllegalArgumentException e) {
			throw new Usage(e.getMessage());
		}
		for (CommandCatalog.Entry e : analyses) {
			List<String> own = new ArrayList<>();
			own.add(e.spec().fileStem());
			for (int i = 1; i < args.length; i++) {
				String key = keyOf(args[i]);
				if (key != null && e.spec().input(key) == null) continue;
				if (key == null && !args[i].startsWith("-") && !isFlag(e.spec(), args[i]) && !Files.exists(Paths.get(args[i])))
					if (anyFlag(analyses, args[i])) continue; // a flag of another analysis
				own.add(args[i]);
				if ((args[i].equals("--out") || args[i].equals("-o")) && i + 1 < args.length) own.add(args[++i]);
			}
			err.println("== " + e.spec().label());
			int code = runCommand(e, own.toArray(new String[0]));
			if (code != OK) return code;
		}
		return OK;
	}

	private static boolean anyFlag(List<CommandCatalog.Entry> entries, String a) {
		for (CommandCatalog.Entry e : entries)
			if (isFlag(e.spec(), a)) return true;
		return false;
	}

	/** The key of a key=value argument, or null for files and options. */
	private static String keyOf(String a) {
		int eq = a.indexOf('=');
		if (a.startsWith("-") || eq <= 0) return null;
		String k = a.substring(0, eq);
		return k.matches("[A-Za-z][A-Za-z0-9_]*") ? k.toLowerCase(java.util.Locale.ROOT) : null;
	}

	private static String join(String[] a, int from) {
		StringBuilder sb = new StringBuilder();
		for (int i = from; i < a.length; i++) sb.append(i > from ? " " : "").append(a[i]);
		return sb.toString();
	}

	private CommandCatalog.Entry command(String name) {
		CommandCatalog.Entry e = catalog.find(name);
		if (e == null) {
			List<String> names = new ArrayList<>();
			for (CommandCatalog.Entry x : catalog.entries()) names.add(x.spec().fileStem());
			throw new Usage("unknown command '" + name + "'. Commands: " + String.join(", ", names) + " ('cathodej list' describes them).");
		}
		return e;
	}

	private void usage(PrintStream ps) {
		ps.println("CathodeJ " + Version.get() + ": 3D analysis of composite-cathode volumes, headless.");
		ps.println();
		ps.println("Usage:");
		ps.println("  cathodej list                      the commands");
		ps.println("  cathodej help <command>            a command's parameters (= macro keys), defaults, bounds, outputs");
		ps.println("  cathodej analyse <labels.tif> [key=value ...] --out DIR   every Analyze command on one label image");
		ps.println("  cathodej <command> [image-file ...] [key=value ...] [--input key=path ...] --out DIR [--overwrite] [--progress]");
		ps.println();
		ps.println("<command> is the menu label (\"Phase Fractions\") or its snake_case name (phase_fractions). Keys are the");
		ps.println("macro keys; flags are given as key or key=true. Image files (TIFF and what ImageJ opens, a folder of TIFF slices, or file.h5:/dataset) fill the image");
		ps.println("inputs in order. Results go to DIR as CSV tables, PNG plots and TIFF images, each with a JSON sidecar.");
		ps.println("Exit codes: 0 done, 2 bad usage or parameters, 3 input file missing/unreadable or output not writable,");
		ps.println("4 out of memory or refused by the memory check, 1 unexpected error.");
	}

	private void list() {
		int w = 0, l = 0;
		for (CommandCatalog.Entry e : catalog.entries()) {
			w = Math.max(w, e.spec().fileStem().length());
			l = Math.max(l, e.spec().label().length() + 2);
		}
		for (CommandCatalog.Entry e : catalog.entries())
			out.println(String.format("%-" + (w + 2) + "s%-" + (l + 2) + "s%s", e.spec().fileStem(), "\"" + e.spec().label() + "\"",
				e.submenu() + ": " + e.spec().description()));
	}

	private void help(CommandSpec spec) {
		Object defaults = spec.newInstance();
		out.println(spec.label() + "  (cathodej " + spec.fileStem() + "; macro: run(\"" + spec.label() + "\", \"...\"))");
		if (!spec.description().isEmpty()) out.println(spec.description());
		StringBuilder u = new StringBuilder("cathodej " + spec.fileStem());
		for (ParameterSpec p : spec.inputs())
			if (p.kind() == ParameterSpec.Kind.IMAGE) u.append(p.isRequired() ? " " : " [").append(p.name().toUpperCase()).append(".tif")
				.append(p.isRequired() ? "" : "]");
		out.println();
		out.println("Usage: " + u + " [key=value ...] --out DIR [--overwrite]");
		out.println();
		out.println("Parameters (macro keys):");
		for (ParameterSpec p : spec.inputs()) {
			if (p.name().equals("output_dir") || p.name().equals("overwrite")) continue;
			StringBuilder sb = new StringBuilder(String.format("  %-22s %-8s default %s", p.name(), ParameterText.type(p),
				ParameterText.defaultValue(p, defaults)));
			if (!ParameterText.bounds(p).isEmpty()) sb.append(", range ").append(ParameterText.bounds(p));
			if (!ParameterText.choices(p).isEmpty()) sb.append(", one of: ").append(ParameterText.choices(p));
			out.println(sb);
			out.println("      " + p.label() + (p.description().isEmpty() ? "" : ": " + p.description())
				+ (p.kind() == ParameterSpec.Kind.IMAGE ? " [a file path]" : ""));
		}
		out.println("  --out DIR (output_dir)        folder for the results (created when missing)");
		out.println("  --overwrite (overwrite)       replace result files that already exist in DIR");
		out.println("  --progress                    progress lines on stderr");
		out.println();
		out.println("Outputs:");
		for (ParameterSpec o : spec.outputs())
			out.println(String.format("  %-22s %-6s %s  (%s)", o.name(), ParameterText.outputKind(o).split(" ")[0],
				ParameterText.outputFiles(spec, o), o.label()));
	}

	private int runCommand(CommandCatalog.Entry entry, String[] args) {
		CommandSpec spec = entry.spec();
		List<ParameterSpec> imageParams = new ArrayList<>();
		for (ParameterSpec p : spec.inputs())
			if (p.kind() == ParameterSpec.Kind.IMAGE) imageParams.add(p);
		CommandArgs ca = parseArgs(spec, args);
		Map<String, String> options = ca.options;
		Map<String, String> imageFiles = ca.imageFiles;
		boolean progress = ca.progress;
		assignPositional(spec, imageParams, ca.positional, imageFiles);
		String outDir = options.get("output_dir");
		if (outDir == null || outDir.trim().isEmpty())
			throw new Usage("give an output folder: --out DIR (results are saved there as CSV + JSON, PNG, TIFF).");
		checkBeforeOpening(spec, imageParams, options, imageFiles);
		ImageSource images = openImages(imageParams, imageFiles, options);
		long t0 = System.nanoTime();
		CommandResult r = new CommandRunner(FijiContext.get()).run(spec, options, images, progress ? new StderrProgress(spec.label(), err) : Progress.NONE);
		for (String n : r.notes()) err.println("note: " + n);
		for (Path f : r.files()) out.println(f);
		err.println(spec.label() + " done in " + String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9) + " s; "
			+ r.files().size() + " files in " + outDir + ". Macro: " + r.macroLine());
		return OK;
	}

	/** A command's arguments sorted: options by key, image files by parameter, positional files, --progress. */
	private static final class CommandArgs {
		final Map<String, String> options = new LinkedHashMap<>();
		final Map<String, String> imageFiles = new LinkedHashMap<>();
		final List<String> positional = new ArrayList<>();
		boolean progress;
	}

	private CommandArgs parseArgs(CommandSpec spec, String[] args) {
		CommandArgs ca = new CommandArgs();
		Map<String, String> options = ca.options, imageFiles = ca.imageFiles;
		for (int i = 1; i < args.length; i++) {
			String a = args[i];
			if (a.equals("--out") || a.equals("-o") || a.equals("--input")) {
				if (i + 1 >= args.length) throw new Usage(a + " needs a value");
				String v = args[++i];
				if (a.equals("--input")) keyValue(spec, v, options, imageFiles, "--input ");
				else put(options, "output_dir", v);
			} else if (a.startsWith("--out=")) put(options, "output_dir", a.substring(6));
			else if (a.startsWith("--input=")) keyValue(spec, a.substring(8), options, imageFiles, "--input ");
			else if (a.equals("--overwrite")) put(options, "overwrite", "true");
			else if (a.equals("--progress")) ca.progress = true;
			else if (a.startsWith("-") && !a.contains("=")) throw new Usage("unknown option '" + a + "' (see cathodej help " + spec.fileStem() + ")");
			else if (a.contains("=") && a.indexOf('=') > 0 && a.substring(0, a.indexOf('=')).matches("[A-Za-z][A-Za-z0-9_]*"))
				keyValue(spec, a, options, imageFiles, "");
			else if (isFlag(spec, a) && !Files.exists(Paths.get(a))) put(options, a.toLowerCase(java.util.Locale.ROOT), "true");
			else ca.positional.add(a);
		}
		return ca;
	}

	/** Positional arguments fill the image inputs not given by key, in order. */
	private static void assignPositional(CommandSpec spec, List<ParameterSpec> imageParams, List<String> positional, Map<String, String> imageFiles) {
		int k = 0;
		for (String file : positional) {
			while (k < imageParams.size() && imageFiles.containsKey(imageParams.get(k).name())) k++;
			if (k >= imageParams.size()) {
				if (imageParams.isEmpty())
					throw new Usage(spec.label() + " takes no image; '" + file + "' is neither a file for it nor key=value.");
				throw new Usage("too many image files: " + spec.label() + " takes " + imageParams.size() + " (" + names(imageParams) + "); '" + file
					+ "' is extra.");
			}
			imageFiles.put(imageParams.get(k).name(), file);
		}
	}

	/** Every key and value, and the required images, checked before opening large files. */
	private static void checkBeforeOpening(CommandSpec spec, List<ParameterSpec> imageParams, Map<String, String> options,
		Map<String, String> imageFiles) {
		for (Map.Entry<String, String> e : options.entrySet()) {
			ParameterSpec p = spec.input(e.getKey());
			if (p == null) throw new Usage("unknown parameter '" + e.getKey() + "' for " + spec.label() + ". Valid parameters: " + names(spec.inputs()) + ".");
			p.parse(e.getValue(), spec.label());
		}
		for (ParameterSpec p : imageParams)
			if (p.isRequired() && !imageFiles.containsKey(p.name()))
				throw new Usage(spec.label() + " needs an image file for '" + p.name() + "' (" + p.label() + "): cathodej " + spec.fileStem()
					+ " " + p.name().toUpperCase() + ".tif ... (see cathodej help " + spec.fileStem() + ")");
	}

	/**
	 * Opens the images; the first image input is "the current image" (as in Fiji), the others are named by title
	 * (recorded into {@code options}).
	 */
	private ImageSource openImages(List<ParameterSpec> imageParams, Map<String, String> imageFiles, Map<String, String> options) {
		Map<String, ImagePlus> byName = new HashMap<>();
		ImagePlus current = null;
		boolean first = true;
		for (ParameterSpec p : imageParams) {
			String file = imageFiles.get(p.name());
			if (file != null) {
				ImagePlus imp = open(file);
				String name = byName.containsKey(imp.getTitle()) ? file : imp.getTitle();
				byName.put(name, imp);
				if (first) current = imp;
				else options.put(p.name(), name);
			}
			first = false;
		}
		final ImagePlus cur = current;
		return new ImageSource() {
			@Override
			public ImagePlus byName(String name) {
				return byName.get(name);
			}

			@Override
			public ImagePlus current() {
				return cur;
			}
		};
	}

	private static boolean isFlag(CommandSpec spec, String a) {
		ParameterSpec p = spec.input(a.toLowerCase(java.util.Locale.ROOT));
		return p != null && p.kind() == ParameterSpec.Kind.BOOLEAN;
	}

	private static void keyValue(CommandSpec spec, String a, Map<String, String> options, Map<String, String> imageFiles, String how) {
		int eq = a.indexOf('=');
		if (eq <= 0) throw new Usage(how + "'" + a + "' is not key=value");
		String key = a.substring(0, eq).toLowerCase(java.util.Locale.ROOT), value = a.substring(eq + 1);
		if (value.length() >= 2 && value.startsWith("[") && value.endsWith("]")) value = value.substring(1, value.length() - 1);
		ParameterSpec p = spec.input(key);
		if (p != null && p.kind() == ParameterSpec.Kind.IMAGE) {
			if (imageFiles.put(key, value) != null) throw new Usage("parameter '" + key + "' is given twice");
		} else {
			if (how.startsWith("--input") && p == null)
				throw new Usage("unknown image parameter '" + key + "' in --input " + a + " for " + spec.label() + "; its image parameters: "
					+ imageNames(spec) + ".");
			if (how.startsWith("--input") && p != null)
				throw new Usage("--input is for image files; '" + key + "' is not an image parameter (give " + key + "=value)");
			put(options, key, value);
		}
	}

	private static String imageNames(CommandSpec spec) {
		List<ParameterSpec> images = new ArrayList<>();
		for (ParameterSpec p : spec.inputs()) if (p.kind() == ParameterSpec.Kind.IMAGE) images.add(p);
		return images.isEmpty() ? "none" : names(images);
	}

	private static void put(Map<String, String> options, String key, String value) {
		if (options.put(key, value) != null) throw new Usage("parameter '" + key + "' is given twice");
	}

	private static String names(List<ParameterSpec> ps) {
		List<String> n = new ArrayList<>();
		for (ParameterSpec p : ps) n.add(p.name());
		return String.join(", ", n);
	}

	/** Opens an image file with ImageJ, refusing missing, unreadable and truncated files (exit code 3). */
	private static ImagePlus open(String file) {
		if (org.cathodej.volume.Hdf5Source.splitSpec(file) == null && !Files.exists(Paths.get(file)))
			throw new UncheckedIOException("input file not found: " + file, new java.io.FileNotFoundException(file));
		ImagePlus virtual;
		try {
			// a folder of TIFF slices, file.h5:/dataset, or a TIFF too large for memory: a virtual stack the analyses stream
			virtual = org.cathodej.imagej.VolumeSources.openVirtual(file);
		} catch (IllegalArgumentException e) {
			throw new UncheckedIOException(e.getMessage(), new java.io.IOException(e.getMessage()));
		}
		if (virtual != null) return virtual;
		return ImageFiles.open(Paths.get(file));
	}

	/** Progress lines on stderr, at most one every two seconds (for logs of long cluster runs). */
	static final class StderrProgress implements Progress {
		private final String label;
		private final PrintStream err;
		private long last;

		StderrProgress(String label, PrintStream err) {
			this.label = label;
			this.err = err;
		}

		@Override
		public synchronized void report(double fraction, String status) {
			long now = System.nanoTime();
			if (last != 0 && now - last < 2_000_000_000L) return;
			last = now;
			err.println(String.format(java.util.Locale.ROOT, "%s: %3.0f%% %s", label, 100 * fraction, status == null ? "" : status));
		}

		@Override
		public boolean isCancelled() {
			return false;
		}
	}

	/** Bad usage: exit code 2. */
	static final class Usage extends RuntimeException {
		Usage(String m) {
			super(m);
		}
	}
}
