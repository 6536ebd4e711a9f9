/**
 * Connected clusters and CAM utilisation.
 *
 * <h2>Labelling API (reusable, e.g. for removing non-percolating regions before a transport solve)</h2>
 * <pre>
 * // mask in: a label image and a value, a predicate, or any SliceMask (slice z -&gt; int[] non-zero = foreground)
 * Clusters c = ComponentLabeler.label(img, pl.ise(), Connectivity.SIX, threads, progress);
 * Clusters c = ComponentLabeler.label(img, v -&gt; v == a || v == b, Connectivity.TWENTY_SIX, threads, progress);
 * Clusters c = ComponentLabeler.label(mask, w, h, d, conn, threads, progress, reuseBuffer); // int[d][w*h] or null
 * // labels + sizes out: planar int labels (0 = background, 1..count in raster order of first voxel)
 * int[] slice = c.slice(z);  long n = c.size(k);  int k = c.largest();  long[][] hist = c.sizeHistogram();
 * // face queries
 * c.touches(k, Face.Z_MIN);  c.spans(k, 2);  boolean[] keep = c.touchingBoth(Face.Z_MIN, Face.Z_MAX);
 * byte[] m = c.select(z, keep, buffer);       // slice z of "voxel in a kept cluster" as 0/1
 * PlanarImg&lt;IntType, IntArray&gt; labels = c.asImg();
 * </pre>
 * One raster scan with union-find over provisional labels stored in the output arrays (4 B/voxel plus 4 B per
 * provisional label), on blocks of slices in parallel whose seams are merged; the result does not depend on the
 * thread count. Checked against a breadth-first flood fill on seeded random volumes.
 *
 * <h2>CAM utilisation</h2>
 * {@link org.cathodej.connectivity.CamUtilisation} classes CAM clusters as active / e-only / ion-only / isolated
 * ({@link org.cathodej.connectivity.CamClass}) from the collector face and separator-connected ISE, and measures
 * the CAM-ISE interfaces through {@link org.cathodej.surface.InterfaceArea} (the surface package's
 * estimators: Crofton by default, voxel faces x 2/3 beside it).
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.connectivity;
