package org.cathodej.volume;

import java.util.ArrayList;
import java.util.List;

import org.cathodej.image.VoxelSize;

/**
 * What the executor tests' stand-ins for a distributed source share: the size, voxels and description are those of
 * an ordinary source in this JVM, {@code calls} counts the jobs a driver handed over, and the subclasses run a job
 * in {@code parts} runs of slabs on the ordinary sources.
 */
abstract class SplittingSourceBase implements VolumeSource {
	final ImgSource local;
	final int parts;
	int calls;

	SplittingSourceBase(ImgSource local, int parts) {
		this.local = local;
		this.parts = parts;
	}

	/** The ordinary sources behind the splitting ones. */
	static List<VolumeSource> locals(List<? extends VolumeSource> inputs) {
		List<VolumeSource> l = new ArrayList<>();
		for (VolumeSource s : inputs) l.add(((SplittingSourceBase) s).local);
		return l;
	}

	@Override public int width() { return local.width(); }
	@Override public int height() { return local.height(); }
	@Override public int depth() { return local.depth(); }
	@Override public int bitDepth() { return local.bitDepth(); }
	@Override public VoxelSize voxelSize() { return local.voxelSize(); }
	@Override public String description() { return "split " + local.description(); }
	@Override public Object[] readPlanes(int z0, int z1) { return local.readPlanes(z0, z1); }
}
