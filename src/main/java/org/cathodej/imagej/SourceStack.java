package org.cathodej.imagej;

import org.cathodej.volume.VolumeSource;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/**
 * A {@link VolumeSource} (TIFF-slice folder, HDF5 dataset) shown to ImageJ as a virtual stack, so that the commands,
 * macros and the command line see an ordinary ImagePlus whose slices are read only when needed; the streamed
 * analyses read the source directly (slab by slab).
 */
public final class SourceStack extends VirtualStack {

	private final VolumeSource src;

	public SourceStack(VolumeSource src) {
		super(src.width(), src.height(), null, null);
		this.src = src;
	}

	public VolumeSource source() {
		return src;
	}

	@Override
	public ImageProcessor getProcessor(int n) {
		Object p = src.readPlanes(n - 1, n)[0];
		int w = src.width(), h = src.height();
		if (p instanceof byte[]) return new ByteProcessor(w, h, (byte[]) p);
		if (p instanceof short[]) return new ShortProcessor(w, h, (short[]) p, null);
		return new FloatProcessor(w, h, (float[]) p);
	}

	@Override
	public Object getPixels(int n) {
		return getProcessor(n).getPixels();
	}

	@Override
	public int getSize() {
		return src.depth();
	}

	@Override
	public int size() {
		return src.depth();
	}

	@Override
	public String getSliceLabel(int n) {
		return null;
	}

	@Override
	public int getBitDepth() {
		return src.bitDepth();
	}

	/** An ImagePlus over the source, calibrated with its voxel size. */
	public static ImagePlus imagePlus(VolumeSource src, String title) {
		ImagePlus imp = new ImagePlus(title, new SourceStack(src));
		Volumes.calibrate(imp, src.voxelSize());
		imp.setProperty("Info", src.description());
		return imp;
	}
}
