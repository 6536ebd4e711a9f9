package org.cathodej.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import org.cathodej.connectivity.StreamedCamUtilisation.LabelKernel;
import org.cathodej.image.VoxelSize;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.cathodej.volume.ImgSource;
import org.cathodej.volume.Slab;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.junit.jupiter.api.Test;

/**
 * Pass 1's kept CAM and ISE labels are the labels pass 2 would make again, are handed out once, and never travel with
 * the kernel (a worker that gets a serialised kernel labels again). The tables and class slices of both paths are
 * compared with the in-memory run in {@code volume.StreamingExactTest}.
 */
class StreamedCamKeptLabelsTest {

	static final int W = 19, H = 17, D = 23;

	@Test
	void keptLabelsAreTheLabelsMadeAgainAndStayLocal() throws Exception {
		PhaseLabels pl = PhaseLabels.defaults();
		ImgSource src = new ImgSource(Phantom.bytes(stripes(pl, new Random(3)), W, H), VoxelSize.uncalibrated(), "phantom");
		for (Connectivity conn : Connectivity.values()) {
			SlabPlan plan = new SlabPlan(D, 2);
			Map<Integer, int[][]> kept = new ConcurrentHashMap<>();
			LabelKernel local = new LabelKernel(pl, conn, true, 2, kept);
			SlabStreamer.run(src, plan, local, Progress.NONE);
			assertEquals(plan.count(), kept.size(), conn + ": every slab kept");
			LabelKernel travelled = roundTrip(local);
			boolean cam = false, ise = false;
			for (int i = 0; i < plan.count(); i++) {
				Slab s = Slab.read(src, plan, i, 0, 0);
				int[][] k = kept.get(s.z0());
				assertNotNull(k, conn + " slab " + i);
				assertTrue(Arrays.deepEquals(k, travelled.phaseLabels(s)), conn + " slab " + i + ": kept = labelled again");
				assertSame(k, local.phaseLabels(s), conn + " slab " + i + ": the kept labels handed to pass 2");
				assertFalse(kept.containsKey(s.z0()), conn + " slab " + i + ": let go once used");
				for (int[] row : k) for (int v : row) {
					cam |= v > 0;
					ise |= v < 0;
				}
			}
			assertTrue(cam && ise, "the phantom has CAM and ISE");
		}
	}

	/** Pore, CAM and ISE in slanted stripes with noise: clusters that cross every slab face. */
	private static byte[][] stripes(PhaseLabels pl, Random r) {
		int[] phase = { pl.pore(), pl.cam(), pl.ise() };
		byte[][] p = new byte[D][W * H];
		for (int z = 0; z < D; z++)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) p[z][x + y * W] = (byte) phase[(x / 3 + y / 4 + z / 2 + r.nextInt(2)) % 3];
		return p;
	}

	private static LabelKernel roundTrip(LabelKernel k) throws Exception {
		ByteArrayOutputStream bo = new ByteArrayOutputStream();
		try (ObjectOutputStream o = new ObjectOutputStream(bo)) {
			o.writeObject(k);
		}
		try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bo.toByteArray()))) {
			return (LabelKernel) i.readObject();
		}
	}
}
