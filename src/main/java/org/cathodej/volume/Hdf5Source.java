package org.cathodej.volume;

import java.io.File;
import java.lang.reflect.Array;
import java.util.Locale;

import org.cathodej.image.VoxelSize;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OrderedDataType;

/**
 * A 3D dataset of an HDF5 file as a {@link VolumeSource}, read with io.jhdf (pure Java; contiguous or chunked
 * datasets, deflate and shuffle filters). Axes are (z, y, x) as ilastik, BigDataViewer and h5py store volumes.
 * Unsigned or signed 8-bit data are 8-bit; 16-bit data and 32-bit integers with values 0..65535 are 16-bit labels;
 * 32-bit floats are 32-bit. The voxel size comes from the dataset's {@code element_size_um} attribute (z, y, x in
 * micrometres) when present, else from the caller (or unit voxels).
 */
public final class Hdf5Source implements VolumeSource {

	private final File file;
	private final String path;
	private final HdfFile hdf;
	private final Dataset ds;
	private final int width, height, depth, bitDepth;
	private final VoxelSize vs;
	private final String calibrationNote;

	/** @param voxelSize null = from element_size_um, else given (overrides the attribute) */
	public Hdf5Source(File file, String datasetPath, VoxelSize voxelSize) {
		this.file = file;
		this.path = datasetPath;
		if (!file.isFile()) throw new IllegalArgumentException("HDF5 file not found: " + file);
		try {
			hdf = new HdfFile(file);
		} catch (RuntimeException e) {
			throw new IllegalArgumentException("Cannot open " + file + " as HDF5: " + e.getMessage());
		}
		Node n;
		try {
			n = hdf.getByPath(datasetPath);
		} catch (RuntimeException e) {
			hdf.close();
			throw new IllegalArgumentException("No dataset " + datasetPath + " in " + file + ": " + e.getMessage());
		}
		if (!(n instanceof Dataset)) {
			hdf.close();
			throw new IllegalArgumentException(datasetPath + " in " + file + " is a group, not a dataset; give file.h5:/path/to/dataset");
		}
		ds = (Dataset) n;
		int[] dims = ds.getDimensions();
		if (dims.length != 3 && dims.length != 2) {
			hdf.close();
			throw new IllegalArgumentException(datasetPath + " in " + file + " has " + dims.length + " dimensions; a volume needs 3 (z, y, x)");
		}
		depth = dims.length == 3 ? dims[0] : 1;
		height = dims[dims.length - 2];
		width = dims[dims.length - 1];
		if ((long) width * height > Integer.MAX_VALUE) throw new IllegalArgumentException("A slice larger than 2^31 pixels is not supported");
		bitDepth = bitDepth(ds.getDataType());
		double[] el = elementSize(ds);
		if (voxelSize != null) {
			vs = voxelSize;
			calibrationNote = "voxel size given";
		} else if (el != null) {
			vs = new VoxelSize(el[2], el[1], el[0], "um");
			calibrationNote = "voxel size from element_size_um";
		} else {
			vs = VoxelSize.uncalibrated();
			calibrationNote = "no element_size_um attribute";
		}
	}

	/** Parses "file.h5:/path/to/dataset" (also .hdf5, .hdf, .he5); null when the text is not of that form. */
	public static String[] splitSpec(String spec) {
		String low = spec.toLowerCase(Locale.ROOT);
		for (String ext : new String[] { ".h5:", ".hdf5:", ".hdf:", ".he5:" }) {
			int i = low.lastIndexOf(ext);
			if (i > 0) return new String[] { spec.substring(0, i + ext.length() - 1), spec.substring(i + ext.length()) };
		}
		return null;
	}

	private int bitDepth(DataType t) {
		if (t instanceof FloatingPoint && t.getSize() == 4) return 32;
		if (t instanceof FixedPoint) {
			if (t.getSize() == 1) return 8;
			if (t.getSize() == 2 || t.getSize() == 4) return 16;
		}
		throw new IllegalArgumentException(path + " in " + file + " holds " + t.getSize() + "-byte " + t.getClass().getSimpleName()
			+ " data; CathodeJ reads 8/16-bit integers, 32-bit integer labels up to 65535 and 32-bit floats");
	}

	private static double[] elementSize(Dataset ds) {
		Attribute a = ds.getAttributes().get("element_size_um");
		if (a == null) return null;
		Object d = a.getData();
		if (d == null || !d.getClass().isArray() || Array.getLength(d) != 3) return null;
		double[] r = new double[3];
		for (int i = 0; i < 3; i++) r[i] = ((Number) Array.get(d, i)).doubleValue();
		for (double v : r) if (!(v > 0) || Double.isInfinite(v)) return null;
		return r;
	}

	@Override public int width() { return width; }
	@Override public int height() { return height; }
	@Override public int depth() { return depth; }
	@Override public int bitDepth() { return bitDepth; }
	@Override public VoxelSize voxelSize() { return vs; }

	@Override
	public int chunkDepth() {
		return ds instanceof ChunkedDataset && ds.getDimensions().length == 3 ? ((ChunkedDataset) ds).getChunkDimensions()[0] : 1;
	}

	@Override
	public String description() {
		return "HDF5 " + file + ":" + path + " (" + width + "x" + height + "x" + depth + ", " + bitDepth + "-bit; " + calibrationNote + ")";
	}

	@Override
	public synchronized Object[] readPlanes(int z0, int z1) {
		if (ds instanceof ChunkedDataset && ds.getDimensions().length == 3) return readChunked(z0, z1);
		int nz = z1 - z0, n = width * height;
		Object data = ds.getDimensions().length == 3 ? ds.getData(new long[] { z0, 0, 0 }, new int[] { nz, height, width })
			: new Object[] { ds.getData(new long[] { 0, 0 }, new int[] { height, width }) };
		Object[] r = new Object[nz];
		for (int z = 0; z < nz; z++) {
			Object rows = Array.get(data, z);
			Object plane = bitDepth == 8 ? new byte[n] : bitDepth == 16 ? new short[n] : new float[n];
			for (int y = 0; y < height; y++) copyRow(Array.get(rows, y), plane, y * width, z0 + z);
			r[z] = plane;
		}
		return r;
	}

	/**
	 * Chunked datasets are assembled from whole decompressed chunks (each chunk of the slab decoded once), because
	 * jhdf 0.9.4's sliced reading of chunked datasets returns zeros for some chunks (found by VolumeSourcesTest).
	 */
	private Object[] readChunked(int z0, int z1) {
		ChunkedDataset cd = (ChunkedDataset) ds;
		int[] c = cd.getChunkDimensions();
		int size = ds.getDataType().getSize(), n = width * height;
		java.nio.ByteOrder order = ds.getDataType() instanceof OrderedDataType ? ((OrderedDataType) ds.getDataType()).getByteOrder()
			: java.nio.ByteOrder.LITTLE_ENDIAN;
		Object[] r = new Object[z1 - z0];
		for (int z = 0; z < r.length; z++) r[z] = bitDepth == 8 ? new byte[n] : bitDepth == 16 ? new short[n] : new float[n];
		for (int zc = z0 / c[0] * c[0]; zc < z1; zc += c[0])
			for (int yc = 0; yc < height; yc += c[1])
				for (int xc = 0; xc < width; xc += c[2]) {
					byte[] raw;
					try {
						raw = cd.getDecompressedChunk(new int[] { zc, yc, xc });
					} catch (RuntimeException missing) {
						continue; // an unwritten chunk holds the fill value 0
					}
					java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw).order(order);
					for (int dz = 0; dz < c[0]; dz++) {
						int z = zc + dz;
						if (z < z0 || z >= z1) continue;
						Object plane = r[z - z0];
						for (int dy = 0; dy < c[1] && yc + dy < height; dy++)
							for (int dx = 0; dx < c[2] && xc + dx < width; dx++) {
								int at = ((dz * c[1] + dy) * c[2] + dx) * size, i = (yc + dy) * width + xc + dx;
								if (bitDepth == 8) ((byte[]) plane)[i] = b.get(at);
								else if (bitDepth == 32) ((float[]) plane)[i] = b.getFloat(at);
								else if (size == 2) ((short[]) plane)[i] = b.getShort(at);
								else ((short[]) plane)[i] = (short) label(b.getInt(at), z);
							}
					}
				}
		return r;
	}

	private void copyRow(Object row, Object plane, int off, int z) {
		if (row instanceof byte[]) {
			System.arraycopy(row, 0, plane, off, width);
		} else if (row instanceof short[] && bitDepth == 8) { // uint8 comes as short
			short[] s = (short[]) row;
			byte[] b = (byte[]) plane;
			for (int x = 0; x < width; x++) b[off + x] = (byte) s[x];
		} else if (row instanceof short[]) {
			System.arraycopy(row, 0, plane, off, width);
		} else if (row instanceof int[] || row instanceof long[]) { // uint16 comes as int, uint32 as long; int32 labels
			short[] s = (short[]) plane;
			for (int x = 0; x < width; x++) s[off + x] = (short) label(((Number) Array.get(row, x)).longValue(), z);
		} else if (row instanceof float[]) {
			System.arraycopy(row, 0, plane, off, width);
		} else throw new IllegalArgumentException("Unexpected HDF5 row type " + row.getClass().getSimpleName() + " in " + path);
	}

	private int label(long v, int z) {
		if (v < 0 || v > 65535) throw new IllegalArgumentException(path + " in " + file + " has value " + v + " at slice " + (z + 1)
			+ "; integer labels must be 0..65535");
		return (int) v;
	}

	@Override
	public void close() {
		hdf.close();
	}
}
