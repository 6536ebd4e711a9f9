package org.cathodej.spark;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.cathodej.imagej.TiffFolderSource;
import org.cathodej.image.VoxelSize;
import org.cathodej.volume.VolumeSource;

import ij.ImagePlus;
import ij.io.Opener;

/**
 * A folder of 2D TIFF slices on any filesystem Hadoop reaches (a local or NFS path, {@code hdfs://}, {@code s3a://}
 * with the user's Spark setup), read slice by slice on the executors. The slices are listed and sorted as
 * {@link TiffFolderSource} sorts them, and the first slice's size, type and calibration are read by that class
 * itself (from a local copy), so both readers agree; every other slice is checked when it is read.
 */
public final class HadoopSliceFolder implements VolumeSource, SourceSpec {

	private static final long serialVersionUID = 1L;

	private final String dir;
	private final String[] names;
	private final int width, height, bitDepth;
	private final VoxelSize vs;
	private final HadoopConf conf;

	private HadoopSliceFolder(String dir, String[] names, int width, int height, int bitDepth, VoxelSize vs, Configuration conf) {
		this.dir = dir;
		this.names = names;
		this.width = width;
		this.height = height;
		this.bitDepth = bitDepth;
		this.vs = vs;
		this.conf = new HadoopConf(conf);
	}

	/**
	 * Lists the folder and reads its first slice's header and calibration.
	 * @param voxelSize null = from the first slice's ImageJ metadata
	 */
	public static HadoopSliceFolder open(String dir, VoxelSize voxelSize, Configuration conf) {
		try {
			Path p = new Path(dir);
			FileSystem fs = p.getFileSystem(conf);
			if (!fs.getFileStatus(p).isDirectory()) throw new IllegalArgumentException(dir + " is not a folder");
			List<String> l = new ArrayList<>();
			for (FileStatus s : fs.listStatus(p)) {
				String n = s.getPath().getName(), low = n.toLowerCase(Locale.ROOT);
				if (s.isFile() && !low.startsWith(".") && (low.endsWith(".tif") || low.endsWith(".tiff"))) l.add(n);
			}
			if (l.isEmpty()) throw new IllegalArgumentException("The folder " + dir + " holds no .tif/.tiff slices");
			l.sort(TiffFolderSource.NATURAL);
			String[] names = l.toArray(new String[0]);
			TiffFolderSource first = firstSlice(fs, new Path(p, names[0]), voxelSize);
			return new HadoopSliceFolder(p.toString(), names, first.width(), first.height(), first.bitDepth(), first.voxelSize(), conf);
		} catch (java.io.FileNotFoundException e) {
			throw new UncheckedIOException("input folder not found: " + dir, e);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
		}
	}

	/** The first slice alone, copied into a local folder, read by {@link TiffFolderSource} (size, type, calibration). */
	private static TiffFolderSource firstSlice(FileSystem fs, Path slice, VoxelSize given) throws IOException {
		File tmp = Files.createTempDirectory("cathodej-first-slice").toFile();
		File copy = new File(tmp, slice.getName());
		try (InputStream in = fs.open(slice)) {
			Files.copy(in, copy.toPath(), StandardCopyOption.REPLACE_EXISTING);
			return new TiffFolderSource(tmp, given);
		} finally {
			copy.delete();
			tmp.delete();
		}
	}

	@Override
	public VolumeSource open() {
		return this;
	}

	@Override public int width() { return width; }
	@Override public int height() { return height; }
	@Override public int depth() { return names.length; }
	@Override public int bitDepth() { return bitDepth; }
	@Override public VoxelSize voxelSize() { return vs; }

	@Override
	public String description() {
		return "folder " + dir + " (" + names.length + " TIFF slices " + names[0] + " .. " + names[names.length - 1] + ", " + width + "x" + height
			+ ", " + bitDepth + "-bit)";
	}

	@Override
	public Object[] readPlanes(int z0, int z1) {
		Object[] r = new Object[z1 - z0];
		for (int z = z0; z < z1; z++) r[z - z0] = slice(z);
		return r;
	}

	private Object slice(int z) {
		Path p = new Path(new Path(dir), names[z]);
		byte[] bytes;
		try {
			FileSystem fs = p.getFileSystem(conf.get());
			try (InputStream in = fs.open(p)) {
				bytes = in.readAllBytes();
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read slice " + names[z] + " of " + dir + ": " + e.getMessage(), e);
		}
		ImagePlus imp = new Opener().openTiff(new ByteArrayInputStream(bytes), names[z]);
		if (imp == null) throw new UncheckedIOException(new IOException("Cannot read slice " + names[z] + " of " + dir + " as a TIFF"));
		if (imp.getWidth() != width || imp.getHeight() != height || imp.getBitDepth() != bitDepth || imp.getStackSize() != 1)
			throw new IllegalArgumentException("Slice " + names[z] + " is " + imp.getWidth() + "x" + imp.getHeight() + "x" + imp.getStackSize() + " "
				+ imp.getBitDepth() + "-bit but " + names[0] + " is " + width + "x" + height + " " + bitDepth + "-bit: all slices of " + dir
				+ " must have the same size and type.");
		return imp.getProcessor().getPixels();
	}
}
