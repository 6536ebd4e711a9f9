/**
 * Surface and interface areas of voxel classes, UI-free.
 *
 * <p>{@link org.cathodej.surface.GeometryScanner#scan} sweeps a {@link org.cathodej.surface.ClassVolume} once
 * (two slices at a time) and returns {@link org.cathodej.surface.GeometryCounts}: voxels per class, class-pair
 * transitions along the 13 lattice directions, and 2x2x2 configuration histograms of every class and every union
 * of two classes. From these: raw marching cubes ({@link org.cathodej.surface.MarchingCubesAreas}; symmetric
 * ambiguity rule, so a phase and its complement have the same area; or scikit-image's Lewiner or classic Lorensen
 * tiling, {@link org.cathodej.surface.MarchingCubesVariant}, built by {@code ResolvedMarchingCubes} from the methods'
 * rules), Cauchy-Crofton over 13 directions
 * ({@link org.cathodej.surface.CroftonDirections}; unbiased, anisotropic voxels), and exact voxel-face counts.
 * Surfaces are open at the volume's outer faces, so S_a-b = (S_a + S_b - S_c)/2 holds for three space-filling phases.
 *
 * <p>For other analyses: {@link org.cathodej.surface.InterfaceAreas#between} gives the interface between two
 * voxel sets (a class image and two values, or two masks); {@link org.cathodej.surface.InterfaceAreas#measure}
 * with a label-to-class lookup gives every pair at once; {@link org.cathodej.surface.InterfaceArea} is the
 * estimator seam other analyses take (Crofton, marching cubes, voxel faces x 2/3; connectivity uses it). {@link org.cathodej.surface.PhaseSurfaces} is the
 * three-phase convenience behind the Surface and Interface Areas command; {@link org.cathodej.surface.StlExport}
 * writes a marching-cubes mesh as binary STL.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.surface;
