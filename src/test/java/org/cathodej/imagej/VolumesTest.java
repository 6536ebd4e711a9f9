package org.cathodej.imagej;

import static org.junit.jupiter.api.Assertions.*;

import org.cathodej.image.Slices;
import org.cathodej.image.Units;
import org.cathodej.image.VoxelSize;
import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

class VolumesTest {

	@Test
	void titleStemDropsOnlyShortExtensions() {
		assertEquals("bse", Volumes.titleStem("bse.tif"));
		assertEquals("a.b", Volumes.titleStem("a.b.tiff"));
		assertEquals("sample.2024-01", Volumes.titleStem("sample.2024-01"));
		assertEquals(".hidden", Volumes.titleStem(".hidden"));
		assertEquals("noext", Volumes.titleStem("noext"));
	}

	@Test
	void wrappingSharesThePixelArraysBothWays() {
		for (int depth : new int[] { 8, 16, 32 }) {
			ImagePlus imp = IJ.createImage("v", depth + "-bit black", 5, 4, 3);
			imp.getStack().getProcessor(2).putPixelValue(3, 1, 7);
			PlanarImg<?, ?> img = Volumes.wrap(imp);
			assertArrayEquals(new long[] { 5, 4, 3 }, img.dimensionsAsLongArray());
			assertSame(imp.getStack().getPixels(2), Slices.planeArray(img, 1), depth + "-bit plane must be shared, not copied");
			RandomAccess<? extends net.imglib2.type.numeric.RealType<?>> ra = ((PlanarImg<? extends net.imglib2.type.numeric.RealType<?>, ?>) img).randomAccess();
			ra.setPosition(new long[] { 3, 1, 1 });
			assertEquals(7, ra.get().getRealDouble(), 0);
			ImagePlus back = Volumes.toImagePlus(img, "back", new VoxelSize(0.1, 0.1, 0.3, "\u00b5m"));
			assertSame(imp.getStack().getPixels(3), back.getStack().getPixels(3));
			assertEquals(0.3, back.getCalibration().pixelDepth, 0);
		}
	}

	@Test
	void calibrationBecomesAVoxelSizeAndMissingCalibrationIsFlagged() {
		ImagePlus imp = IJ.createImage("v", "8-bit black", 4, 4, 4);
		assertFalse(Volumes.voxelSize(imp).isCalibrated());
		Calibration c = imp.getCalibration();
		c.pixelWidth = 0.02;
		c.pixelHeight = 0.02;
		c.pixelDepth = 0.05;
		c.setUnit("micron");
		VoxelSize vs = Volumes.voxelSize(imp);
		assertTrue(vs.isCalibrated());
		assertFalse(vs.isIsotropic());
		assertEquals(0.02 * 0.02 * 0.05, vs.voxelVolume(), 1e-15);
		assertEquals(0.02 * 0.05, vs.faceArea(0), 1e-15);
		assertEquals(1.0, vs.micronsPerUnit(), 0);
		assertEquals(1e-3, Units.micronsPer("nm"), 0);
	}

	@Test
	void slicesReadPlanarAndNonPlanarImagesAlike() {
		ImagePlus imp = IJ.createImage("v", "16-bit black", 6, 5, 4);
		imp.getStack().getProcessor(3).putPixelValue(2, 4, 60000);
		int[] fromPlanar = Slices.readInts(Volumes.wrapShorts(imp), 2, null);
		net.imglib2.img.array.ArrayImg<UnsignedShortType, ?> arr = ArrayImgs.unsignedShorts(6, 5, 4);
		RandomAccess<UnsignedShortType> ra = arr.randomAccess();
		ra.setPosition(new long[] { 2, 4, 2 });
		ra.get().set(60000);
		int[] fromArray = Slices.readInts(arr, 2, null);
		assertArrayEquals(fromPlanar, fromArray);
		assertEquals(60000, fromArray[4 * 6 + 2]);
		float[] f = Slices.readFloats(Views.interval(arr, arr), 2, null);
		assertEquals(60000f, f[4 * 6 + 2], 0);
	}

	@Test
	void rgbAndHyperstacksAreRefusedWithAnActionableMessage() {
		String rgb = assertThrows(IllegalArgumentException.class, () -> Volumes.wrap(IJ.createImage("c", "RGB black", 4, 4, 2))).getMessage();
		assertTrue(rgb.contains("RGB") && rgb.contains("Image > Type"), rgb);
		ImagePlus hyper = IJ.createImage("h", "8-bit black", 4, 4, 2, 3, 1);
		String h = assertThrows(IllegalArgumentException.class, () -> Volumes.wrap(hyper)).getMessage();
		assertTrue(h.contains("2 channels"), h);
	}
}
