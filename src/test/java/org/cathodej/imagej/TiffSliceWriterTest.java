package org.cathodej.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import org.cathodej.image.VoxelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

/**
 * The slice writer's files are byte for byte the files ImageJ writes for the same slices (8-bit slices after the
 * first reuse ImageJ's header), whatever their values, and read back to the same pixels and calibration.
 */
class TiffSliceWriterTest {

	@TempDir
	Path tmp;

	@Test
	void eightBitSlicesAreTheFilesImageJWrites() throws Exception {
		int w = 19, h = 13, d = 6;
		VoxelSize vs = new VoxelSize(0.3, 0.3, 0.45, "µm");
		byte[][] v = new byte[d][w * h];
		SplittableRandom r = new SplittableRandom(7);
		for (int z = 0; z < d; z++)
			for (int i = 0; i < w * h; i++) v[z][i] = (byte) (z == 1 ? 0 : z == 2 ? 255 : z == 3 ? 6 : r.nextInt(256));
		File dir = tmp.resolve("out").toFile();
		try (TiffSliceWriter wr = new TiffSliceWriter(dir, "classes", w, h, d, vs, false)) {
			for (int z = d - 1; z >= 0; z--) wr.write(z, v[z]); // any order
			wr.commit();
		}
		for (int z = 0; z < d; z++) {
			ImagePlus imp = new ImagePlus("classes", new ByteProcessor(w, h, v[z].clone()));
			Volumes.calibrate(imp, vs);
			imp.setProperty("Info", "spacing=" + vs.z());
			File ij = tmp.resolve("ij" + z + ".tif").toFile();
			new FileSaver(imp).saveAsTiff(ij.getPath());
			File ours = new File(dir, String.format(Locale.ROOT, "classes_%04d.tif", z));
			assertArrayEquals(Files.readAllBytes(ij.toPath()), Files.readAllBytes(ours.toPath()), "slice " + z);
		}
		TiffFolderSource back = new TiffFolderSource(dir, null);
		assertEquals(0.45, back.voxelSize().z(), 1e-12);
		assertEquals("µm", back.voxelSize().unit());
		Object[] p = back.readPlanes(0, d);
		for (int z = 0; z < d; z++) assertArrayEquals(v[z], (byte[]) p[z]);
	}
}
