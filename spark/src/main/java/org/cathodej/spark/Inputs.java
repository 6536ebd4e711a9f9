package org.cathodej.spark;

import java.io.File;

import org.apache.hadoop.conf.Configuration;
import org.cathodej.volume.Hdf5Source;

/** The inputs a job accepts: {@code file.h5:/dataset} on a shared filesystem, or a folder of TIFF slices on any Hadoop path. */
final class Inputs {

	private Inputs() {}

	static SourceSpec spec(String input, Configuration conf) {
		String[] h5 = Hdf5Source.splitSpec(input);
		if (h5 != null) {
			if (!new File(h5[0]).isFile())
				throw new IllegalArgumentException("HDF5 file not found: " + h5[0] + " (HDF5 input must be a file every executor can read: a shared filesystem)");
			return new Hdf5Spec(h5[0], h5[1], null);
		}
		return HadoopSliceFolder.open(input, null, conf);
	}

	/** The image title ImageJ would show: the folder's name, or file:dataset. */
	static String title(String input) {
		String[] h5 = Hdf5Source.splitSpec(input);
		if (h5 != null) return new File(h5[0]).getName() + ":" + h5[1];
		String s = input.replaceAll("/+$", "");
		return s.substring(s.lastIndexOf('/') + 1);
	}
}
