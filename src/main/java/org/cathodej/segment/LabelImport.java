package org.cathodej.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cathodej.image.Slices;
import org.cathodej.phase.Phase;
import org.cathodej.phase.PhaseLabels;
import org.cathodej.phase.PhaseVolumes;
import org.cathodej.task.Parallel;
import org.cathodej.task.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.IntegerType;

/**
 * Maps the values of any integer label image (Trainable Weka Segmentation "Create result", Labkit, ilastik, another
 * program's export) to pore / CAM / ISE. Values given for no phase are unmapped: they are counted and reported, and
 * written as a chosen "unmapped" value.
 */
public final class LabelImport {

	private LabelImport() {}

	/** Value lists per phase, e.g. "0", "1,3-5", "" (none). */
	public static final class Mapping {
		private final TreeMap<Integer, Phase> map = new TreeMap<>();

		public Mapping(String pore, String cam, String ise) {
			add(Phase.PORE, pore);
			add(Phase.CAM, cam);
			add(Phase.ISE, ise);
			if (map.isEmpty()) throw new IllegalArgumentException("No label value is mapped to any phase");
		}

		private void add(Phase p, String list) {
			for (int v : parseValues(list, p.displayName())) {
				Phase old = map.put(v, p);
				if (old != null && old != p)
					throw new IllegalArgumentException("Label value " + v + " is given for both " + old.displayName() + " and " + p.displayName());
			}
		}

		public Phase phaseOf(int v) { return map.get(v); }
		public Map<Integer, Phase> asMap() { return new TreeMap<>(map); }
	}

	/** Parses "0", "1, 3-5", "7 9"; empty = none. */
	public static List<Integer> parseValues(String s, String what) {
		List<Integer> out = new ArrayList<>();
		if (s == null || s.trim().isEmpty()) return out;
		for (String part : s.trim().split("[,;\\s]+")) {
			try {
				int dash = part.indexOf('-', 1);
				if (dash > 0) {
					int a = Integer.parseInt(part.substring(0, dash)), b = Integer.parseInt(part.substring(dash + 1));
					if (b < a || b - a > 65535) throw new IllegalArgumentException("Bad range '" + part + "' for " + what);
					for (int v = a; v <= b; v++) out.add(v);
				} else out.add(Integer.parseInt(part));
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("Label values for " + what + " must be integers or ranges like 3-5, got '" + part + "'");
			}
		}
		return out;
	}

	public static final class Result {
		/** The imported label volume: the user's label values, 8-bit when they all fit, else 16-bit ({@link PhaseVolumes#narrowest}). */
		public final PlanarImg<?, ?> labels;
		/** Voxels per input value, mapped or not. */
		public final TreeMap<Integer, Long> valueCounts = new TreeMap<>();
		public final TreeMap<Integer, Long> unmapped = new TreeMap<>();
		public final long[] phaseCounts = new long[3];

		Result(PlanarImg<?, ?> l) {
			labels = l;
		}
	}

	public static Result apply(RandomAccessibleInterval<? extends IntegerType<?>> in, Mapping m, PhaseLabels out, int unmappedValue,
		int threads, Progress progress) {
		Slices.requireVolume(in);
		if (unmappedValue < 0 || unmappedValue > 65535) throw new IllegalArgumentException("Unmapped value must be in 0..65535");
		for (Phase p : Phase.values())
			if (out.valueOf(p) == unmappedValue)
				throw new IllegalArgumentException("The unmapped value " + unmappedValue + " equals the " + p.displayName() + " label; choose another.");
		int w = Slices.width(in), h = Slices.height(in), d = Slices.depth(in), n = w * h;
		short[][] lab = new short[d][n];
		@SuppressWarnings("unchecked")
		TreeMap<Integer, Long>[] counts = new TreeMap[d];
		Parallel.forEach(d, threads, z -> {
			progress.checkCancelled();
			int[] v = Slices.readInts(in, z, null);
			TreeMap<Integer, Long> c = new TreeMap<>();
			short[] o = lab[z];
			int last = Integer.MIN_VALUE;
			long run = 0;
			short lastOut = 0;
			for (int i = 0; i < n; i++) {
				int x = v[i];
				if (x != last) {
					if (run > 0) c.merge(last, run, Long::sum);
					last = x;
					run = 0;
					Phase p = m.phaseOf(x);
					lastOut = (short) (p == null ? unmappedValue : out.valueOf(p));
				}
				run++;
				o[i] = lastOut;
			}
			if (run > 0) c.merge(last, run, Long::sum);
			counts[z] = c;
		});
		int max = Math.max(unmappedValue, Math.max(out.pore(), Math.max(out.cam(), out.ise())));
		Result r = new Result(PhaseVolumes.narrowest(lab, w, h, max));
		for (TreeMap<Integer, Long> c : counts) c.forEach((k, v) -> r.valueCounts.merge(k, v, Long::sum));
		r.valueCounts.forEach((k, v) -> {
			Phase p = m.phaseOf(k);
			if (p == null) r.unmapped.put(k, v);
			else r.phaseCounts[p.ordinal()] += v;
		});
		return r;
	}
}
