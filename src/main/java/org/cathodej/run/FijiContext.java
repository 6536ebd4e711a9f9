package org.cathodej.run;

import org.scijava.Context;

import ij.IJ;

/**
 * The SciJava context commands run in. Inside Fiji, imagej-legacy hands out its own context through
 * {@code IJ.runPlugIn("org.scijava.Context", "")} (its legacy hooks intercept that call), so CathodeJ never starts a
 * second one there (imagej-legacy's DefaultLegacyHooks.interceptRunPlugIn returns legacyService.getContext() for
 * that class name; checked in imagej/imagej-legacy, 2026); in plain ImageJ or headless tests a small context is
 * created once, lazily.
 */
public final class FijiContext {

	private static Context context;

	private FijiContext() {}

	public static synchronized Context get() {
		if (context != null) return context;
		if (hasImageJLegacy()) {
			Object o = IJ.runPlugIn("org.scijava.Context", "");
			if (o instanceof Context) return context = (Context) o;
		}
		// the plugin index is read through the context class loader, which in plain ImageJ need not see CathodeJ
		Thread t = Thread.currentThread();
		ClassLoader old = t.getContextClassLoader();
		t.setContextClassLoader(FijiContext.class.getClassLoader());
		try {
			return context = new Context(org.scijava.module.ModuleService.class);
		} finally {
			t.setContextClassLoader(old);
		}
	}

	private static boolean hasImageJLegacy() {
		try {
			Class.forName("net.imagej.legacy.LegacyService", false, FijiContext.class.getClassLoader());
			return true;
		} catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}
}
