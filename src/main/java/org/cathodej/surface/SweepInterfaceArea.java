package org.cathodej.surface;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.cathodej.image.VoxelSize;
import org.cathodej.phase.LabelLut;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

/**
 * Interface areas by the estimators of the surface package (Crofton: one sweep of {@link InterfaceAreas#measure} for
 * all requested interfaces; marching cubes: one sweep per interface). Label values are grouped into voxel classes by which of the requested sets they belong to,
 * so overlapping sets (e.g. "all CAM" and "active CAM") cost one sweep.
 */
final class SweepInterfaceArea implements InterfaceArea {

	private final GeometryCounts.Estimator estimator;
	private final String name;

	SweepInterfaceArea(GeometryCounts.Estimator estimator, String name) {
		this.estimator = estimator;
		this.name = name;
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public double area(RandomAccessibleInterval<? extends IntegerType<?>> img, IntPredicate a, IntPredicate b, VoxelSize vs, int threads,
		Progress progress) {
		return areas(img, LabelLut.MAX_LABEL, new IntPredicate[] { a }, new IntPredicate[] { b }, vs, threads, progress)[0];
	}

	@Override
	public double[] areas(RandomAccessibleInterval<? extends IntegerType<?>> img, int maxValue, IntPredicate[] a, IntPredicate[] b,
		VoxelSize vs, int threads, Progress progress) {
		int pairs = a.length;
		if (pairs > 1 && estimator == GeometryCounts.Estimator.MARCHING_CUBES) {
			// marching cubes needs the surface of A u B, recorded only for small class unions: one sweep per interface
			double[] r = new double[pairs];
			for (int i = 0; i < pairs; i++)
				r[i] = areas(img, maxValue, new IntPredicate[] { a[i] }, new IntPredicate[] { b[i] }, vs, threads, progress)[0];
			return r;
		}
		if (pairs > 15) throw new IllegalArgumentException("At most 15 interfaces per sweep");
		// signature of a label value = bit 2i if it is in a[i], bit 2i+1 if in b[i]; classes = distinct non-zero signatures
		List<Integer> signatures = new ArrayList<>();
		LabelLut lut = LabelLut.allOther(-1);
		for (int v = 0; v <= maxValue; v++) {
			int sig = 0;
			for (int i = 0; i < pairs; i++) {
				if (a[i].test(v)) sig |= 1 << (2 * i);
				if (b[i].test(v)) sig |= 1 << (2 * i + 1);
			}
			if (sig == 0) continue;
			int k = signatures.indexOf(sig);
			if (k < 0) {
				k = signatures.size();
				signatures.add(sig);
			}
			lut.set(v, k);
		}
		if (signatures.size() > 7) throw new IllegalArgumentException("The requested interfaces need " + signatures.size()
			+ " voxel classes; the surface estimators support at most 7");
		double[] r = new double[pairs];
		if (signatures.isEmpty()) return r;
		GeometryCounts g = InterfaceAreas.measure(img, lut, signatures.size(), vs, estimator == GeometryCounts.Estimator.MARCHING_CUBES, threads, progress);
		for (int i = 0; i < pairs; i++) {
			int sa = 0, sb = 0;
			for (int k = 0; k < signatures.size(); k++) {
				if ((signatures.get(k) >> (2 * i) & 1) != 0) sa |= GeometryCounts.set(k);
				if ((signatures.get(k) >> (2 * i + 1) & 1) != 0) sb |= GeometryCounts.set(k);
			}
			if ((sa & sb) != 0) throw new IllegalArgumentException("Interface " + i + ": the two voxel sets overlap");
			r[i] = sa == 0 || sb == 0 ? 0 : g.interfaceArea(sa, sb, estimator);
		}
		return r;
	}

	@Override
	public String toString() {
		return name;
	}
}
