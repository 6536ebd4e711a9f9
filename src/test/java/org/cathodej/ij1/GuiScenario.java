package org.cathodej.ij1;

import java.awt.Button;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.ParameterSpec;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;

/**
 * A user at the screen, for {@link GuiDialogsTest}: runs in its own JVM with a (virtual) display, clicks through
 * real CathodeJ dialogs and writes what it saw as key=value lines to the file given as argument.
 */
public final class GuiScenario {

	private final List<String> report = new ArrayList<>();

	public static void main(String[] args) throws Exception {
		GuiScenario s = new GuiScenario();
		try {
			s.run();
		} catch (Throwable t) {
			s.report.add("error=" + t);
		}
		Files.write(Paths.get(args[0]), s.report, StandardCharsets.UTF_8);
		System.exit(0);
	}

	private void run() throws Exception {
		new ij.ImageJ(); // the ImageJ window, as in Fiji
		IJ.wait(500);
		CommandSpec fractions = CommandSpec.of(org.cathodej.commands.PhaseFractionsCommand.class);
		// two label images with one title (8^3 older, 12^3 newer) and an RGB window that no label input may offer
		ImagePlus older = labels(8), newer = labels(12);
		ImagePlus rgb = IJ.createImage("sample plot", "RGB white", 40, 30, 1);
		rgb.show();
		IJ.wait(300);
		IJ.selectWindow(older.getID()); // the user selects the older one
		IJ.wait(300);
		report.add("current_is_older=" + (WindowManager.getCurrentImage() == older));

		// 1. the image list: compatible images only, the current one preselected; OK runs on that very image
		Thread run = start(fractions);
		GenericDialog gd = dialog("CathodeJ: Phase Fractions", null);
		Choice images = (Choice) gd.getChoices().get(0);
		List<String> items = new ArrayList<>();
		for (int i = 0; i < images.getItemCount(); i++) items.add(images.getItem(i));
		report.add("image_items=" + String.join("|", items));
		report.add("selected_index=" + images.getSelectedIndex());
		report.add("dialog_width=" + gd.getWidth());
		TextField weight = numeric(gd, fractions, "cam_weight_fraction");
		set(weight, "0.6");
		press(gd, 0);
		run.join(60_000);
		ResultsTable rt = ResultsTable.getResultsTable("Results"); // the table in the Results window
		long voxels = 0;
		for (int r = 0; r < 3; r++) voxels += (long) rt.getValue("voxels", r);
		report.add("voxels=" + voxels);

		// 2. remembered values; 3. an invalid entry re-opens the dialog with the reason and the entry
		run = start(fractions);
		gd = dialog("CathodeJ: Phase Fractions", null);
		report.add("remembered_weight=" + numeric(gd, fractions, "cam_weight_fraction").getText());
		set(numeric(gd, fractions, "cam_weight_fraction"), "4,7");
		press(gd, 0);
		GenericDialog again = dialog("CathodeJ: Phase Fractions", gd);
		report.add("reopened=" + (again != gd));
		report.add("reopened_entry=" + numeric(again, fractions, "cam_weight_fraction").getText());
		report.add("reopened_message=" + redText(again));
		set(numeric(again, fractions, "cam_weight_fraction"), "0.65");
		press(again, 0);
		run.join(60_000);

		// 4. no pile-up: after two runs on one image, one window per output
		run = start(fractions);
		gd = dialog("CathodeJ: Phase Fractions", null);
		press(gd, 0);
		run.join(60_000);
		IJ.wait(500);
		report.add("results_windows=" + countFrames("Results"));
		report.add("profile_tables=" + countFrames("Phase Fractions - Fraction Profiles - sample"));
		report.add("profile_plots=" + countFrames("Phase Fractions - Fraction Profile Plot - sample"));
		java.awt.Window table = WindowManager.getWindow("Phase Fractions - Fraction Profiles - sample"),
			plot = WindowManager.getWindow("Phase Fractions - Fraction Profile Plot - sample");
		report.add("windows_apart=" + (table != null && plot != null && !table.getLocation().equals(plot.getLocation())));

		// 5. a further image input offers the images of the first one's size, and follows a change of the first
		IJ.selectWindow(older.getID());
		IJ.wait(300);
		run = start(CommandSpec.of(org.cathodej.commands.CompareWithGroundTruthCommand.class));
		gd = dialog("CathodeJ: Compare with Ground Truth", null);
		Choice first = (Choice) gd.getChoices().get(0), truth = (Choice) gd.getChoices().get(1);
		report.add("truth_items=" + truth.getItemCount());
		int other = first.getSelectedIndex() == 0 ? 1 : 0;
		EventQueue.invokeAndWait(() -> {
			first.select(other);
			for (java.awt.event.ItemListener l : first.getItemListeners())
				l.itemStateChanged(new java.awt.event.ItemEvent(first, java.awt.event.ItemEvent.ITEM_STATE_CHANGED, first.getItem(other), java.awt.event.ItemEvent.SELECTED));
		});
		report.add("truth_items_after_change=" + truth.getItemCount());
		press(gd, 0);
		run.join(60_000);
		ResultsTable cmp = ResultsTable.getResultsTable("Results");
		report.add("compared_voxels_ok=" + (cmp != null && cmp.size() > 0));

		// 6. preview on the current slice: one preview window, replaced by the next preview
		ImagePlus grey = IJ.createImage("stripes", "32-bit ramp", 64, 64, 4);
		grey.show();
		IJ.wait(300);
		grey.setSlice(3);
		run = start(CommandSpec.of(org.cathodej.commands.RemoveStripesCommand.class));
		gd = dialog("CathodeJ: Remove Stripes", null);
		Button preview = button(gd, "Preview on current slice");
		for (int k = 0; k < 2; k++) {
			EventQueue.invokeAndWait(() -> preview.dispatchEvent(new ActionEvent(preview, ActionEvent.ACTION_PERFORMED, preview.getLabel())));
			for (int i = 0; i < 100 && countImages("Remove Stripes preview") == 0; i++) Thread.sleep(100);
			Thread.sleep(500);
		}
		report.add("preview_windows=" + countImages("Remove Stripes preview"));
		ImagePlus pv = firstImage("Remove Stripes preview");
		report.add("preview_title=" + (pv == null ? "" : pv.getTitle()));
		report.add("preview_slices=" + (pv == null ? 0 : pv.getStackSize()));
		press(gd, 1);
		run.join(10_000);
		report.add("input_slices_after_preview=" + grey.getStackSize());

		// 7. every dialog fits a 1600 px screen (<= 700 px wide)
		int widest = 0, tallest = 0;
		String widestName = "", tallestName = "";
		for (CommandCatalog.Entry e : CommandCatalog.load(GuiScenario.class.getClassLoader()).entries()) {
			run = start(e.spec());
			gd = dialog("CathodeJ: " + e.spec().label(), null);
			if (gd.getWidth() > widest) {
				widest = gd.getWidth();
				widestName = e.spec().label();
			}
			if (gd.getHeight() > tallest) {
				tallest = gd.getHeight();
				tallestName = e.spec().label();
			}
			press(gd, 1);
			run.join(10_000);
		}
		report.add("widest_dialog=" + widest + " " + widestName);
		report.add("tallest_dialog=" + tallest + " " + tallestName);
		report.add("done=true");
	}

	private static ImagePlus labels(int n) {
		ImagePlus imp = IJ.createImage("sample", "8-bit black", n, n, n);
		for (int z = 1; z <= n; z++) imp.getStack().getProcessor(z).setf(0, 0, 1); // one CAM voxel per slice
		imp.show();
		IJ.wait(300);
		return imp;
	}

	private static Thread start(CommandSpec spec) {
		Thread t = new Thread(() -> new CommandBridge().run(spec.type().getName()), "bridge");
		t.start();
		return t;
	}

	/** The open dialog of that title other than {@code not}, waiting up to 20 s. */
	private static GenericDialog dialog(String title, GenericDialog not) throws InterruptedException {
		for (int i = 0; i < 400; i++) {
			for (Window w : Window.getWindows())
				if (w instanceof GenericDialog && w != not && w.isShowing() && title.equals(((GenericDialog) w).getTitle())) {
					Thread.sleep(200); // let it finish laying out
					return (GenericDialog) w;
				}
			Thread.sleep(50);
		}
		throw new IllegalStateException("no dialog '" + title + "' appeared");
	}

	private static TextField numeric(GenericDialog gd, CommandSpec spec, String name) {
		int i = 0;
		for (ParameterSpec p : spec.inputs()) {
			if (p.name().equals(name)) break;
			if (p.kind() == ParameterSpec.Kind.INTEGER || p.kind() == ParameterSpec.Kind.REAL) i++;
		}
		@SuppressWarnings("unchecked")
		Vector<TextField> v = gd.getNumericFields();
		return v.get(i);
	}

	private static void set(TextField f, String text) throws Exception {
		EventQueue.invokeAndWait(() -> f.setText(text));
	}

	/** Presses OK (0) or Cancel (1). */
	private static void press(GenericDialog gd, int button) throws Exception {
		Button b = gd.getButtons()[button];
		EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(b, ActionEvent.ACTION_PERFORMED, b.getLabel())));
	}

	/** The text of the red labels of a dialog (its error message). */
	private static String redText(java.awt.Container c) {
		StringBuilder sb = new StringBuilder();
		for (java.awt.Component k : c.getComponents()) {
			if (k instanceof java.awt.Label && java.awt.Color.RED.equals(k.getForeground())) sb.append(((java.awt.Label) k).getText()).append(' ');
			if (k instanceof java.awt.Container) sb.append(redText((java.awt.Container) k));
		}
		return sb.toString();
	}

	private static Button button(java.awt.Container c, String label) {
		for (java.awt.Component k : c.getComponents()) {
			if (k instanceof Button && label.equals(((Button) k).getLabel())) return (Button) k;
			if (k instanceof java.awt.Container) {
				Button b = button((java.awt.Container) k, label);
				if (b != null) return b;
			}
		}
		return null;
	}

	private static int countImages(String prefix) {
		int n = 0;
		int[] ids = WindowManager.getIDList();
		if (ids != null) for (int id : ids) if (WindowManager.getImage(id).getTitle().startsWith(prefix)) n++;
		return n;
	}

	private static ImagePlus firstImage(String prefix) {
		int[] ids = WindowManager.getIDList();
		if (ids != null) for (int id : ids) if (WindowManager.getImage(id).getTitle().startsWith(prefix)) return WindowManager.getImage(id);
		return null;
	}

	private static int countFrames(String title) {
		int n = 0;
		for (Frame f : Frame.getFrames()) if (f.isShowing() && title.equals(f.getTitle())) n++;
		return n;
	}

	static void write(String file, List<String> lines) throws IOException {
		Files.write(Paths.get(file), lines, StandardCharsets.UTF_8);
	}
}
