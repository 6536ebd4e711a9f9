package org.cathodej.surface;

import java.util.SplittableRandom;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Small synthetic label volumes for the surface and chord tests. */
public final class TestVolumes {

	private TestVolumes() {}

	public interface Labeler {
		int label(int x, int y, int z);
	}

	public static PlanarImg<UnsignedByteType, ByteArray> of(int w, int h, int d, Labeler f) {
		PlanarImg<UnsignedByteType, ByteArray> img = PlanarImgs.unsignedBytes(w, h, d);
		for (int z = 0; z < d; z++) {
			byte[] p = img.getPlane(z).getCurrentStorageArray();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) p[x + w * y] = (byte) f.label(x, y, z);
		}
		return img;
	}

	public static int get(PlanarImg<UnsignedByteType, ByteArray> img, int x, int y, int z) {
		return img.getPlane(z).getCurrentStorageArray()[x + (int) img.dimension(0) * y] & 0xff;
	}

	/** Digital ball: voxel centres within radius r (physical units) of c (physical units), label 1 inside, 0 outside. */
	public static PlanarImg<UnsignedByteType, ByteArray> ball(int w, int h, int d, double cx, double cy, double cz, double r, double sx, double sy,
		double sz) {
		return of(w, h, d, (x, y, z) -> {
			double dx = x * sx - cx, dy = y * sy - cy, dz = z * sz - cz;
			return dx * dx + dy * dy + dz * dz <= r * r ? 1 : 0;
		});
	}

	/** Seeded random labels 0..n-1, smoothed a little by blocks so there are both interfaces and bulk. */
	public static PlanarImg<UnsignedByteType, ByteArray> random(int w, int h, int d, int n, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		int[] v = new int[w * h * d];
		for (int i = 0; i < v.length; i++) v[i] = r.nextInt(n);
		return of(w, h, d, (x, y, z) -> {
			// a voxel copies a random neighbour-ish block label half of the time
			int i = x + w * (y + h * z);
			return ((x ^ y ^ z) & 1) == 0 ? v[i] : v[(x / 2) * 2 + w * ((y / 2) * 2 + h * ((z / 2) * 2))];
		});
	}

	/**
	 * Boolean model of balls of radius R (voxel units) with Poisson intensity lambda per voxel^3: label 1 = grain,
	 * 0 = void. Centres are drawn in the box enlarged by R on every side. Returns the image and the realised
	 * intensity (centres / enlarged box volume) in out[0].
	 */
	public static PlanarImg<UnsignedByteType, ByteArray> booleanBalls(int n, double radius, double lambda, long seed, double[] out) {
		SplittableRandom rnd = new SplittableRandom(seed);
		double lo = -radius, hi = n - 1 + radius, side = hi - lo;
		double mean = lambda * side * side * side;
		// Poisson count by normal approximation is not exact; draw by inversion in log space for large means
		long count = poisson(mean, rnd);
		out[0] = count / (side * side * side);
		PlanarImg<UnsignedByteType, ByteArray> img = PlanarImgs.unsignedBytes(n, n, n);
		int rr = (int) Math.ceil(radius);
		for (long c = 0; c < count; c++) {
			double cx = lo + side * rnd.nextDouble(), cy = lo + side * rnd.nextDouble(), cz = lo + side * rnd.nextDouble();
			for (int z = Math.max(0, (int) Math.floor(cz - rr)); z <= Math.min(n - 1, (int) Math.ceil(cz + rr)); z++) {
				byte[] p = img.getPlane(z).getCurrentStorageArray();
				for (int y = Math.max(0, (int) Math.floor(cy - rr)); y <= Math.min(n - 1, (int) Math.ceil(cy + rr)); y++)
					for (int x = Math.max(0, (int) Math.floor(cx - rr)); x <= Math.min(n - 1, (int) Math.ceil(cx + rr)); x++) {
						double dx = x - cx, dy = y - cy, dz = z - cz;
						if (dx * dx + dy * dy + dz * dz <= radius * radius) p[x + n * y] = 1;
					}
			}
		}
		return img;
	}

	static long poisson(double mean, SplittableRandom r) {
		// sum of Poisson(<=50) draws by Knuth's method
		long total = 0;
		while (mean > 0) {
			double m = Math.min(mean, 50);
			mean -= m;
			double l = Math.exp(-m), p = 1;
			int k = 0;
			do {
				k++;
				p *= r.nextDouble();
			} while (p > l);
			total += k - 1;
		}
		return total;
	}
}
