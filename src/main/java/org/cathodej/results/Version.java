package org.cathodej.results;

import java.io.InputStream;
import java.util.Properties;

/** CathodeJ's version, from the filtered cathodej.properties resource. */
public final class Version {

	private static String version;

	private Version() {}

	public static synchronized String get() {
		if (version == null) {
			version = "unknown";
			try (InputStream in = Version.class.getResourceAsStream("/cathodej.properties")) {
				if (in != null) {
					Properties p = new Properties();
					p.load(in);
					version = p.getProperty("version", "unknown");
				}
			} catch (Exception e) {
				// keep "unknown"
			}
		}
		return version;
	}
}
