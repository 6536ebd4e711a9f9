package org.cathodej.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

/**
 * The hook a distributed driver uses for streamed outputs: {@link StreamedOutput#run} hands a {@link TransformExecutor}
 * source a portable transform, and runs of slabs ({@link StreamedOutput#writeRange}) on serialised copies of it,
 * done in any order, write the slices of the single-JVM run; a transform that is not portable stays in this JVM.
 */
class TransformExecutorTest {

	/** Runs the plan in {@code parts} runs, last run first, each on a serialised copy of the transform. */
	static final class SplittingSource extends SplittingSourceBase implements TransformExecutor {
		SplittingSource(ImgSource local, int parts) {
			super(local, parts);
		}

		@Override
		public List<Serializable> runTransform(List<? extends VolumeSource> inputs, SlabPlan plan, SlabTransform.Portable op, SliceSink sink,
			Progress progress) {
			calls++;
			int n = plan.count(), k = Math.min(parts, n);
			List<Serializable> results = new ArrayList<>();
			for (int j = k - 1; j >= 0; j--)
				results.addAll(0, SlabExecutorTest.roundTrip(StreamedOutput.writeRange(locals(inputs), plan, j * n / k, (j + 1) * n / k, SlabExecutorTest.roundTrip(op), sink)));
			return results;
		}
	}

	/** Slices kept in memory, by z; complete() checks that every slice came exactly once. */
	static final class Collecting implements SliceSink, Serializable {
		private static final long serialVersionUID = 1L;
		final Map<Integer, byte[]> slices = new TreeMap<>();
		final int depth;
		boolean completed;

		Collecting(int depth) {
			this.depth = depth;
		}

		@Override public synchronized void write(int z, Object plane) {
			assertTrue(slices.put(z, ((byte[]) plane).clone()) == null, "slice " + z + " written twice");
		}
		@Override public void complete() {
			assertEquals(depth, slices.size());
			completed = true;
		}
		@Override public void abort() {}
	}

	/** Output slice z = the sum of input slices z-1, z, z+1 (those inside the volume), modulo 256: needs the halo. */
	static byte[] sum3(Slab s, int z) {
		byte[] o = new byte[s.width() * s.height()];
		for (int dz = -1; dz <= 1; dz++) {
			if (z + dz < 0 || z + dz >= s.volumeDepth()) continue;
			byte[] p = (byte[]) s.plane(z + dz);
			for (int i = 0; i < o.length; i++) o[i] += p[i];
		}
		return o;
	}

	static SlabTransform.Portable portable() {
		return new SlabTransform.Portable() {
			private static final long serialVersionUID = 1L;
			@Override public int halo() { return 1; }
			@Override public Object[] apply(Slab[] in) {
				Object[] out = new Object[in[0].coreDepth()];
				for (int k = 0; k < out.length; k++) out[k] = sum3(in[0], in[0].z0() + k);
				return out;
			}
		};
	}

	/** sum3, and as the slab's result the sum of each output slice's bytes, kept into {@code sums} by z. */
	static final class Summing implements SlabTransform.Reporting<long[]> {
		private static final long serialVersionUID = 1L;
		final transient long[] sums;

		Summing(int depth) {
			sums = new long[depth];
		}

		@Override public int halo() { return 1; }
		@Override public SlabTransform.Output<long[]> transform(Slab[] in) {
			Object[] out = portable().apply(in);
			long[] s = new long[out.length];
			for (int k = 0; k < out.length; k++) for (byte b : (byte[]) out[k]) s[k] += b & 0xff;
			return new SlabTransform.Output<>(out, s);
		}
		@Override public void keep(int z0, long[] r) {
			System.arraycopy(r, 0, sums, z0, r.length);
		}
	}

	@Test
	void slabResultsComeBackToTheAskingSideInSlabOrder() {
		byte[][] v = StreamPhantoms.percolating(9, 7, 23, 5, true);
		ImgSource img = StreamingExactTest.source(StreamPhantoms.bytes(v, 9, 7));
		SlabPlan plan = new SlabPlan(23, 4);
		Summing ref = new Summing(23);
		StreamedOutput.run(Collections.singletonList(img), plan, ref, new Collecting(23), Progress.NONE);
		assertTrue(java.util.Arrays.stream(ref.sums).sum() > 0);
		for (int parts : new int[] { 1, 2, 3, 7 }) {
			Summing got = new Summing(23);
			StreamedOutput.run(Collections.singletonList(new SplittingSource(img, parts)), plan, got, new Collecting(23), Progress.NONE);
			assertArrayEquals(ref.sums, got.sums, parts + " runs");
		}
	}

	@Test
	void portableTransformsRunElsewhereAndWriteTheSameSlices() {
		byte[][] v = StreamPhantoms.percolating(9, 7, 23, 5, true);
		ImgSource img = StreamingExactTest.source(StreamPhantoms.bytes(v, 9, 7));
		SlabPlan plan = new SlabPlan(23, 3);
		Collecting ref = new Collecting(23);
		StreamedOutput.run(Collections.singletonList(img), plan, portable(), ref, Progress.NONE);
		for (int parts : new int[] { 1, 2, 3, 7 }) {
			SplittingSource src = new SplittingSource(img, parts);
			Collecting got = new Collecting(23);
			StreamedOutput.run(Collections.singletonList(src), plan, portable(), got, Progress.NONE);
			assertEquals(1, src.calls, "delegated once");
			assertTrue(got.completed);
			for (int z = 0; z < 23; z++) assertArrayEquals(ref.slices.get(z), got.slices.get(z), parts + " runs, slice " + z);
		}
		SplittingSource src = new SplittingSource(img, 2);
		SlabTransform local = in -> portable().apply(in); // not portable (it could keep side results): stays here
		Collecting got = new Collecting(23);
		StreamedOutput.run(Collections.singletonList(src), plan, new SlabTransform() {
			@Override public int halo() { return 1; }
			@Override public Object[] apply(Slab[] in) { return local.apply(in); }
		}, got, Progress.NONE);
		assertEquals(0, src.calls);
		for (int z = 0; z < 23; z++) assertArrayEquals(ref.slices.get(z), got.slices.get(z));
	}

	/** Output slice z = input 1 + input 2 at slice z (modulo 256): a transform of two aligned volumes. */
	static SlabTransform.Portable sum2() {
		return new SlabTransform.Portable() {
			private static final long serialVersionUID = 1L;
			@Override public Object[] apply(Slab[] in) {
				Object[] out = new Object[in[0].coreDepth()];
				for (int k = 0; k < out.length; k++) {
					byte[] a = (byte[]) in[0].plane(in[0].z0() + k), b = (byte[]) in[1].plane(in[0].z0() + k), o = new byte[a.length];
					for (int i = 0; i < o.length; i++) o[i] = (byte) (a[i] + 2 * b[i]);
					out[k] = o;
				}
				return out;
			}
		};
	}

	@Test
	void alignedVolumesAreTransformedTogetherElsewhere() {
		ImgSource a = StreamingExactTest.source(StreamPhantoms.bytes(StreamPhantoms.percolating(9, 7, 23, 5, true), 9, 7));
		ImgSource b = StreamingExactTest.source(StreamPhantoms.bytes(StreamPhantoms.percolating(9, 7, 23, 6, true), 9, 7));
		SlabPlan plan = new SlabPlan(23, 3);
		Collecting ref = new Collecting(23);
		StreamedOutput.run(java.util.Arrays.asList(a, b), plan, sum2(), ref, Progress.NONE);
		for (int parts : new int[] { 1, 2, 3, 7 }) {
			SplittingSource sa = new SplittingSource(a, parts), sb = new SplittingSource(b, parts);
			Collecting got = new Collecting(23);
			StreamedOutput.run(java.util.Arrays.asList(sa, sb), plan, sum2(), got, Progress.NONE);
			assertEquals(1, sa.calls + sb.calls, "delegated once, to the first volume");
			for (int z = 0; z < 23; z++) assertArrayEquals(ref.slices.get(z), got.slices.get(z), parts + " runs, slice " + z);
		}
		Collecting mixed = new Collecting(23); // one volume here: the transform stays here
		SplittingSource sa = new SplittingSource(a, 2);
		StreamedOutput.run(java.util.Arrays.asList(sa, b), plan, sum2(), mixed, Progress.NONE);
		assertEquals(0, sa.calls);
		for (int z = 0; z < 23; z++) assertArrayEquals(ref.slices.get(z), mixed.slices.get(z));
	}
}
