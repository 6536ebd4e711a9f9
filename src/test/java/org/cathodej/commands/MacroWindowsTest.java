package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows and titles in macros: a shipped macro never closes an image it did not open (even one with the title of
 * an image it makes), and a title that two open images share stops a command with the reason instead of guessing.
 */
class MacroWindowsTest {

	@TempDir
	Path tmp;

	@Test
	void shippedMacroKeepsTheUsersWindows() {
		String macro = Paths.get("macros/analyse_labels.ijm").toAbsolutePath().toString();
		MacroHarness.Result r = MacroHarness.run("setBatchMode(true);\n"
			+ "newImage(\"my notes\", \"8-bit black\", 16, 16, 1);\n"
			+ "run(\"Synthetic Cathode\", \"width=24 height=24 depth=24 voxel_size=0.1 slice_thickness=0.1 seed=3\");\n"
			+ "labels = getTitle();\n"
			// a user's window carrying the title the macro's connectivity step gives its class image
			+ "newImage(labels + \"-cam-classes-6\", \"8-bit black\", 16, 16, 1);\n"
			+ "selectImage(labels);\n"
			+ "runMacro(\"" + macro + "\", getArgument());\n"
			+ "print(\"notes open: \" + isOpen(\"my notes\"));\n"
			+ "print(\"namesake open: \" + isOpen(labels + \"-cam-classes-6\"));\n"
			+ "print(\"labels open: \" + isOpen(labels));\n", tmp.toString() + "/");
		assertFalse(r.log().contains("Macro Error"), r.log());
		assertTrue(r.log().contains("notes open: 1"), r.log());
		assertTrue(r.log().contains("namesake open: 1"), "the user's window of the same title stays\n" + r.log());
		assertTrue(r.log().contains("labels open: 1"), r.log());
	}

	@Test
	void ambiguousTitleStopsWithTheReason() {
		MacroHarness.Result r = MacroHarness.run("setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"width=8 height=8 depth=8\"); rename(\"sample\");\n"
			+ "run(\"Analytic Phantom\", \"width=8 height=8 depth=8\"); rename(\"sample\");\n"
			+ "newImage(\"other\", \"8-bit black\", 8, 8, 8);\n"
			+ "run(\"Phase Fractions\", \"labels=sample\");\n"
			+ "print(\"went on\");\n", "");
		assertTrue(r.log().contains("2 open images are called 'sample'"), r.log());
		assertFalse(r.log().contains("went on"), r.log());
	}

	@Test
	void currentImageWinsAmongNamesakes() {
		MacroHarness.Result r = MacroHarness.run("setBatchMode(true);\n"
			+ "run(\"Analytic Phantom\", \"width=8 height=8 depth=8\"); rename(\"sample\");\n"
			+ "run(\"Analytic Phantom\", \"width=12 height=12 depth=12\"); rename(\"sample\");\n"
			+ "run(\"Phase Fractions\", \"labels=sample\");\n"
			+ "print(\"voxels: \" + (getResult(\"voxels\", 0) + getResult(\"voxels\", 1) + getResult(\"voxels\", 2)));\n", "");
		assertFalse(r.log().contains("Macro Error"), r.log());
		assertTrue(r.log().contains("voxels: 1728"), "the current 12^3 image, not the older 8^3 namesake\n" + r.log());
	}

	@Test
	void renamedPipelinesAnswerToTheirFormerNames() {
		MacroHarness.Result r = MacroHarness.run("List.setCommands;\n"
			+ "print(\"new: \" + List.get(\"Demo: Full Chain on Synthetic Samples\"));\n"
			+ "print(\"old: \" + List.get(\"Main Job Demo\"));\n"
			+ "print(\"old series: \" + List.get(\"Sample Series Demo\"));\n", "");
		assertTrue(r.log().contains("new: ij.plugin.Macro_Runner(\"JAR:macros/main_job.ijm\")"), r.log());
		assertTrue(r.log().contains("old: ij.plugin.Macro_Runner(\"JAR:macros/main_job.ijm\")"), r.log());
		assertTrue(r.log().contains("old series: ij.plugin.Macro_Runner(\"JAR:macros/sample_series.ijm\")"), r.log());
	}

	@Test
	void submenusInWorkflowOrder() throws java.io.IOException {
		java.util.List<String> seen = new java.util.ArrayList<>();
		for (String l : java.nio.file.Files.readAllLines(Paths.get("plugins.config"))) {
			if (!l.startsWith("Plugins>CathodeJ>")) continue;
			String sub = l.substring("Plugins>CathodeJ>".length(), l.indexOf(',')).split(">")[0].trim();
			if (!seen.contains(sub)) seen.add(sub);
		}
		org.junit.jupiter.api.Assertions.assertEquals(java.util.Arrays.asList("Preprocess", "Segment", "Analyze", "Compare", "Generate", "Pipelines", "Help"), seen);
	}
}
