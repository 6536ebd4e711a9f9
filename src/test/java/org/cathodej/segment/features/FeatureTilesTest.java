package org.cathodej.segment.features;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import org.cathodej.image.Slices;
import org.cathodej.image.VoxelSize;
import org.cathodej.segment.features.FeatureSettings.Family;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

class FeatureTilesTest {

	static final int W = 70, H = 53, D = 12;

	static PlanarImg<UnsignedShortType, ?> shorts(long seed) {
		PlanarImg<UnsignedShortType, ?> img = PlanarImgs.unsignedShorts(W, H, D);
		SplittableRandom r = new SplittableRandom(seed);
		for (int z = 0; z < D; z++) {
			short[] a = (short[]) Slices.planeArray(img, z);
			for (int i = 0; i < a.length; i++) a[i] = (short) (20000 + 3000 * Math.sin(i * 0.05 + z) + r.nextInt(4000));
		}
		return img;
	}

	/** Tile cores must carry the whole-slice features bit for bit, for every family, 2D and 3D. */
	@Test
	void tilesGiveTheFeaturesOfWholeSlicesToTheBit() {
		PlanarImg<UnsignedShortType, ?> bse = shorts(1);
		// a non-planar second channel: read through a cursor
		net.imglib2.img.array.ArrayImg<FloatType, ?> se = ArrayImgs.floats(W, H, D);
		SplittableRandom r = new SplittableRandom(2);
		for (FloatType t : se) t.set((float) (r.nextDouble() * 50));
		List<RandomAccessibleInterval<? extends RealType<?>>> ch = Arrays.asList(bse, se);
		double[][][] maps = new double[2][D][];
		for (int z = 0; z < D; z++) {
			maps[0][z] = new double[] { 1.0 / 1000 + z * 1e-5, -20 + z };
			maps[1][z] = new double[] { 1, 0 };
		}
		VoxelSize vs = new VoxelSize(0.5, 0.4, 0.8, "um");
		for (boolean threeD : new boolean[] { true, false }) {
			FeatureSettings fs = new FeatureSettings(threeD, new double[] { 0.4, 1.0 }, "um", EnumSet.allOf(Family.class), 2);
			FeatureComputer fc = new FeatureComputer(fs, vs, W, H, D);
			assertTrue(fc.haloXY() >= 4, "reach " + fc.haloXY());
			float[][] whole = fc.compute(ch, maps, 2, 9, 2, Progress.NONE);
			for (int[] g : new int[][] { { 3, 2 }, { 2, 3 }, { 1, 4 } }) {
				FeatureTiles t = FeatureTiles.grid(fc, W, H, g[0], g[1], 7);
				assertEquals(g[0] * g[1], t.count());
				long covered = 0;
				for (int i = 0; i < t.count(); i++) {
					int[] c = t.core(i), p = t.padded(i);
					covered += (long) (c[2] - c[0]) * (c[3] - c[1]);
					float[][] part = t.computer(i).compute(ch, maps, 2, 9, 1, Progress.NONE);
					int pw = p[2] - p[0], ph = p[3] - p[1];
					for (int f = 0; f < whole.length; f++)
						for (int z = 0; z < 7; z++)
							for (int y = c[1]; y < c[3]; y++)
								for (int x = c[0]; x < c[2]; x++) {
									float a = whole[f][(z * H + y) * W + x], b = part[f][(z * ph + y - p[1]) * pw + x - p[0]];
									if (Float.floatToRawIntBits(a) != Float.floatToRawIntBits(b))
										fail(fs.featureNames().get(f) + (threeD ? " 3D" : " 2D") + " grid " + g[0] + "x" + g[1] + " at " + x + "," + y + ","
											+ z + ": " + a + " whole vs " + b + " tiled");
								}
				}
				assertEquals((long) W * H, covered);
			}
		}
	}

	@Test
	void thePlanFitsTheBudgetAndKeepsWholeSlicesWhenTheyFit() {
		FeatureSettings fs = new FeatureSettings(true, new double[] { 1, 2, 4 }, "voxel", FeatureSettings.DEFAULT_FAMILIES, 2);
		// small slices: whole slices, as many as the budget allows (today's slabs)
		FeatureComputer small = new FeatureComputer(fs, VoxelSize.uncalibrated(), 256, 256, 64);
		FeatureTiles a = FeatureTiles.plan(small, 256, 256, 64, 1L << 30);
		assertEquals(1, a.count());
		assertEquals(small.slabSlices(1L << 30), a.slabSlices());
		// large slices and a budget that holds one whole slice at most: tiles, thicker slabs, within the budget
		FeatureComputer big = new FeatureComputer(fs, VoxelSize.uncalibrated(), 2048, 2048, 256);
		long budget = 512L << 20;
		assertTrue(big.slabBytes(1) > budget);
		FeatureTiles b = FeatureTiles.plan(big, 2048, 2048, 256, budget, 2L * 2 * 2048 * 2048);
		assertTrue(b.count() > 1, b.toString());
		assertTrue(b.slabSlices() > 1, b.toString());
		assertTrue(b.slabBytes() <= budget, b.slabBytes() + " > " + budget);
		for (int i = 0; i < b.count(); i++) {
			int[] p = b.padded(i);
			assertTrue(big.tile(p[0], p[1], p[2] - p[0], p[3] - p[1], new int[] { 0, 0, p[2] - p[0], p[3] - p[1] }).slabBytes(b.slabSlices()) <= budget);
		}
	}
}
