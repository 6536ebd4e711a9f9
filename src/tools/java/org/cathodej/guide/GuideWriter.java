package org.cathodej.guide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cathodej.cli.ParameterText;
import org.cathodej.run.FijiContext;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandResult;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.MacroOptions;
import org.cathodej.run.ParameterSpec;
import org.scijava.Context;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import ij.process.ImageProcessor;

/**
 * Writes the user guide, docs/guide/: one Markdown page per command of plugins.config and an index, everything taken
 * from the commands themselves (labels, descriptions, parameters, bounds, choices) and from running each on a small
 * phantom (output columns, example numbers, conventions, the recorded macro line, the figure). Hand-written
 * paragraphs and example choices come from docs/guide-src/&lt;stem&gt;.md (see {@link Example}).
 *
 * <pre>scripts/make-guide            (= GuideWriter --out docs/guide --src docs/guide-src)</pre>
 */
public final class GuideWriter {

	/** Where the example results are said to go in the pages (the real folder is temporary). */
	static final String RESULTS = "/path/to/results";

	private final Path out, src;
	private boolean figures = true;

	public GuideWriter(Path out, Path src) {
		this.out = out;
		this.src = src;
	}

	/** Skip writing figure PNGs (the pages still name them). */
	public GuideWriter figures(boolean write) {
		this.figures = write;
		return this;
	}

	public static void main(String[] args) throws IOException {
		System.setProperty("java.awt.headless", "true");
		Path out = Paths.get("docs/guide"), src = Paths.get("docs/guide-src");
		boolean figs = true;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--out": out = Paths.get(args[++i]); break;
				case "--src": src = Paths.get(args[++i]); break;
				case "--no-figures": figs = false; break;
				default:
					System.err.println("Usage: GuideWriter [--out docs/guide] [--src docs/guide-src] [--no-figures]");
					System.exit(2);
			}
		}
		List<Path> written = new GuideWriter(out, src).figures(figs).write();
		System.out.println("User guide: " + written.size() + " files in " + out);
		System.exit(0);
	}

	/** Writes every page, the figures and the index; removes pages and figures of commands that no longer exist. */
	public List<Path> write() throws IOException {
		CommandCatalog catalog = CommandCatalog.load();
		Context context = FijiContext.get();
		Files.createDirectories(out.resolve("figures"));
		List<Path> written = new ArrayList<>();
		Path work = Files.createTempDirectory("cathodej-guide");
		try {
			for (CommandCatalog.Entry e : catalog.entries()) {
				CommandSpec spec = e.spec();
				Example ex = Example.of(spec, src, work.resolve(spec.fileStem()));
				String failure = null;
				try {
					ex.run(catalog, context);
				} catch (RuntimeException x) {
					failure = x.getMessage();
					System.err.println("Guide: the example of " + spec.label() + " failed: " + x);
				}
				Path page = out.resolve(spec.fileStem() + ".md");
				Files.write(page, page(e, ex, failure).getBytes(StandardCharsets.UTF_8));
				written.add(page);
				if (figures && failure != null) Files.deleteIfExists(out.resolve("figures/" + spec.fileStem() + ".png"));
				if (figures && failure == null) {
					Path fig = out.resolve("figures/" + spec.fileStem() + ".png");
					ImagePlus img = figure(ex);
					if (img != null) {
						new FileSaver(img).saveAsPng(fig.toString());
						written.add(fig);
					}
				}
			}
			Path index = out.resolve("README.md");
			Files.write(index, index(catalog).getBytes(StandardCharsets.UTF_8));
			written.add(index);
			// stale pages and figures of removed commands
			try (Stream<Path> s = Stream.concat(Files.list(out), Files.list(out.resolve("figures")))) {
				for (Path p : s.collect(Collectors.toList()))
					if ((p.toString().endsWith(".md") || p.toString().endsWith(".png")) && !written.contains(p)
						&& (figures || p.toString().endsWith(".md")))
						Files.delete(p);
			}
		} finally {
			deleteTree(work);
		}
		return written;
	}

	private static void deleteTree(Path dir) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : s.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) Files.deleteIfExists(p);
		}
	}

	/** The figure: the first plot, else a mid-slice of the first image output, else of the example input. */
	static ImagePlus figure(Example ex) {
		if (ex.result == null) return null;
		for (Object o : ex.result.outputs().values())
			if (o instanceof Plot) return ((Plot) o).getImagePlus();
		for (Object o : ex.result.outputs().values())
			if (o instanceof ImagePlus) return midSlice((ImagePlus) o);
		return ex.input == null ? null : midSlice(ex.input);
	}

	/** The middle slice with its LUT and display range, as RGB, enlarged to at least 256 pixels wide. */
	static ImagePlus midSlice(ImagePlus imp) {
		int z = (imp.getStackSize() + 1) / 2;
		ImageProcessor ip = imp.getStack().getProcessor(z).duplicate();
		ip.setLut(imp.getProcessor().getLut());
		ip.setMinAndMax(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
		ImageProcessor rgb = ip.convertToRGB();
		int scale = Math.max(1, 256 / Math.max(1, imp.getWidth()));
		rgb.setInterpolationMethod(ImageProcessor.NONE);
		if (scale > 1) rgb = rgb.resize(imp.getWidth() * scale, imp.getHeight() * scale);
		return new ImagePlus(imp.getTitle() + " z=" + z, rgb);
	}

	// ~90 lines on purpose: the page is written top to bottom in the order a reader sees it (tooling, not shipped)
	private String page(CommandCatalog.Entry e, Example ex, String failure) {
		CommandSpec spec = e.spec();
		Object defaults = spec.newInstance();
		StringBuilder sb = new StringBuilder();
		sb.append("<!-- Generated by scripts/make-guide from the command's @Parameters, docs/guide-src/").append(spec.fileStem())
			.append(".md and a run on a phantom. Do not edit: edit those and regenerate. -->\n\n");
		sb.append("# ").append(spec.label()).append("\n\n");
		sb.append("**Menu:** ").append(e.menu().replace(">", " > ")).append(" > ").append(spec.label()).append(" · ");
		sb.append("**Macro:** `run(\"").append(spec.label()).append("\", \"...\")` · ");
		sb.append("**Command line:** `cathodej ").append(spec.fileStem()).append(" ...`\n\n");
		if (!spec.description().isEmpty()) sb.append(sentence(spec.description())).append("\n\n");
		if (!ex.prose.isEmpty()) sb.append(ex.prose).append("\n\n");

		sb.append("## Example\n\n");
		if (failure != null) {
			sb.append("The example run failed: ").append(failure).append("\n\n");
		} else {
			String figName = "figures/" + spec.fileStem() + ".png";
			ImagePlus fig = figure(ex);
			if (fig != null) {
				sb.append("![").append(spec.label()).append(" example](").append(figName).append(")\n\n");
				sb.append("*").append(caption(ex)).append("*\n\n");
			}
			if (ex.inputCommand != null) {
				sb.append("Input: ").append(describeInput(ex.input)).append(", made by\n");
				for (CommandResult step : ex.inputSteps) sb.append("`").append(step.macroLine().replace(" output_dir=[]", "")).append("`\n");
				sb.append("\n");
			}
			sb.append("The macro line this run records (Plugins > Macros > Record... writes the same):\n\n```\n")
				.append(ex.result.macroLine().replace(ex.outDir.toString(), RESULTS)).append("\n```\n\n");
			sb.append("The same on the command line:\n\n```\n").append(commandLine(spec, ex)).append("\n```\n\n");
		}

		sb.append("## Parameters\n\n");
		sb.append("Macro keys are the parameter names below. Flags follow ImageJ's rule: present = true, absent = false.\n\n");
		sb.append("| macro key | label | type | default | range or choices | description |\n|---|---|---|---|---|---|\n");
		for (ParameterSpec p : spec.inputs()) {
			String range = !ParameterText.bounds(p).isEmpty() ? ParameterText.bounds(p) : ParameterText.choices(p);
			String desc = p.description();
			if (p.kind() == ParameterSpec.Kind.IMAGE)
				desc = (desc.isEmpty() ? "" : desc + "; ") + (first(spec, p) ? "the current image unless named by title" : "an open image, named by title")
					+ "; on the command line a file path";
			sb.append("| `").append(p.name()).append("` | ").append(cell(p.label())).append(" | ").append(ParameterText.type(p)).append(" | ")
				.append(cell(ParameterText.defaultValue(p, defaults))).append(" | ").append(cell(range)).append(" | ").append(cell(desc)).append(" |\n");
		}
		sb.append('\n');

		sb.append("## Outputs\n\n");
		sb.append("| output | kind | saved in `output_dir` as | title |\n|---|---|---|---|\n");
		for (ParameterSpec o : spec.outputs())
			sb.append("| `").append(o.name()).append("` | ").append(cell(ParameterText.outputKind(o))).append(" | ")
				.append(cell(ParameterText.outputFiles(spec, o))).append(" | ").append(cell(o.label())).append(" |\n");
		sb.append('\n');
		if (failure == null) {
			for (ParameterSpec o : spec.outputs()) {
				Object v = ex.result.output(o.name());
				if (v instanceof ResultsTable) {
					ResultsTable t = (ResultsTable) v;
					sb.append("### ").append(o.label()).append(" (`").append(o.name()).append("`)\n\n");
					sb.append("Columns: ").append(String.join(", ", wrap(t.getHeadings()))).append(".\n\n");
					sb.append(table(t, 6)).append('\n');
				} else if (v instanceof ImagePlus) {
					ImagePlus imp = (ImagePlus) v;
					sb.append("### ").append(o.label()).append(" (`").append(o.name()).append("`)\n\n");
					sb.append("Image: ").append(describeInput(imp)).append(".\n\n");
				} else if (v != null && !(v instanceof Plot)) {
					sb.append("### ").append(o.label()).append(" (`").append(o.name()).append("`)\n\n");
					sb.append("Value in the example: `").append(v).append("`.\n\n");
				}
			}
		}

		sb.append("## Conventions\n\n");
		if (failure == null && !ex.result.conventions().isEmpty()) {
			sb.append("Recorded in every result's JSON sidecar (values of the example run):\n\n");
			for (Map.Entry<String, Object> c : ex.result.conventions().entrySet())
				sb.append("- **").append(c.getKey()).append("**: ").append(cell(text(c.getValue()))).append('\n');
			sb.append('\n');
		}
		if (failure == null && !ex.result.notes().isEmpty()) {
			sb.append("Notes of the example run:\n\n");
			for (String n : ex.result.notes()) sb.append("- ").append(cell(n)).append('\n');
			sb.append('\n');
		}
		sb.append("Labels, axes, units and how results are saved are the same for every command: see the ")
			.append("[conventions](../../README.md#using-it-from-macros). With `output_dir` set, each table, plot and image is saved ")
			.append("with a JSON sidecar holding the CathodeJ version, the command, all parameters, these conventions and the input's ")
			.append("name, size, calibration and checksum.\n\n");
		sb.append("[All commands](README.md)\n");
		return sb.toString();
	}

	private static boolean first(CommandSpec spec, ParameterSpec p) {
		for (ParameterSpec q : spec.inputs())
			if (q.kind() == ParameterSpec.Kind.IMAGE) return q == p;
		return false;
	}

	private static String caption(Example ex) {
		for (ParameterSpec o : ex.spec.outputs()) {
			Object v = ex.result.output(o.name());
			if (v instanceof Plot) return "Figure: the " + o.label() + " (`" + o.name() + "`) of the example below.";
		}
		for (ParameterSpec o : ex.spec.outputs()) {
			Object v = ex.result.output(o.name());
			if (v instanceof ImagePlus) return "Figure: middle slice of the " + o.label() + " (`" + o.name() + "`) of the example below.";
		}
		return "Figure: middle slice of the example input.";
	}

	private static String describeInput(ImagePlus imp) {
		org.cathodej.image.VoxelSize vs = org.cathodej.imagej.Volumes.voxelSize(imp);
		return imp.getTitle() + ", " + imp.getWidth() + " x " + imp.getHeight() + " x " + imp.getStackSize() + " voxels, " + imp.getBitDepth()
			+ "-bit, voxel " + num(vs.x()) + " x " + num(vs.y()) + " x " + num(vs.z()) + " " + vs.unit();
	}

	private static String commandLine(CommandSpec spec, Example ex) {
		StringBuilder sb = new StringBuilder("cathodej ").append(spec.fileStem());
		if (ex.input != null) sb.append(' ').append(ex.input.getTitle()).append(".tif");
		for (Map.Entry<String, String> o : MacroOptions.parse(ex.options).entrySet()) {
			String v = o.getValue();
			ParameterSpec ps = spec.input(o.getKey());
			// a further image named by title in the macro is a file on the command line
			if (ps != null && ps.kind() == ParameterSpec.Kind.IMAGE && ex.input != null && v.equals(ex.input.getTitle())) v = v + ".tif";
			sb.append(' ').append(o.getKey()).append('=').append(v.matches(".*[\\s\"'$].*") ? "'" + v + "'" : v);
		}
		return sb.append(" --out results/").toString();
	}

	private static List<String> wrap(String[] headings) {
		List<String> l = new ArrayList<>();
		for (String h : headings) l.add("`" + h + "`");
		return l;
	}

	/** The first rows of a table as Markdown, numbers to 4 significant digits. */
	static String table(ResultsTable t, int maxRows) {
		String[] h = t.getHeadings();
		StringBuilder sb = new StringBuilder("|");
		for (String s : h) sb.append(' ').append(cell(s)).append(" |");
		sb.append("\n|");
		for (int i = 0; i < h.length; i++) sb.append("---|");
		sb.append('\n');
		int n = Math.min(maxRows, t.size());
		for (int r = 0; r < n; r++) {
			sb.append('|');
			for (String s : h) {
				String v;
				if (s.equals("Label")) v = t.getLabel(r);
				else {
					double d = t.getValue(s, r);
					String str = Double.isNaN(d) ? t.getStringValue(s, r) : null;
					v = str != null && !str.isEmpty() && !str.equals("NaN") ? str : num(d);
				}
				sb.append(' ').append(cell(v)).append(" |");
			}
			sb.append('\n');
		}
		if (t.size() > n) sb.append("\n(first ").append(n).append(" of ").append(t.size()).append(" rows)\n");
		return sb.toString();
	}

	static String num(double d) {
		if (Double.isNaN(d)) return "NaN";
		if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
		if (d == Math.rint(d) && Math.abs(d) < 1e9) return Long.toString((long) d);
		String s = String.format(Locale.ROOT, "%.4g", d);
		if (s.contains("e")) return s;
		if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
		return s;
	}

	private static String text(Object v) {
		if (v instanceof Map) {
			List<String> parts = new ArrayList<>();
			for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) parts.add(e.getKey() + " = " + text(e.getValue()));
			return String.join(", ", parts);
		}
		if (v instanceof Collection) return ((Collection<?>) v).stream().map(GuideWriter::text).collect(Collectors.joining(", "));
		if (v instanceof Double || v instanceof Float) return num(((Number) v).doubleValue());
		return String.valueOf(v);
	}

	private static String cell(String s) {
		return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
	}

	private static String sentence(String s) {
		return s.endsWith(".") ? s : s + ".";
	}

	private String index(CommandCatalog catalog) {
		StringBuilder sb = new StringBuilder();
		sb.append("<!-- Generated by scripts/make-guide. Do not edit: edit docs/guide-src/ or the commands and regenerate. -->\n\n");
		sb.append("# CathodeJ user guide\n\n");
		sb.append("One page per command: what it does, every parameter (= macro key) with its default and range, the outputs ")
			.append("with their columns, the conventions, the macro line it records and a figure made from a phantom. ")
			.append("Every page comes from the command itself and a real run, regenerated with `scripts/make-guide`.\n\n");
		sb.append("Commands are in Fiji's menu under **Plugins > CathodeJ**, in macros as `run(\"<label>\", \"key=value ...\")`, ")
			.append("and on the command line as `cathodej <name> [image.tif] key=value ... --out DIR`; ")
			.append("`cathodej analyse labels.tif --out DIR` runs every Analyze command (see the ")
			.append("[README](../../README.md#command-line)).\n\n");
		Map<String, List<CommandCatalog.Entry>> bySubmenu = new LinkedHashMap<>();
		for (CommandCatalog.Entry e : catalog.entries()) bySubmenu.computeIfAbsent(e.submenu(), k -> new ArrayList<>()).add(e);
		for (Map.Entry<String, List<CommandCatalog.Entry>> g : bySubmenu.entrySet()) {
			sb.append("## ").append(g.getKey()).append("\n\n| command | command line | what it does |\n|---|---|---|\n");
			for (CommandCatalog.Entry e : g.getValue())
				sb.append("| [").append(e.spec().label()).append("](").append(e.spec().fileStem()).append(".md) | `cathodej ")
					.append(e.spec().fileStem()).append("` | ").append(cell(e.spec().description())).append(" |\n");
			sb.append('\n');
		}
		sb.append("Conventions shared by all commands (labels, axes, units, results and provenance): ")
			.append("[README](../../README.md#using-it-from-macros).\n");
		return sb.toString();
	}

	/** For tests: the result of an example, keyed by stem. */
	static Map<String, CommandResult> results(List<Example> examples) {
		Map<String, CommandResult> m = new LinkedHashMap<>();
		for (Example e : examples) m.put(e.spec.fileStem(), e.result);
		return m;
	}
}
