package org.cathodej.connectivity;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.util.Fraction;

/**
 * A hand-built test volume: phase values painted in spheres and boxes, with an object id per voxel so that the test
 * can count each object's voxels independently of the code under test.
 */
final class Phantom {

	final int w, h, d;
	final byte[][] phase;
	final int[][] id;

	Phantom(int w, int h, int d) {
		this.w = w;
		this.h = h;
		this.d = d;
		phase = new byte[d][w * h];
		id = new int[d][w * h];
	}

	Phantom sphere(double cx, double cy, double cz, double r, int value, int objectId) {
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					if ((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) <= r * r) set(x, y, z, value, objectId);
		return this;
	}

	/** Inclusive bounds. */
	Phantom box(int x0, int y0, int z0, int x1, int y1, int z1, int value, int objectId) {
		for (int z = z0; z <= z1; z++)
			for (int y = y0; y <= y1; y++)
				for (int x = x0; x <= x1; x++) set(x, y, z, value, objectId);
		return this;
	}

	void set(int x, int y, int z, int value, int objectId) {
		phase[z][x + y * w] = (byte) value;
		id[z][x + y * w] = objectId;
	}

	long count(int objectId) {
		long n = 0;
		for (int[] s : id) for (int v : s) if (v == objectId) n++;
		return n;
	}

	/** Faces shared by a voxel of object a and one of object b (brute force over all voxel pairs). */
	long[] faces(java.util.function.IntPredicate a, java.util.function.IntPredicate b) {
		long[] n = new long[3];
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int u = id[z][x + y * w];
					int[][] nb = { { x + 1, y, z, 0 }, { x, y + 1, z, 1 }, { x, y, z + 1, 2 } };
					for (int[] q : nb) {
						if (q[0] >= w || q[1] >= h || q[2] >= d) continue;
						int v = id[q[2]][q[0] + q[1] * w];
						if ((a.test(u) && b.test(v)) || (a.test(v) && b.test(u))) n[q[3]]++;
					}
				}
		return n;
	}

	PlanarImg<UnsignedByteType, ByteArray> phases() {
		return bytes(phase, w, h);
	}

	/** The volume with phase values replaced through {@code map} (map[old] = new). */
	PlanarImg<UnsignedByteType, ByteArray> phases(int[] map) {
		byte[][] p = new byte[d][];
		for (int z = 0; z < d; z++) {
			p[z] = new byte[w * h];
			for (int i = 0; i < w * h; i++) p[z][i] = (byte) map[phase[z][i]];
		}
		return bytes(p, w, h);
	}

	/** The object ids as a 16-bit image. */
	PlanarImg<UnsignedShortType, ShortArray> ids() {
		List<ShortArray> planes = new ArrayList<>();
		for (int[] s : id) {
			short[] a = new short[s.length];
			for (int i = 0; i < s.length; i++) a[i] = (short) s[i];
			planes.add(new ShortArray(a));
		}
		PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(planes, new long[] { w, h, d }, new Fraction());
		img.setLinkedType(new UnsignedShortType(img));
		return img;
	}

	static PlanarImg<UnsignedByteType, ByteArray> bytes(byte[][] planes, int w, int h) {
		List<ByteArray> list = new ArrayList<>();
		for (byte[] p : planes) list.add(new ByteArray(p));
		PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(list, new long[] { w, h, planes.length }, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	/** Mirror copy along axis 0, 1 or 2 (phase and ids). */
	Phantom mirror(int axis) {
		Phantom m = new Phantom(w, h, d);
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int X = axis == 0 ? w - 1 - x : x, Y = axis == 1 ? h - 1 - y : y, Z = axis == 2 ? d - 1 - z : z;
					m.set(X, Y, Z, phase[z][x + y * w], id[z][x + y * w]);
				}
		return m;
	}

	/** Copy with x and z exchanged (a d x h x w volume). */
	Phantom swapXZ() {
		Phantom m = new Phantom(d, h, w);
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) m.set(z, y, x, phase[z][x + y * w], id[z][x + y * w]);
		return m;
	}
}
