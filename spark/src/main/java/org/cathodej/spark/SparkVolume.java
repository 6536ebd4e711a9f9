package org.cathodej.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.cathodej.image.VoxelSize;
import org.cathodej.task.MemoryBudget;
import org.cathodej.task.Progress;
import org.cathodej.tortuosity.Conductivities;
import org.cathodej.tortuosity.FluxTortuosity;
import org.cathodej.tortuosity.RandomWalkTortuosity;
import org.cathodej.tortuosity.SubVolumeStudy;
import org.cathodej.volume.SlabExecutor;
import org.cathodej.volume.SlabKernel;
import org.cathodej.volume.SlabPlan;
import org.cathodej.volume.SlabStreamer;
import org.cathodej.volume.SlabTransform;
import org.cathodej.volume.SliceSink;
import org.cathodej.volume.StreamedOutput;
import org.cathodej.volume.TransformExecutor;
import org.cathodej.volume.VolumeSource;

/**
 * A volume whose slab kernels run on a Spark cluster: the slabs of a plan are cut into {@code partitions} runs of
 * consecutive slabs, one task each; a task opens the volume from its {@link SourceSpec}, folds its slabs left to
 * right with {@link SlabStreamer#runRange} (the single-JVM loop itself), and returns one partial. The driver merges
 * the partials in slab order with the kernel's own merge. Only these partials travel (per-slab sums, boundary
 * slices of labels, never the volume). On the driver the volume reads like any source (e.g. for the checksum of the
 * provenance). It also runs the walkers of a random walk ({@link #runWalkers}) and the cubes of a sub-volume
 * tortuosity study ({@link #solveAll}) and the slab transforms of streamed outputs ({@link #runTransform}: corrected
 * slices written by the executors, their per-slab results, e.g. the stripe energies, brought back). A pass over
 * aligned volumes (BSE and SE) ships the specs of all of them; each task opens every one and reads the same slabs.
 */
public final class SparkVolume implements VolumeSource, SlabExecutor, RandomWalkTortuosity.WalkerRunner,
	SubVolumeStudy.CubeRunner, TransformExecutor {

	private final transient JavaSparkContext sc;
	private final SourceSpec spec;
	private final VolumeSource local;
	private final int partitions;

	/** @param partitions Spark tasks per pass (at most one per slab); 0 = Spark's default parallelism */
	public SparkVolume(JavaSparkContext sc, SourceSpec spec, int partitions) {
		this.sc = sc;
		this.spec = spec;
		this.local = spec.open();
		this.partitions = partitions > 0 ? partitions : sc.defaultParallelism();
	}

	/** Runs of consecutive slabs, {@code [from, to)}, as even as possible, in slab order. */
	static List<int[]> runs(int slabs, int parts) {
		int k = Math.max(1, Math.min(parts, slabs));
		List<int[]> r = new ArrayList<>(k);
		for (int j = 0; j < k; j++) r.add(new int[] { (int) ((long) j * slabs / k), (int) ((long) (j + 1) * slabs / k) });
		return r;
	}

	@Override
	public <P extends Serializable> P runSlabs(List<? extends VolumeSource> inputs, SlabPlan plan, SlabKernel<P> kernel, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		p.checkCancelled();
		List<int[]> runs = runs(plan.count(), partitions);
		List<SourceSpec> specs = specs(inputs);
		sc.setJobDescription(kernel.getClass().getSimpleName() + ": " + plan + " in " + runs.size() + " tasks");
		P merged = mergeInOrder(sc.parallelize(runs, runs.size()).map(r -> run(specs, plan, r, kernel)), runs.size(), kernel::merge,
			Math.max(1, sc.defaultParallelism()));
		p.report(1, plan.count() + " slabs done on the cluster");
		return merged;
	}

	/**
	 * The results of the {@code n} partitions of {@code rdd} merged left to right in partition (slab) order as they
	 * arrive, instead of all collected first: one Spark job per partition, at most {@code window} of them submitted
	 * ahead of the next result to merge, so the driver holds at most that many task results besides the merged one
	 * (a connectivity pass-1 result is hundreds of MB on large slices). The merge order is that of
	 * {@link SlabKernel#mergeAll}, so the result is the same.
	 */
	static <T> T mergeInOrder(JavaRDD<T> rdd, int n, java.util.function.BinaryOperator<T> merge, int window) {
		org.apache.spark.SparkContext ctx = rdd.context();
		String group = "cathodej-slabs-" + java.util.UUID.randomUUID(), what = ctx.getLocalProperty("spark.job.description");
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(n, window), r -> {
			Thread t = new Thread(r, "cathodej-slab-results");
			t.setDaemon(true);
			return t;
		});
		List<java.util.concurrent.Future<T>> jobs = new ArrayList<>(n);
		try {
			for (int i = 0; i < Math.min(n, window); i++) jobs.add(submit(pool, rdd, i, group, what));
			T acc = null;
			for (int i = 0; i < n; i++) {
				T r = result(jobs.get(i));
				jobs.set(i, null); // the merge below may drop it
				acc = acc == null ? r : merge.apply(acc, r);
				if (i + window < n) jobs.add(submit(pool, rdd, i + window, group, what));
			}
			return acc;
		} catch (RuntimeException | Error e) { // as when one job fails: its other tasks are stopped before the caller cleans up
			ctx.cancelJobGroup(group);
			for (java.util.concurrent.Future<T> j : jobs) if (j != null) try {
				j.get();
			} catch (Exception ignored) { // stopped or failed: the first failure is the one reported
			}
			awaitTasksEnded(ctx, group);
			throw e;
		} finally {
			pool.shutdown();
		}
	}

	/**
	 * Waits (at most a minute) until no task of the job group runs any more: a stopped job returns before its running
	 * tasks end, and those may still write slices into a staging folder the caller is about to remove.
	 */
	private static void awaitTasksEnded(org.apache.spark.SparkContext ctx, String group) {
		org.apache.spark.SparkStatusTracker st = ctx.statusTracker();
		long end = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < end && running(st, group)) try {
			Thread.sleep(20);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return;
		}
	}

	private static boolean running(org.apache.spark.SparkStatusTracker st, String group) {
		for (int job : st.getJobIdsForGroup(group)) {
			scala.Option<org.apache.spark.SparkJobInfo> info = st.getJobInfo(job);
			if (info.isEmpty()) continue;
			for (int stage : info.get().stageIds()) {
				scala.Option<org.apache.spark.SparkStageInfo> s = st.getStageInfo(stage);
				if (s.isDefined() && s.get().numActiveTasks() > 0) return true;
			}
		}
		return false;
	}

	private static <T> java.util.concurrent.Future<T> submit(java.util.concurrent.ExecutorService pool, JavaRDD<T> rdd, int partition, String group,
		String description) {
		return pool.submit(() -> {
			rdd.context().setJobGroup(group, description, false);
			return collect(rdd, partition);
		});
	}

	private static <T> T result(java.util.concurrent.Future<T> job) {
		try {
			return job.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw (CancellationException) new CancellationException("Interrupted while waiting for a Spark task").initCause(e);
		} catch (java.util.concurrent.ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof RuntimeException) throw (RuntimeException) c;
			if (c instanceof Error) throw (Error) c;
			throw new IllegalStateException("Spark job failed: " + c, c);
		}
	}

	/** The one result of a partition of {@code rdd} (one element per partition), as {@link #collect(JavaRDD)}. */
	static <T> T collect(JavaRDD<T> rdd, int partition) {
		try {
			return rdd.collectPartitions(new int[] { partition })[0].get(0);
		} catch (Exception e) { // as collect(): SparkException is checked but not declared
			throw unchecked(e);
		}
	}

	/** Where each input lies (every one a Spark volume: the tasks open them themselves). */
	private static List<SourceSpec> specs(List<? extends VolumeSource> inputs) {
		ArrayList<SourceSpec> specs = new ArrayList<>(inputs.size());
		for (VolumeSource v : inputs) {
			if (!(v instanceof SparkVolume)) throw new IllegalArgumentException("Every input of a Spark pass must be a Spark volume: " + v.description());
			specs.add(((SparkVolume) v).spec);
		}
		return specs;
	}

	/** Opens every input on this JVM; closes the ones opened when a later one fails. */
	private static List<VolumeSource> open(List<SourceSpec> specs) {
		List<VolumeSource> in = new ArrayList<>(specs.size());
		try {
			for (SourceSpec s : specs) in.add(s.open());
			return in;
		} catch (RuntimeException | Error e) {
			close(in);
			throw e;
		}
	}

	private static void close(List<VolumeSource> in) {
		for (VolumeSource v : in) v.close();
	}

	/**
	 * The random walk's walkers split into {@code partitions} runs of consecutive walkers, one task each; the walk
	 * (phase mask, 1 byte per voxel) is broadcast once per executor. Integer sums: the same numbers for any split.
	 */
	@Override
	public long[][][] runWalkers(RandomWalkTortuosity.Walk walk, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		p.checkCancelled();
		List<int[]> runs = runs(walk.walkers(), partitions);
		Broadcast<RandomWalkTortuosity.Walk> b = sc.broadcast(walk);
		sc.setJobDescription("Random walk: " + walk.walkers() + " walkers in " + runs.size() + " tasks");
		try {
			long[][][] sum = walk.emptySums();
			for (long[][][] part : collect(sc.parallelize(runs, runs.size()).map(r -> RandomWalkTortuosity.walkers(b.value(), r[0], r[1], Progress.NONE))))
				RandomWalkTortuosity.add(sum, part);
			p.report(1, walk.walkers() + " walkers done on the cluster");
			return sum;
		} finally {
			b.destroy();
		}
	}

	/**
	 * A streamed output (e.g. Correct Illumination in slice mode): runs of consecutive slabs as tasks; each task
	 * reads its slabs with their halo, transforms them and writes the output slices itself through its copy of the
	 * sink (a staging folder every executor shares with the driver) and returns the slabs' small results. A retried
	 * task rewrites the same slices. The caller completes or aborts the sink.
	 */
	@Override
	public List<Serializable> runTransform(List<? extends VolumeSource> inputs, SlabPlan plan, SlabTransform.Portable op, SliceSink sink,
		Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		p.checkCancelled();
		List<int[]> runs = runs(plan.count(), partitions);
		List<SourceSpec> specs = specs(inputs);
		sc.setJobDescription("Streamed output: " + plan + " in " + runs.size() + " tasks");
		List<Serializable> results = inOrder(sc.parallelize(runs, runs.size()).map(r -> write(specs, plan, r, op, sink)), runs.size());
		p.report(1, plan.count() + " slabs written on the cluster");
		return results;
	}

	/**
	 * The lists the partitions of {@code rdd} return, joined in partition order, through {@link #mergeInOrder}: a
	 * stopped or failed job then returns only when its running tasks have ended, so none writes a slice into a staging
	 * folder the caller is removing.
	 */
	private <T> List<T> inOrder(JavaRDD<ArrayList<T>> rdd, int n) {
		return mergeInOrder(rdd, n, (a, b) -> {
			a.addAll(b);
			return a;
		}, Math.max(1, sc.defaultParallelism()));
	}

	private static ArrayList<Serializable> write(List<SourceSpec> specs, SlabPlan plan, int[] run, SlabTransform op, SliceSink sink) {
		List<VolumeSource> in = open(specs);
		try {
			return StreamedOutput.writeRange(in, plan, run[0], run[1], op, sink);
		} finally {
			close(in);
		}
	}

	/**
	 * The cubes of a sub-volume tortuosity study, one task per cube (at most {@code partitions} tasks, each then
	 * solving a run of consecutive cubes): each task opens the volume from its {@link SourceSpec}, reads its cube
	 * slice by slice and solves it with {@link SubVolumeStudy#solve}; only the per-cube numbers travel back, in cube
	 * order.
	 */
	@Override
	public List<SubVolumeStudy.CubeResult> solveAll(List<SubVolumeStudy.Cube> cubes, Conductivities cond, VoxelSize vs, int axis,
		FluxTortuosity.Options opt, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		p.checkCancelled();
		List<int[]> runs = runs(cubes.size(), partitions);
		List<SubVolumeStudy.Cube> all = new ArrayList<>(cubes);
		SourceSpec s = spec;
		sc.setJobDescription("Sub-volume tortuosity: " + cubes.size() + " cubes in " + runs.size() + " tasks");
		List<SubVolumeStudy.CubeResult> out = inOrder(sc.parallelize(runs, runs.size()).map(r -> solve(s, all.subList(r[0], r[1]), cond, vs, axis, opt)),
			runs.size());
		p.report(1, cubes.size() + " cubes solved on the cluster");
		return out;
	}

	private static ArrayList<SubVolumeStudy.CubeResult> solve(SourceSpec spec, List<SubVolumeStudy.Cube> cubes, Conductivities cond, VoxelSize vs, int axis,
		FluxTortuosity.Options opt) {
		ArrayList<SubVolumeStudy.CubeResult> out = new ArrayList<>(cubes.size());
		FluxTortuosity.Options own = taskThreads(opt);
		try (VolumeSource src = spec.open()) {
			for (SubVolumeStudy.Cube c : cubes) out.add(SubVolumeStudy.solve(src, c, cond, vs, axis, own, Progress.NONE));
		} catch (CancellationException e) {
			throw new IllegalStateException("Task stopped", e);
		}
		return out;
	}

	/**
	 * The solver options of a task: the driver's, solving on the cores Spark gives the task ({@code spark.task.cpus},
	 * default 1) rather than on the driver's thread count. The numbers do not depend on the thread count.
	 */
	static FluxTortuosity.Options taskThreads(FluxTortuosity.Options opt) {
		TaskContext t = TaskContext.get();
		if (t == null) return opt;
		FluxTortuosity.Options o = opt.copy();
		o.threads = Math.max(1, t.cpus());
		return o;
	}

	/** collect() with Spark's failures as unchecked exceptions (a stop as a {@link CancellationException}). */
	static <T> List<T> collect(JavaRDD<T> rdd) {
		try {
			return rdd.collect();
		} catch (Exception e) { // Spark's SparkException is checked in Java's eyes but not declared by collect()
			throw unchecked(e);
		}
	}

	private static RuntimeException unchecked(Exception e) {
		if (String.valueOf(e.getMessage()).contains("cancelled")) return (CancellationException) new CancellationException("Spark job stopped").initCause(e);
		if (e instanceof RuntimeException) return (RuntimeException) e;
		return new IllegalStateException("Spark job failed: " + e.getMessage(), e);
	}

	private static <P extends Serializable> P run(List<SourceSpec> specs, SlabPlan plan, int[] run, SlabKernel<P> kernel) {
		List<VolumeSource> in = open(specs);
		try {
			return SlabStreamer.runRange(in, plan, run[0], run[1], kernel, Progress.NONE);
		} catch (CancellationException e) {
			throw new IllegalStateException("Task stopped", e);
		} finally {
			close(in);
		}
	}

	/** Spark's reserved system memory of every heap (its RESERVED_SYSTEM_MEMORY_BYTES), not available to tasks. */
	static final long RESERVED = 300L << 20;

	/**
	 * One task's share of an executor heap: the heap less Spark's reserved memory, divided by the tasks an executor
	 * runs at once (its cores / spark.task.cpus). In local mode the executor is this JVM (its -Xmx, local[N] cores).
	 */
	@Override
	public long taskMemory() {
		return Math.max(0, executorHeap() - RESERVED) / tasksPerExecutor();
	}

	@Override
	public String taskMemoryOrigin() {
		return String.format(java.util.Locale.ROOT, "%s heap %s less %s reserved by Spark, shared by %d tasks at once", sc.isLocal() ? "local-mode"
			: "executor", MemoryBudget.bytes(executorHeap()), MemoryBudget.bytes(RESERVED), tasksPerExecutor());
	}

	private long executorHeap() {
		return sc.isLocal() ? Runtime.getRuntime().maxMemory() : sc.getConf().getSizeAsBytes("spark.executor.memory", "1g");
	}

	private int tasksPerExecutor() {
		int cpus = Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
		int executors = sc.sc().statusTracker().getExecutorInfos().length - 1; // less the driver
		return Math.max(1, executorCores(sc.master(), sc.getConf().get("spark.executor.cores", null), sc.defaultParallelism(), executors) / cpus);
	}

	/**
	 * Cores of one executor: local[N] (local[*] = this machine's), else spark.executor.cores ({@code cores}, may be
	 * null), else (a standalone executor takes all its worker's cores) the parallelism spread over the executors.
	 */
	static int executorCores(String master, String cores, int parallelism, int executors) {
		Matcher m = LOCAL.matcher(master);
		if (m.matches()) return m.group(1) == null ? 1 : m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
		if (cores != null) return Integer.parseInt(cores.trim());
		return Math.max(1, parallelism / Math.max(1, executors));
	}

	/** local, local[N], local[*], local[N,F] (F: task failures allowed). */
	private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?\\])?");

	public int partitions() { return partitions; }

	@Override public int width() { return local.width(); }
	@Override public int height() { return local.height(); }
	@Override public int depth() { return local.depth(); }
	@Override public int bitDepth() { return local.bitDepth(); }
	@Override public VoxelSize voxelSize() { return local.voxelSize(); }
	@Override public int chunkDepth() { return local.chunkDepth(); }

	@Override
	public String description() {
		return local.description() + " on Spark (" + partitions + " tasks per pass)";
	}

	@Override
	public Object[] readPlanes(int z0, int z1) {
		return local.readPlanes(z0, z1);
	}

	@Override
	public void close() {
		local.close();
	}
}
