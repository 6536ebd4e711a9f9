package org.cathodej.ij1;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cathodej.run.CommandSpec;
import org.cathodej.run.ParameterSpec;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;

/**
 * The dialog of a command, built from its parameters. Field labels are the parameter names, so ImageJ's recorder
 * writes exactly the macro keys the runner reads; the human label is shown beside each field.
 */
final class ParameterDialog {

	static final String NONE = "*None*";

	private ParameterDialog() {}

	/** Shows the dialog; returns the chosen values as macro text, or null when cancelled. */
	static Map<String, String> ask(CommandSpec spec) {
		GenericDialog gd = new GenericDialog("CathodeJ: " + spec.label());
		if (!spec.description().isEmpty()) gd.addMessage(spec.description());
		Object defaults = spec.newInstance();
		String[] titles = imageTitles();
		boolean firstImage = true;
		for (ParameterSpec p : spec.inputs()) {
			Object d = p.get(defaults);
			switch (p.kind()) {
				case IMAGE: {
					String[] items = p.isRequired() ? titles : prepend(NONE, titles);
					if (items.length == 0) items = new String[] { NONE };
					ImagePlus cur = WindowManager.getCurrentImage();
					String def = firstImage && cur != null ? cur.getTitle() : items[0];
					gd.addChoice(p.name(), items, def);
					firstImage = false;
					break;
				}
				case INTEGER:
					gd.addNumericField(p.name(), ((Number) d).doubleValue(), 0, 10, p.label());
					break;
				case REAL: {
					double v = ((Number) d).doubleValue();
					gd.addNumericField(p.name(), v, decimals(v), 10, p.label());
					break;
				}
				case BOOLEAN:
					gd.addCheckbox(p.name() + " (" + p.label() + ")", Boolean.TRUE.equals(d));
					break;
				case CHOICE:
					gd.addChoice(p.name(), p.choices().toArray(new String[0]), String.valueOf(d));
					break;
				case PATH: {
					String v = d == null ? "" : d.toString();
					// the headless dialog of ij1-patcher has no browse fields; a text field records the same key
					if (java.awt.GraphicsEnvironment.isHeadless()) gd.addStringField(p.name(), v, 30);
					else if (p.style().contains("directory")) gd.addDirectoryField(p.name(), v, 30);
					else gd.addFileField(p.name(), v, 30);
					break;
				}
				default:
					gd.addStringField(p.name(), d == null ? "" : d.toString(), 30);
			}
		}
		gd.addHelp(help(spec));
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		Map<String, String> values = new LinkedHashMap<>();
		for (ParameterSpec p : spec.inputs()) {
			switch (p.kind()) {
				case IMAGE: {
					String t = gd.getNextChoice();
					if (!NONE.equals(t)) values.put(p.name(), t);
					break;
				}
				case INTEGER:
				case REAL: {
					double v = gd.getNextNumber();
					if (gd.invalidNumber()) throw new IllegalArgumentException("'" + p.name() + "' is not a valid number.");
					values.put(p.name(), ParameterSpec.format(v));
					break;
				}
				case BOOLEAN:
					if (gd.getNextBoolean()) values.put(p.name(), "true");
					break;
				case CHOICE:
					values.put(p.name(), gd.getNextChoice());
					break;
				default:
					values.put(p.name(), gd.getNextString());
			}
		}
		return values;
	}

	private static int decimals(double v) {
		if (v == Math.rint(v)) return 1;
		String s = Double.toString(Math.abs(v));
		int dot = s.indexOf('.');
		return s.contains("E") ? 6 : Math.min(6, Math.max(1, s.length() - dot - 1));
	}

	private static String[] imageTitles() {
		int[] ids = WindowManager.getIDList();
		if (ids == null) return new String[0];
		String[] t = new String[ids.length];
		for (int i = 0; i < ids.length; i++) t[i] = WindowManager.getImage(ids[i]).getTitle();
		return t;
	}

	private static String[] prepend(String first, String[] rest) {
		String[] a = new String[rest.length + 1];
		a[0] = first;
		System.arraycopy(rest, 0, a, 1, rest.length);
		return a;
	}

	private static String help(CommandSpec spec) {
		StringBuilder sb = new StringBuilder("<html><h3>").append(spec.label()).append("</h3><p>").append(spec.description())
			.append("</p><table>");
		for (ParameterSpec p : spec.inputs())
			sb.append("<tr><td><b>").append(p.name()).append("</b></td><td>").append(p.label()).append(": ").append(p.description())
				.append("</td></tr>");
		return sb.append("</table><p>See the CathodeJ user guide (Plugins &gt; CathodeJ &gt; Help &gt; About CathodeJ).</p></html>").toString();
	}
}
