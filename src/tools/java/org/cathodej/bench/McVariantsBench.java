package org.cathodej.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.surface.GeometryCounts.Estimator;
import org.cathodej.surface.MarchingCubesVariant;
import org.cathodej.surface.PhaseSurfaces;
import org.cathodej.task.Progress;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * "mc-variants": marching-cubes phase areas and Eq. 1 interfaces by every {@link MarchingCubesVariant} (and Crofton
 * beside them) on Synthetic Cathodes of the command's defaults (seed 1), homogeneous (clustering 0) and clustered
 * (clustering 1), cubic voxels and 0.1 x 0.1 x 0.2 um. Prints the areas and each variant's difference from lewiner,
 * and writes the labels to target/mc-variants/ (uint8, x fastest) for a scikit-image run of
 * src/test/resources/org/cathodej/surface/skimage_areas.py.
 */
public final class McVariantsBench implements BenchCase {

	@Override
	public String name() { return "mc-variants"; }

	@Override
	public String[] defaultSizes() { return new String[] { "128" }; }

	@Override
	public void run(int[] size, int threads, BenchRecorder out) throws Exception {
		for (double sz : new double[] { 0.1, 0.2 })
			for (double clustering : new double[] { 0, 1 }) {
				SyntheticCathode.Params p = new SyntheticCathode.Params();
				p.width = size[0];
				p.height = size[1];
				p.depth = size[2];
				p.voxelSize = new VoxelSize(0.1, 0.1, sz, "\u00b5m");
				p.clustering = clustering;
				PlanarImg<UnsignedByteType, ByteArray> img = SyntheticCathode.generate(p, Progress.NONE).volume.toImg();
				String name = String.format(Locale.ROOT, "cathode_%dx%dx%d_z%.1f_clustering%.0f", size[0], size[1], size[2], sz, clustering);
				write(img, Paths.get("target", "mc-variants", name + ".raw"));
				report(name, img, p.voxelSize, threads);
			}
	}

	private static void report(String name, PlanarImg<UnsignedByteType, ByteArray> img, VoxelSize vs, int threads) {
		MarchingCubesVariant[] vs3 = MarchingCubesVariant.values();
		PhaseSurfaces[] ps = new PhaseSurfaces[vs3.length];
		for (int i = 0; i < vs3.length; i++) ps[i] = PhaseSurfaces.measure(img, PhaseLabels.defaults(), vs, vs3[i], threads, Progress.NONE);
		int mc = Estimator.MARCHING_CUBES.ordinal(), cr = Estimator.CROFTON13.ordinal(), lew = MarchingCubesVariant.LEWINER.ordinal();
		System.out.println(name + " (voxel " + vs + "): area um^2 by variant, then % vs lewiner; Crofton");
		for (int row = 0; row < 6; row++) {
			boolean pair = row >= 3;
			String label = pair ? Phase.values()[PhaseSurfaces.PAIRS[row - 3][0]].displayName() + "-"
				+ Phase.values()[PhaseSurfaces.PAIRS[row - 3][1]].displayName() : Phase.values()[row].displayName();
			StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-9s", label));
			double ref = area(ps[lew], row, mc);
			for (int i = 0; i < vs3.length; i++) sb.append(String.format(Locale.ROOT, " %s %.4f", vs3[i].key, area(ps[i], row, mc)));
			for (int i = 0; i < vs3.length; i++)
				if (i != lew) sb.append(String.format(Locale.ROOT, " | %s %+.2f %%", vs3[i].key, 100 * (area(ps[i], row, mc) / ref - 1)));
			sb.append(String.format(Locale.ROOT, " | crofton %.2f (%+.2f %%)", area(ps[0], row, cr), 100 * (area(ps[0], row, cr) / ref - 1)));
			System.out.println(sb);
		}
	}

	private static double area(PhaseSurfaces ps, int row, int estimator) {
		return row < 3 ? ps.surface[row][estimator] : ps.interfaceArea[row - 3][estimator];
	}

	private static void write(PlanarImg<UnsignedByteType, ByteArray> img, Path file) throws Exception {
		int w = (int) img.dimension(0), h = (int) img.dimension(1), d = (int) img.dimension(2);
		byte[] all = new byte[w * h * d];
		for (int z = 0; z < d; z++) System.arraycopy(img.getPlane(z).getCurrentStorageArray(), 0, all, z * w * h, w * h);
		Files.createDirectories(file.getParent());
		Files.write(file, all);
	}
}
