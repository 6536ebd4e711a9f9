package org.cathodej.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder of a job: staged beside the target, moved in at the end, never over results unless asked. */
class StagedOutputTest {

	@TempDir
	Path tmp;

	static long entries(Path dir) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.count();
		}
	}

	@Test
	void newFolderAppearsOnlyAtCommitWithTheFinalPathInTheSidecars() throws Exception {
		Path out = tmp.resolve("results");
		StagedOutput s = new StagedOutput(out, false);
		Files.createDirectories(s.staging());
		Files.write(s.staging().resolve("t.csv"), "a,b\n".getBytes(StandardCharsets.UTF_8));
		Files.write(s.staging().resolve("t.json"), ("{\"output_dir\": \"" + s.staging() + "\"}").getBytes(StandardCharsets.UTF_8));
		assertFalse(Files.exists(out));
		List<Path> files = s.commit();
		assertEquals(2, files.size());
		assertEquals("{\"output_dir\": \"" + out + "\"}", new String(Files.readAllBytes(out.resolve("t.json")), StandardCharsets.UTF_8));
		assertEquals(1, entries(tmp), "no staging folder left");
	}

	@Test
	void existingResultsAreKeptUnlessOverwriteAndReplacedOnlyAtCommit() throws Exception {
		Path out = Files.createDirectories(tmp.resolve("results"));
		Files.write(out.resolve("old.csv"), new byte[] { 1 });
		assertThrows(IllegalArgumentException.class, () -> new StagedOutput(out, false));
		StagedOutput s = new StagedOutput(out, true);
		Files.createDirectories(s.staging().resolve("classes"));
		Files.write(s.staging().resolve("old.csv"), new byte[] { 2 });
		Files.write(s.staging().resolve("classes").resolve("c_0.tif"), new byte[] { 3 });
		assertArrayEquals(new byte[] { 1 }, Files.readAllBytes(out.resolve("old.csv")));
		s.commit();
		assertArrayEquals(new byte[] { 2 }, Files.readAllBytes(out.resolve("old.csv")));
		assertTrue(Files.exists(out.resolve("classes").resolve("c_0.tif")));
		assertEquals(1, entries(tmp));
	}

	@Test
	void discardLeavesNothing() throws Exception {
		StagedOutput s = new StagedOutput(tmp.resolve("results"), false);
		Files.createDirectories(s.staging().resolve("sub"));
		Files.write(s.staging().resolve("sub").resolve("x.tif"), new byte[] { 1 });
		s.discard();
		assertEquals(0, entries(tmp));
	}

	@Test
	void slabRunsCoverThePlanInOrder() {
		for (int slabs : new int[] { 1, 2, 7, 15, 100 })
			for (int parts : new int[] { 1, 2, 3, 7, 200 }) {
				List<int[]> r = SparkVolume.runs(slabs, parts);
				assertEquals(Math.min(slabs, parts), r.size());
				int next = 0;
				for (int[] run : r) {
					assertEquals(next, run[0]);
					assertTrue(run[1] > run[0], "no empty run");
					next = run[1];
				}
				assertEquals(slabs, next);
			}
	}

	@Test
	void commandLineIsCheckedBeforeSparkWorks() {
		SparkMain.Args a = SparkMain.Args.parse(new String[] { "phase_fractions", "/data/labels", "slab_slices=8", "connectivity=[26]", "--out", "/r",
			"--partitions", "4", "--overwrite" });
		assertEquals("phase_fractions", a.command);
		assertEquals("/data/labels", a.input);
		assertEquals("8", a.options.get("slab_slices"));
		assertEquals("26", a.options.get("connectivity"));
		assertEquals(4, a.partitions);
		assertTrue(a.overwrite);
		assertThrows(IllegalArgumentException.class, () -> SparkMain.Args.parse(new String[] { "phase_fractions", "/data/labels" }));
		assertThrows(IllegalArgumentException.class, () -> SparkMain.Args.parse(new String[] { "x", "y", "--out", "o", "--partitions", "0" }));
		assertThrows(IllegalArgumentException.class, () -> SparkMain.Args.parse(new String[] { "x", "y", "a=1", "a=2", "--out", "o" }));
	}
}
