package org.cathodej.ij1;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imagej.patcher.LegacyEnvironment;

/**
 * The dialog path (a menu click in Fiji, which the recorder turns into a macro line) against the macro path: fed
 * the options a recorder would write, every command's dialog returns the same values under the same keys. Runs in
 * its own patched, headless ImageJ whose class path also holds the test classes (for {@link DialogProbe}).
 */
class ParameterDialogTest {

	@Test
	void everyDialogReadsBackTheMacroKeys(@TempDir Path tmp) throws Exception {
		LegacyEnvironment env = MacroHarness.newEnvironmentWithTestClasses();
		Path out = tmp.resolve("dialogs.txt");
		env.runMacro("call('org.cathodej.ij1.DialogProbe.check', getArgument());", out.toString());
		assertTrue(Files.exists(out), "the probe did not run");
		String report = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
		System.out.print(report);
		String[] lines = report.trim().split("\n");
		assertEquals(1, lines.length, "mismatches:\n" + report);
		int n = Integer.parseInt(lines[0].replaceAll("\\D", ""));
		assertTrue(n >= 20, report);
	}

	/** Every choice field of every command says what its options mean, in the dialog itself (under the field). */
	@Test
	void everyChoiceIsExplainedUnderItsField() {
		int choices = 0;
		for (org.cathodej.run.CommandCatalog.Entry e : org.cathodej.run.CommandCatalog.load(getClass().getClassLoader()).entries())
			for (org.cathodej.run.ParameterSpec p : e.spec().inputs()) {
				if (p.kind() != org.cathodej.run.ParameterSpec.Kind.CHOICE) continue;
				choices++;
				String help = ParameterDialog.choiceHelp(p);
				assertFalse(help.trim().isEmpty(), e.spec().label() + ": choice '" + p.name() + "' is not explained");
				for (String line : help.split("\n"))
					assertTrue(line.length() <= ParameterDialog.HELP_WRAP + 4, e.spec().label() + ": " + line);
			}
		assertTrue(choices >= 25, "choice fields found: " + choices);
	}
}
