package org.cathodej.imagej;

import org.cathodej.image.BigTiff;
import java.io.File;

import org.cathodej.task.MemoryBudget;
import org.cathodej.volume.Hdf5Source;

import ij.ImagePlus;
import ij.plugin.FileInfoVirtualStack;

/**
 * Opens what the command line and scripts accept as an image: a folder of TIFF slices, an HDF5 dataset given as
 * {@code file.h5:/path/to/dataset}, or a TIFF file. Folders and HDF5 datasets become virtual ImagePlus objects
 * ({@link SourceStack}) that the analyses stream; a TIFF larger than half the free heap (e.g. ImageJ's > 4 GB
 * stacks) is opened as a virtual stack by ImageJ's own reader; BigTIFF is refused with what to do instead.
 */
public final class VolumeSources {

	private VolumeSources() {}

	/**
	 * @return the volume as a (possibly virtual) ImagePlus, or null when {@code spec} is an ordinary image file that
	 *         ImageJ should open in memory
	 */
	public static ImagePlus openVirtual(String spec) {
		String[] h5 = Hdf5Source.splitSpec(spec);
		if (h5 != null) {
			Hdf5Source s = new Hdf5Source(new File(h5[0]), h5[1], null);
			return SourceStack.imagePlus(s, new File(h5[0]).getName() + ":" + h5[1]);
		}
		File f = new File(spec);
		if (f.isDirectory()) return SourceStack.imagePlus(new TiffFolderSource(f, null), f.getName());
		if (!f.isFile()) return null;
		String n = f.getName().toLowerCase(java.util.Locale.ROOT);
		if (!(n.endsWith(".tif") || n.endsWith(".tiff"))) return null;
		if (BigTiff.is(f)) throw new IllegalArgumentException(f + ": " + BigTiff.REFUSAL);
		if (f.length() < MemoryBudget.available() / 2) return null;
		ImagePlus imp = FileInfoVirtualStack.openVirtual(f.getPath());
		if (imp == null) throw new IllegalArgumentException("ImageJ cannot open " + f + " as a virtual TIFF stack");
		return imp;
	}
}
