/**
 * CathodeJ's analyses as Apache Spark jobs (a separate build product, {@code cathodej-spark.jar}; Spark is provided
 * by the cluster). No analysis is implemented here: the plugin's commands run on the driver with their own
 * parameters, tables and provenance, and their slab passes ({@link org.cathodej.volume.SlabKernel}) run on the
 * executors through {@link org.cathodej.spark.SparkVolume}, a {@link org.cathodej.volume.SlabExecutor}; the
 * driver merges the small per-run partials in slab order, so the numbers equal the single-machine ones.
 * Tier: spark (a separate build product on top of the plugin; Spark and Hadoop are provided by the cluster).
 */
package org.cathodej.spark;
