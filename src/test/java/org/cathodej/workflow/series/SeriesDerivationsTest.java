package org.cathodej.workflow.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.cathodej.results.Csv;
import org.cathodej.results.Table;
import org.junit.jupiter.api.Test;

class SeriesDerivationsTest {

	/** Brute force: the edit distance by plain recursion over prefixes (small strings only). */
	static int bruteDistance(String a, String b) {
		if (a.isEmpty()) return b.length();
		if (b.isEmpty()) return a.length();
		int sub = bruteDistance(a.substring(1), b.substring(1)) + (a.charAt(0) == b.charAt(0) ? 0 : 1);
		return Math.min(sub, Math.min(bruteDistance(a.substring(1), b) + 1, bruteDistance(a, b.substring(1)) + 1));
	}

	@Test
	void levenshteinMatchesTheRecursiveDefinition() {
		SplittableRandom r = new SplittableRandom(3);
		for (int i = 0; i < 300; i++) {
			String a = random(r), b = random(r);
			assertEquals(bruteDistance(a, b), Suggest.distance(a, b), a + " / " + b);
		}
		assertEquals(3, Suggest.distance("kitten", "sitting"));
		assertEquals(Arrays.asList("phase_fractions.pore.volume_fraction", "phase_fractions.CAM.volume_fraction"),
			Suggest.closest("phase_fractions.pore.volume_fractio", Arrays.asList("tortuosity.z.tau", "phase_fractions.CAM.volume_fraction",
				"phase_fractions.pore.volume_fraction"), 2));
	}

	private static String random(SplittableRandom r) {
		StringBuilder sb = new StringBuilder();
		for (int n = r.nextInt(6); n > 0; n--) sb.append((char) ('a' + r.nextInt(3)));
		return sb.toString();
	}

	@Test
	void descriptorChoiceExpandsKeyKeepsOrderAndSuggests() {
		List<String> keys = Arrays.asList("k1", "k2"), all = Arrays.asList("k1", "k2", "a.b.c", "a.b.d");
		assertEquals(Arrays.asList("a.b.d", "k1", "k2"), DescriptorChoice.choose("a.b.d, key, k1", keys, all));
		String m = assertThrows(IllegalArgumentException.class, () -> DescriptorChoice.choose("a.b.e", keys, all)).getMessage();
		assertTrue(m.startsWith("Unknown descriptor 'a.b.e'. Closest: a.b.c, a.b.d"), m);
		assertThrows(IllegalArgumentException.class, () -> DescriptorChoice.choose(" , ", keys, all));
		DescriptorChoice.checkStems("key, phase_fractions.pore.x", Collections.singletonList("phase_fractions"));
		assertThrows(IllegalArgumentException.class, () -> DescriptorChoice.checkStems("phase.pore.x", Collections.singletonList("phase_fractions")));
	}

	@Test
	void comparisonTableHasOneRowPerSampleWithParametersAndDescriptors() {
		Map<String, String> p1 = new LinkedHashMap<>(), p2 = new LinkedHashMap<>();
		p1.put("pressure", "2.5");
		p1.put("batch", "A,1");
		p2.put("pressure", "");
		p2.put("batch", "B");
		Map<String, Double> d1 = new LinkedHashMap<>(), d2 = new LinkedHashMap<>();
		d1.put("phase_fractions.pore.volume_fraction", 0.25);
		d1.put("x.y.z", 7.0);
		d2.put("phase_fractions.pore.volume_fraction", 0.125);
		SeriesRow r1 = new SeriesRow(new Sample("s1", null, null, p1), Paths.get("s1"), SeriesRow.Status.COMPUTED, Collections.emptyList(), d1, 1);
		SeriesRow r2 = new SeriesRow(new Sample("s2", null, null, p2), Paths.get("s2"), SeriesRow.Status.READ, Collections.emptyList(), d2, 1);
		SeriesResult s = new SeriesResult(Arrays.asList("pressure", "batch"), Arrays.asList(r1, r2), Collections.emptyList());
		Table t = s.comparison();
		assertEquals("Label,pressure,batch,source,phase_fractions.pore.volume_fraction,x.y.z\n"
			+ "s1,2.5,\"A,1\",computed,0.25,7\n"
			+ "s2,,B,stored,0.125,\n", Csv.of(t)); // undefined (NaN) cells are empty
		assertTrue(s.summary().startsWith("Sample Series: 2 samples (1 read from stored results, 0 analyses run)"), s.summary());
	}
}
