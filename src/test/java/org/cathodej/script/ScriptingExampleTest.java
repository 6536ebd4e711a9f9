package org.cathodej.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cathodej.fractions.PhaseFractions;
import org.cathodej.phantom.SyntheticCathode;
import org.cathodej.tortuosity.FluxResult;
import org.junit.jupiter.api.Test;

import groovy.lang.GroovyShell;

/** Runs the Groovy example of docs/scripting.md as printed, and checks its numbers against the Java calls. */
class ScriptingExampleTest {

	@Test
	void groovyExampleOfTheScriptingPageRuns() throws IOException {
		String page = new String(Files.readAllBytes(Paths.get("docs/scripting.md")), StandardCharsets.UTF_8);
		Matcher m = Pattern.compile("```groovy\n(.*?)```", Pattern.DOTALL).matcher(page);
		assertTrue(m.find(), "docs/scripting.md has a ```groovy block");
		Object out = new GroovyShell().evaluate(m.group(1));
		assertTrue(out instanceof Map, "the example returns a map of its results");
		Map<?, ?> r = (Map<?, ?>) out;

		SyntheticCathode.Result c = CathodeJ.syntheticCathode(48, 48, 48, 7);
		PhaseFractions.Counts f = (PhaseFractions.Counts) r.get("fractions");
		assertEquals(1.0, f.fraction(0) + f.fraction(1) + f.fraction(2), 1e-12);
		assertEquals(c.camFraction, f.fraction(1), 1e-12, "the example's fractions are the generated volume's");
		FluxResult tau = (FluxResult) r.get("kappa");
		assertTrue(tau.converged);
		assertTrue(tau.kappa >= 1 - 1e-9, "a tortuosity factor is at least 1: " + tau.kappa);
		double active = (Double) r.get("active");
		assertTrue(active >= 0 && active <= 1, "active CAM fraction " + active);
		double chord = (Double) r.get("meanCamChord");
		assertEquals(CathodeJ.chords(c.volume.toImg(), c.volume.voxelSize()).distribution(1, 2).mean(), chord, 0);
	}
}
