package org.cathodej.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialogs and windows on a real (virtual) display: {@link GuiScenario} runs in its own JVM, under xvfb-run when
 * there is no DISPLAY. Checks image choice by identity, remembered values, the invalid-entry round trip, one window
 * per output after re-runs, the slice preview (one window, replaced), and dialog widths. Skipped only off CI when there is neither a display nor xvfb-run
 * (scripts/install-prerequisites installs xvfb).
 */
class GuiDialogsTest {

	@TempDir
	Path tmp;

	@Test
	void dialogsAndWindowsAsAUserSeesThem() throws Exception {
		boolean display = System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isEmpty();
		boolean xvfb = new File("/usr/bin/xvfb-run").canExecute();
		String why = "no DISPLAY and no xvfb-run (install the Debian package xvfb: scripts/install-prerequisites)";
		if (System.getenv("CI") != null) assertTrue(display || xvfb, why);
		Assumptions.assumeTrue(display || xvfb, why);

		Path out = tmp.resolve("gui.txt");
		List<String> cmd = new ArrayList<>();
		if (!display) cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"));
		cmd.addAll(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx1g", "-Djava.awt.headless=false",
			"-Duser.home=" + tmp, "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
			GuiScenario.class.getName(), out.toString()));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("jvm.log").toFile()).start();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the GUI scenario did not finish in 5 minutes");
		String log = Files.readString(tmp.resolve("jvm.log"));
		assertTrue(Files.exists(out), "no report from the GUI scenario\n" + log);
		Map<String, String> r = new HashMap<>();
		for (String l : Files.readAllLines(out, StandardCharsets.UTF_8)) {
			int eq = l.indexOf('=');
			if (eq > 0) r.put(l.substring(0, eq), l.substring(eq + 1));
		}
		String all = String.join("\n", Files.readAllLines(out)) + "\n" + log;
		assertEquals("true", r.get("done"), all);
		assertEquals("true", r.get("current_is_older"), all);
		// the RGB window is not offered; both 'sample' images are, the selected (older) one preselected and used
		assertEquals("sample|sample", r.get("image_items"), all);
		assertEquals("0", r.get("selected_index"), all);
		assertEquals("512", r.get("voxels"), "the 8^3 image the user selected, not the newer 12^3 one of the same title\n" + all);
		assertEquals("0.6", r.get("remembered_weight"), all);
		assertEquals("true", r.get("reopened"), all);
		assertEquals("4,7", r.get("reopened_entry"), all);
		assertTrue(r.get("reopened_message").contains("not a number"), all);
		assertEquals("1", r.get("results_windows"), all);
		assertEquals("1", r.get("profile_tables"), all);
		assertEquals("1", r.get("profile_plots"), all);
		assertEquals("true", r.get("windows_apart"), "result windows do not open on one spot\n" + all);
		assertEquals("1", r.get("truth_items"), "only the image of the first one's size\n" + all);
		assertEquals("1", r.get("truth_items_after_change"), all);
		assertEquals("true", r.get("compared_voxels_ok"), all);
		assertEquals("1", r.get("preview_windows"), all);
		assertEquals("Remove Stripes preview (slice 3)", r.get("preview_title"), all);
		assertEquals("1", r.get("preview_slices"), all);
		assertEquals("4", r.get("input_slices_after_preview"), all);
		System.out.println("GuiDialogsTest: widest dialog " + r.get("widest_dialog") + " px, tallest " + r.get("tallest_dialog") + " px");
		int widest = Integer.parseInt(r.get("widest_dialog").split(" ")[0]);
		assertTrue(widest <= 700, "widest dialog: " + r.get("widest_dialog"));
	}
}
