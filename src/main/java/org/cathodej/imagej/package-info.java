/**
 * ImageJ-backed image adapters: ImagePlus to and from ImgLib2 (zero-copy, Volumes), ImagePlus-backed volume
 * sources (virtual stacks, TIFF-slice folders, big TIFFs), TIFF slice writing, file checks, grey-input checks,
 * checksums and the phase LUT.
 *
 * <p>
 * Tier: fiji.
 * May import: core packages, the other Fiji-tier packages, ImageJ 1.x, SciJava and AWT; never commands, workflow,
 * cli or tools.
 */
package org.cathodej.imagej;
