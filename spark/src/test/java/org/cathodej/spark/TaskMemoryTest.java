package org.cathodej.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.LabelVolume;
import org.cathodej.task.InsufficientMemoryException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slabs are sized and checked against one task's share of an executor heap (local[2]: two tasks in this JVM), not
 * against the whole free heap: Connectivity with slabs that fit the heap once but not twice is refused before any
 * slab is read, with the slab height that fits; that height runs.
 */
class TaskMemoryTest {

	static JavaSparkContext sc;
	@TempDir
	static Path tmp;

	@BeforeAll
	static void start() {
		sc = TestVolumes.spark("local[2]");
	}

	@AfterAll
	static void stop() {
		sc.stop();
	}

	@Test
	void executorCoresFromTheMasterOrTheConfiguration() {
		assertEquals(1, SparkVolume.executorCores("local", null, 8, 0));
		assertEquals(3, SparkVolume.executorCores("local[3]", "7", 8, 0));
		assertEquals(2, SparkVolume.executorCores("local[2,2]", null, 8, 0));
		assertEquals(Runtime.getRuntime().availableProcessors(), SparkVolume.executorCores("local[*]", null, 8, 0));
		assertEquals(4, SparkVolume.executorCores("spark://master:7077", "4", 32, 2));
		assertEquals(4, SparkVolume.executorCores("yarn", null, 32, 8));
	}

	@Test
	void connectivityRefusesSlabsThatFitOneTaskButNotTwo() {
		int w = 256, h = 256;
		double bytesPerVoxel = 1 + 13; // 8-bit labels + Connectivity's working memory (ConnectivityCommand)
		File dir;
		long fit;
		try (SparkVolume probe = new SparkVolume(sc, Inputs.spec(TestVolumes.writeSlices(new LabelVolume(w, h, 2, new VoxelSize(1, 1, 1, "um"), 1),
			tmp.resolve("probe").toFile()).getPath(), sc.hadoopConfiguration()), 2)) {
			assertEquals(Math.max(0, Runtime.getRuntime().maxMemory() - SparkVolume.RESERVED) / 2, probe.taskMemory());
			fit = (long) (probe.taskMemory() / (2.0 * w * h * bytesPerVoxel));
			assertTrue(fit >= 1 && 2.0 * w * h * (fit + 1) * bytesPerVoxel <= Runtime.getRuntime().maxMemory(),
				"the slab refused must fit the heap once: " + fit);
		}
		int depth = (int) fit + 1;
		dir = TestVolumes.writeSlices(new LabelVolume(w, h, depth, new VoxelSize(1, 1, 1, "um"), 1), tmp.resolve("labels").toFile());
		Path out = tmp.resolve("too-high");
		RuntimeException e = assertThrows(RuntimeException.class, () -> run(dir, depth, out));
		String m = rootMessage(e);
		assertTrue(m.contains("per task") && m.contains("slab_slices=" + fit + " or fewer") && m.contains("2 tasks at once"), m);
		assertFalse(Files.exists(out));
		Path ok = tmp.resolve("fits");
		run(dir, (int) fit, ok);
		assertFalse(TestVolumes.files(ok, ".csv").isEmpty(), "the tables of the run whose slabs fit");
	}

	private static void run(File dir, int slab, Path out) {
		Map<String, String> o = new HashMap<>();
		o.put("slab_slices", Integer.toString(slab));
		new LabelAnalysisJob(sc, 2).run("connectivity_and_cam_utilisation", dir.getPath(), o, out, false);
	}

	private static String rootMessage(Throwable t) {
		Throwable c = t;
		while (!(c instanceof InsufficientMemoryException) && c.getCause() != null) c = c.getCause();
		return String.valueOf(c.getMessage());
	}
}
