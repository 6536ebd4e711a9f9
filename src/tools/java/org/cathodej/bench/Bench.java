package org.cathodej.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Benchmark entry point: {@code Bench [case|all] [size ...] [--threads 1,2] [--csv file]}. Sizes are "N" or
 * "WxHxD". Each row gives voxels/s and the step's peak working memory; BENCHMARKS.md is made from these rows.
 */
public final class Bench {

	/** Every benchmark case; add yours here. */
	static final BenchCase[] CASES = {
		new SegmentBench(),
		new TortuosityBench(),
		new TortuosityHardBench(),
		new FractionsBench(),
		new SurfaceBench(false),
		new SurfaceBench(true),
		new McVariantsBench(),
		new ConnectivityBench(),
		new PoresBench(),
		new StreamedPoresBench(),
		new PoresBudgetBench(),
		PreprocessBench.align(),
		PreprocessBench.destripe(),
		PreprocessBench.illumination(),
		new DestripeQualityBench(),
		new DestripeRealBench(),
		new DestripeVariationalBench(),
		new AlignRealBench(),
		new SeriesBench(),
		new StreamingBench(),
		new StreamedOutputBench(),
		new SegmentApplyBench(),
	};

	public static void main(String[] args) throws Exception {
		Map<String, BenchCase> cases = new LinkedHashMap<>();
		for (BenchCase c : CASES) cases.put(c.name(), c);
		if (args.length == 0 || args[0].equals("--help")) {
			System.out.println("usage: Bench <case|all> [size ...] [--threads 1,2] [--csv file]\ncases: " + cases.keySet());
			return;
		}
		String which = args[0];
		int[] threads = { Math.max(1, Runtime.getRuntime().availableProcessors()) };
		Path csv = Paths.get("target", "bench.csv");
		java.util.List<String> sizes = new java.util.ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			if (args[i].equals("--threads")) threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
			else if (args[i].equals("--csv")) csv = Paths.get(args[++i]);
			else sizes.add(args[i]);
		}
		if (csv.getParent() != null) csv.getParent().toFile().mkdirs();
		BenchRecorder rec = new BenchRecorder(System.out, csv);
		System.out.println(BenchRecorder.HEADER);
		for (BenchCase c : cases.values()) {
			if (!which.equals("all") && !which.equals(c.name())) continue;
			for (String s : sizes.isEmpty() ? Arrays.asList(c.defaultSizes()) : sizes)
				for (int t : threads) c.run(parseSize(s), t, rec);
		}
		if (!which.equals("all") && !cases.containsKey(which)) {
			System.err.println("unknown case " + which + "; cases: " + cases.keySet());
			System.exit(2);
		}
	}

	static int[] parseSize(String s) {
		String[] p = s.toLowerCase().split("x");
		if (p.length == 1) {
			int n = Integer.parseInt(p[0]);
			return new int[] { n, n, n };
		}
		return new int[] { Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]) };
	}
}
