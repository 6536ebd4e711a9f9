package org.cathodej.connectivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The contact set is the sorted set of the pairs added, whatever their order and repeats (the filters for repeated
 * pairs drop no pair that was not seen before), also across merges with label offsets.
 */
class ContactPairsTest {

	@Test
	void isTheSortedSetOfThePairsAdded() {
		SplittableRandom r = new SplittableRandom(11);
		for (int range : new int[] { 3, 60, 5000, 1 << 20 }) {
			ContactPairs c = new ContactPairs(), other = new ContactPairs();
			TreeSet<Long> truth = new TreeSet<>();
			for (int i = 0; i < 200_000; i++) {
				int a = 1 + r.nextInt(range), b = 1 + r.nextInt(range);
				int repeat = r.nextInt(4) == 0 ? 1 + r.nextInt(30) : 1; // runs of one pair, as along a shared face
				for (int k = 0; k < repeat; k++) {
					if (i % 2 == 0) c.add(a, b);
					else other.add(a, b);
				}
				truth.add(i % 2 == 0 ? pack(a, b) : pack(a + 7, b + 9));
			}
			c.addAll(other.compact(), 7, 9);
			c.compact();
			long[] got = java.util.Arrays.copyOf(c.pairs, c.size);
			assertArrayEquals(truth.stream().mapToLong(Long::longValue).toArray(), got, "labels 1.." + range);
		}
	}

	private static long pack(int a, int b) {
		return (long) a << 32 | (b & 0xffffffffL);
	}
}
