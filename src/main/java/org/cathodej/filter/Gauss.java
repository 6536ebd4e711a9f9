package org.cathodej.filter;

/**
 * Separable Gaussian blur of float planes with mirrored borders (edge pixel repeated: d c b a | a b c d). The kernel
 * is sampled at integer offsets, truncated at 4 sigma and normalised to sum 1, so constant images stay constant.
 * Lines are processed independently, so callers may run planes in parallel.
 */
public final class Gauss {

	private Gauss() {}

	/** Normalised kernel half (index 0 = centre) for {@code sigma} (in pixels), cut at 4 sigma; {1} when sigma <= 0. */
	public static float[] kernel(double sigma) {
		return kernel(sigma, 4);
	}

	/** Normalised kernel half cut at {@code truncation} sigma (at least one pixel); {1} when sigma <= 0. */
	public static float[] kernel(double sigma, double truncation) {
		if (!(sigma > 0)) return new float[] { 1f };
		int r = Math.max(1, (int) Math.ceil(truncation * sigma));
		double[] k = new double[r + 1];
		double sum = 0;
		for (int i = 0; i <= r; i++) {
			k[i] = Math.exp(-0.5 * i * i / (sigma * sigma));
			sum += i == 0 ? k[i] : 2 * k[i];
		}
		float[] f = new float[r + 1];
		for (int i = 0; i <= r; i++) f[i] = (float) (k[i] / sum);
		return f;
	}

	/** Index {@code i} mirrored into [0, n) with the edge sample repeated. */
	public static int mirror(int i, int n) {
		if (n == 1) return 0;
		int p = 2 * n;
		i %= p;
		if (i < 0) i += p;
		return i < n ? i : p - 1 - i;
	}

	/**
	 * Blurs a w x h plane with sigmas (in pixels) along x and y into {@code dst} (may be {@code src}).
	 * @return dst (allocated when null)
	 */
	public static float[] blur2D(float[] src, int w, int h, double sigmaX, double sigmaY, float[] dst) {
		int n = w * h;
		if (dst == null) dst = new float[n];
		if (dst != src) System.arraycopy(src, 0, dst, 0, n);
		float[] kx = kernel(sigmaX), ky = kernel(sigmaY);
		if (kx.length > 1) {
			float[] line = new float[w], pad = new float[w + 2 * (kx.length - 1)];
			for (int y = 0; y < h; y++) {
				System.arraycopy(dst, y * w, line, 0, w);
				convolveLine(line, w, kx, pad);
				System.arraycopy(line, 0, dst, y * w, w);
			}
		}
		if (ky.length > 1) {
			// row-wise accumulation (cache friendly): out row y = sum_j k[j] (row[y - j] + row[y + j]), mirrored rows
			float[] tmp = dst.clone();
			int r = ky.length - 1;
			for (int y = 0; y < h; y++) {
				int o = y * w;
				float k0 = ky[0];
				for (int x = 0; x < w; x++) dst[o + x] = k0 * tmp[o + x];
				for (int j = 1; j <= r; j++) {
					int a = mirror(y - j, h) * w, b = mirror(y + j, h) * w;
					float kj = ky[j];
					for (int x = 0; x < w; x++) dst[o + x] += kj * (tmp[a + x] + tmp[b + x]);
				}
			}
		}
		return dst;
	}

	/**
	 * Blurs along z across a list of planes (each w*h), in place, for pixel indices [from, to): lets callers split
	 * the plane into blocks over threads.
	 */
	public static void blurZ(float[][] planes, int from, int to, double sigmaZ) {
		float[] kz = kernel(sigmaZ);
		if (kz.length == 1) return;
		int d = planes.length;
		float[] line = new float[d], pad = new float[d + 2 * (kz.length - 1)];
		for (int i = from; i < to; i++) {
			for (int z = 0; z < d; z++) line[z] = planes[z][i];
			convolveLine(line, d, kz, pad);
			for (int z = 0; z < d; z++) planes[z][i] = line[z];
		}
	}

	/** Convolves line[0..n) in place with the symmetric kernel half k, mirrored borders; pad has n + 2(r) floats. */
	static void convolveLine(float[] line, int n, float[] k, float[] pad) {
		int r = k.length - 1;
		for (int i = -r; i < n + r; i++) pad[i + r] = line[mirror(i, n)];
		for (int i = 0; i < n; i++) {
			int c = i + r;
			float s = k[0] * pad[c];
			for (int j = 1; j <= r; j++) s += k[j] * (pad[c - j] + pad[c + j]);
			line[i] = s;
		}
	}

	/** Convolves every row of a w x h plane with the symmetric kernel half k (mirrored borders) into out (not in). */
	public static void convolveRows(float[] in, float[] out, int w, int h, float[] k) {
		int r = k.length - 1;
		if (r == 0) {
			System.arraycopy(in, 0, out, 0, w * h);
			return;
		}
		float[] buf = new float[w + 2 * r];
		for (int y = 0; y < h; y++) {
			int off = y * w;
			System.arraycopy(in, off, buf, r, w);
			for (int i = 1; i <= r; i++) {
				buf[r - i] = in[off + mirror(-i, w)];
				buf[r + w - 1 + i] = in[off + mirror(w - 1 + i, w)];
			}
			float k0 = k[0];
			for (int x = 0; x < w; x++) out[off + x] = k0 * buf[x + r];
			for (int j = 1; j <= r; j++) {
				float kj = k[j];
				for (int x = 0; x < w; x++) out[off + x] += kj * (buf[x + r - j] + buf[x + r + j]);
			}
		}
	}

	/** Convolves every column of a w x h plane with the kernel half k (mirrored rows) into out (not in), row-wise for the cache. */
	public static void convolveColumns(float[] in, float[] out, int w, int h, float[] k) {
		int r = k.length - 1;
		if (r == 0) {
			System.arraycopy(in, 0, out, 0, w * h);
			return;
		}
		float k0 = k[0];
		for (int y = 0; y < h; y++) {
			int off = y * w;
			for (int x = 0; x < w; x++) out[off + x] = k0 * in[off + x];
			for (int j = 1; j <= r; j++) {
				int om = mirror(y - j, h) * w, op = mirror(y + j, h) * w;
				float kj = k[j];
				for (int x = 0; x < w; x++) out[off + x] += kj * (in[om + x] + in[op + x]);
			}
		}
	}
}
