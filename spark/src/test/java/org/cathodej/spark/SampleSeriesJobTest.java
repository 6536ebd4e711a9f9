package org.cathodej.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.cathodej.phantom.LabelVolume;
import org.cathodej.run.CommandCatalog;
import org.cathodej.run.CommandRunner;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

/**
 * Sample Series with one sample per task (local[2]) stores the per-sample tables of the single-machine series, and its
 * comparison table is the single-machine one: the samples the tasks analysed say "computed".
 */
class SampleSeriesJobTest {

	@TempDir
	Path tmp;

	Path sample(String name, long seed) {
		LabelVolume v = TestVolumes.cathode(20, 18, 12, seed);
		ImageStack st = new ImageStack(20, 18);
		for (int z = 0; z < 12; z++) st.addSlice("", (Object) v.toImg().getPlane(z).getCurrentStorageArray());
		Path f = tmp.resolve(name + ".tif");
		new FileSaver(new ImagePlus(name, st)).saveAsTiffStack(f.toString());
		return f;
	}

	@Test
	void oneSamplePerTaskGivesTheSingleMachineResults() throws Exception {
		StringBuilder csv = new StringBuilder("name,file,calendering_mpa\n");
		for (int i = 0; i < 3; i++) csv.append("s").append(i).append(',').append(sample("s" + i, 20 + i).getFileName()).append(',').append(100 * i).append('\n');
		Path table = tmp.resolve("samples.csv");
		Files.write(table, csv.toString().getBytes(StandardCharsets.UTF_8));
		Map<String, String> o = new LinkedHashMap<>();
		o.put("sample_table", table.toString());
		o.put("analysis_options", "walkers=40 steps=300 samples=20");

		Path ref = tmp.resolve("local");
		Map<String, String> lo = new LinkedHashMap<>(o);
		lo.put("output_dir", ref.toString());
		new CommandRunner(null).run(CommandCatalog.load().find("sample_series").spec(), lo, null, Progress.NONE);

		Path out = tmp.resolve("spark");
		try (JavaSparkContext sc = TestVolumes.spark("local[2]")) {
			new SampleSeriesJob(sc).run(o, out, false);
		}
		Map<String, byte[]> want = TestVolumes.files(ref.resolve("samples"), ".csv"), got = TestVolumes.files(out.resolve("samples"), ".csv");
		assertTrue(want.size() >= 3 * 5, "every analysis of every sample: " + want.keySet());
		assertEquals(want.keySet(), got.keySet());
		for (String f : want.keySet())
			assertArrayEquals(want.get(f), got.get(f), f);
		assertEquals(TestVolumes.files(ref, ".html").keySet(), TestVolumes.files(out, ".html").keySet());
		Map<String, byte[]> wantAll = TestVolumes.files(ref, ".csv"), gotAll = TestVolumes.files(out, ".csv");
		assertEquals(wantAll.keySet(), gotAll.keySet());
		String comparison = null;
		for (String f : wantAll.keySet())
			if (!f.startsWith("samples")) {
				assertArrayEquals(wantAll.get(f), gotAll.get(f), f);
				if (f.contains("comparison")) comparison = new String(gotAll.get(f), StandardCharsets.UTF_8);
			}
		assertTrue(comparison != null && comparison.contains("computed") && !comparison.contains("stored"), "source column: " + comparison);
	}
}
