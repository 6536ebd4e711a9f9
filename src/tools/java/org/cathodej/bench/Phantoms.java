package org.cathodej.bench;

import java.util.HashMap;
import java.util.Map;

import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.task.Progress;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** Benchmark inputs: a synthetic cathode of the requested size (seed 1, 45 % CAM, 8 % pore), cached per size. */
public final class Phantoms {

	private static final Map<String, PlanarImg<UnsignedByteType, ByteArray>> CACHE = new HashMap<>();

	private Phantoms() {}

	public static synchronized PlanarImg<UnsignedByteType, ByteArray> cathode(int[] size) {
		String key = size[0] + "x" + size[1] + "x" + size[2];
		PlanarImg<UnsignedByteType, ByteArray> cached = CACHE.get(key);
		if (cached != null) return cached;
		CACHE.clear(); // keep one at a time: the big ones take hundreds of MB
		{
			SyntheticCathode.Params p = new SyntheticCathode.Params();
			p.width = size[0];
			p.height = size[1];
			p.depth = size[2];
			p.voxelSize = new VoxelSize(0.1, 0.1, 0.1, "\u00b5m");
			p.camRadius = 0.8;
			p.camRadiusSd = 0.2;
			p.clustering = 0.3;
			p.seed = 1;
			PlanarImg<UnsignedByteType, ByteArray> img = SyntheticCathode.generate(p, Progress.NONE).volume.toImg();
			CACHE.put(key, img);
			return img;
		}
	}

	public static VoxelSize voxelSize() {
		return new VoxelSize(0.1, 0.1, 0.1, "\u00b5m");
	}
}
