package org.cathodej.ij1;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cathodej.run.CommandResult;
import org.cathodej.run.CommandRunner;
import org.cathodej.run.CommandSpec;
import org.cathodej.run.FijiContext;
import org.cathodej.run.ImageSource;
import org.cathodej.run.ParameterSpec;
import org.cathodej.task.Progress;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

/**
 * "Preview on current slice" of a {@link org.cathodej.run.SlicePreview} command: runs it with the dialog's current
 * values on one-slice copies of its input images (the slice shown in the first input's window) and shows the first
 * image output in one "&lt;command&gt; preview" window, replaced at every preview. Nothing is saved; inputs are untouched.
 */
final class SlicePreviewRun {

	private SlicePreviewRun() {}

	static void show(CommandSpec spec, Map<String, String> values, Map<String, ImagePlus> picked) {
		Map<String, String> v = new LinkedHashMap<>(values);
		v.remove("output_dir"); // a preview writes nothing
		v.remove("overwrite");
		ImagePlus first = null;
		for (ParameterSpec p : spec.inputs())
			if (p.kind() == ParameterSpec.Kind.IMAGE && v.get(p.name()) != null) {
				first = picked.get(v.get(p.name()));
				break;
			}
		if (first == null) {
			IJ.showStatus(spec.label() + " preview: choose an input image first");
			return;
		}
		int z = first.getCurrentSlice();
		ImageSource slices = new ImageSource() {
			@Override
			public ImagePlus byName(String title) {
				ImagePlus imp = picked.get(title);
				return imp == null ? null : slice(imp, Math.min(z, imp.getStackSize()));
			}

			@Override
			public ImagePlus current() {
				return null;
			}
		};
		try {
			CommandResult r = new CommandRunner(FijiContext.get()).run(spec, v, slices, Progress.NONE);
			for (Object o : r.outputs().values())
				if (o instanceof ImagePlus) {
					display((ImagePlus) o, spec.label() + " preview (slice " + z + ")", spec.label() + " preview");
					return;
				}
		} catch (RuntimeException e) {
			IJ.showStatus(spec.label() + " preview: " + e.getMessage());
		}
	}

	private static ImagePlus slice(ImagePlus imp, int z) {
		ImagePlus s = new ImagePlus(imp.getTitle(), imp.getStack().getProcessor(z).duplicate());
		s.setCalibration(imp.getCalibration().copy());
		return s;
	}

	/** Into the open preview window when there is one (no pile-up), else a new window. */
	private static void display(ImagePlus out, String title, String prefix) {
		for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
			ImagePlus old = WindowManager.getImage(id);
			if (old != null && old.getTitle().startsWith(prefix)) {
				old.setImage(out);
				old.setTitle(title);
				return;
			}
		}
		out.setTitle(title);
		out.show();
	}
}
