/**
 * The Fiji update-site builder (mvn -Pupdate-site package): db.xml.gz, Fiji checksums and the list of jars Fiji
 * ships.
 *
 * <p>
 * Tier: tools.
 * May import: anything: it is build tooling, compiled with the tests from src/tools/java and not shipped in
 * CathodeJ_.jar.
 */
package org.cathodej.site;
