package org.cathodej.surface;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Binary STL of the marching-cubes surface of one label (iso-level 1/2, open at the volume's outer faces), in the
 * image's physical coordinates (voxel centres at (x, y, z) * voxel size), triangles oriented outwards. Readable by
 * Fiji's 3D Viewer, ParaView, MeshLab and Blender. Ambiguous faces use {@link MarchingCubesAreas#mesh}'s rule, so
 * the mesh area may differ from the tabulated MC area by the (tiny) share of ambiguous configurations.
 */
public final class StlExport {

	private StlExport() {}

	/** Writes the mesh of one label's surface and returns the number of triangles. */
	public static long write(RandomAccessibleInterval<? extends IntegerType<?>> labels, int label, VoxelSize vs, Path file, Progress progress)
		throws IOException {
		return write(labels, label, -1, vs, file, progress);
	}

	/**
	 * Writes the part of label A's marching-cubes surface that faces label B (a triangle belongs to it when at
	 * least two of its three vertices lie on cube edges from an A voxel to a B voxel), or A's whole surface when
	 * {@code labelB} is negative. Returns the number of triangles.
	 */
	public static long write(RandomAccessibleInterval<? extends IntegerType<?>> labels, int label, int labelB, VoxelSize vs, Path file,
		Progress progress) throws IOException {
		ClassVolume cv = labelB >= 0 ? ClassVolume.fromLabels(labels, label, labelB) : ClassVolume.fromLabels(labels, label);
		int w = cv.width(), h = cv.height(), d = cv.depth(), area = w * h;
		int[][] triEdges = new int[256][];
		float[][] mesh = MarchingCubesAreas.mesh(vs.x(), vs.y(), vs.z(), triEdges);
		int[] cls = new int[8];
		float[][] outward = outwardDirections(vs);
		long count = 0;
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"); FileChannel ch = raf.getChannel()) {
			raf.setLength(0);
			writeHeader(ch, label, vs);
			ByteBuffer buf = ByteBuffer.allocate(50 * 4096).order(ByteOrder.LITTLE_ENDIAN);
			byte[] lo = new byte[area], hi = new byte[area];
			int[] ints = new int[area];
			cv.readSlice(0, lo, ints);
			for (int z = 0; z + 1 < d; z++) {
				progress.checkCancelled();
				cv.readSlice(z + 1, hi, ints);
				for (int y = 0; y + 1 < h; y++)
					for (int x = 0; x + 1 < w; x++) {
						int i = x + w * y, c = 0;
						// class 0 = the label, 1 = other: inside bit when class == 0
						if (lo[i] == 0) c |= 1;
						if (lo[i + 1] == 0) c |= 2;
						if (lo[i + w] == 0) c |= 4;
						if (lo[i + w + 1] == 0) c |= 8;
						if (hi[i] == 0) c |= 16;
						if (hi[i + 1] == 0) c |= 32;
						if (hi[i + w] == 0) c |= 64;
						if (hi[i + w + 1] == 0) c |= 128;
						float[] m = mesh[c];
						if (m.length == 0) continue;
						if (labelB >= 0) {
							cls[0] = lo[i]; cls[1] = lo[i + 1]; cls[2] = lo[i + w]; cls[3] = lo[i + w + 1];
							cls[4] = hi[i]; cls[5] = hi[i + 1]; cls[6] = hi[i + w]; cls[7] = hi[i + w + 1];
						}
						float ox = (float) (x * vs.x()), oy = (float) (y * vs.y()), oz = (float) (z * vs.z());
						for (int t = 0; t < m.length; t += 9) {
							if (labelB >= 0 && !facesB(triEdges[c], t / 9, cls)) continue;
							if (buf.remaining() < 50) {
								buf.flip();
								while (buf.hasRemaining()) ch.write(buf);
								buf.clear();
							}
							putTriangle(buf, m, t, ox, oy, oz, outward[c]);
							count++;
						}
					}
				byte[] tmp = lo;
				lo = hi;
				hi = tmp;
				if ((z & 7) == 0) progress.report(z / (double) d, "STL export: slice " + z + "/" + d);
			}
			buf.flip();
			while (buf.hasRemaining()) ch.write(buf);
			if (count > 0xffffffffL) throw new IOException("More than 2^32 triangles do not fit in an STL file");
			ByteBuffer n = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
			n.putInt((int) count);
			n.flip();
			ch.write(n, 80);
		}
		return count;
	}

	/** Per cube configuration: from the inside corners' centroid towards the outside corners' (orients the normals). */
	private static float[][] outwardDirections(VoxelSize vs) {
		float[][] outward = new float[256][3];
		for (int c = 1; c < 255; c++) {
			double[] in = new double[3], out = new double[3];
			int ni = 0, no = 0;
			for (int k = 0; k < 8; k++) {
				double[] p = { (k & 1) * vs.x(), (k >> 1 & 1) * vs.y(), (k >> 2 & 1) * vs.z() };
				double[] t = (c >> k & 1) != 0 ? in : out;
				for (int i = 0; i < 3; i++) t[i] += p[i];
				if ((c >> k & 1) != 0) ni++;
				else no++;
			}
			for (int i = 0; i < 3; i++) outward[c][i] = (float) (out[i] / no - in[i] / ni);
		}
		return outward;
	}

	/** The 80-byte title and a triangle count of 0 (set when the count is known). */
	private static void writeHeader(FileChannel ch, int label, VoxelSize vs) throws IOException {
		ByteBuffer head = ByteBuffer.allocate(84).order(ByteOrder.LITTLE_ENDIAN);
		byte[] title = ("CathodeJ marching cubes, label " + label + ", unit " + vs.unit()).getBytes(StandardCharsets.US_ASCII);
		head.put(title, 0, Math.min(80, title.length));
		head.position(80);
		head.putInt(0);
		head.flip();
		ch.write(head);
	}

	/** Whether triangle {@code tri} of a cube faces label B: at least two of its vertices on edges from A to B. */
	private static boolean facesB(int[] edges, int tri, int[] cls) {
		int facing = 0;
		for (int k = 0; k < 3; k++) {
			int[] e = MarchingCubesAreas.EDGES[edges[tri * 3 + k]];
			int outside = cls[e[0]] == 0 ? e[1] : e[0];
			if (cls[outside] == 1) facing++;
		}
		return facing >= 2;
	}

	/** One STL record: unit normal oriented along {@code o}, three vertices (cube offset added), attribute 0. */
	private static void putTriangle(ByteBuffer buf, float[] m, int t, float ox, float oy, float oz, float[] o) {
		float ax = m[t] + ox, ay = m[t + 1] + oy, az = m[t + 2] + oz;
		float bx = m[t + 3] + ox, by = m[t + 4] + oy, bz = m[t + 5] + oz;
		float cx = m[t + 6] + ox, cy = m[t + 7] + oy, cz = m[t + 8] + oz;
		float ux = bx - ax, uy = by - ay, uz = bz - az, vx = cx - ax, vy = cy - ay, vz = cz - az;
		float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
		boolean flip = nx * o[0] + ny * o[1] + nz * o[2] < 0;
		float len = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
		if (len > 0) {
			nx /= len;
			ny /= len;
			nz /= len;
		}
		if (flip) {
			nx = -nx;
			ny = -ny;
			nz = -nz;
		}
		buf.putFloat(nx).putFloat(ny).putFloat(nz);
		buf.putFloat(ax).putFloat(ay).putFloat(az);
		if (flip) buf.putFloat(cx).putFloat(cy).putFloat(cz).putFloat(bx).putFloat(by).putFloat(bz);
		else buf.putFloat(bx).putFloat(by).putFloat(bz).putFloat(cx).putFloat(cy).putFloat(cz);
		buf.putShort((short) 0);
	}

	/** Sum of the triangle areas of a binary STL file (for tests and QC). */
	public static double area(Path file) throws IOException {
		byte[] b = java.nio.file.Files.readAllBytes(file);
		ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		long n = bb.getInt(80) & 0xffffffffL;
		double s = 0;
		for (long t = 0; t < n; t++) {
			int o = (int) (84 + 50 * t) + 12;
			float[] v = new float[9];
			for (int k = 0; k < 9; k++) v[k] = bb.getFloat(o + 4 * k);
			double ux = v[3] - v[0], uy = v[4] - v[1], uz = v[5] - v[2], vx = v[6] - v[0], vy = v[7] - v[1], vz = v[8] - v[2];
			double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
			s += 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
		}
		return s;
	}
}
