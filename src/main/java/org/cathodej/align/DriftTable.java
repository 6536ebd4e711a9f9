package org.cathodej.align;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.cathodej.results.Csv;
import org.cathodej.results.CsvTable;
import org.cathodej.results.Table;

/**
 * Per-slice drift of a stack: for every slice z the map G_z from reference coordinates (slice 1's frame) to the
 * coordinates of slice z ({@link RigidTransform}), plus an optional alignment quality (NCC with the previous aligned
 * slice). Translations are reported at the slice centre ((w-1)/2, (h-1)/2): dx > 0 means the content of the slice
 * moved right (+x) relative to the previous slice ("dx") or to slice 1 ("cum_dx"); angles are degrees, positive
 * from +x towards +y.
 *
 * <p>Two file formats: a plain CSV (all doubles written exactly, matrix columns included, so re-applying gives
 * bit-identical pixels) and MultiStackReg's transformation file (landmark pairs, slice-to-slice, anchor slice 1).
 * The transforms an aligner produces are snapped to their MultiStackReg representation ({@link #snapped}) so that
 * both files reproduce them exactly.
 */
public final class DriftTable implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	public enum Type {
		TRANSLATION, RIGID_BODY
	}

	public static final String CSV_HEADER = "slice,dx,dy,angle_deg,cum_dx,cum_dy,cum_angle_deg,ncc,a00,a01,a02,a10,a11,a12";

	private final int width, height;
	private final Type type;
	private final RigidTransform[] global;
	private final double[] ncc;
	/** The MultiStackReg text this table was read from (written back verbatim), or null. */
	private final String msrText;

	public DriftTable(int width, int height, Type type, RigidTransform[] global, double[] ncc) {
		this(width, height, type, global, ncc, null);
	}

	private DriftTable(int width, int height, Type type, RigidTransform[] global, double[] ncc, String msrText) {
		this.msrText = msrText;
		this.width = width;
		this.height = height;
		this.type = type;
		this.global = global.clone();
		this.ncc = ncc == null ? filledNaN(global.length) : ncc.clone();
	}

	private static double[] filledNaN(int n) {
		double[] a = new double[n];
		Arrays.fill(a, Double.NaN);
		return a;
	}

	public int width() { return width; }
	public int height() { return height; }
	public Type type() { return type; }
	public int slices() { return global.length; }
	public RigidTransform global(int z) { return global[z]; }
	public RigidTransform[] globals() { return global.clone(); }
	public double ncc(int z) { return ncc[z]; }

	public DriftTable withNcc(double[] values) {
		return new DriftTable(width, height, type, global, values, msrText);
	}

	double cx() { return (width - 1) / 2.0; }
	double cy() { return (height - 1) / 2.0; }

	/** Slice-to-slice map (previous slice coordinates -> slice z coordinates); identity for z = 0. */
	public RigidTransform local(int z) {
		return z == 0 ? RigidTransform.IDENTITY : global[z].after(global[z - 1].inverse());
	}

	public double dx(int z) { return local(z).dx(cx(), cy()); }
	public double dy(int z) { return local(z).dy(cx(), cy()); }
	public double angleDeg(int z) { return local(z).angleDeg(); }
	public double cumDx(int z) { return global[z].dx(cx(), cy()); }
	public double cumDy(int z) { return global[z].dy(cx(), cy()); }
	public double cumAngleDeg(int z) { return global[z].angleDeg(); }

	// ---------------------------------------------------------------- MultiStackReg

	/** The same drift after a round trip through the MultiStackReg landmark representation. */
	public DriftTable snapped() {
		try {
			return readMultiStackReg(new BufferedReader(new StringReader(multiStackRegText())), width, height);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** MultiStackReg "File Version 1.0", single-stack mode, anchor slice 1, one block per slice 2..n. */
	public String multiStackRegText() {
		if (msrText != null) return msrText;
		StringBuilder sb = new StringBuilder("MultiStackReg Transformation File\nFile Version 1.0\n0\n");
		double[][] t = anchors(type, width, height);
		for (int z = 1; z < global.length; z++) {
			RigidTransform l = local(z);
			sb.append(type.name()).append('\n');
			sb.append("Source img: ").append(z + 1).append(" Target img: 1\n");
			for (int i = 0; i < 3; i++) {
				if (i < t.length) sb.append(l.x(t[i][0], t[i][1])).append('\t').append(l.y(t[i][0], t[i][1])).append('\n');
				else sb.append("0.0\t0.0\n");
			}
			sb.append('\n');
			for (int i = 0; i < 3; i++) {
				if (i < t.length) sb.append(t[i][0]).append('\t').append(t[i][1]).append('\n');
				else sb.append("0.0\t0.0\n");
			}
			sb.append('\n');
		}
		return sb.toString();
	}

	/** MultiStackReg's anchor (target) landmarks: centre for translation; centre, upper and lower for rigid. */
	static double[][] anchors(Type type, int w, int h) {
		if (type == Type.TRANSLATION) return new double[][] { { w / 2, h / 2 } };
		return new double[][] { { w / 2, h / 2 }, { w / 2, h / 4 }, { w / 2, (3 * h) / 4 } };
	}

	public void writeMultiStackReg(Path file) throws IOException {
		Files.write(file, multiStackRegText().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A saved drift of either format, told apart by the first line: MultiStackReg's ("MultiStackReg..." or
	 * "Transformation") or a drift CSV (this package's table, or one a spreadsheet wrote).
	 */
	public static DriftTable read(Path file, int width, int height) throws IOException {
		String first;
		try (BufferedReader br = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String l = br.readLine();
			first = l == null ? "" : l.trim();
		}
		return isMultiStackReg(first) ? readMultiStackReg(file, width, height) : readCsv(file, width, height);
	}

	/** Whether a file whose first line (trimmed) is {@code firstLine} is a MultiStackReg transformation file. */
	static boolean isMultiStackReg(String firstLine) {
		return firstLine.startsWith("MultiStackReg") || firstLine.equals("Transformation");
	}

	public static DriftTable readMultiStackReg(Path file, int width, int height) throws IOException {
		try (BufferedReader br = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return readMultiStackReg(br, width, height);
		}
	}

	/**
	 * Reads a MultiStackReg transformation file (TRANSLATION, RIGID_BODY, SCALED_ROTATION, AFFINE blocks; single-
	 * or two-stack). Slice-to-slice blocks are accumulated from the anchor slice in file order as MultiStackReg does.
	 * Every slice but the anchor needs a block. The text is kept and written back verbatim by {@link #writeMultiStackReg}.
	 */
	static DriftTable readMultiStackReg(BufferedReader br, int width, int height) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		for (String s; (s = br.readLine()) != null;) {
			lines.add(s.trim());
			text.append(s).append('\n');
		}
		if (lines.isEmpty()) throw new IllegalArgumentException("Empty transformation file");
		if (lines.get(0).equals("Transformation"))
			throw new IllegalArgumentException("This is a single TurboReg matrix file, not a MultiStackReg transformation file");
		if (lines.size() < 3 || !lines.get(0).startsWith("MultiStackReg Transformation File"))
			throw new IllegalArgumentException("Not a MultiStackReg transformation file (first line should be 'MultiStackReg Transformation File')");
		boolean twoStack = lines.get(2).equals("1");
		List<int[]> idx = new ArrayList<>();
		List<RigidTransform> maps = new ArrayList<>();
		Type type = Type.TRANSLATION;
		int maxSlice = 0, anchor = -1;
		for (int p = 3; p + 9 < lines.size() + 1; p += 10) {
			String kind = lines.get(p);
			if (kind.isEmpty()) break;
			String head = lines.get(p + 1);
			int si = head.indexOf("Source img:"), ti = head.indexOf("Target img:");
			if (si < 0 || ti < 0) throw new IllegalArgumentException("Malformed block at line " + (p + 2) + ": " + head);
			int src = Integer.parseInt(head.substring(si + 11, ti).trim()), tgt = Integer.parseInt(head.substring(ti + 11).trim());
			double[][] s = new double[3][], t = new double[3][];
			for (int i = 0; i < 3; i++) {
				s[i] = point(lines.get(p + 2 + i), p + 3 + i);
				t[i] = point(lines.get(p + 6 + i), p + 7 + i);
			}
			RigidTransform m;
			switch (kind) {
				case "TRANSLATION":
					m = new RigidTransform(1, 0, s[0][0] - t[0][0], 0, 1, s[0][1] - t[0][1]);
					break;
				case "RIGID_BODY": {
					type = Type.RIGID_BODY;
					double a = Math.atan2(s[2][1] - s[1][1], s[2][0] - s[1][0]) - Math.atan2(t[2][1] - t[1][1], t[2][0] - t[1][0]);
					double c = Math.cos(a), sn = Math.sin(a);
					m = new RigidTransform(c, -sn, s[0][0] - (c * t[0][0] - sn * t[0][1]), sn, c, s[0][1] - (sn * t[0][0] + c * t[0][1]));
					break;
				}
				case "SCALED_ROTATION": {
					type = Type.RIGID_BODY;
					double dxs = s[1][0] - s[0][0], dys = s[1][1] - s[0][1], dxt = t[1][0] - t[0][0], dyt = t[1][1] - t[0][1];
					double n = dxt * dxt + dyt * dyt, a = (dxs * dxt + dys * dyt) / n, b = (dys * dxt - dxs * dyt) / n;
					m = new RigidTransform(a, -b, s[0][0] - (a * t[0][0] - b * t[0][1]), b, a, s[0][1] - (b * t[0][0] + a * t[0][1]));
					break;
				}
				case "AFFINE":
					type = Type.RIGID_BODY;
					m = affine(t, s);
					break;
				default:
					throw new IllegalArgumentException("Unknown transformation '" + kind + "' at line " + (p + 1));
			}
			idx.add(new int[] { src, tgt });
			maps.add(m);
			maxSlice = Math.max(maxSlice, Math.max(src, tgt));
			if (anchor < 0) anchor = tgt;
		}
		if (maps.isEmpty()) throw new IllegalArgumentException("The transformation file has no transformation blocks");
		RigidTransform[] g = new RigidTransform[maxSlice];
		g[anchor - 1] = RigidTransform.IDENTITY;
		RigidTransform prev = RigidTransform.IDENTITY;
		int prevSrc = anchor;
		for (int k = 0; k < maps.size(); k++) {
			int s = idx.get(k)[0];
			if (twoStack) g[s - 1] = maps.get(k);
			else {
				if ((s > anchor) != (prevSrc > anchor) || prevSrc == anchor) prev = RigidTransform.IDENTITY;
				prev = maps.get(k).after(prev);
				g[s - 1] = prev;
				prevSrc = s;
			}
		}
		for (int z = 0; z < g.length; z++)
			if (g[z] == null) throw new IllegalArgumentException("The transformation file has no transformation for slice " + (z + 1));
		return new DriftTable(width, height, type, g, null, text.toString());
	}

	private static double[] point(String line, int lineNo) {
		String[] f = line.split("\\s+");
		if (f.length < 2) throw new IllegalArgumentException("Expected 'x<TAB>y' at line " + lineNo + ", got '" + line + "'");
		return new double[] { Double.parseDouble(f[0]), Double.parseDouble(f[1]) };
	}

	/** The affine map sending the three points {@code from} to {@code to}. */
	private static RigidTransform affine(double[][] from, double[][] to) {
		double x0 = from[0][0], y0 = from[0][1], x1 = from[1][0], y1 = from[1][1], x2 = from[2][0], y2 = from[2][1];
		double det = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
		if (Math.abs(det) < 1e-12) throw new IllegalArgumentException("Degenerate AFFINE landmarks");
		double[] r = new double[6];
		for (int c = 0; c < 2; c++) {
			double u0 = to[0][c], u1 = to[1][c], u2 = to[2][c];
			double a = ((u1 - u0) * (y2 - y0) - (u2 - u0) * (y1 - y0)) / det;
			double b = ((x1 - x0) * (u2 - u0) - (x2 - x0) * (u1 - u0)) / det;
			r[3 * c] = a;
			r[3 * c + 1] = b;
			r[3 * c + 2] = u0 - a * x0 - b * y0;
		}
		return new RigidTransform(r[0], r[1], r[2], r[3], r[4], r[5]);
	}

	// ---------------------------------------------------------------- CSV

	/**
	 * The drift as a table, one row per slice: local and cumulative dx, dy, angle, ncc and the global matrix
	 * (columns {@link #CSV_HEADER}); {@link #readCsv} reads its CSV back.
	 */
	public Table table() {
		String[] c = CSV_HEADER.split(",");
		Table t = new Table();
		for (int z = 0; z < global.length; z++) {
			RigidTransform g = global[z];
			double[] v = { z + 1, dx(z), dy(z), angleDeg(z), cumDx(z), cumDy(z), cumAngleDeg(z), ncc[z], g.a00, g.a01, g.a02, g.a10, g.a11, g.a12 };
			t.addRow();
			for (int i = 0; i < c.length; i++) t.set(c[i], v[i]);
		}
		t.unit("dx", "pixels").unit("dy", "pixels").unit("cum_dx", "pixels").unit("cum_dy", "pixels").unit("a02", "pixels").unit("a12", "pixels");
		return t;
	}

	public String csvText() {
		return Csv.of(table());
	}

	public void writeCsv(Path file) throws IOException {
		Files.write(file, csvText().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a drift CSV: the matrix columns a00..a12 when present (exact), otherwise cum_dx, cum_dy and
	 * cum_angle_deg (rotation about the slice centre). Columns are found by name; any order.
	 */
	public static DriftTable readCsv(Path file, int width, int height) throws IOException {
		CsvTable t = CsvTable.read(file);
		if (t.header().isEmpty()) throw new IllegalArgumentException(file + " is empty");
		int[] m = new int[6];
		String[] mn = { "a00", "a01", "a02", "a10", "a11", "a12" };
		boolean matrix = true;
		for (int i = 0; i < 6; i++) matrix &= (m[i] = t.column(mn[i])) >= 0;
		int cx = t.column("cum_dx"), cy = t.column("cum_dy"), ca = t.column("cum_angle_deg"), nc = t.column("ncc");
		if (!matrix && (cx < 0 || cy < 0))
			throw new IllegalArgumentException(file.getFileName() + " has neither matrix columns (a00..a12) nor cum_dx/cum_dy columns");
		int n = t.rows().size();
		RigidTransform[] g = new RigidTransform[n];
		double[] ncc = new double[n];
		boolean rigid = false;
		double cxc = (width - 1) / 2.0, cyc = (height - 1) / 2.0;
		for (int r = 0; r < n; r++) {
			RigidTransform tr;
			if (matrix) tr = new RigidTransform(num(t, r, m[0]), num(t, r, m[1]), num(t, r, m[2]), num(t, r, m[3]), num(t, r, m[4]), num(t, r, m[5]));
			else tr = RigidTransform.of(num(t, r, cx), num(t, r, cy), ca >= 0 ? num(t, r, ca) : 0, cxc, cyc);
			rigid |= !tr.isTranslation();
			g[r] = tr;
			ncc[r] = nc >= 0 ? CsvTable.number(t.cell(r, nc)) : Double.NaN;
		}
		return new DriftTable(width, height, rigid ? Type.RIGID_BODY : Type.TRANSLATION, g, ncc);
	}

	private static double num(CsvTable t, int row, int column) {
		if (column >= t.rows().get(row).size()) throw new IllegalArgumentException("Row " + (row + 2) + " of the drift table has too few columns");
		double v = CsvTable.number(t.cell(row, column));
		if (Double.isNaN(v)) throw new IllegalArgumentException("Row " + (row + 2) + " of the drift table has a missing or non-numeric value in column " + t.header().get(column));
		return v;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "DriftTable[%d slices, %dx%d, %s]", global.length, width, height, type);
	}
}
