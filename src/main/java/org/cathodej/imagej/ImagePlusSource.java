package org.cathodej.imagej;

import org.cathodej.image.VoxelSize;
import org.cathodej.volume.VolumeSource;

import ij.ImagePlus;
import ij.ImageStack;

/**
 * An ImagePlus as a {@link VolumeSource}: a stack in memory hands out its own slice arrays (zero-copy, today's path);
 * a virtual stack (File > Import > Image Sequence / TIFF Virtual Stack, a TIFF larger than 4 GB opened virtually, or
 * a {@link SourceStack}) reads its slices on demand. 8-, 16- and 32-bit single-channel stacks only.
 */
public final class ImagePlusSource implements VolumeSource {

	private final ImagePlus imp;
	private final ImageStack stack;
	private final VoxelSize vs;

	public ImagePlusSource(ImagePlus imp) {
		Volumes.requireGreyscaleVolume(imp);
		this.imp = imp;
		this.stack = imp.getStack();
		this.vs = Volumes.voxelSize(imp);
	}

	/** The volume behind an ImagePlus: the source of a {@link SourceStack} itself, else this adapter. */
	public static VolumeSource of(ImagePlus imp) {
		if (imp.getStack() instanceof SourceStack) return ((SourceStack) imp.getStack()).source();
		return new ImagePlusSource(imp);
	}

	@Override public int width() { return imp.getWidth(); }
	@Override public int height() { return imp.getHeight(); }
	@Override public int depth() { return stack.getSize(); }
	@Override public int bitDepth() { return imp.getBitDepth(); }
	@Override public VoxelSize voxelSize() { return vs; }
	@Override public boolean inMemory() { return !stack.isVirtual(); }
	@Override public boolean sharesArrays() { return !stack.isVirtual(); }

	@Override
	public String description() {
		return imp.getTitle() + (stack.isVirtual() ? " (virtual stack, " : " (") + width() + "x" + height() + "x" + depth() + ", " + bitDepth()
			+ "-bit)";
	}

	@Override
	public Object[] readPlanes(int z0, int z1) {
		Object[] r = new Object[z1 - z0];
		for (int z = z0; z < z1; z++) {
			if (stack.isVirtual()) {
				// VirtualStack readers share state (file handles, the last processor): one slice at a time
				synchronized (stack) {
					r[z - z0] = stack.getProcessor(z + 1).getPixels();
				}
			} else r[z - z0] = stack.getPixels(z + 1);
			if (r[z - z0] == null) throw new java.io.UncheckedIOException(new java.io.IOException("Could not read slice " + (z + 1) + " of "
				+ imp.getTitle()));
		}
		return r;
	}
}
