package org.cathodej.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cathodej.fractions.FractionsKernel;
import org.cathodej.fractions.PhaseFractions;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

/**
 * The hook a distributed driver uses: {@link SlabStreamer#run} hands a {@link SlabExecutor} source the kernel, and
 * runs of slabs ({@link SlabStreamer#runRange}) on serialised copies of the kernel, merged in slab order, give the
 * single-JVM result.
 */
class SlabExecutorTest {

	static final PhaseLabels PL = PhaseLabels.defaults();

	/** Splits the plan into {@code parts} runs, runs each on a serialised copy of the kernel, merges in slab order. */
	static final class SplittingSource extends SplittingSourceBase implements SlabExecutor {
		SplittingSource(ImgSource local, int parts) {
			super(local, parts);
		}

		@Override
		public <P extends Serializable> P runSlabs(List<? extends VolumeSource> inputs, SlabPlan plan, SlabKernel<P> kernel, Progress progress) {
			calls++;
			int n = plan.count(), k = Math.min(parts, n);
			List<P> runs = new ArrayList<>();
			for (int j = 0; j < k; j++)
				runs.add(roundTrip(SlabStreamer.runRange(locals(inputs), plan, j * n / k, (j + 1) * n / k, roundTrip(kernel), Progress.NONE)));
			return kernel.mergeAll(runs);
		}
	}

	@SuppressWarnings("unchecked")
	static <T> T roundTrip(T o) {
		try {
			ByteArrayOutputStream b = new ByteArrayOutputStream();
			try (ObjectOutputStream out = new ObjectOutputStream(b)) {
				out.writeObject(o);
			}
			try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
				return (T) in.readObject();
			}
		} catch (IOException | ClassNotFoundException e) {
			throw new AssertionError("Not serialisable: " + o, e);
		}
	}

	@Test
	void executorSourceGetsTheKernelAndRunsGiveTheStreamedCounts() {
		byte[][] v = StreamPhantoms.percolating(9, 7, 23, 5, true);
		ImgSource img = StreamingExactTest.source(StreamPhantoms.bytes(v, 9, 7));
		PhaseFractions.Counts ref = SlabStreamer.run(img, new SlabPlan(23, 3), new FractionsKernel(PL, 1), Progress.NONE).counts();
		for (int parts : new int[] { 1, 2, 3, 7 }) {
			SplittingSource src = new SplittingSource(img, parts);
			PhaseFractions.Counts c = SlabStreamer.run(src, new SlabPlan(23, 3), new FractionsKernel(PL, 1), Progress.NONE).counts();
			assertEquals(1, src.calls, "delegated once");
			assertArrayEquals(ref.phase, c.phase);
			assertEquals(ref.otherLabels, c.otherLabels);
			for (int a = 0; a < 3; a++) assertTrue(Arrays.deepEquals(ref.profile[a], c.profile[a]), parts + " runs, axis " + a);
		}
	}

	@Test
	void aListenerKeepsTheRunHere() {
		byte[][] v = StreamPhantoms.percolating(5, 4, 6, 1, false);
		SplittingSource src = new SplittingSource(StreamingExactTest.source(StreamPhantoms.bytes(v, 5, 4)), 2);
		int[] seen = { 0 };
		SlabStreamer.run(src, new SlabPlan(6, 2), new FractionsKernel(PL, 1), (s, p) -> seen[0]++, Progress.NONE);
		assertEquals(0, src.calls);
		assertEquals(3, seen[0]);
	}

	@Test
	void rangeOutsideThePlanIsRefused() {
		byte[][] v = StreamPhantoms.percolating(5, 4, 6, 1, false);
		ImgSource img = StreamingExactTest.source(StreamPhantoms.bytes(v, 5, 4));
		assertThrows(IllegalArgumentException.class,
			() -> SlabStreamer.runRange(img, new SlabPlan(6, 2), 2, 4, new FractionsKernel(PL, 1), null, Progress.NONE));
	}

	/** Per slab: how often voxel a of the first volume and b of the second (both 0..2) coincide, summed. */
	static final class PairCounts implements SlabKernel<long[]>, Serializable {
		private static final long serialVersionUID = 1L;

		@Override public long[] partial(Slab slab) { throw new AssertionError("a two-volume kernel gets both slabs"); }

		@Override
		public long[] partial(Slab[] s) {
			long[] n = new long[9];
			for (int z = s[0].z0(); z < s[0].z1(); z++) {
				byte[] a = (byte[]) s[0].plane(z), b = (byte[]) s[1].plane(z);
				for (int i = 0; i < a.length; i++) n[3 * a[i] + b[i]]++;
			}
			return n;
		}

		@Override
		public long[] merge(long[] a, long[] b) {
			long[] m = a.clone();
			for (int i = 0; i < m.length; i++) m[i] += b[i];
			return m;
		}
	}

	@Test
	void alignedVolumesRunTogetherWhereTheyLive() {
		ImgSource a = StreamingExactTest.source(StreamPhantoms.bytes(StreamPhantoms.percolating(9, 7, 23, 5, false), 9, 7));
		ImgSource b = StreamingExactTest.source(StreamPhantoms.bytes(StreamPhantoms.percolating(9, 7, 23, 6, false), 9, 7));
		SlabPlan plan = new SlabPlan(23, 3);
		long[] ref = SlabStreamer.run(Arrays.asList(a, b), plan, new PairCounts(), Progress.NONE);
		assertEquals(9 * 7 * 23, Arrays.stream(ref).sum());
		assertTrue(Arrays.stream(ref).filter(n -> n > 0).count() > 3, "the two volumes differ");
		for (int parts : new int[] { 1, 2, 3, 7 }) {
			SplittingSource sa = new SplittingSource(a, parts), sb = new SplittingSource(b, parts);
			assertArrayEquals(ref, SlabStreamer.run(Arrays.asList(sa, sb), plan, new PairCounts(), Progress.NONE), parts + " runs");
			assertEquals(1, sa.calls + sb.calls, "delegated once, to the first volume");
		}
		assertThrows(IllegalArgumentException.class, () -> SlabStreamer.run(Arrays.asList(a, StreamingExactTest.source(StreamPhantoms.bytes(
			StreamPhantoms.percolating(9, 7, 22, 5, false), 9, 7))), new SlabPlan(23, 3), new PairCounts(), Progress.NONE), "sizes differ");
	}
}
