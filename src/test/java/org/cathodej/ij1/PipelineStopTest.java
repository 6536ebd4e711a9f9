package org.cathodej.ij1;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;

import net.imagej.patcher.LegacyEnvironment;

/** The pipeline step counter, nested pipelines, and Esc in the middle of a pipeline macro. */
class PipelineStopTest {

	@Test
	void stepsNestAndSayWhatFinished() {
		PipelineStatus.reset();
		PipelineStatus.step("outer", "1", "2", "Synthetic Cathode");
		PipelineStatus.step("outer", "2", "2", "Analyse labels");
		PipelineStatus.step("inner", "1", "4", "Phase Fractions");
		PipelineStatus.step("inner", "2", "4", "Connectivity");
		assertEquals("Pipeline step 2 of 2: Analyse labels > step 2 of 4: Connectivity", PipelineStatus.prefix());
		assertEquals((1 + (1 + 0.5) / 4) / 2, PipelineStatus.overall(0.5), 1e-12);
		assertEquals("Pipeline stopped during step 2 of 2 (Analyse labels) > step 2 of 4 (Connectivity); finished: 1 Synthetic Cathode, "
			+ "1 Phase Fractions; their tables, images and files are kept.", PipelineStatus.stopped());
		PipelineStatus.done("inner");
		assertEquals("Pipeline step 2 of 2: Analyse labels", PipelineStatus.prefix());
		PipelineStatus.done("outer");
		assertEquals("", PipelineStatus.prefix());
		assertEquals("", PipelineStatus.stopped());
		assertEquals(0.25, PipelineStatus.overall(0.25), 0);
	}

	/** Esc during step 2 of a macro pipeline: the macro stops, the Log says step 1 finished, and step 1's image stays open. */
	@Test
	void escapeKeepsTheFinishedSteps() throws Exception {
		LegacyEnvironment env = MacroHarness.newEnvironmentWithTestClasses();
		String macro = "setBatchMode(true);\n"
			+ "call('org.cathodej.ij1.PipelineStatus.step', 'test', '1', '2', 'Analytic Phantom');\n"
			+ "run('Analytic Phantom', 'shape=ball width=24 height=24 depth=24 feature_size=8 inside_label=1 outside_label=2');\n"
			+ "call('org.cathodej.ij1.EscapeProbe.pressDuringNextCommand');\n"
			+ "call('org.cathodej.ij1.PipelineStatus.step', 'test', '2', '2', 'Tortuosity (Random Walk)');\n"
			+ "run('Tortuosity (Random Walk)', 'phase=ISE walkers=20000 steps=2000000 seed=1 fit_from=0.5 samples=100');\n"
			+ "print('step 2 finished');\n";
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		PrintStream old = System.out;
		System.setOut(new PrintStream(buf, true, "UTF-8"));
		try {
			env.runMacro(macro, "");
			env.runMacro("print('open images: ' + nImages);", "");
		} finally {
			System.setOut(old);
		}
		String log = new String(buf.toByteArray(), StandardCharsets.UTF_8);
		System.out.print(log);
		assertTrue(log.contains("Tortuosity (Random Walk): stopped by the user"), log);
		assertTrue(log.contains("Pipeline stopped during step 2 of 2 (Tortuosity (Random Walk)); finished: 1 Analytic Phantom; "
			+ "their tables, images and files are kept."), log);
		assertFalse(log.contains("step 2 finished"), log);
		assertTrue(log.contains("open images: 1"), "the phantom of step 1 stays open\n" + log);
	}
}
