package org.cathodej.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.imagej.TiffSliceWriter;
import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.LabelVolume;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.task.Progress;

import net.imglib2.img.planar.PlanarImg;

/** Phantoms written as TIFF-slice folders, local Spark contexts, and the files of result folders, for the tests. */
final class TestVolumes {

	private TestVolumes() {}

	/** A local Spark context for tests: no UI, loopback only, few shuffle partitions. */
	static JavaSparkContext spark(String master) {
		return new JavaSparkContext(conf(master));
	}

	/** The test configuration of {@link #spark}, to add settings to. */
	static SparkConf conf(String master) {
		return new SparkConf().setMaster(master).setAppName("cathodej-spark test").set("spark.ui.enabled", "false")
			.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1").set("spark.sql.shuffle.partitions", "2");
	}

	/**
	 * A small synthetic cathode (CAM spheres a few voxels across in ISE, pores): its clusters and chords cross slab
	 * faces of slabs 1 to 3 slices high many times.
	 */
	static LabelVolume cathode(int w, int h, int d, long seed) {
		SyntheticCathode.Params p = new SyntheticCathode.Params();
		p.width = w;
		p.height = h;
		p.depth = d;
		p.voxelSize = new VoxelSize(0.1, 0.1, 0.15, "um");
		p.camRadius = 0.35;
		p.camRadiusSd = 0.1;
		p.poreRadius = 0.25;
		p.seed = seed;
		return SyntheticCathode.generate(p, Progress.NONE).volume;
	}

	/** Writes the volume as name_0000.tif ... into {@code dir} (calibrated, with the z spacing). */
	static File writeSlices(LabelVolume v, File dir) {
		PlanarImg<?, ?> img = v.toImg();
		int d = (int) img.dimension(2), w = (int) img.dimension(0), h = (int) img.dimension(1);
		try (TiffSliceWriter wr = new TiffSliceWriter(dir, "labels", w, h, d, v.voxelSize(), false)) {
			for (int z = 0; z < d; z++) wr.write(z, img.getPlane(z).getCurrentStorageArray(), w, h);
			return wr.commit();
		}
	}

	/** Every file under {@code dir} by relative path, with its bytes. */
	static Map<String, byte[]> files(Path dir, String suffix) {
		Map<String, byte[]> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(dir)) {
			List<Path> l = new ArrayList<>();
			s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).forEach(l::add);
			for (Path p : l) m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return m;
	}
}
