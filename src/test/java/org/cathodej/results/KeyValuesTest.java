package org.cathodej.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KeyValuesTest {

	@Test
	void entriesTrimmedInOrderWithoutTheOnesLackingAnEqualsSign() {
		Map<String, String> m = KeyValues.parse(" mode = slice ;junk; low=1.5;high= 99 ;empty=;a=b=c");
		assertEquals(Arrays.asList("mode", "low", "high", "empty", "a"), Arrays.asList(m.keySet().toArray()));
		assertEquals("slice", m.get("mode"));
		assertEquals("1.5", m.get("low"));
		assertEquals("99", m.get("high"));
		assertEquals("", m.get("empty"));
		assertEquals("b=c", m.get("a"), "only the first '=' separates");
	}

	@Test
	void aRepeatedKeyKeepsItsLastValue() {
		assertEquals("2", KeyValues.parse("k=1;k=2").get("k"));
		assertEquals(0, KeyValues.parse("").size());
	}
}
