package org.cathodej.workflow.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.cathodej.connectivity.CamClass;
import org.cathodej.imagej.PhaseLut;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.results.Version;
import org.cathodej.workflow.suite.AnalysisSuite;
import org.cathodej.workflow.series.Descriptors;
import org.cathodej.workflow.series.SeriesResult;
import org.cathodej.workflow.series.SeriesRow;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;

/**
 * Self-contained HTML reports (one file, every image embedded as a base64 PNG): one per sample, made from the files
 * its analyses wrote into a result folder, and one per series. Sections carry ids ({@link #SAMPLE_SECTIONS},
 * {@link #SERIES_SECTIONS}) so that tests and scripts can find them.
 */
public final class HtmlReport {

	public static final String[] SAMPLE_SECTIONS = { "key-numbers", "plots", "slices", "provenance", "conventions" };
	public static final String[] SERIES_SECTIONS = { "comparison", "descriptor-plots", "samples", "conventions" };

	static final String CONVENTIONS = "<ul><li><b>Labels</b>: pore, CAM (cathode active material), ISE (solid electrolyte) as given by"
		+ " <code>pore_label</code>, <code>cam_label</code>, <code>ise_label</code>; other values are reported as other.</li>"
		+ "<li><b>Axes</b>: x = image width, y = image height, z = slice (milling direction); current collector at z = 0,"
		+ " separator at z = max unless a result says otherwise.</li>"
		+ "<li><b>Units</b>: the image calibration (anisotropic voxels included); uncalibrated images in voxels.</li>"
		+ "<li><b>Descriptors</b>: every numeric cell of a per-phase or one-row result table, named"
		+ " <code>&lt;command&gt;.&lt;row&gt;.&lt;column&gt;</code> (e.g. <code>phase_fractions.CAM.volume_fraction</code>).</li></ul>";

	private HtmlReport() {}

	/**
	 * The report of one result folder. {@code labels} is the analysed label image when at hand (its mid-slice is
	 * shown with the phase colours), else null: then the TIFFs of the folder are shown.
	 */
	public static String sample(Path dir, ImagePlus labels, PhaseLabels pl, String title, AnalysisSuite suite) {
		Map<String, Double> d = Descriptors.read(dir, suite);
		StringBuilder h = head(title);
		h.append("<p>Result folder: <code>").append(esc(dir.toAbsolutePath().toString())).append("</code></p>\n");

		h.append("<section id=\"key-numbers\"><h2>Key numbers</h2>\n");
		List<String> keys = Descriptors.keys(d.keySet());
		String len = lengthUnit(dir);
		if (d.isEmpty()) h.append("<p>No analysis results in this folder.</p>\n");
		else {
			h.append("<table><tr><th>descriptor</th><th>value</th><th>unit</th></tr>\n");
			for (String k : keys) h.append(numberRow(k, d.get(k), len));
			h.append("</table>\n<details><summary>All ").append(d.size()).append(" descriptors</summary><table>\n");
			for (Map.Entry<String, Double> e : d.entrySet()) h.append(numberRow(e.getKey(), e.getValue(), len));
			h.append("</table></details>\n");
		}
		h.append("</section>\n");

		h.append("<section id=\"plots\"><h2>Plots</h2>\n");
		List<Path> pngs = files(dir, ".png");
		if (pngs.isEmpty()) h.append("<p>No plots in this folder.</p>\n");
		for (Path p : pngs) {
			String cap = caption(p);
			h.append("<figure><img alt=\"").append(esc(cap)).append("\" src=\"data:image/png;base64,").append(base64(p)).append("\"><figcaption>")
				.append(esc(cap)).append("</figcaption></figure>\n");
		}
		h.append("</section>\n");

		h.append("<section id=\"slices\"><h2>Mid-slices</h2>\n");
		int shown = 0;
		if (labels != null) {
			h.append(figure(midSlice(labels, true, pl), "Label image " + labels.getTitle() + ", slice " + (labels.getStackSize() / 2 + 1)
				+ " of " + labels.getStackSize())).append(phaseKey(pl));
			shown++;
		}
		for (Path t : files(dir, ".tif")) {
			ImagePlus imp = open(t);
			if (imp == null) continue;
			try {
				if (labels != null && sameMidSlice(imp, labels)) continue; // the label image saved in the folder: shown above
				boolean asLabels = imp.getBitDepth() != 24 && imp.getBitDepth() != 32 && maxOfMid(imp) <= Math.max(pl.pore(), Math.max(pl.cam(), pl.ise()));
				h.append(figure(midSlice(imp, asLabels, pl), caption(t) + ", slice " + (imp.getStackSize() / 2 + 1) + " of " + imp.getStackSize()));
				if (asLabels) h.append(phaseKey(pl));
				else if (t.getFileName().toString().contains("class_image")) h.append(classKey());
				shown++;
			} finally {
				imp.close();
			}
		}
		if (shown == 0) h.append("<p>No images in this folder.</p>\n");
		h.append("</section>\n");

		h.append("<section id=\"provenance\"><h2>Provenance</h2>\n<table><tr><th>file</th><th>command</th><th>version</th><th>created</th><th>macro</th></tr>\n");
		Map<String, String> conventions = new LinkedHashMap<>();
		for (Path j : files(dir, ".json")) {
			String s = read(j);
			h.append("<tr><td>").append(esc(str(s, "file"))).append("</td><td>").append(esc(str(s, "command"))).append("</td><td>")
				.append(esc(str(s, "version"))).append("</td><td>").append(esc(str(s, "created"))).append("</td><td><code>")
				.append(esc(str(s, "macro"))).append("</code></td></tr>\n");
			String c = object(s, "conventions");
			if (c != null && !c.replaceAll("\\s", "").equals("{}")) conventions.putIfAbsent(str(s, "command"), c);
		}
		h.append("</table>\n</section>\n");

		h.append("<section id=\"conventions\"><h2>Conventions</h2>\n").append(CONVENTIONS);
		for (Map.Entry<String, String> e : conventions.entrySet())
			h.append("<h3>").append(esc(e.getKey())).append("</h3><pre>").append(esc(e.getValue())).append("</pre>\n");
		h.append("</section>\n");
		return tail(h);
	}

	/**
	 * The report of a series: the comparison table (process parameters, the chosen and the key descriptors), the
	 * descriptor plots (PNG files), links to the samples' own reports ({@code report.html} in their folders, when
	 * present) and the conventions.
	 */
	public static String series(SeriesResult r, List<String> descriptors, List<Path> plots, Map<String, String> options, Path reportDir, String title) {
		StringBuilder h = head(title);
		List<String> cols = new ArrayList<>(descriptors);
		for (String k : r.keyDescriptors()) if (!cols.contains(k)) cols.add(k);
		h.append("<section id=\"comparison\"><h2>Comparison</h2>\n<table><tr><th>sample</th>");
		for (String p : r.parameterNames()) h.append("<th>").append(esc(p)).append("</th>");
		for (String c : cols) h.append("<th>").append(esc(c)).append("</th>");
		h.append("</tr>\n");
		for (SeriesRow row : r.rows()) {
			h.append("<tr><td>").append(esc(row.sample().name())).append("</td>");
			for (String p : r.parameterNames()) h.append("<td>").append(esc(row.sample().parameters().getOrDefault(p, ""))).append("</td>");
			for (String c : cols) h.append("<td>").append(num(row.descriptor(c))).append("</td>");
			h.append("</tr>\n");
		}
		h.append("</table>\n</section>\n");

		h.append("<section id=\"descriptor-plots\"><h2>Descriptors against process parameters</h2>\n");
		if (plots.isEmpty()) h.append("<p>No plots.</p>\n");
		for (Path p : plots)
			h.append("<figure><img alt=\"").append(esc(p.getFileName().toString())).append("\" src=\"data:image/png;base64,").append(base64(p))
				.append("\"><figcaption>").append(esc(p.getFileName().toString())).append("</figcaption></figure>\n");
		h.append("</section>\n");

		h.append("<section id=\"samples\"><h2>Samples</h2>\n<table><tr><th>sample</th><th>label image</th><th>results</th><th>status</th><th>seconds</th></tr>\n");
		for (SeriesRow row : r.rows()) {
			Path rep = row.dir().resolve("report.html");
			String link = Files.exists(rep) ? "<a href=\"" + esc(rel(reportDir, rep)) + "\">report</a>" : esc(rel(reportDir, row.dir()));
			h.append("<tr><td>").append(esc(row.sample().name())).append("</td><td>")
				.append(esc(row.sample().file() == null ? "" : row.sample().file().getFileName().toString())).append("</td><td>").append(link)
				.append("</td><td>").append(row.status().name().toLowerCase(Locale.ROOT)).append("</td><td>")
				.append(String.format(Locale.ROOT, "%.2f", row.seconds())).append("</td></tr>\n");
		}
		h.append("</table>\n");
		for (String n : r.notes()) h.append("<p>").append(esc(n)).append("</p>\n");
		h.append("</section>\n");

		h.append("<section id=\"conventions\"><h2>Conventions</h2>\n").append(CONVENTIONS)
			.append("<p>One parameter set for every sample: <code>").append(esc(options.isEmpty() ? "(defaults)" : org.cathodej.run.MacroOptions.format(options)))
			.append("</code></p>\n</section>\n");
		return tail(h);
	}

	/** Writes {@code html} to {@code file} (UTF-8). */
	public static void write(Path file, String html) {
		try {
			Files.write(file, html.getBytes(StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException("Writing " + file + " failed: " + e.getMessage(), e);
		}
	}

	// ---- pieces ----

	private static StringBuilder head(String title) {
		StringBuilder h = new StringBuilder(1 << 16);
		h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n<style>")
			.append("body{font-family:sans-serif;max-width:1100px;margin:1em auto;padding:0 1em;color:#222}")
			.append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;font-size:90%;text-align:left}")
			.append("figure{display:inline-block;margin:.5em;vertical-align:top}img{max-width:520px;border:1px solid #ddd}")
			.append("pre{background:#f6f6f6;padding:.5em;overflow:auto}code{font-size:90%}")
			.append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n<p>CathodeJ ").append(esc(Version.get())).append("</p>\n");
		return h;
	}

	private static String tail(StringBuilder h) {
		return h.append("</body></html>\n").toString();
	}

	private static String figure(BufferedImage img, String caption) {
		return "<figure><img alt=\"" + esc(caption) + "\" src=\"data:image/png;base64," + base64(img) + "\"><figcaption>" + esc(caption)
			+ "</figcaption></figure>\n";
	}

	/** The middle z-slice as RGB, enlarged by an integer factor to at least 256 pixels wide. */
	static BufferedImage midSlice(ImagePlus imp, boolean phaseColours, PhaseLabels pl) {
		int mid = imp.getStackSize() / 2 + 1;
		ImageProcessor ip = imp.getStack().getProcessor(mid).duplicate();
		if (phaseColours) {
			ip.setColorModel(PhaseLut.create(pl));
			ip.setMinAndMax(0, 255);
		} else if (imp.getBitDepth() == 8 && imp.getProcessor().isColorLut()) {
			ip.setColorModel(imp.getProcessor().getColorModel());
			ip.setMinAndMax(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
		} else ip.resetMinAndMax();
		ImageProcessor rgb = ip.convertToRGB();
		int f = Math.max(1, (int) Math.ceil(256.0 / ip.getWidth()));
		if (f > 1) {
			rgb.setInterpolationMethod(ImageProcessor.NONE);
			rgb = rgb.resize(ip.getWidth() * f, ip.getHeight() * f);
		}
		return rgb.getBufferedImage();
	}

	/** A colour key of the phase colours, beside a label mid-slice. */
	private static String phaseKey(PhaseLabels pl) {
		StringBuilder k = new StringBuilder("<p class=\"key\">");
		for (Phase ph : Phase.values()) k.append(swatch(ph.rgb(), ph.displayName() + " (" + pl.valueOf(ph) + ")"));
		return k.append("</p>\n").toString();
	}

	/** A colour key of the CAM classes of the connectivity class image. */
	private static String classKey() {
		StringBuilder k = new StringBuilder("<p class=\"key\">");
		for (CamClass c : CamClass.values()) k.append(swatch(c.rgb(), c.displayName() + " (" + c.value() + ")"));
		return k.append("</p>\n").toString();
	}

	private static String swatch(int rgb, String name) {
		return String.format("<span style=\"display:inline-block;width:1em;height:1em;border:1px solid #888;vertical-align:middle;"
			+ "background:#%06x\"></span> %s &nbsp; ", rgb & 0xffffff, esc(name));
	}

	/** Same size and same mid-slice pixels: the label image analysed, saved again in the folder. */
	private static boolean sameMidSlice(ImagePlus a, ImagePlus b) {
		if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight() || a.getStackSize() != b.getStackSize()) return false;
		int mid = a.getStackSize() / 2 + 1;
		ImageProcessor pa = a.getStack().getProcessor(mid), pb = b.getStack().getProcessor(mid);
		for (int i = 0; i < pa.getPixelCount(); i++) if (pa.getf(i) != pb.getf(i)) return false;
		return true;
	}

	private static String numberRow(String name, double value, String lengthUnit) {
		return "<tr><td>" + esc(name) + "</td><td>" + num(value) + "</td><td>" + esc(unit(name, lengthUnit)) + "</td></tr>\n";
	}

	/** The length unit the folder's results were measured in (the sidecars' length_unit convention), or "". */
	static String lengthUnit(Path dir) {
		for (Path j : files(dir, ".json")) {
			String u = str(read(j), "length_unit");
			if (!u.isEmpty()) return u.replaceAll(" \\(.*", "").replace("um", "\u00b5m");
		}
		return "";
	}

	/**
	 * The unit of a descriptor, from its column name (the tables' naming rules, docs/DEVELOPING.md): fractions,
	 * shares, tortuosity factors and counts have none ("1"), lengths the image's unit.
	 */
	static String unit(String descriptor, String len) {
		String c = descriptor.substring(descriptor.lastIndexOf('.') + 1);
		String l = len.isEmpty() ? "length unit" : len;
		if (c.endsWith("_m2_per_g")) return "m\u00b2/g";
		if (c.startsWith("sv_")) return "1/" + l;
		if (c.startsWith("area_") || c.startsWith("s_") || c.endsWith("_surface") && !c.contains("share")) return l + "\u00b2";
		if (c.endsWith("_volume") && !c.endsWith("in_ise_volume") || c.equals("pore_volume")) return l + "\u00b3";
		if (c.matches("mean|median|max|d\\d+|length_weighted_mean|total_length|mean_pore_size|max_pore_size|mean_void_diameter|.*_um")) return l;
		if (c.matches(".*(fraction|share|porosity|ratio)|kappa.*|tau.*|phi.*")) return "1 (dimensionless)";
		if (c.matches("chords|lines|.*voids.*|.*components|.*_voxels|voxel_faces|count")) return "count";
		return "";
	}

	private static double maxOfMid(ImagePlus imp) {
		ImageProcessor ip = imp.getStack().getProcessor(imp.getStackSize() / 2 + 1);
		ip.resetMinAndMax();
		return ip.getMax();
	}

	/** Opens a TIFF as a virtual stack where possible (only the mid-slice is read), else fully. */
	private static ImagePlus open(Path t) {
		ImagePlus imp = null;
		try {
			imp = IJ.openVirtual(t.toString());
		} catch (RuntimeException e) {
			imp = null;
		}
		if (imp == null) imp = IJ.openImage(t.toString());
		return imp;
	}

	private static List<Path> files(Path dir, String ext) {
		if (!Files.isDirectory(dir)) return new ArrayList<>();
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext)).sorted().collect(Collectors.toList());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** "command: output label" from a file's sidecar, else the file name. */
	private static String caption(Path f) {
		Path j = Descriptors.sidecar(f);
		if (!Files.exists(j)) return f.getFileName().toString();
		String s = read(j);
		String c = str(s, "command"), o = str(s, "output_label");
		return c.isEmpty() ? f.getFileName().toString() : c + ": " + o;
	}

	private static String read(Path p) {
		try {
			return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
		} catch (IOException e) {
			return "";
		}
	}

	/** A top-level string value of a JSON text (first occurrence of the key), unescaped; "" when absent. */
	static String str(String json, String key) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
		if (!m.find()) return "";
		return m.group(1).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
	}

	/** The text of an object value {"key": {...}} by brace matching (strings respected), or null. */
	static String object(String json, String key) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*\\{").matcher(json);
		if (!m.find()) return null;
		int start = m.end() - 1, depth = 0;
		boolean inStr = false;
		for (int i = start; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inStr) {
				if (c == '\\') i++;
				else if (c == '"') inStr = false;
			} else if (c == '"') inStr = true;
			else if (c == '{') depth++;
			else if (c == '}' && --depth == 0) return json.substring(start, i + 1);
		}
		return null;
	}

	private static String rel(Path from, Path to) {
		try {
			return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/');
		} catch (IllegalArgumentException e) {
			return to.toAbsolutePath().toString();
		}
	}

	static String base64(Path png) {
		try {
			return Base64.getEncoder().encodeToString(Files.readAllBytes(png));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String base64(BufferedImage img) {
		ByteArrayOutputStream bo = new ByteArrayOutputStream();
		try {
			ImageIO.write(img, "png", bo);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return Base64.getEncoder().encodeToString(bo.toByteArray());
	}

	static String num(Double v) {
		if (v == null || v.isNaN()) return "";
		double a = Math.abs(v);
		if (v == Math.rint(v) && a < 1e9) return Long.toString(v.longValue());
		return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.4e", v) : String.format(Locale.ROOT, "%.4f", v);
	}

	static String esc(String s) {
		if (s == null) return "";
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
