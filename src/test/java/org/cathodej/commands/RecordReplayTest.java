package org.cathodej.commands;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cathodej.testing.MacroHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The macro line written into a result's provenance replays the run to identical numbers. */
class RecordReplayTest {

	@TempDir
	Path tmp;

	static String recordedLine(Path json) throws Exception {
		String s = new String(Files.readAllBytes(json), StandardCharsets.UTF_8);
		Matcher m = Pattern.compile("\"macro\": \"(.*)\",\\n").matcher(s);
		assertTrue(m.find(), s);
		return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
	}

	@Test
	void recordedMacroReplaysToIdenticalTables() throws Exception {
		Path a = tmp.resolve("a"), b = tmp.resolve("b");
		String first = "setBatchMode(true);\n"
			+ "run(\"Synthetic Cathode\", \"width=48 height=40 depth=32 voxel_size=0.1 slice_thickness=0.2 cam_fraction=0.4 clustering=0.5 seed=11\");\n"
			+ "run(\"Phase Fractions\", \"cam_weight_fraction=0.75 pellet_mass=12 pellet_area=0.5 pellet_thickness=100 profile_axis=y output_dir=[" + a + "]\");\n"
			+ "File.saveString(\"\" + getResult(\"volume_fraction\", 1), \"" + tmp.resolve("done") + "\");\n";
		MacroHarness.Result r1 = MacroHarness.run(first, "");
		assertTrue(Files.exists(tmp.resolve("done")), r1.log());
		String replay = recordedLine(a.resolve("phase_fractions_fractions.json")).replace(a.toString(), b.toString());
		assertTrue(replay.contains("cam_weight_fraction=0.75") && replay.contains("profile_axis=y"), replay);
		String second = "setBatchMode(true);\n"
			+ "run(\"Synthetic Cathode\", \"width=48 height=40 depth=32 voxel_size=0.1 slice_thickness=0.2 cam_fraction=0.4 clustering=0.5 seed=11\");\n"
			+ replay + "\n";
		MacroHarness.Result r2 = MacroHarness.run(second, "");
		for (String f : new String[] { "phase_fractions_fractions.csv", "phase_fractions_profiles.csv" }) {
			assertTrue(Files.exists(b.resolve(f)), r2.log());
			assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs after replay");
		}
	}
}
