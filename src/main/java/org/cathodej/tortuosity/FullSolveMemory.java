package org.cathodej.tortuosity;

import org.cathodej.image.VoxelSize;
import org.cathodej.volume.Slab;
import org.cathodej.volume.VolumeSource;

/**
 * The memory a full flux solve of a whole volume holds, stated before it starts: the conduction classes (1 byte per
 * voxel) and the solver's vectors and preconditioner for the conducting voxels (the spanning ones, which the solve
 * finds later, are a subset, so counting all conducting voxels gives an upper bound), and a bit per voxel saying
 * which voxels the kept multigrid hierarchy was built on when several axes are solved.
 */
public final class FullSolveMemory {

	private FullSolveMemory() {}

	/**
	 * @param conducting voxels of the conducting phase(s), or all voxels when not counted
	 * @param vs the voxel size (anisotropic voxels make more coarse cells)
	 */
	public static long bytes(int w, int h, int d, VoxelSize vs, long conducting, Conductivities cond, FluxTortuosity.Options o) {
		long vox = (long) w * h * d;
		return vox + ConductionClasses.spanningBitsBytes(vox) + ConductionSystem.solverBytes(w, h, d, vs, conducting, cond.labels().size(), o.preconditioning, o.threads);
	}

	/** Voxels whose label conducts, read slice by slice (for a volume in memory; a streamed one would be read whole). */
	public static long conductingVoxels(VolumeSource src, Conductivities cond) {
		boolean[] conducts = new boolean[1 << src.bitDepth()];
		for (int l : cond.labels()) if (l >= 0 && l < conducts.length) conducts[l] = true;
		long n = 0;
		for (int z = 0; z < src.depth(); z++) {
			for (int l : Slab.ints(src.readPlanes(z, z + 1)[0])) n += conducts[l] ? 1 : 0;
		}
		return n;
	}
}
