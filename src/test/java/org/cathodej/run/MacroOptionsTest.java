package org.cathodej.run;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MacroOptionsTest {

	@Test
	void parsesKeysValuesBracketsAndBareFlags() {
		Map<String, String> m = MacroOptions.parse("a=1 Path=[/tmp/a b/c.tif]  flag inner_radius=3 radius=5 empty=[]");
		assertEquals("1", m.get("a"));
		assertEquals("/tmp/a b/c.tif", m.get("path"));
		assertEquals("true", m.get("flag"));
		assertEquals("3", m.get("inner_radius"));
		assertEquals("5", m.get("radius"));
		assertEquals("", m.get("empty"));
		assertEquals(6, m.size());
	}

	@Test
	void formatRoundTrips() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("x", "1.5");
		m.put("dir", "/a b/c");
		m.put("t", "");
		m.put("flag", "true");
		assertEquals(m, MacroOptions.parse(MacroOptions.format(m)));
		assertEquals("run(\"Phase Fractions\", \"x=1.5 dir=[/a b/c] t=[] flag=true\");", MacroOptions.macroLine("Phase Fractions", m));
	}

	@Test
	void rejectsDuplicatesAndUnclosedBrackets() {
		assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse("a=1 a=2"));
		assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse("a=[1 2"));
	}
}
