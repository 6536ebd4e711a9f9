package org.cathodej.spark;

import java.io.File;

import org.cathodej.image.VoxelSize;
import org.cathodej.volume.Hdf5Source;
import org.cathodej.volume.VolumeSource;

/** An HDF5 dataset at a path every executor can read as a file (a shared filesystem): each task opens it itself. */
final class Hdf5Spec implements SourceSpec {

	private static final long serialVersionUID = 1L;

	private final String file, dataset;
	private final VoxelSize given;

	Hdf5Spec(String file, String dataset, VoxelSize given) {
		this.file = file;
		this.dataset = dataset;
		this.given = given;
	}

	@Override
	public VolumeSource open() {
		return new Hdf5Source(new File(file), dataset, given);
	}
}
