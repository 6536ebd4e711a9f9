package org.cathodej.segment.features;

import java.util.Arrays;
import java.util.List;

import org.cathodej.filter.Eigen3;
import org.cathodej.filter.Gauss;
import org.cathodej.filter.Rank;
import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.segment.features.FeatureSettings.Family;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Computes the multi-scale feature stack of {@link FeatureSettings} for a slab of slices [z0, z1), reading only the
 * slab plus a halo of neighbouring slices, so memory is bounded by the slab size whatever the volume size. Borders of
 * the volume are mirrored (half-sample symmetric); the features of a voxel do not depend on how the volume is cut
 * into slabs (bit-identical), only on the volume.
 * <p>
 * Per channel and scale s (sigma_axis = s / voxel size along the axis, in pixels): Gaussian G_s; difference of
 * Gaussians G_prev - G_s (prev = the previous scale, or the intensity for the first); gradient magnitude of G_s;
 * Hessian eigenvalues of G_s (descending); structure-tensor eigenvalues (gradient of G_s, integrated with a
 * Gaussian of the same sigma); local variance G_s(I^2) - G_s(I)^2; minimum, maximum and median over a box of radius
 * round(sigma_axis) pixels; in-plane texture ({@link TextureFeatures}: binary-pattern count of G_s on a ring of radius
 * round(sigma), membrane projections of the intensity along lines of half length round(2 sigma_x)). Derivatives are
 * central differences in calibrated units. 2D settings treat each slice on its own.
 */
public final class FeatureComputer {

	private final FeatureSettings fs;
	private final VoxelSize vs;
	private final int w, h, d, plane, dims;
	private final int ox, oy, fullW, fullH; // the slices' rectangle this computer reads (see tile)
	private final int[] keep; // {x0, y0, x1, y1}: where the Hessian eigenvalues are wanted (see tile)
	private final double vx, vy, vz;
	private final int ns;
	private final float[][][] kernels; // [scale][axis] half kernels (index 0 = centre)
	private final int[][] boxR; // [scale][axis]
	private final double[] sigmaX; // [scale] in pixels
	private final int halo;

	public FeatureComputer(FeatureSettings fs, VoxelSize vs, int width, int height, int depth) {
		this(fs, vs, width, height, depth, 0, 0, width, height, null);
	}

	private FeatureComputer(FeatureSettings fs, VoxelSize vs, int width, int height, int depth, int ox, int oy, int fullW, int fullH, int[] keep) {
		this.fs = fs;
		this.keep = keep == null ? new int[] { 0, 0, width, height } : keep.clone();
		this.vs = vs;
		this.ox = ox;
		this.oy = oy;
		this.fullW = fullW;
		this.fullH = fullH;
		this.w = width;
		this.h = height;
		this.d = depth;
		this.plane = width * height;
		this.dims = fs.dims();
		double f = 1;
		boolean voxelUnits = fs.unit().equalsIgnoreCase("voxel") || fs.unit().equalsIgnoreCase("pixel") || fs.unit().equalsIgnoreCase("pixels");
		if (!vs.isCalibrated() && !voxelUnits)
			throw new IllegalArgumentException("The feature scales are in " + fs.unit() + " but the image has no spatial calibration; set it "
				+ "with Image > Properties (the classifier was trained on a calibrated stack).");
		if (vs.isCalibrated() && voxelUnits)
			throw new IllegalArgumentException("The feature scales are in voxels (the classifier was trained on an uncalibrated stack) but the "
				+ "image is calibrated in " + vs.unit() + "; remove the calibration or retrain on calibrated stacks.");
		if (vs.isCalibrated() && !vs.unit().equalsIgnoreCase(fs.unit())) {
			double a = org.cathodej.image.Units.micronsPer(vs.unit()), b = org.cathodej.image.Units.micronsPer(fs.unit());
			if (Double.isNaN(a) || Double.isNaN(b))
				throw new IllegalArgumentException("The feature scales are in " + fs.unit() + " but the image is calibrated in "
					+ vs.unit() + "; set the image calibration to " + fs.unit() + " (Image > Properties).");
			f = b / a; // scales in image units = scale * f
		}
		this.vx = vs.x();
		this.vy = vs.y();
		this.vz = vs.z();
		double[] sc = fs.scales();
		ns = sc.length;
		kernels = new float[ns][3][];
		boxR = new int[ns][3];
		sigmaX = new double[ns];
		int hmax = 0;
		for (int i = 0; i < ns; i++) {
			double s = sc[i] * f;
			double[] sig = { s / vx, s / vy, dims == 3 ? s / vz : 0 };
			sigmaX[i] = sig[0];
			for (int a = 0; a < 3; a++) {
				kernels[i][a] = halfKernel(sig[a]);
				boxR[i][a] = a == 2 && dims == 2 ? 0 : (int) Math.round(sig[a]);
			}
			int rz = kernels[i][2].length - 1;
			int need = rz + 1; // G_s then derivatives
			if (fs.has(Family.STRUCTURE)) need = rz + 1 + rz;
			if (fs.has(Family.MIN) || fs.has(Family.MAX) || fs.has(Family.MEDIAN)) need = Math.max(need, boxR[i][2]);
			hmax = Math.max(hmax, need);
		}
		halo = dims == 3 ? hmax : 0;
	}

	/**
	 * A computer for the rectangle [x0, x0 + width) x [y0, y0 + height) of every slice of channels of this computer's
	 * size, treating the rectangle as a whole image (mirrored at its borders). Its features equal this computer's
	 * except within {@link #haloXY} pixels of a rectangle border that is not a border of the slice, which lets a
	 * large slice be computed in tiles of bounded memory. Only the features in {@code keep} ({x0, y0, x1, y1} in the
	 * rectangle's coordinates, e.g. the tile without its margins) are wanted: the Hessian eigenvalues, the costliest
	 * feature that no other feature builds on, are left 0 outside it.
	 */
	public FeatureComputer tile(int x0, int y0, int width, int height, int[] keep) {
		if (x0 < 0 || y0 < 0 || width < 1 || height < 1 || x0 + width > w || y0 + height > h)
			throw new IllegalArgumentException("Tile " + x0 + "," + y0 + " " + width + "x" + height + " outside " + w + "x" + h);
		if (keep[0] < 0 || keep[1] < 0 || keep[2] > width || keep[3] > height || keep[0] >= keep[2] || keep[1] >= keep[3])
			throw new IllegalArgumentException("Kept part " + java.util.Arrays.toString(keep) + " outside the tile " + width + "x" + height);
		return new FeatureComputer(fs, vs, width, height, d, ox + x0, oy + y0, fullW, fullH, keep);
	}

	/**
	 * In-plane reach in pixels: how far a voxel's features look along x or y (kernels, derivatives and the
	 * structure tensor's second kernel, boxes, the binary-pattern ring on G_s, the membrane lines).
	 */
	public int haloXY() {
		int reach = 0;
		for (int i = 0; i < ns; i++)
			for (int a = 0; a < 2; a++) {
				int r = kernels[i][a].length - 1;
				int need = r + 1;
				if (fs.has(Family.STRUCTURE)) need = 2 * r + 1;
				need = Math.max(need, boxR[i][a]);
				if (fs.has(Family.LBP)) need = Math.max(need, r + TextureFeatures.ringRadius(boxR[i][a]));
				if (fs.has(Family.MEMBRANE)) need = Math.max(need, TextureFeatures.lineHalfLength(sigmaX[i]));
				reach = Math.max(reach, need);
			}
		return reach;
	}

	public FeatureSettings settings() { return fs; }
	public int numFeatures() { return fs.numFeatures(); }
	/** Slices read above and below a slab. */
	public int halo() { return halo; }

	/** Working memory of a slab of {@code slices} slices in bytes: its features plus buffers over slab and halo. */
	public long slabBytes(int slices) {
		long loaded = Math.min(d, slices + 2L * halo);
		int buffers = 6 + (fs.has(Family.STRUCTURE) ? dims + 2 : 0);
		long structCore = fs.has(Family.STRUCTURE) ? dims * (dims + 1) / 2 : 0;
		return 4L * plane * ((long) numFeatures() * slices + buffers * loaded + structCore * slices);
	}

	/** The largest slab (1..depth slices) whose {@link #slabBytes} fits {@code budget}; at least 1. */
	public int slabSlices(long budget) {
		int s = 1;
		while (s < d && slabBytes(s * 2) <= budget) s *= 2;
		while (s < d && slabBytes(s + 1) <= budget && s < 4096) s++;
		return Math.max(1, Math.min(s, d));
	}

	/**
	 * Features of slices [z0, z1): {@code out[f][(z - z0) * width * height + y * width + x]}. Channels must share
	 * the size given to the constructor.
	 */
	public float[][] compute(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, int z0, int z1,
		int threads, Progress progress) {
		return compute(channels, null, z0, z1, threads, progress);
	}

	/**
	 * As {@link #compute(List, int, int, int, Progress)} on intensities mapped per slice: v' = maps[c][z][0] * v +
	 * maps[c][z][1] for channel c, slice z (null = raw intensities), e.g. a classifier's normalisation.
	 */
	public float[][] compute(List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, double[][][] maps, int z0, int z1,
		int threads, Progress progress) {
		if (channels.size() != fs.channels())
			throw new IllegalArgumentException("The classifier's features use " + fs.channels() + " channel(s), got " + channels.size());
		for (RandomAccessibleInterval<? extends RealType<?>> c : channels)
			if (Slices.width(c) != fullW || Slices.height(c) != fullH || Slices.depth(c) != d)
				throw new IllegalArgumentException("All channels must have the same size: expected " + fullW + "x" + fullH + "x" + d + ", got "
					+ Slices.width(c) + "x" + Slices.height(c) + "x" + Slices.depth(c));
		if (z0 < 0 || z1 > d || z0 >= z1) throw new IllegalArgumentException("Bad slab " + z0 + ".." + z1);
		int S = z1 - z0;
		float[][] out = new float[numFeatures()][];
		for (int i = 0; i < out.length; i++) out[i] = new float[S * plane];
		int fpc = fs.featuresPerChannel();
		for (int c = 0; c < channels.size(); c++) {
			Slab slab = new Slab(channels.get(c), maps == null ? null : maps[c], z0, z1, threads);
			slab.run(out, c * fpc, progress == null ? Progress.NONE : progress.range((double) c / channels.size(), (c + 1.0) / channels.size()));
		}
		return out;
	}

	/** One channel of one slab. Local plane index 0 = global slice l0. */
	private final class Slab {
		final int z0, z1, l0, L, c0, c1; // core local range [c0, c1)
		final int threads;
		final float[][] raw;

		Slab(RandomAccessibleInterval<? extends RealType<?>> img, double[][] map, int z0, int z1, int threads) {
			this.z0 = z0;
			this.z1 = z1;
			this.threads = threads;
			l0 = Math.max(0, z0 - halo);
			int l1 = Math.min(d, z1 + halo);
			L = l1 - l0;
			c0 = z0 - l0;
			c1 = z1 - l0;
			raw = new float[L][];
			Parallel.forEach(L, threads, i -> {
				float[] r = w == fullW && h == fullH ? Slices.readFloats(img, l0 + i, new float[plane])
					: Slices.readFloats(img, l0 + i, ox, oy, w, h, new float[plane]);
				if (map != null) {
					float a = (float) map[l0 + i][0], b = (float) map[l0 + i][1];
					for (int j = 0; j < plane; j++) r[j] = a * r[j] + b;
				}
				raw[i] = r;
			});
		}

		/** Local plane index of local index i mirrored at the volume borders and clamped to the loaded planes. */
		int zi(int i) {
			int g = Gauss.mirror(l0 + i, d) - l0;
			return g < 0 ? 0 : g >= L ? L - 1 : g;
		}

		void run(float[][] out, int f0, Progress p) {
			int S = z1 - z0;
			int f = f0;
			// intensity
			for (int z = 0; z < S; z++) System.arraycopy(raw[c0 + z], 0, out[f], z * plane, plane);
			f++;
			float[][] prev = raw;
			for (int si = 0; si < ns; si++) {
				p.checkCancelled();
				p.report((double) si / ns, "features, scale " + (si + 1) + "/" + ns);
				float[][] k = kernels[si];
				int rzInt = k[2].length - 1;
				int ext = 1 + (fs.has(Family.STRUCTURE) ? rzInt : 0);
				int a = Math.max(0, c0 - (dims == 3 ? ext : 0)), b = Math.min(L, c1 + (dims == 3 ? ext : 0));
				float[][] g = gaussian(raw, k, a, b);
				for (Family fam : Family.values()) {
					if (!fs.has(fam)) continue;
					switch (fam) {
						case GAUSSIAN:
							copyCore(g, out[f++]);
							break;
						case DOG: {
							float[] o = out[f++];
							float[][] pv = prev;
							Parallel.forEach(S, threads, z -> {
								float[] x = pv[c0 + z], y = g[c0 + z];
								int off = z * plane;
								for (int i = 0; i < plane; i++) o[off + i] = x[i] - y[i];
							});
							break;
						}
						case GRADIENT:
							gradientMagnitude(g, out[f++]);
							break;
						case HESSIAN:
							hessian(g, out, f);
							f += dims;
							break;
						case STRUCTURE:
							structure(g, k, out, f);
							f += dims;
							break;
						case VARIANCE:
							variance(g, k, out[f++]);
							break;
						case MIN:
							minMax(boxR[si], true, out[f++]);
							break;
						case MAX:
							minMax(boxR[si], false, out[f++]);
							break;
						case MEDIAN:
							median(boxR[si], out[f++]);
							break;
						case LBP: {
							float[] o = out[f++];
							int rx = TextureFeatures.ringRadius(boxR[si][0]), ry = TextureFeatures.ringRadius(boxR[si][1]);
							Parallel.forEach(S, threads, z -> TextureFeatures.binaryPatternCount(g[c0 + z], w, h, rx, ry, o, z * plane));
							break;
						}
						case MEMBRANE: {
							float[][] o = { out[f], out[f + 1], out[f + 2] };
							int r = TextureFeatures.lineHalfLength(sigmaX[si]);
							Parallel.forEach(S, threads, z -> TextureFeatures.membraneProjections(raw[c0 + z], w, h, r, o, z * plane));
							f += 3;
							break;
						}
						default:
							throw new IllegalStateException();
					}
				}
				prev = g;
			}
		}

		void copyCore(float[][] g, float[] o) {
			for (int z = c0; z < c1; z++) System.arraycopy(g[z], 0, o, (z - c0) * plane, plane);
		}

		/** Gaussian of src valid on local planes [a, b); other planes null. */
		float[][] gaussian(float[][] src, float[][] k, int a, int b) {
			int rz = k[2].length - 1;
			int xa = dims == 3 ? Math.max(0, a - rz) : a, xb = dims == 3 ? Math.min(L, b + rz) : b;
			float[][] xy = new float[L][];
			Parallel.forEach(xb - xa, threads, i -> {
				int z = xa + i;
				float[] t = new float[plane];
				Gauss.convolveRows(src[z], t, w, h, k[0]);
				float[] o = new float[plane];
				Gauss.convolveColumns(t, o, w, h, k[1]);
				xy[z] = o;
			});
			if (dims == 2 || rz == 0) return xy;
			float[][] out = new float[L][];
			float[] kz = k[2];
			Parallel.forEach(b - a, threads, i -> {
				int z = a + i;
				float[] o = new float[plane];
				float[] c = xy[z];
				float k0 = kz[0];
				for (int j = 0; j < plane; j++) o[j] = k0 * c[j];
				for (int r = 1; r < kz.length; r++) {
					float[] m = xy[zi(z - r)], q = xy[zi(z + r)];
					float kr = kz[r];
					for (int j = 0; j < plane; j++) o[j] += kr * (m[j] + q[j]);
				}
				out[z] = o;
			});
			return out;
		}

		void gradientMagnitude(float[][] g, float[] o) {
			float ix = (float) (0.5 / vx), iy = (float) (0.5 / vy), iz = (float) (0.5 / vz);
			Parallel.forEach(c1 - c0, threads, zz -> {
				int z = c0 + zz;
				float[] c = g[z], zm = dims == 3 ? g[zi(z - 1)] : null, zp = dims == 3 ? g[zi(z + 1)] : null;
				int base = zz * plane;
				for (int y = 0; y < h; y++) {
					int ym = Gauss.mirror(y - 1, h) * w, yp = Gauss.mirror(y + 1, h) * w, yo = y * w;
					for (int x = 0; x < w; x++) {
						int xm = x == 0 ? 0 : x - 1, xp = x == w - 1 ? w - 1 : x + 1;
						float gx = (c[yo + xp] - c[yo + xm]) * ix, gy = (c[yp + x] - c[ym + x]) * iy;
						float s = gx * gx + gy * gy;
						if (zm != null) {
							float gz = (zp[yo + x] - zm[yo + x]) * iz;
							s += gz * gz;
						}
						o[base + yo + x] = (float) Math.sqrt(s);
					}
				}
			});
		}

		void hessian(float[][] g, float[][] out, int f) {
			double ixx = 1 / (vx * vx), iyy = 1 / (vy * vy), izz = 1 / (vz * vz);
			double ixy = 0.25 / (vx * vy), ixz = 0.25 / (vx * vz), iyz = 0.25 / (vy * vz);
			int rows = keep[3] - keep[1];
			// over the rows of all slices, so that a slab of one slice (a scribbled slice, a huge slice) uses every thread
			Parallel.forEachBlock((c1 - c0) * rows, threads, (r0, r1) -> {
				double[] ev = new double[3];
				for (int r = r0; r < r1; r++) {
					int zz = r / rows, z = c0 + zz, y = keep[1] + r % rows;
					float[] c = g[z], zm = dims == 3 ? g[zi(z - 1)] : null, zp = dims == 3 ? g[zi(z + 1)] : null;
					int base = zz * plane;
					int ym = Gauss.mirror(y - 1, h) * w, yp = Gauss.mirror(y + 1, h) * w, yo = y * w;
					for (int x = keep[0]; x < keep[2]; x++) {
						int xm = x == 0 ? 0 : x - 1, xp = x == w - 1 ? w - 1 : x + 1;
						double v = c[yo + x];
						double hxx = (c[yo + xp] - 2 * v + c[yo + xm]) * ixx;
						double hyy = (c[yp + x] - 2 * v + c[ym + x]) * iyy;
						double hxy = (c[yp + xp] - c[ym + xp] - c[yp + xm] + c[ym + xm]) * ixy;
						int idx = base + yo + x;
						if (zm == null) {
							Eigen3.symmetric2(hxx, hxy, hyy, ev);
							out[f][idx] = (float) ev[0];
							out[f + 1][idx] = (float) ev[1];
						} else {
							double hzz = (zp[yo + x] - 2 * v + zm[yo + x]) * izz;
							double hxz = (zp[yo + xp] - zp[yo + xm] - zm[yo + xp] + zm[yo + xm]) * ixz;
							double hyz = (zp[yp + x] - zp[ym + x] - zm[yp + x] + zm[ym + x]) * iyz;
							Eigen3.symmetric3(hxx, hyy, hzz, hxy, hxz, hyz, ev);
							out[f][idx] = (float) ev[0];
							out[f + 1][idx] = (float) ev[1];
							out[f + 2][idx] = (float) ev[2];
						}
					}
				}
			});
		}

		/** Structure tensor of G_s (valid on core +- (rz + 1)) integrated with kernel k. */
		void structure(float[][] g, float[][] k, float[][] out, int f) {
			int rz = dims == 3 ? k[2].length - 1 : 0;
			int a = Math.max(0, c0 - rz), b = Math.min(L, c1 + rz);
			float[][][] grad = new float[dims][L][];
			float ix = (float) (0.5 / vx), iy = (float) (0.5 / vy), iz = (float) (0.5 / vz);
			Parallel.forEach(b - a, threads, i -> {
				int z = a + i;
				float[] c = g[z], zm = dims == 3 ? g[zi(z - 1)] : null, zp = dims == 3 ? g[zi(z + 1)] : null;
				float[] gx = new float[plane], gy = new float[plane], gz = dims == 3 ? new float[plane] : null;
				for (int y = 0; y < h; y++) {
					int ym = Gauss.mirror(y - 1, h) * w, yp = Gauss.mirror(y + 1, h) * w, yo = y * w;
					for (int x = 0; x < w; x++) {
						int xm = x == 0 ? 0 : x - 1, xp = x == w - 1 ? w - 1 : x + 1;
						gx[yo + x] = (c[yo + xp] - c[yo + xm]) * ix;
						gy[yo + x] = (c[yp + x] - c[ym + x]) * iy;
						if (gz != null) gz[yo + x] = (zp[yo + x] - zm[yo + x]) * iz;
					}
				}
				grad[0][z] = gx;
				grad[1][z] = gy;
				if (gz != null) grad[2][z] = gz;
			});
			int nc = dims * (dims + 1) / 2;
			float[][][] comp = new float[nc][][];
			int ci = 0;
			for (int p = 0; p < dims; p++)
				for (int q = p; q < dims; q++) {
					float[][] prod = new float[L][];
					final int pp = p, qq = q;
					Parallel.forEach(b - a, threads, i -> {
						int z = a + i;
						float[] u = grad[pp][z], v = grad[qq][z], o = new float[plane];
						for (int j = 0; j < plane; j++) o[j] = u[j] * v[j];
						prod[z] = o;
					});
					comp[ci++] = gaussian(prod, k, c0, c1);
				}
			Parallel.forEach(c1 - c0, threads, zz -> {
				int z = c0 + zz;
				double[] ev = new double[3];
				int base = zz * plane;
				for (int j = 0; j < plane; j++) {
					if (dims == 2) {
						Eigen3.symmetric2(comp[0][z][j], comp[1][z][j], comp[2][z][j], ev);
						out[f][base + j] = (float) ev[0];
						out[f + 1][base + j] = (float) ev[1];
					} else {
						// order of comp: xx, xy, xz, yy, yz, zz
						Eigen3.symmetric3(comp[0][z][j], comp[3][z][j], comp[5][z][j], comp[1][z][j], comp[2][z][j], comp[4][z][j], ev);
						out[f][base + j] = (float) ev[0];
						out[f + 1][base + j] = (float) ev[1];
						out[f + 2][base + j] = (float) ev[2];
					}
				}
			});
		}

		void variance(float[][] g, float[][] k, float[] o) {
			int rz = dims == 3 ? k[2].length - 1 : 0;
			int a = Math.max(0, c0 - rz), b = Math.min(L, c1 + rz);
			float[][] sq = new float[L][];
			Parallel.forEach(b - a, threads, i -> {
				float[] r = raw[a + i], q = new float[plane];
				for (int j = 0; j < plane; j++) q[j] = r[j] * r[j];
				sq[a + i] = q;
			});
			float[][] g2 = gaussian(sq, k, c0, c1);
			Parallel.forEach(c1 - c0, threads, zz -> {
				float[] m = g[c0 + zz], s = g2[c0 + zz];
				int base = zz * plane;
				for (int j = 0; j < plane; j++) o[base + j] = Math.max(0f, s[j] - m[j] * m[j]);
			});
		}

		/** Separable box minimum or maximum of the intensity. */
		void minMax(int[] r, boolean min, float[] o) {
			int rz = r[2];
			int a = Math.max(0, c0 - rz), b = Math.min(L, c1 + rz);
			float[][] xy = new float[L][];
			Parallel.forEach(b - a, threads, i -> {
				float[] src = raw[a + i], t = new float[plane], u = new float[plane];
				for (int y = 0; y < h; y++) boxRow(src, t, y * w, w, r[0], min);
				for (int y = 0; y < h; y++) {
					int off = y * w;
					System.arraycopy(t, off, u, off, w);
					for (int j = 1; j <= r[1]; j++) {
						int om = Gauss.mirror(y - j, h) * w, op = Gauss.mirror(y + j, h) * w;
						for (int x = 0; x < w; x++) {
							float p = t[om + x], q = t[op + x], m = u[off + x];
							u[off + x] = min ? Math.min(m, Math.min(p, q)) : Math.max(m, Math.max(p, q));
						}
					}
				}
				xy[a + i] = u;
			});
			Parallel.forEach(c1 - c0, threads, zz -> {
				int z = c0 + zz, base = zz * plane;
				float[] c = xy[z];
				System.arraycopy(c, 0, o, base, plane);
				for (int j = 1; j <= rz; j++) {
					float[] p = xy[zi(z - j)], q = xy[zi(z + j)];
					for (int i = 0; i < plane; i++) {
						float m = o[base + i];
						o[base + i] = min ? Math.min(m, Math.min(p[i], q[i])) : Math.max(m, Math.max(p[i], q[i]));
					}
				}
			});
		}

		/** Minimum or maximum over x +- r of one row (mirrored ends); the same values in any order, so exact. */
		void boxRow(float[] src, float[] t, int off, int w, int r, boolean min) {
			int a = Math.min(r, w), b = Math.max(a, w - r); // [a, b): no mirroring needed
			boxBorder(src, t, off, w, r, min, 0, a);
			boxBorder(src, t, off, w, r, min, b, w);
			if (min) for (int x = a; x < b; x++) {
				float m = src[off + x];
				for (int j = 1; j <= r; j++) m = Math.min(m, Math.min(src[off + x - j], src[off + x + j]));
				t[off + x] = m;
			}
			else for (int x = a; x < b; x++) {
				float m = src[off + x];
				for (int j = 1; j <= r; j++) m = Math.max(m, Math.max(src[off + x - j], src[off + x + j]));
				t[off + x] = m;
			}
		}

		private void boxBorder(float[] src, float[] t, int off, int w, int r, boolean min, int x0, int x1) {
			for (int x = x0; x < x1; x++) {
				float m = src[off + x];
				for (int j = 1; j <= r; j++) {
					float p = src[off + Gauss.mirror(x - j, w)], q = src[off + Gauss.mirror(x + j, w)];
					m = min ? Math.min(m, Math.min(p, q)) : Math.max(m, Math.max(p, q));
				}
				t[off + x] = m;
			}
		}

		void median(int[] r, float[] o) {
			int nx = 2 * r[0] + 1, ny = 2 * r[1] + 1, nz = 2 * r[2] + 1;
			Parallel.forEach(c1 - c0, threads, zz -> {
				int z = c0 + zz, base = zz * plane;
				float[] buf = new float[nx * ny * nz];
				float[][] zp = new float[nz][];
				for (int k = 0; k < nz; k++) zp[k] = raw[zi(z + k - r[2])];
				int[] xs = new int[nx];
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						for (int i = 0; i < nx; i++) xs[i] = Gauss.mirror(x + i - r[0], w);
						int n = 0;
						for (int j = -r[1]; j <= r[1]; j++) {
							int yo = Gauss.mirror(y + j, h) * w;
							for (int k = 0; k < nz; k++) {
								float[] pz = zp[k];
								for (int i = 0; i < nx; i++) buf[n++] = pz[yo + xs[i]];
							}
						}
						o[base + y * w + x] = Rank.select(buf, n, n / 2);
					}
				}
			});
		}
	}

	/** Normalised Gaussian half kernel k[0..r], r = ceil(3 sigma); {1} for sigma below 0.01 pixel. */
	static float[] halfKernel(double sigma) {
		if (sigma < 0.01) return new float[] { 1 };
		return Gauss.kernel(sigma, 3);
	}

	static double[] sorted(double[] a) {
		double[] b = a.clone();
		Arrays.sort(b);
		return b;
	}
}
