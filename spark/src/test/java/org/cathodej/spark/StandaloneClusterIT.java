package org.cathodej.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark standalone cluster on localhost made of the Maven jars alone: Spark's own Master and Worker classes started
 * with {@code java -cp}, and spark-submit's class (SparkSubmit, client mode) running {@code cathodej-spark.jar} on
 * it. The Worker starts executors the way it does on a real cluster, from a Spark home's {@code jars/} folder: here a
 * folder of links to the Spark jars Maven resolved (with the RELEASE marker of a distribution), so no Spark download
 * is needed. The executors get CathodeJ only from the submitted jar. Results must equal the local-mode ones.
 */
class StandaloneClusterIT {

	@TempDir
	Path tmp;
	final List<Process> started = new ArrayList<>();

	@AfterEach
	void stopCluster() {
		for (int i = started.size() - 1; i >= 0; i--) {
			started.get(i).destroy();
			try {
				if (!started.get(i).waitFor(20, TimeUnit.SECONDS)) started.get(i).destroyForcibly();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	static final Path TARGET = Paths.get("target").toAbsolutePath();

	static String read(Path p) throws IOException {
		return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).trim();
	}

	static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	/** A Spark home whose jars/ links the Maven-resolved Spark jars (provided scope: Spark and what it needs). */
	Path sparkHome() throws IOException {
		Path home = tmp.resolve("spark-home"), jars = home.resolve("jars");
		Files.createDirectories(jars);
		Files.write(home.resolve("RELEASE"), "Spark 3.5 from Maven jars (CathodeJ test)\n".getBytes(StandardCharsets.UTF_8));
		for (String j : read(TARGET.resolve("spark-classpath.txt")).split(File.pathSeparator)) {
			Path jar = Paths.get(j);
			if (!Files.exists(jars.resolve(jar.getFileName()))) Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
		}
		return home;
	}

	Process java(String name, Path home, List<String> args) throws IOException {
		List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Xmx384m");
		cmd.addAll(Arrays.asList(System.getProperty("spark.jvm.opens").trim().split("\\s+")));
		cmd.add("-cp");
		cmd.add(home.resolve("jars") + File.separator + "*");
		cmd.addAll(args);
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
		Map<String, String> env = pb.environment();
		env.put("SPARK_HOME", home.toString());
		env.put("SPARK_SCALA_VERSION", "2.13");
		env.put("SPARK_LOCAL_IP", "127.0.0.1");
		env.put("JAVA_HOME", System.getProperty("java.home"));
		env.put("SPARK_WORKER_DIR", tmp.resolve("work").toString());
		Process p = pb.start();
		started.add(p);
		return p;
	}

	boolean waitForLog(String name, String text, int seconds) throws Exception {
		Path log = tmp.resolve(name + ".log");
		for (int i = 0; i < seconds * 2; i++) {
			if (Files.exists(log) && read(log).contains(text)) return true;
			Thread.sleep(500);
		}
		return false;
	}

	@Test
	void jobRunsThroughSparkSubmitOnAStandaloneCluster() throws Exception {
		File slices = TestVolumes.writeSlices(TestVolumes.cathode(30, 26, 21, 5), tmp.resolve("labels").toFile());
		Path home = sparkHome();
		int port = freePort();
		String master = "spark://127.0.0.1:" + port;
		java("master", home, Arrays.asList("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port, "--webui-port",
			"" + freePort()));
		assertTrue(waitForLog("master", "I have been elected leader", 120), "master started: " + read(tmp.resolve("master.log")));
		java("worker", home, Arrays.asList("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2", "--memory", "1g",
			"--webui-port", "" + freePort(), master));
		assertTrue(waitForLog("worker", "Successfully registered with master", 120), "worker registered: " + read(tmp.resolve("worker.log")));

		Path out = tmp.resolve("results");
		String opens = System.getProperty("spark.jvm.opens").trim().replaceAll("\\s+", " ");
		Process submit = java("submit", home, Arrays.asList("org.apache.spark.deploy.SparkSubmit", "--master", master, "--deploy-mode", "client",
			"--class", "org.cathodej.spark.SparkMain", "--executor-memory", "512m", "--total-executor-cores", "2",
			"--conf", "spark.executor.extraJavaOptions=" + opens + " -Djava.awt.headless=true", "--conf", "spark.driver.host=127.0.0.1",
			"--conf", "spark.ui.enabled=false", "--driver-java-options", "-Djava.awt.headless=true",
			TARGET.resolve("cathodej-spark.jar").toString(), "connectivity_and_cam_utilisation", slices.getPath(), "slab_slices=2",
			"--partitions", "3", "--out", out.toString()));
		assertTrue(submit.waitFor(240, TimeUnit.SECONDS), "spark-submit finished in 4 minutes");
		String log = read(tmp.resolve("submit.log"));
		assertEquals(0, submit.exitValue(), log);
		assertTrue(log.contains(master) || log.contains("StandaloneSchedulerBackend"), "ran on the cluster: " + log);
		assertTrue(read(tmp.resolve("worker.log")).contains("Asked to launch executor"), "the worker started an executor");

		// the same job in local mode, here, for the reference
		Path ref = tmp.resolve("local");
		try (org.apache.spark.api.java.JavaSparkContext sc = TestVolumes.spark("local[2]")) {
			Map<String, String> o = new java.util.HashMap<>();
			o.put("slab_slices", "2");
			new LabelAnalysisJob(sc, 3).run("connectivity_and_cam_utilisation", slices.getPath(), o, ref, false);
		}
		Map<String, byte[]> want = TestVolumes.files(ref, ".csv"), got = TestVolumes.files(out, ".csv");
		assertFalse(want.isEmpty());
		assertEquals(want.keySet(), got.keySet());
		for (String f : want.keySet()) assertArrayEquals(want.get(f), got.get(f), f);
		assertEquals(21, TestVolumes.files(out, ".tif").size(), "class slices written by the executors");
	}
}
