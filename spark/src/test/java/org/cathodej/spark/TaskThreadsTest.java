package org.cathodej.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.tortuosity.FluxTortuosity;
import org.junit.jupiter.api.Test;

/** A sub-volume cube is solved on the cores Spark gives its task ({@code spark.task.cpus}), not the driver's thread count. */
class TaskThreadsTest {

	@Test
	void cubeTasksSolveOnTheTaskCores() {
		FluxTortuosity.Options driver = new FluxTortuosity.Options();
		driver.threads = 7;
		driver.tolerance = 3e-6;
		driver.preconditioning = FluxTortuosity.Preconditioning.JACOBI;
		try (JavaSparkContext sc = new JavaSparkContext(TestVolumes.conf("local[2]").set("spark.task.cpus", "2"))) {
			List<FluxTortuosity.Options> inTasks = sc.parallelize(Arrays.asList(0, 1), 2).map(i -> SparkVolume.taskThreads(driver)).collect();
			for (FluxTortuosity.Options o : inTasks) {
				assertEquals(2, o.threads, "spark.task.cpus");
				assertEquals(driver.tolerance, o.tolerance, 0.0, "the other settings are the driver's");
				assertEquals(driver.preconditioning, o.preconditioning);
			}
		}
		assertEquals(7, SparkVolume.taskThreads(driver).threads, "outside a task: unchanged");
	}
}
