package org.cathodej.ij1;

import java.awt.TextField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cathodej.run.CommandSpec;
import org.cathodej.run.ParameterSpec;

import ij.ImagePlus;
import ij.Macro;
import ij.Prefs;
import ij.gui.GenericDialog;

/**
 * The dialog of a command, built from its parameters. Each field's label is its macro key written the way ImageJ
 * shows keys ("CAM_weight_fraction" shows as "CAM weight fraction" and records {@code cam_weight_fraction}), so the
 * recorder writes exactly the keys the runner reads. In the GUI (never in a macro, where the recorded options rule)
 * the values are remembered between runs in ImageJ's preferences, and an invalid entry re-opens the dialog with the
 * reason and everything entered.
 */
final class ParameterDialog {

	static final String NONE = "*None*";
	/** Widest description line, in characters (keeps dialogs under ~700 px). */
	static final int WRAP = 80;
	/** Widest "what this means" line, in characters of {@link #HELP_FONT} (as wide as {@link #WRAP} of the normal font). */
	static final int HELP_WRAP = 96;
	/** The "what this means" line under a choice field: smaller than the field labels, so the field stays the eye-catcher. */
	private static final java.awt.Font HELP_FONT = new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 11);

	/** What the user chose: the values as macro text, and the images picked (by identity) under their titles. */
	static final class Answer {
		final Map<String, String> values = new LinkedHashMap<>();
		final Map<String, ImagePlus> images = new HashMap<>();
	}

	private ParameterDialog() {}

	/** The dialog; in the GUI it re-opens until the values are valid or it is cancelled. */
	static Answer answer(CommandSpec spec) {
		boolean gui = Macro.getOptions() == null;
		Map<String, String> entered = gui ? remembered(spec) : new HashMap<>();
		String error = null;
		while (true) {
			Dialog d = new Dialog(spec, entered, error);
			d.gd.showDialog();
			if (d.gd.wasCanceled()) return null;
			try {
				Answer a = d.read();
				if (gui) remember(spec, a.values);
				return a;
			} catch (IllegalArgumentException e) {
				if (!gui) throw e;
				error = e.getMessage();
				entered = d.entered;
			}
		}
	}

	/** One showing of the dialog: the fields in parameter order, and what was typed into them. */
	private static final class Dialog {
		final CommandSpec spec;
		final GenericDialog gd;
		final Map<String, List<ImagePlus>> lists = new HashMap<>();
		final Map<String, String> entered = new HashMap<>();
		final boolean gui = Macro.getOptions() == null;
		final Map<String, java.awt.Choice> choiceOf = new HashMap<>();
		final Map<ParameterSpec, java.awt.Choice> further = new LinkedHashMap<>();
		ParameterSpec firstImage;

		Dialog(CommandSpec spec, Map<String, String> initial, String error) {
			this.spec = spec;
			gd = new GenericDialog("CathodeJ: " + spec.label());
			if (error != null) // one line per message, so each stays a plain (readable, testable) label
				for (String line : wrap("Please correct: " + error).split("\n")) gd.addMessage(line, null, java.awt.Color.RED);
			if (!spec.description().isEmpty()) gd.addMessage(wrap(spec.description()));
			Object defaults = spec.newInstance();
			for (ParameterSpec p : spec.inputs()) add(p, initial.containsKey(p.name()) ? initial.get(p.name()) : ParameterSpec.format(p.get(defaults)));
			if (org.cathodej.run.SlicePreview.class.isAssignableFrom(spec.type()) && Macro.getOptions() == null
				&& !java.awt.GraphicsEnvironment.isHeadless())
				gd.addButton("Preview on current slice", e -> {
					Answer now = showing();
					new Thread(() -> SlicePreviewRun.show(spec, now.values, now.images), "CathodeJ preview").start();
				});
			gd.addHelp(Guide.html(spec));
		}

		/** The image selected now for input {@code p} (null for none). */
		private ImagePlus picked(ParameterSpec p) {
			java.awt.Choice c = choiceOf.get(p.name());
			List<ImagePlus> list = lists.get(p.name());
			int at = c == null ? -1 : p.isRequired() ? c.getSelectedIndex() : c.getSelectedIndex() - 1;
			return at >= 0 && at < list.size() ? list.get(at) : null;
		}

		private static List<String> items(ParameterSpec p, List<ImagePlus> list) {
			List<String> items = new ArrayList<>();
			if (!p.isRequired()) items.add(NONE);
			for (ImagePlus imp : list) items.add(imp.getTitle());
			if (items.isEmpty()) items.add(NONE);
			return items;
		}

		/** The first image changed: further image lists offer the images of its size. */
		private void refilter() {
			ImagePlus first = picked(firstImage);
			for (Map.Entry<ParameterSpec, java.awt.Choice> e : further.entrySet()) {
				List<ImagePlus> list = ImageChoice.sameSize(ImageChoice.candidates(e.getKey()), first);
				lists.put(e.getKey().name(), list);
				java.awt.Choice c = e.getValue();
				c.removeAll();
				for (String item : items(e.getKey(), list)) c.add(item);
			}
		}

		/** The values the dialog shows now, read from its fields (for a preview; the dialog stays open). */
		Answer showing() {
			Answer a = new Answer();
			int choice = 0, number = 0, box = 0, text = 0;
			for (ParameterSpec p : spec.inputs()) {
				switch (p.kind()) {
					case IMAGE: {
						int i = ((java.awt.Choice) gd.getChoices().get(choice++)).getSelectedIndex();
						List<ImagePlus> list = lists.get(p.name());
						int at = p.isRequired() ? i : i - 1;
						if (at >= 0 && at < list.size()) {
							a.values.put(p.name(), list.get(at).getTitle());
							a.images.put(list.get(at).getTitle(), list.get(at));
						}
						break;
					}
					case INTEGER:
					case REAL:
						a.values.put(p.name(), ((TextField) gd.getNumericFields().get(number++)).getText().trim());
						break;
					case BOOLEAN:
						if (((java.awt.Checkbox) gd.getCheckboxes().get(box++)).getState()) a.values.put(p.name(), "true");
						break;
					case CHOICE:
						a.values.put(p.name(), ((java.awt.Choice) gd.getChoices().get(choice++)).getSelectedItem());
						break;
					default:
						a.values.put(p.name(), ((TextField) gd.getStringFields().get(text++)).getText());
				}
			}
			return a;
		}

		private void add(ParameterSpec p, String v) {
			String key = fieldLabel(p), beside = beside(p);
			switch (p.kind()) {
				case IMAGE: {
					boolean isFirst = firstImage == null;
					List<ImagePlus> list = ImageChoice.candidates(p);
					// further images must have the first one's size (GUI only: a macro's titles are checked by the runner)
					if (!isFirst && gui) list = ImageChoice.sameSize(list, picked(firstImage));
					lists.put(p.name(), list);
					List<String> items = items(p, list);
					int def = p.isRequired() ? ImageChoice.defaultIndex(list) : 0;
					gd.addChoice(key, items.toArray(new String[0]), items.get(Math.max(0, def)));
					// (the headless dialog of ij1-patcher has no components)
					java.awt.Choice c = gd.getChoices() == null ? null : (java.awt.Choice) gd.getChoices().lastElement();
					if (isFirst) firstImage = p;
					if (c == null) break;
					if (isFirst && gui) c.addItemListener(e -> refilter());
					if (!isFirst) further.put(p, c);
					choiceOf.put(p.name(), c);
					break;
				}
				case INTEGER:
				case REAL: {
					double x = number(v);
					gd.addNumericField(key, Double.isNaN(x) ? 0 : x, p.kind() == ParameterSpec.Kind.INTEGER ? 0 : decimals(x), 10, beside);
					if (Double.isNaN(x) && gd.getNumericFields() != null) // keep an invalid entry as typed, so it can be corrected
						((TextField) gd.getNumericFields().lastElement()).setText(v);
					break;
				}
				case BOOLEAN:
					gd.addCheckbox(key + (beside.isEmpty() ? "" : " (" + beside + ")"), "true".equals(v));
					break;
				case CHOICE:
					gd.addChoice(key, p.choices().toArray(new String[0]), p.choices().contains(v) ? v : p.choices().get(0));
					if (!choiceHelp(p).isEmpty()) gd.addMessage(choiceHelp(p), HELP_FONT, java.awt.Color.DARK_GRAY);
					break;
				case PATH:
					// the headless dialog of ij1-patcher has no browse fields; a text field records the same key
					if (java.awt.GraphicsEnvironment.isHeadless()) gd.addStringField(key, v, 30);
					else if (p.style().contains("directory")) gd.addDirectoryField(key, v, 30);
					else gd.addFileField(key, v, 30);
					break;
				default:
					gd.addStringField(key, v, 30);
			}
		}

		/** Reads the fields in order (all of them, so a correction dialog shows every entry), then checks them. */
		Answer read() {
			Answer a = new Answer();
			String problem = null;
			for (ParameterSpec p : spec.inputs()) {
				String v;
				switch (p.kind()) {
					case IMAGE: {
						int i = gd.getNextChoiceIndex();
						List<ImagePlus> list = lists.get(p.name());
						int at = p.isRequired() ? i : i - 1;
						v = at >= 0 && at < list.size() ? list.get(at).getTitle() : null;
						if (v != null) a.images.put(v, list.get(at));
						else if (Macro.getOptions() != null) v = macroTitle(p); // an image named by the macro but not open now
						break;
					}
					case INTEGER:
					case REAL: {
						TextField tf = gd.getNumericFields() == null ? null : (TextField) gd.getNumericFields().get(numberIndex(p));
						double x = gd.getNextNumber();
						v = gd.invalidNumber() ? (tf == null ? "" : tf.getText().trim()) : ParameterSpec.format(x);
						if (gd.invalidNumber() && problem == null)
							problem = "'" + p.name() + "': '" + v + "' is not a number" + (v.contains(",") ? " (use a point as decimal separator)." : ".");
						break;
					}
					case BOOLEAN:
						v = gd.getNextBoolean() ? "true" : null;
						break;
					case CHOICE:
						v = gd.getNextChoice();
						break;
					default:
						v = gd.getNextString();
				}
				entered.put(p.name(), v == null ? (p.kind() == ParameterSpec.Kind.BOOLEAN ? "false" : "") : v);
				if (v == null) continue;
				a.values.put(p.name(), v);
				if (problem == null && p.kind() != ParameterSpec.Kind.IMAGE) {
					try {
						p.parse(v, spec.label());
					} catch (IllegalArgumentException e) {
						problem = e.getMessage();
					}
				}
			}
			if (problem != null) throw new IllegalArgumentException(problem);
			return a;
		}

		private int numberIndex(ParameterSpec p) {
			int i = 0;
			for (ParameterSpec q : spec.inputs()) {
				if (q == p) return i;
				if (q.kind() == ParameterSpec.Kind.INTEGER || q.kind() == ParameterSpec.Kind.REAL) i++;
			}
			return i;
		}

		private String macroTitle(ParameterSpec p) {
			String t = Macro.getValue(Macro.getOptions(), p.name(), null);
			return t == null || NONE.equals(t) ? null : t;
		}
	}

	/**
	 * The field label: the macro key in ImageJ's form. ImageJ records a field under its label up to the first space,
	 * lower-cased, and shows '_' as a space; so the command's own label is used when it spells the key, else the
	 * key with a capital.
	 */
	static String fieldLabel(ParameterSpec p) {
		String head = labelHead(p);
		if (head != null) return head.replace(' ', '_');
		return Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1);
	}

	/** Text beside a field: what the command's label says beyond the key, e.g. the unit (short; the rest is in Help). */
	static String beside(ParameterSpec p) {
		String l = p.label().trim(), head = labelHead(p);
		if (head != null) l = l.substring(head.length()).trim();
		return l.length() > 40 ? "" : micro(l);
	}

	/** The start of the command's label that spells the key ("CAM radius" of "CAM radius (um)"), or null. */
	private static String labelHead(ParameterSpec p) {
		String l = p.label().trim();
		int n = p.name().length();
		if (l.length() < n || !l.substring(0, n).replace(' ', '_').toLowerCase(Locale.ROOT).equals(p.name())) return null;
		if (l.length() > n && l.charAt(n) != ' ') return null;
		return l.substring(0, n);
	}

	/**
	 * What a choice field's options mean, shown under the field (the parameter's description, wrapped, indented to
	 * read as belonging to the field above); "" when the command gives none. The same text is in the Help page.
	 */
	static String choiceHelp(ParameterSpec p) {
		String d = p.description().trim();
		if (d.isEmpty()) return "";
		return "    " + wrap(Character.toUpperCase(d.charAt(0)) + d.substring(1), HELP_WRAP).replace("\n", "\n    ");
	}

	/** One spelling of micrometres in what the user reads: "um" (as typed in sources) shows as "µm". */
	static String micro(String text) {
		return text.replaceAll("\\bum\\b", "\u00b5m");
	}

	/** Wraps text at {@link #WRAP} characters, at spaces. */
	static String wrap(String text) {
		return wrap(text, WRAP);
	}

	/** Wraps text at {@code width} characters, at spaces. */
	static String wrap(String text, int width) {
		StringBuilder out = new StringBuilder();
		for (String para : micro(text).split("\n")) {
			int col = 0;
			if (out.length() > 0) out.append('\n');
			for (String w : para.split(" ")) {
				if (col > 0 && col + 1 + w.length() > width) {
					out.append('\n');
					col = 0;
				} else if (col > 0) {
					out.append(' ');
					col++;
				}
				out.append(w);
				col += w.length();
			}
		}
		return out.toString();
	}

	private static double number(String v) {
		try {
			return Double.parseDouble(v.trim());
		} catch (RuntimeException e) {
			return Double.NaN;
		}
	}

	private static int decimals(double v) {
		if (v == Math.rint(v)) return 1;
		String s = Double.toString(Math.abs(v));
		int dot = s.indexOf('.');
		return s.contains("E") ? 6 : Math.min(6, Math.max(1, s.length() - dot - 1));
	}

	static String prefKey(CommandSpec spec, ParameterSpec p) {
		return "cathodej." + spec.fileStem() + "." + p.name();
	}

	/** The values of the last successful GUI run of this command (images are never remembered). */
	static Map<String, String> remembered(CommandSpec spec) {
		Map<String, String> m = new HashMap<>();
		for (ParameterSpec p : spec.inputs()) {
			if (p.kind() == ParameterSpec.Kind.IMAGE) continue;
			String v = Prefs.get(prefKey(spec, p), null);
			if (v != null) m.put(p.name(), v);
		}
		return m;
	}

	private static void remember(CommandSpec spec, Map<String, String> values) {
		for (ParameterSpec p : spec.inputs()) {
			if (p.kind() == ParameterSpec.Kind.IMAGE) continue;
			String v = values.get(p.name());
			Prefs.set(prefKey(spec, p), v == null ? (p.kind() == ParameterSpec.Kind.BOOLEAN ? "false" : "") : v);
		}
	}
}
