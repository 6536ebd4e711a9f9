package org.cathodej.connectivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Random;

import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

/** The compact serialised form of a slab partial (a Spark task's result) gives back the same clusters. */
class SlabClustersSerialTest {

	static final int W = 37, H = 29, D = 23, SLAB = 5;

	@Test
	void roundTripGivesTheSameMergedClusters() throws Exception {
		for (Connectivity conn : Connectivity.values()) {
			byte[][] planes = blobs(new Random(7), 0.45);
			SlabClusters direct = null, travelled = null;
			long compact = 0, raw = 0;
			for (int z0 = 0; z0 < D; z0 += SLAB) {
				int z1 = Math.min(D, z0 + SLAB);
				byte[][] sub = Arrays.copyOfRange(planes, z0, z1);
				SlabClusters a = slab(sub, z0, z1, conn), b = slab(sub, z0, z1, conn);
				byte[] bytes = serialise(b);
				compact += bytes.length;
				raw += 13L * (b.provisional() + 1) + 8L * W * H;
				SlabClusters c = deserialise(bytes);
				direct = direct == null ? a : direct.append(a);
				travelled = travelled == null ? c : travelled.append(c);
			}
			// a merged run travels as well (what a Spark task returns)
			travelled = deserialise(serialise(travelled));
			assertEquals(direct.provisional(), travelled.provisional());
			assertArrayEquals(direct.last, travelled.last);
			assertArrayEquals(direct.first, travelled.first);
			SlabClusters.Finished f = direct.finish(), g = travelled.finish();
			assertEquals(f.clusters.count(), g.clusters.count(), conn.toString());
			// the running count (the pore analysis checks its tables by it) is the finished count, after a journey too
			assertEquals(f.clusters.count(), direct.clusters(), conn + " clusters so far");
			assertEquals(f.clusters.count(), travelled.clusters(), conn + " clusters so far, travelled");
			assertArrayEquals(f.clusters.sizes(), g.clusters.sizes());
			for (int k = 1; k <= f.clusters.count(); k++) assertEquals(f.clusters.faces(k), g.clusters.faces(k));
			assertArrayEquals(Arrays.copyOf(f.map, direct.provisional() + 1), Arrays.copyOf(g.map, direct.provisional() + 1));
			assertTrue(compact < raw / 2, "compact " + compact + " B, as int/long arrays " + raw + " B");
		}
	}

	@Test
	void contactPairsTravelSortedAndUnique() throws Exception {
		Random r = new Random(11);
		ContactPairs p = new ContactPairs();
		for (int i = 0; i < 5000; i++) p.add(1 + r.nextInt(300), 1 + r.nextInt(i % 7 == 0 ? Integer.MAX_VALUE - 1 : 40));
		ByteArrayOutputStream bo = new ByteArrayOutputStream();
		try (ObjectOutputStream o = new ObjectOutputStream(bo)) {
			o.writeObject(p);
		}
		ContactPairs q;
		try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bo.toByteArray()))) {
			q = (ContactPairs) i.readObject();
		}
		p.compact();
		assertEquals(p.size, q.size);
		assertArrayEquals(Arrays.copyOf(p.pairs, p.size), Arrays.copyOf(q.pairs, q.size));
		q.add(ContactPairs.a(p.pairs[0]), ContactPairs.b(p.pairs[0])); // still usable for the merge: a known pair adds nothing
		assertEquals(p.size, q.compact().size);
		assertTrue(bo.size() < 8 * p.size, bo.size() + " B for " + p.size + " pairs");
	}

	private static SlabClusters slab(byte[][] sub, int z0, int z1, Connectivity conn) {
		Clusters c = ComponentLabeler.label(Phantom.bytes(sub, W, H), 1, conn, 1, Progress.NONE);
		return SlabClusters.of(c, z0, z0 == 0, z1 == D);
	}

	/** Phase 1 in random boxes (clusters of many sizes, some cut by the slab faces), else 0. */
	private static byte[][] blobs(Random r, double fill) {
		byte[][] p = new byte[D][W * H];
		for (int b = 0; b < 60; b++) {
			int x0 = r.nextInt(W), y0 = r.nextInt(H), z0 = r.nextInt(D), s = 1 + r.nextInt(6);
			for (int z = z0; z < Math.min(D, z0 + s); z++)
				for (int y = y0; y < Math.min(H, y0 + s); y++)
					for (int x = x0; x < Math.min(W, x0 + s); x++) p[z][x + y * W] = 1;
		}
		for (byte[] q : p) for (int i = 0; i < q.length; i++) if (q[i] == 0 && r.nextDouble() < fill / 20) q[i] = 1;
		return p;
	}

	private static byte[] serialise(SlabClusters s) throws IOException {
		ByteArrayOutputStream bo = new ByteArrayOutputStream();
		try (ObjectOutputStream o = new ObjectOutputStream(bo)) {
			o.writeObject(s);
		}
		return bo.toByteArray();
	}

	private static SlabClusters deserialise(byte[] b) throws IOException, ClassNotFoundException {
		try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(b))) {
			return (SlabClusters) i.readObject();
		}
	}
}
