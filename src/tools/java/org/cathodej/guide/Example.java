package org.cathodej.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandResult;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.ImageSource;
import org.cathodej.run.MacroOptions;
import org.cathodej.run.ParameterSpec;
import org.cathodej.task.Progress;
import org.scijava.Context;

import ij.ImagePlus;

/**
 * The example run of a command that the user guide shows (and the provenance test checks): the command on a small
 * phantom, with its results saved. A command's optional hand-written guide source, {@code docs/guide-src/<stem>.md},
 * may choose the example with two HTML comments (invisible in the rendered page):
 *
 * <pre>
 * &lt;!-- example-input: Analytic Phantom shape=ball width=48 height=48 depth=48 --&gt;
 * &lt;!-- example: profile_axis=x cam_weight_fraction=0.8 --&gt;
 * </pre>
 *
 * {@code example-input} names a command (label or stem) and its options; its first image output becomes every image
 * input of the example. Steps separated by {@code ;} form a chain (e.g. a phantom, then its FIB-SEM rendering). Without it, commands with image inputs get {@link #DEFAULT_INPUT}. The rest of the file is
 * the hand-written paragraph of the page.
 */
public final class Example {

	/** The phantom label analyses are shown on: a 48^3 synthetic cathode of 0.1 um voxels. */
	public static final String DEFAULT_INPUT = "Synthetic Cathode width=48 height=48 depth=48 seed=1";

	private static final Pattern INPUT = Pattern.compile("<!--\\s*example-input:\\s*(.*?)\\s*-->"),
		OPTIONS = Pattern.compile("<!--\\s*example:\\s*(.*?)\\s*-->"), COMMENT = Pattern.compile("<!--.*?-->\\s*", Pattern.DOTALL);

	public final CommandSpec spec;
	/** The hand-written paragraph (guide source without its example comments), possibly empty. */
	public final String prose;
	/** The example's own options (without output_dir), as in the guide source. */
	public final String options;
	/** The command and options that made the input image, or null when the command takes no image. */
	public final String inputCommand;
	public ImagePlus input;
	/** The runs that made the input, in order (a chain has several). */
	public final java.util.List<CommandResult> inputSteps = new java.util.ArrayList<>();
	public CommandResult result;
	public final Path outDir;

	private Example(CommandSpec spec, String prose, String options, String inputCommand, Path outDir) {
		this.spec = spec;
		this.prose = prose;
		this.options = options;
		this.inputCommand = inputCommand;
		this.outDir = outDir;
	}

	/** Reads the example of {@code spec} from {@code srcDir/<stem>.md} (when present); does not run it. */
	public static Example of(CommandSpec spec, Path srcDir, Path outDir) {
		String src = "";
		Path f = srcDir == null ? null : srcDir.resolve(spec.fileStem() + ".md");
		if (f != null && Files.exists(f)) {
			try {
				src = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		Matcher in = INPUT.matcher(src), op = OPTIONS.matcher(src);
		String input = in.find() ? in.group(1) : null;
		String options = op.find() ? op.group(1) : "";
		boolean hasImage = false;
		for (ParameterSpec p : spec.inputs())
			hasImage |= p.kind() == ParameterSpec.Kind.IMAGE;
		if (input == null && hasImage) input = DEFAULT_INPUT;
		if (!hasImage) input = null;
		String prose = COMMENT.matcher(src).replaceAll("").trim();
		return new Example(spec, prose, options, input, outDir);
	}

	/**
	 * Splits "Label or stem key=value ..." into the catalog entry (the longest leading words that name a command)
	 * and the option string; null when no command is named.
	 */
	public static Object[] findCommand(CommandCatalog catalog, String text) {
		String[] words = text.trim().split("\\s+");
		for (int n = words.length; n >= 1; n--) {
			String candidate = String.join(" ", java.util.Arrays.copyOf(words, n));
			if (candidate.contains("=")) continue;
			CommandCatalog.Entry e = catalog.find(candidate);
			if (e != null) return new Object[] { e, String.join(" ", java.util.Arrays.copyOfRange(words, n, words.length)) };
		}
		return null;
	}

	/** Makes the input (if any) and runs the command with its results saved into {@link #outDir}. */
	public Example run(CommandCatalog catalog, Context context) {
		CommandRunner runner = new CommandRunner(context);
		if (inputCommand != null) {
			// "A opts ; B opts": each step's first image output is the next step's image input
			for (String step : inputCommand.split(";")) {
				Object[] found = findCommand(catalog, step.trim());
				if (found == null) throw new IllegalArgumentException(spec.label() + ": example-input names no command: " + step.trim());
				CommandCatalog.Entry e = (CommandCatalog.Entry) found[0];
				CommandResult made = runner.run(e.spec(), MacroOptions.parse((String) found[1]), source(input), Progress.NONE);
				inputSteps.add(made);
				input = null;
				for (Object o : made.outputs().values())
					if (o instanceof ImagePlus) {
						input = (ImagePlus) o;
						break;
					}
				if (input == null) throw new IllegalArgumentException(spec.label() + ": example-input " + step.trim() + " makes no image");
			}
		}
		Map<String, String> values = new LinkedHashMap<>(MacroOptions.parse(options));
		values.put("output_dir", outDir.toString());
		boolean first = true;
		for (ParameterSpec p : spec.inputs()) {
			if (p.kind() != ParameterSpec.Kind.IMAGE) continue;
			// further image inputs are named by title, as in a macro; the example gives them the same phantom
			if (!first && p.isRequired() && !values.containsKey(p.name()) && input != null) values.put(p.name(), input.getTitle());
			first = false;
		}
		result = runner.run(spec, values, source(input), Progress.NONE);
		return this;
	}

	/** One image, found by its title or as the current image (none: null). */
	private static ImageSource source(ImagePlus in) {
		return ImageSource.of(in);
	}
}
