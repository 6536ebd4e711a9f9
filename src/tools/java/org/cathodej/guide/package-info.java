/**
 * The user-guide writer (scripts/make-guide): runs every command on a small phantom and writes docs/guide.
 *
 * <p>
 * Tier: tools.
 * May import: anything: it is build tooling, compiled with the tests from src/tools/java and not shipped in
 * CathodeJ_.jar.
 */
package org.cathodej.guide;
