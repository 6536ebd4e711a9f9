package org.cathodej.tortuosity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.junit.jupiter.api.Test;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** The random walk from a slice source (1-bit mask built slice by slice) equals the walk on the image in memory. */
class StreamedRandomWalkTest {

	@Test
	void walkFromASourceEqualsTheInMemoryWalk() {
		VoxelSize vs = new VoxelSize(0.1, 0.1, 0.2, "um");
		PlanarImg<UnsignedByteType, ByteArray> v = Vols.random(37, 29, 13, 0.7, 4); // odd sizes: the last 64-bit word of a slice is partial
		RandomWalkTortuosity.Options o = new RandomWalkTortuosity.Options();
		o.walkers = 200;
		o.steps = 3000;
		o.samples = 30;
		RandomWalkResult a = RandomWalkTortuosity.compute(v, 1, vs, o, Progress.NONE);
		RandomWalkResult b = RandomWalkTortuosity.compute(new ImgSource(v, vs, "random"), 1, vs, o, null, Progress.NONE);
		assertEquals(a.phi, b.phi, 0);
		for (int k = 0; k < a.msd.length; k++) assertArrayEquals(a.msd[k], b.msd[k], 0, "msd row " + k);
	}
}
