package org.cathodej.volume;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

/**
 * A {@link VolumeSource} seen as a read-only planar ImgLib2 image whose planes are read when first asked for and
 * kept in a small cache (most recently used), so code that reads a volume slice by slice ({@code Slices.readFloats},
 * feature slabs with a halo) runs on a volume that does not fit in memory. Writes are not supported.
 */
public final class SourceImg {

	private SourceImg() {}

	/** @param cachedPlanes planes kept (e.g. a feature slab plus its halo) */
	public static PlanarImg<?, ?> of(VolumeSource src, int cachedPlanes) {
		long[] dims = { src.width(), src.height(), src.depth() };
		switch (src.bitDepth()) {
			case 8: {
				Lazy<UnsignedByteType, ByteArray> img = new Lazy<>(dims, z -> new ByteArray((byte[]) plane(src, z)), cachedPlanes);
				img.setLinkedType(new UnsignedByteType(img));
				return img;
			}
			case 16: {
				Lazy<UnsignedShortType, ShortArray> img = new Lazy<>(dims, z -> new ShortArray((short[]) plane(src, z)), cachedPlanes);
				img.setLinkedType(new UnsignedShortType(img));
				return img;
			}
			default: {
				Lazy<FloatType, FloatArray> img = new Lazy<>(dims, z -> new FloatArray((float[]) plane(src, z)), cachedPlanes);
				img.setLinkedType(new FloatType(img));
				return img;
			}
		}
	}

	private static Object plane(VolumeSource src, int z) {
		synchronized (src) { // sources need not be thread-safe
			return src.readPlanes(z, z + 1)[0];
		}
	}

	private static final class Lazy<T extends NativeType<T>, A extends ArrayDataAccess<A>> extends PlanarImg<T, A> {
		private final IntFunction<A> load;
		private final Map<Integer, A> cache;

		Lazy(long[] dims, IntFunction<A> load, int cached) {
			super(dims, new Fraction());
			this.load = load;
			int n = Math.max(1, cached);
			cache = new LinkedHashMap<Integer, A>(16, 0.75f, true) {
				private static final long serialVersionUID = 1L;

				@Override
				protected boolean removeEldestEntry(Map.Entry<Integer, A> e) {
					return size() > n;
				}
			};
		}

		@Override
		public A getPlane(int no) {
			synchronized (cache) {
				A a = cache.get(no);
				if (a == null) {
					a = load.apply(no);
					cache.put(no, a);
				}
				return a;
			}
		}

		@Override
		public A update(Object c) {
			return getPlane(((PlanarContainerSampler) c).getCurrentSliceIndex());
		}

		@Override
		public void setPlane(int no, A plane) {
			throw new UnsupportedOperationException("A streamed volume is read-only");
		}
	}
}
