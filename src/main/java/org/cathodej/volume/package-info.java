/**
 * Volumes read as z-slabs, for analyses in bounded memory (pure tier: no ij.*, no org.scijava).
 *
 * <p>A {@link org.cathodej.volume.VolumeSource} gives a label or grey volume's size, bit depth and voxel size and
 * reads any run of slices as primitive planes; {@link org.cathodej.volume.Slab} wraps such planes (plus a halo) as
 * a small ImgLib2 image without copying, so the existing per-slice kernels run on it unchanged. Sources here: an
 * ImgLib2 image in memory ({@link org.cathodej.volume.ImgSource}, zero-copy) and an HDF5 dataset
 * ({@link org.cathodej.volume.Hdf5Source}, io.jhdf). ImageJ-backed sources (virtual stacks, TIFF-slice folders,
 * TIFF files larger than 4 GB) live in the Fiji tier ({@code org.cathodej.imagej}).
 *
 * <p>{@link org.cathodej.volume.SlabKernel} is the contract of a streamed analysis: a small Serializable partial
 * result per slab and an associative merge of two adjacent partials (lower slab first), so a Spark job can compute
 * partials on executors and merge them on the driver in slab order. {@link org.cathodej.volume.SlabStreamer} is the
 * single-JVM driver (progress per slab, Esc between slabs); {@link org.cathodej.volume.Streaming} decides when to
 * stream. May import org.cathodej.image.VoxelSize/Slices, org.cathodej.task, ImgLib2 and io.jhdf.
 *
 * <p>
 * Tier: core.
 * May import: other core packages, java.*, ImgLib2 and the numeric libraries (JTransforms, commons-math3, jhdf);
 * never ij.*, org.scijava, java.awt or a higher tier.
 */
package org.cathodej.volume;
