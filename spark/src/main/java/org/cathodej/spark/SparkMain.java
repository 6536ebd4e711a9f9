package org.cathodej.spark;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.run.MacroOptions;

/**
 * The entry point of {@code cathodej-spark.jar} for spark-submit (or {@code scripts/cathodej-spark} in local mode):
 * <pre>
 * cathodej-spark ANALYSIS INPUT [key=value ...] --out DIR [--overwrite] [--partitions N]
 * </pre>
 * ANALYSIS is a streamed label analysis by label or file stem ({@code phase_fractions}, ...), INPUT a folder of
 * TIFF slices on any Hadoop path or {@code file.h5:/dataset} on a shared filesystem; keys are the Fiji command's
 * macro keys. Without a master set by spark-submit, runs in local mode on all cores.
 */
public final class SparkMain {

	static final int OK = 0, FAILED = 1, USAGE = 2, FILE = 3;

	private SparkMain() {}

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		SparkConf conf = new SparkConf().setAppName("CathodeJ " + (args.length > 0 ? args[0] : ""));
		if (!conf.contains("spark.master")) conf.setMaster("local[*]");
		// each task analyses its slabs with the cores Spark gives a task (the commands size their kernels on the driver)
		if (System.getProperty("cathodej.threads") == null) System.setProperty("cathodej.threads", conf.get("spark.task.cpus", "1"));
		int code;
		try (JavaSparkContext sc = new JavaSparkContext(conf)) {
			code = run(sc, args, System.out, System.err);
		}
		System.exit(code);
	}

	/** Runs one job on {@code sc}; returns the exit code (0 done, 1 failed, 2 usage, 3 file not found or unreadable). */
	public static int run(JavaSparkContext sc, String[] args, PrintStream out, PrintStream err) {
		try {
			Args a = Args.parse(args);
			LabelAnalysisJob.Outcome o = new LabelAnalysisJob(sc, a.partitions).run(a.command, a.input, a.options, a.out, a.overwrite);
			for (String n : o.result.notes()) err.println("note: " + n);
			for (Path f : o.files) out.println(f);
			return OK;
		} catch (UncheckedIOException e) {
			err.println("cathodej-spark: " + e.getMessage());
			return FILE;
		} catch (IllegalArgumentException e) {
			err.println("cathodej-spark: " + e.getMessage());
			return USAGE;
		} catch (RuntimeException e) {
			err.println("cathodej-spark: failed: " + e);
			e.printStackTrace(err);
			return FAILED;
		}
	}

	/** The command line, checked before Spark does any work. */
	static final class Args {
		String command, input;
		final Map<String, String> options = new LinkedHashMap<>();
		Path out;
		boolean overwrite;
		int partitions;

		static Args parse(String[] args) {
			Args a = new Args();
			for (int i = 0; i < args.length; i++) {
				String s = args[i];
				if (s.equals("--out") || s.equals("-o")) a.out = Paths.get(value(args, ++i, s));
				else if (s.equals("--overwrite")) a.overwrite = true;
				else if (s.equals("--partitions")) a.partitions = partitions(value(args, ++i, s));
				else if (s.startsWith("-")) throw new IllegalArgumentException("unknown option " + s + "\n" + USAGE_TEXT);
				else if (a.command == null) a.command = s;
				else if (a.input == null && !s.contains("=")) a.input = s;
				else for (Map.Entry<String, String> e : MacroOptions.parse(s).entrySet())
					if (a.options.put(e.getKey(), e.getValue()) != null) throw new IllegalArgumentException("parameter '" + e.getKey() + "' is given twice");
			}
			if (a.command == null || a.input == null || a.out == null) throw new IllegalArgumentException(USAGE_TEXT);
			return a;
		}

		private static String value(String[] args, int i, String opt) {
			if (i >= args.length) throw new IllegalArgumentException(opt + " needs a value");
			return args[i];
		}

		private static int partitions(String s) {
			try {
				int n = Integer.parseInt(s);
				if (n >= 1) return n;
			} catch (NumberFormatException e) {
				// the message below
			}
			throw new IllegalArgumentException("--partitions must be a whole number >= 1, got '" + s + "'");
		}
	}

	static final String USAGE_TEXT = "usage: cathodej-spark ANALYSIS INPUT [key=value ...] --out DIR [--overwrite] [--partitions N]\n"
		+ "  ANALYSIS: " + String.join(", ", LabelAnalysisJob.DISTRIBUTED) + "\n"
		+ "  INPUT: a folder of TIFF slices (any Hadoop path) or file.h5:/dataset (a shared filesystem)";
}
