/**
 * Benchmarks (scripts/bench): named cases reporting voxels/s and peak memory; see BENCHMARKS.md.
 *
 * <p>
 * Tier: tools.
 * May import: anything: it is build tooling, compiled with the tests from src/tools/java and not shipped in
 * CathodeJ_.jar.
 */
package org.cathodej.bench;
