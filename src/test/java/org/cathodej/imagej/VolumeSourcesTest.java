package org.cathodej.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cathodej.image.VoxelSize;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.cathodej.connectivity.CamUtilisation;
import org.cathodej.connectivity.StreamedCamUtilisation;
import org.cathodej.fractions.FractionsKernel;
import org.cathodej.fractions.PhaseFractions;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.cathodej.volume.Hdf5Source;
import org.cathodej.volume.ImgSource;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.VolumeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.plugin.FileInfoVirtualStack;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

/**
 * The four sources (in memory, virtual TIFF stack, TIFF-slice folder, HDF5) read the same volume identically and give
 * identical streamed numbers; calibration is read from each; HDF5 round trips (jhdf contiguous, h5py chunked+gzip).
 */
class VolumeSourcesTest {

	@TempDir
	Path tmp;

	static final VoxelSize VS = new VoxelSize(0.5, 0.5, 0.7, "um");
	static final int W = 14, H = 11, D = 23;

	static byte[][] phantom() {
		byte[][] v = new byte[D][W * H];
		java.util.SplittableRandom r = new java.util.SplittableRandom(5);
		for (byte[] p : v) for (int i = 0; i < p.length; i++) p[i] = (byte) r.nextInt(3);
		return v;
	}

	ImagePlus imagePlus(byte[][] v) {
		ij.ImageStack st = new ij.ImageStack(W, H);
		for (byte[] p : v) st.addSlice(null, p.clone());
		ImagePlus imp = new ImagePlus("phantom", st);
		Volumes.calibrate(imp, VS);
		return imp;
	}

	List<VolumeSource> sources(byte[][] v) throws Exception {
		List<VolumeSource> l = new ArrayList<>();
		ImagePlus imp = imagePlus(v);
		l.add(new ImgSource(Volumes.wrapBytes(imp), VS, "memory"));
		File tif = tmp.resolve("stack.tif").toFile();
		assertTrue(new FileSaver(imp).saveAsTiffStack(tif.getPath()));
		ImagePlus virt = FileInfoVirtualStack.openVirtual(tif.getPath());
		assertTrue(virt.getStack().isVirtual());
		l.add(new ImagePlusSource(virt));
		File dir = tmp.resolve("slices").toFile();
		try (TiffSliceWriter w = new TiffSliceWriter(dir, "s", W, H, D, VS, false)) {
			for (int z = 0; z < D; z++) w.write(z, v[z], W, H);
			w.commit();
		}
		l.add(new TiffFolderSource(dir, null));
		File h5 = tmp.resolve("v.h5").toFile();
		try (WritableHdfFile f = HdfFile.write(h5.toPath())) {
			byte[][][] data = new byte[D][H][W];
			for (int z = 0; z < D; z++) for (int y = 0; y < H; y++) System.arraycopy(v[z], y * W, data[z][y], 0, W);
			f.putDataset("labels", data).putAttribute("element_size_um", new double[] { 0.7, 0.5, 0.5 });
		}
		l.add(new Hdf5Source(h5, "/labels", null));
		return l;
	}

	@Test
	void fourSourcesReadTheSameVolumeAndCalibration() throws Exception {
		byte[][] v = phantom();
		for (VolumeSource s : sources(v)) {
			String what = s.description();
			assertEquals(W, s.width(), what);
			assertEquals(H, s.height(), what);
			assertEquals(D, s.depth(), what);
			assertEquals(8, s.bitDepth(), what);
			assertEquals(0.5, s.voxelSize().x(), 1e-12, what);
			assertEquals(0.7, s.voxelSize().z(), 1e-12, what);
			assertEquals("um", s.voxelSize().unit().replace("\u00B5", "u").replace("micron", "um"), what);
			Object[] p = s.readPlanes(3, 9);
			for (int z = 3; z < 9; z++) assertArrayEquals(v[z], (byte[]) p[z - 3], what + " slice " + z);
		}
	}

	@Test
	void fourSourcesGiveIdenticalStreamedResults() throws Exception {
		byte[][] v = phantom();
		PhaseLabels pl = PhaseLabels.defaults();
		List<VolumeSource> src = sources(v);
		PhaseFractions.Counts ref = SlabStreamer.run(src.get(0), new SlabPlan(D, 5), new FractionsKernel(pl, 2), Progress.NONE).counts();
		CamUtilisation.Result camRef = null;
		for (VolumeSource s : src) {
			PhaseFractions.Counts c = SlabStreamer.run(s, new SlabPlan(D, 5), new FractionsKernel(pl, 2), Progress.NONE).counts();
			assertArrayEquals(ref.phase, c.phase, s.description());
			assertTrue(java.util.Arrays.deepEquals(ref.profile, c.profile), s.description());
			CamUtilisation.Result r = StreamedCamUtilisation.compute(s, new SlabPlan(D, 4), pl, s.voxelSize(), new CamUtilisation.Options(), null,
				Progress.NONE);
			if (camRef == null) camRef = r;
			assertArrayEquals(camRef.classVoxels, r.classVoxels, s.description());
			assertEquals(camRef.interfaceActive, r.interfaceActive, s.description());
		}
	}

	@Test
	void chunkedCompressedHdf5FromH5py() throws Exception {
		byte[][] v = phantom();
		Path raw = tmp.resolve("v.raw"), h5 = tmp.resolve("c.h5");
		byte[] all = new byte[W * H * D];
		for (int z = 0; z < D; z++) System.arraycopy(v[z], 0, all, z * W * H, W * H);
		Files.write(raw, all);
		String py = "import h5py, numpy as np\n"
			+ "a = np.fromfile('" + raw + "', dtype=np.uint8).reshape(" + D + "," + H + "," + W + ").astype(np.uint16) + 100\n"
			+ "with h5py.File('" + h5 + "', 'w') as f:\n"
			+ "    d = f.create_dataset('exp/labels', data=a, chunks=(4, 8, 8), compression='gzip', shuffle=True)\n"
			+ "    d.attrs['element_size_um'] = np.array([0.7, 0.5, 0.5])\n";
		Process p = new ProcessBuilder("/usr/bin/python3", "-c", py).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		org.junit.jupiter.api.Assumptions.assumeFalse(out.contains("No module named 'h5py'"),
			"python3-h5py missing (scripts/install-prerequisites installs it)");
		assertEquals(0, p.waitFor(), out);
		try (Hdf5Source s = (Hdf5Source) new Hdf5Source(h5.toFile(), "/exp/labels", null)) {
			assertEquals(16, s.bitDepth());
			assertEquals(0.7, s.voxelSize().z(), 1e-12);
			Object[] planes = s.readPlanes(0, D);
			for (int z = 0; z < D; z++)
				for (int i = 0; i < W * H; i++) assertEquals(v[z][i] + 100, ((short[]) planes[z])[i] & 0xffff);
			ImagePlus imp = VolumeSources.openVirtual(h5 + ":/exp/labels");
			assertEquals(D, imp.getStackSize());
			assertEquals(0.7, imp.getCalibration().pixelDepth, 1e-12);
		}
	}

	@Test
	void refusesBadFoldersAndBigTiff() throws Exception {
		File dir = tmp.resolve("mixed").toFile();
		dir.mkdirs();
		new FileSaver(new ImagePlus("a", new ij.process.ByteProcessor(5, 4))).saveAsTiff(new File(dir, "s1.tif").getPath());
		new FileSaver(new ImagePlus("b", new ij.process.ByteProcessor(6, 4))).saveAsTiff(new File(dir, "s2.tif").getPath());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TiffFolderSource(dir, null));
		assertTrue(e.getMessage().contains("same size"), e.getMessage());
		File big = tmp.resolve("big.tif").toFile();
		Files.write(big.toPath(), new byte[] { 'I', 'I', 43, 0, 8, 0, 0, 0 });
		e = assertThrows(IllegalArgumentException.class, () -> VolumeSources.openVirtual(big.getPath()));
		assertTrue(e.getMessage().contains("BigTIFF"), e.getMessage());
		assertTrue(TiffFolderSource.NATURAL.compare("s2.tif", "s10.tif") < 0);
		assertTrue(TiffFolderSource.NATURAL.compare("s010.tif", "s9.tif") > 0);
	}

	@Test
	void escBetweenSlabsLeavesNoHalfWrittenFolder() throws Exception {
		byte[][] v = phantom();
		ImagePlus imp = imagePlus(v);
		File dir = tmp.resolve("out").toFile();
		int[] reports = { 0 };
		Progress stopAfterTwo = new Progress() {
			@Override public void report(double f, String s) { reports[0]++; }
			@Override public boolean isCancelled() { return reports[0] >= 2; }
		};
		assertThrows(CancellationException.class, () -> {
			try (TiffSliceWriter w = new TiffSliceWriter(dir, "c", W, H, D, VS, false)) {
				StreamedCamUtilisation.compute(new ImgSource(Volumes.wrapBytes(imp), VS, "p"), new SlabPlan(D, 3), PhaseLabels.defaults(), VS,
					new CamUtilisation.Options(), (z, c) -> w.write(z, c, W, H), stopAfterTwo);
				w.commit();
			}
		});
		assertFalse(dir.exists());
		assertEquals(0, tmp.toFile().list((d, n) -> n.contains("partial")).length);
	}

	/** 2,149,580,800 voxels (> 2^31) generated slice by slice, never on disk: counts exact. */
	@Test
	void moreThan2To31Voxels() {
		int w = 2048, h = 2048, d = 513;
		VolumeSource s = new VolumeSource() {
			@Override public int width() { return w; }
			@Override public int height() { return h; }
			@Override public int depth() { return d; }
			@Override public int bitDepth() { return 8; }
			@Override public VoxelSize voxelSize() { return VS; }
			@Override public String description() { return "synthetic"; }
			@Override public Object[] readPlanes(int z0, int z1) {
				Object[] r = new Object[z1 - z0];
				for (int z = z0; z < z1; z++) {
					byte[] b = new byte[w * h];
					java.util.Arrays.fill(b, (byte) (z % 3));
					b[z] = 7; // one voxel of another label per slice
					r[z - z0] = b;
				}
				return r;
			}
		};
		assertTrue(s.voxels() > Integer.MAX_VALUE);
		PhaseFractions.Counts c = SlabStreamer.run(s, new SlabPlan(d, 64), new FractionsKernel(PhaseLabels.defaults(), 2), Progress.NONE).counts();
		assertEquals(s.voxels(), c.total);
		long slice = (long) w * h;
		assertEquals(171 * (slice - 1), c.phase[0]);
		assertEquals(171 * (slice - 1), c.phase[1]);
		assertEquals(171 * (slice - 1), c.phase[2]);
		assertEquals(Long.valueOf(d), c.otherLabels.get(7));
	}

}
