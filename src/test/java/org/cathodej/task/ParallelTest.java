package org.cathodej.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class ParallelTest {

	@Test
	void blocksCoverEveryIndexOnceInContiguousRanges() {
		for (int n : new int[] { 0, 1, 3, 100, 101 })
			for (int threads : new int[] { 1, 2, 3, 8 }) {
				AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
				List<int[]> blocks = Collections.synchronizedList(new ArrayList<>());
				Parallel.forEachBlock(n, threads, (from, to) -> {
					blocks.add(new int[] { from, to });
					for (int i = from; i < to; i++) hits.incrementAndGet(i);
				});
				for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "n " + n + " threads " + threads + " index " + i);
				assertTrue(blocks.size() <= Math.max(1, Math.min(threads, n)), "one block per thread at most");
				for (int[] b : blocks) assertTrue(b[0] <= b[1]);
			}
	}

	@Test
	void forEachVisitsEveryIndexOnce() {
		AtomicIntegerArray hits = new AtomicIntegerArray(37);
		Parallel.forEach(37, 4, hits::incrementAndGet);
		for (int i = 0; i < 37; i++) assertEquals(1, hits.get(i));
	}
}
