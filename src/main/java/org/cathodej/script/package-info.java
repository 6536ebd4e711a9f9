/**
 * The scripting API: {@link org.cathodej.script.CathodeJ}, one static method per analysis, on ImgLib2 images, returning
 * the algorithms' own typed result objects. For Groovy, Jython and PyImageJ scripts and for Java callers that do not
 * want to run a SciJava command; no ImageJ, no SciJava context, nothing shown. See docs/scripting.md.
 * <p>
 * Tier: core.
 * May import: the core analysis packages, java.*, ImgLib2; never ij.*, org.scijava, java.awt or a higher tier (so
 * scripts can use it without ImageJ).
 */
package org.cathodej.script;
