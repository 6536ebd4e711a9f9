package org.cathodej.imagej;

import org.cathodej.image.Planes;
import org.cathodej.image.VoxelSize;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Zero-copy adapters between ImageJ 1.x stacks and ImgLib2 {@link PlanarImg}s. Both keep one primitive array per
 * slice, so a volume may exceed 2^31 voxels; the arrays are shared, never copied.
 */
public final class Volumes {

	private Volumes() {}

	/** The ImagePlus's stack as a 3D (x, y, z) image, sharing its pixel arrays. 8-, 16- and 32-bit only. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static <T extends RealType<T> & NativeType<T>> PlanarImg<T, ?> wrap(ImagePlus imp) {
		requireGreyscaleVolume(imp);
		switch (imp.getBitDepth()) {
			case 8: return (PlanarImg) wrapBytes(imp);
			case 16: return (PlanarImg) wrapShorts(imp);
			case 32: return (PlanarImg) wrapFloats(imp);
			default: throw new IllegalArgumentException(imp.getTitle() + ": unsupported bit depth " + imp.getBitDepth());
		}
	}

	/** {@link #wrap} typed for algorithms that take any real-valued image (intensities). */
	@SuppressWarnings("unchecked")
	public static RandomAccessibleInterval<? extends RealType<?>> real(ImagePlus imp) {
		return (RandomAccessibleInterval<? extends RealType<?>>) (RandomAccessibleInterval<?>) wrap(imp);
	}

	/**
	 * An image title without its file extension ("bse.tif" -> "bse"), the stem of derived titles such as
	 * "bse-aligned". Only a short (at most 4 characters) extension counts, so "sample.2024-01" stays whole.
	 */
	public static String titleStem(String title) {
		int i = title.lastIndexOf('.');
		return i > 0 && title.length() - i <= 5 ? title.substring(0, i) : title;
	}

	public static PlanarImg<UnsignedByteType, ByteArray> wrapBytes(ImagePlus imp) {
		requireBitDepth(imp, 8);
		return Planes.unsignedBytes(planes(imp, new byte[imp.getStackSize()][]), imp.getWidth(), imp.getHeight());
	}

	public static PlanarImg<UnsignedShortType, ShortArray> wrapShorts(ImagePlus imp) {
		requireBitDepth(imp, 16);
		return Planes.unsignedShorts(planes(imp, new short[imp.getStackSize()][]), imp.getWidth(), imp.getHeight());
	}

	public static PlanarImg<FloatType, FloatArray> wrapFloats(ImagePlus imp) {
		requireBitDepth(imp, 32);
		return Planes.floats(planes(imp, new float[imp.getStackSize()][]), imp.getWidth(), imp.getHeight());
	}

	/** The stack's pixel arrays (shared, not copied) in {@code planes}, one per slice. */
	@SuppressWarnings("unchecked")
	private static <P> P[] planes(ImagePlus imp, P[] planes) {
		ImageStack s = imp.getStack();
		for (int z = 0; z < planes.length; z++) planes[z] = (P) s.getPixels(z + 1);
		return planes;
	}

	/** A new ImagePlus whose stack shares the planes of {@code img} (3D, or 2D as a single slice). */
	public static ImagePlus toImagePlus(PlanarImg<?, ?> img, String title, VoxelSize voxelSize) {
		int w = (int) img.dimension(0), h = img.numDimensions() > 1 ? (int) img.dimension(1) : 1;
		ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < img.numSlices(); z++) {
			Object pixels = ((ArrayDataAccess<?>) img.getPlane(z)).getCurrentStorageArray();
			stack.addSlice("", pixels);
		}
		ImagePlus imp = new ImagePlus(title, stack);
		if (voxelSize != null) calibrate(imp, voxelSize);
		return imp;
	}

	/** Voxel size from the ImagePlus calibration; unit voxels (flagged uncalibrated) when there is none. */
	public static VoxelSize voxelSize(ImagePlus imp) {
		Calibration c = imp.getCalibration();
		if (c == null || !c.scaled()) return VoxelSize.uncalibrated();
		// a zero or negative size is refused, never replaced (a zero depth used to become the width silently)
		double[] size = { c.pixelWidth, c.pixelHeight, c.pixelDepth };
		String[] what = { "width", "height", "depth" };
		for (int i = 0; i < 3; i++)
			if (!(size[i] > 0) || Double.isInfinite(size[i]))
				throw new IllegalArgumentException(imp.getTitle() + " has a voxel " + what[i] + " of " + size[i] + " " + c.getUnit()
					+ ": the calibration must be positive and finite along x, y and z (Image > Properties, or setVoxelSize in a macro).");
		return new VoxelSize(c.pixelWidth, c.pixelHeight, c.pixelDepth, c.getUnit());
	}

	public static void calibrate(ImagePlus imp, VoxelSize vs) {
		Calibration c = imp.getCalibration().copy();
		c.pixelWidth = vs.x();
		c.pixelHeight = vs.y();
		c.pixelDepth = vs.z();
		c.setUnit(vs.isCalibrated() ? vs.unit() : "pixel");
		imp.setCalibration(c);
	}

	/** Rejects RGB, multi-channel or multi-frame images with a message a Fiji user can act on. */
	public static void requireGreyscaleVolume(ImagePlus imp) {
		if (imp == null) throw new IllegalArgumentException("No image: open or select an image first.");
		if (imp.getBitDepth() == 24)
			throw new IllegalArgumentException(imp.getTitle() + " is an RGB image; CathodeJ needs an 8-, 16- or 32-bit greyscale stack (Image > Type).");
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1)
			throw new IllegalArgumentException(imp.getTitle() + " has " + imp.getNChannels() + " channels and " + imp.getNFrames()
				+ " frames; CathodeJ expects a single-channel z-stack (Image > Color > Split Channels, or Image > Hyperstacks > Re-order).");
		requireCompleteFile(imp);
	}

	/**
	 * An image Fiji opened from a truncated TIFF holds fewer slices than the file's header promises, silently (the
	 * macro route opens files itself): refused while the image is as it was read. Once edited (slices deleted, say),
	 * the file no longer describes it and it is taken as it is.
	 */
	private static void requireCompleteFile(ImagePlus imp) {
		ij.io.FileInfo fi = imp.getOriginalFileInfo();
		if (imp.changes || fi == null || fi.fileName == null || fi.directory == null || fi.directory.isEmpty()) return;
		java.nio.file.Path file = java.nio.file.Paths.get(fi.directory, fi.fileName);
		if (java.nio.file.Files.isRegularFile(file) && (fi.fileFormat == ij.io.FileInfo.TIFF || fi.fileFormat == ij.io.FileInfo.UNKNOWN))
			ImageFiles.requireComplete(imp, file);
	}

	/**
	 * A label image: greyscale, 8- or 16-bit, unsigned (a signed 16-bit image stores its values shifted by 32768,
	 * so label 1 would be read as 32769).
	 */
	public static void requireLabelImage(ImagePlus imp, String step) {
		requireGreyscaleVolume(imp);
		if (imp.getBitDepth() == 32)
			throw new IllegalArgumentException(imp.getTitle() + " is a 32-bit (float) image; " + step
				+ " needs an 8- or 16-bit label image (segment first, or Image > Type > 8-bit without scaling).");
		if (imp.getCalibration().isSigned16Bit())
			throw new IllegalArgumentException(imp.getTitle() + " is a signed 16-bit image (its values are stored shifted by 32768); " + step
				+ " needs unsigned labels: convert it in Fiji (Image > Type > 32-bit, then Image > Type > 16-bit without scaling) or re-export it unsigned.");
	}

	/** Like {@link #requireGreyscaleVolume} but also insists on more than one slice. */
	public static void require3D(ImagePlus imp, String step) {
		requireGreyscaleVolume(imp);
		if (imp.getStackSize() < 2)
			throw new IllegalArgumentException(step + " needs a 3D stack, but " + imp.getTitle() + " has a single slice.");
		if (imp.getWidth() < 2 || imp.getHeight() < 2)
			throw new IllegalArgumentException(step + " needs a 3D volume at least 2 voxels along x, y and z, but " + imp.getTitle() + " is "
				+ imp.getWidth() + "x" + imp.getHeight() + "x" + imp.getStackSize() + ".");
	}

	private static void requireBitDepth(ImagePlus imp, int depth) {
		requireGreyscaleVolume(imp);
		if (imp.getBitDepth() != depth)
			throw new IllegalArgumentException(imp.getTitle() + " is " + imp.getBitDepth() + "-bit, expected " + depth + "-bit");
	}
}
