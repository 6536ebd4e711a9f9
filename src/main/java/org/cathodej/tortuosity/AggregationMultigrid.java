package org.cathodej.tortuosity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cathodej.image.VoxelSize;
import org.cathodej.task.Parallel;

/**
 * Multigrid preconditioner on the actual conducting domain. Coarse unknowns are aggregates: connected pieces of the
 * system inside 2x2x2 blocks ({@link FineAggregates}), then the same for the cells of a coarse level inside 2x2x2
 * blocks of its blocks, joined only by strong conductances; so particles that touch only elsewhere, dead ends and thin
 * necks are never lumped together. Where the coefficients vary the strength adapts: the first aggregation does not
 * cross the weak axis of anisotropic voxels ({@link #strongFaces}: 2x2x1 aggregates for 2:1 voxels), and coarse levels
 * keep aggregating 2x2x1 while their Galerkin couplings across an axis stay below {@link #ANISOTROPY} of the
 * strongest (2:1 voxels: twice, then 4x4x1-voxel cells couple isotropically, which 2x2x2 aggregation never reaches;
 * 13 iterations instead of 23 at 256^3), and with several conducting classes cells of different materials
 * (conductivities more than about 60 apart) are joined only where nothing else coarsens a level of more than
 * {@link #MIXED_COARSEST} cells (a smaller one becomes the coarsest), and a cell's strength is measured against its
 * largest conductance within its own material (an ISE cell on a CAM particle is not weak to its ISE neighbours
 * because of the CAM one). One class on isotropic voxels builds the same hierarchy as without these rules.
 * Coarse operators are the Galerkin products P^T A P of the piecewise-constant P ({@link CoarseLevel}); the coarsest is solved exactly ({@link EnvelopeCholesky}).
 * <p>
 * Cycle: red-black Gauss-Seidel on the fine level (red, black before the coarse correction; black, red after),
 * symmetric Gauss-Seidel on the coarse levels (hybrid between chunks of slabs, parallel: {@link CoarseLevel}), W-cycle ({@link #GAMMA} coarse cycles per level), coarse corrections
 * scaled by {@link #ALPHA}, {@link #ALPHA_SEMI} from semi-coarsened levels (piecewise-constant aggregates make the
 * Galerkin operator too stiff). The cycle is a fixed
 * symmetric positive definite linear operator, as the conjugate gradients need, and its arithmetic order does not
 * depend on the thread count (bit-identical results).
 */
final class AggregationMultigrid implements Preconditioner {

	/** Strength of a conductance relative to the geometric mean of the two cells' largest ones, for aggregating. */
	static double THETA = Double.parseDouble(System.getProperty("amg.theta", "0.25"));
	static float ALPHA = Float.parseFloat(System.getProperty("amg.alpha", "1.6"));
	/**
	 * ALPHA for the corrections from levels that did not aggregate across every axis (semi-coarsened, anisotropic
	 * voxels): their 2x2x1 aggregates are less stiff than 2x2x2 ones and take a larger step (2:1 voxels at 256^3:
	 * 12 iterations instead of 14 along x and 13 along z; 2.0 also 12, 2.2 stalls).
	 */
	static final float ALPHA_SEMI = 1.8f;
	static final int GAMMA = 2;
	/** Axes along which aggregates couple less than this fraction of the strongest axis are not aggregated across. */
	static final double ANISOTROPY = 0.75;
	/** The coarsest level has at most this many cells (unless coarsening stops short). */
	static int COARSEST = Integer.getInteger("amg.coarsest", 2000);
	/**
	 * With several conducting classes, a level that only joining different materials would coarsen is solved exactly
	 * up to this many cells (an envelope factor of about 80 MB at most).
	 */
	static final int MIXED_COARSEST = 8 * COARSEST;

	final ConductionSystem s;
	final FineAggregates fa;
	final List<CoarseLevel> levels = new ArrayList<>();
	/** Largest sum of the arrays alive while the levels were built (the fine aggregates included). */
	long buildPeak;
	final EnvelopeCholesky coarsest;
	/** Whether the first coarse level's aggregates are not joined across some axis (anisotropic voxels). */
	private final boolean firstSemi;
	/** Whether the coarse levels' vectors but the first level's x and the coarsest's live in the output vector of {@link #apply}. */
	private final boolean lent;
	/** While the levels are built: the extent in voxels of the last level's aggregates along x, y, z (as if regular). */
	private final int[] extent = { 1, 1, 1 };

	/**
	 * The hierarchy of {@code built} for the system of another axis on the same voxels and conductivities (the
	 * caller checks that the spanning voxels are the same). The axis changes only the Dirichlet faces, which add to
	 * the diagonal alone; P^T D P of a diagonal D is diagonal for piecewise-constant P, and the aggregation never
	 * looks at the diagonal, so the aggregates and coarse conductances are those a fresh build would make. Only the
	 * diagonals (summed in a fresh build's order: the same bits) and the coarsest factor are recomputed. {@code built}
	 * must not be used afterwards: its levels are this one's.
	 */
	AggregationMultigrid(AggregationMultigrid built, ConductionSystem s) {
		if (s.n != built.s.n || s.w != built.s.w || s.h != built.s.h || s.d != built.s.d || s.k1 != built.s.k1)
			throw new IllegalArgumentException("The hierarchy was built for another set of voxels");
		this.s = s;
		fa = built.fa;
		firstSemi = built.firstSemi;
		lent = built.lent;
		levels.addAll(built.levels);
		buildPeak = built.buildPeak;
		CoarseLevel l = levels.get(0);
		l.dir = firstLevelDirichlet();
		for (int li = 1; li < levels.size(); li++) {
			CoarseLevel c = levels.get(li);
			c.dir = new float[c.n];
			l.restrictDirichlet(c);
			l.sumDiagonal();
			l.dir = null;
			l = c;
		}
		l.sumDiagonal();
		coarsest = l.factor();
		l.dir = null;
	}

	AggregationMultigrid(ConductionSystem s) {
		this.s = s;
		fa = new FineAggregates(s, strongFaces(s));
		boolean[] first = strongAxes(s.vs, extent);
		for (int b = 0; b < 3; b++) extent[b] = first[b] ? 2 : 1;
		firstSemi = !(first[0] && first[1] && first[2]);
		CoarseLevel l = fromFine();
		levels.add(l);
		while (l.n > COARSEST && (long) l.bw * l.bh * l.bd > 1) {
			CoarseLevel c = coarsen(l);
			l.compactRows(); // its rows are read in any order only while it is aggregated
			if (c == null) break;
			l.dir = null;
			l.sigma = null;
			levels.add(c);
			l = c;
		}
		coarsest = l.factor();
		l.compactRows();
		l.dir = null;
		l.sigma = null;
		lent = ownVectors();
		if (Boolean.getBoolean("amg.verbose")) System.out.println(memoryReport());
	}

	/**
	 * The coarse levels' vectors: the cycles need b and x of a level only while the preconditioner runs, and its
	 * output vector (one per system voxel) is written only after them, so it holds, besides the smoother's scratch
	 * of the first level's size, the first level's b and the further levels' x and b where they fit (at most half
	 * a cell per voxel on the first level: 0.15-0.3 measured). The first level's x is read while the output is
	 * written and the coarsest level's go to its exact solver: arrays of their own. Returns whether they fit.
	 */
	private boolean ownVectors() {
		long need = levels.get(0).n;
		for (int li = 0; li < levels.size() - 1; li++) need += (li == 0 ? 1L : 2L) * levels.get(li).n;
		boolean fits = need <= s.n && levels.size() > 1;
		for (int li = 0; li < levels.size(); li++) {
			boolean own = !fits || li == levels.size() - 1;
			levels.get(li).own(own || li == 0, own);
		}
		return fits;
	}

	/** Lends the levels their parts of the output vector of {@link #apply} (see {@link #ownVectors}). */
	private void lendVectors(float[] out) {
		if (!lent) return;
		int at = levels.get(0).n; // out[0, first level's cells): the smoother's scratch
		for (int li = 0; li < levels.size() - 1; li++) {
			CoarseLevel l = levels.get(li);
			if (li > 0) {
				l.x = out;
				l.xo = at;
				at += l.n;
			}
			l.b = out;
			l.bo = at;
			at += l.n;
		}
	}

	/** Per level: cells, stored conductances and bytes (per system voxel); the build peak and the bytes kept. */
	String memoryReport() {
		StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "levels (cells / stored conductances / B per system voxel): %d voxels, fine aggregates %.2f",
			s.n, FineAggregates.bytes(s.w, s.h, s.d, s.n) / (double) s.n));
		for (CoarseLevel l : levels)
			sb.append(String.format(java.util.Locale.ROOT, " -> %d / %d / %.2f%s", l.n, l.col.length, l.bytes() / (double) s.n, l.palette != null ? " (palette)" : ""));
		double voxels = (double) s.w * s.h * s.d;
		return sb.append(String.format(java.util.Locale.ROOT, "; coarsest factor %.3f; kept %.2f, build peak %.2f B per system voxel%s; "
			+ "solve at its peak %.2f B per voxel of the volume (phi_s %.4f, class volume included)", coarsest.bytes() / (double) s.n,
			bytes() / (double) s.n, buildPeak / (double) s.n, lent ? "" : "; vectors of their own", 1 + solverBytes() / voxels, s.n / voxels)).toString();
	}

	/**
	 * What {@link ConductionSystem#solverBytes} estimates, as allocated: the diagonal, the larger of the build peak and
	 * the solve (the four vectors of the conjugate gradients and the levels), the windows and the slice offsets.
	 */
	long solverBytes() {
		long windows = 4L * s.w * s.h * (WINDOW + 7) * s.threads;
		return (s.k1 == 2 ? 1L : 4L) * s.n + Math.max(buildPeak, 16L * s.n + bytes()) + windows + 4L * (s.d + 1);
	}

	/**
	 * Strong faces of the first aggregation, per axis and class pair ({@code b k1^2 + p k1 + q}): classes of similar
	 * conductivity, g_pq >= THETA sqrt(g_pp g_qq), along an axis whose conductance per face (area over spacing) is at
	 * least {@link #ANISOTROPY} times the largest axis'. Across the weak axis of anisotropic voxels the aggregates
	 * stay one voxel thick (2x2x1 for z spacing twice x and y). Isotropic voxels: every axis is strong.
	 */
	private static boolean[] strongFaces(ConductionSystem s) {
		int k1 = s.k1;
		boolean[] axes = strongAxes(s.vs, new int[] { 1, 1, 1 }), strong = new boolean[3 * k1 * k1];
		for (int b = 0; b < 3; b++)
			for (int p = 1; p < k1; p++)
				for (int q = 1; q < k1; q++) {
					float[] g = s.g[b];
					strong[(b * k1 + p) * k1 + q] = axes[b] && comparable(g[p * k1 + p], g[q * k1 + q]);
				}
		return strong;
	}

	/**
	 * The axes along which aggregates of the given extent (in voxels) couple at least {@link #ANISOTROPY} times as
	 * strongly as along the strongest: the Galerkin coupling along b of piecewise-constant aggregates is the
	 * conductance per voxel face (area over spacing) times the faces between two aggregates (the product of the other
	 * two extents).
	 */
	static boolean[] strongAxes(VoxelSize vs, int[] extent) {
		double[] f = new double[3];
		for (int b = 0; b < 3; b++) f[b] = vs.faceArea(b) / vs.along(b) * extent[0] * extent[1] * extent[2] / extent[b];
		double top = Math.max(f[0], Math.max(f[1], f[2]));
		boolean[] strong = new boolean[3];
		for (int b = 0; b < 3; b++) strong[b] = f[b] >= ANISOTROPY * top;
		return strong;
	}

	/**
	 * Typical first-level cells per system voxel: measured 0.15-0.18 on particle packings at phase fractions
	 * 0.35-0.62 (0.22 for a phase near percolation) with 2x2x2 blocks; 7/4 of that per axis the first aggregation
	 * does not cross (measured 1.72x, 0.30 cells per voxel, on 2:1 voxels).
	 */
	private static long firstLevelCells(long n, VoxelSize vs) {
		long cells = n * 18 / 100;
		for (boolean b : strongAxes(vs, new int[] { 1, 1, 1 })) if (!b) cells = cells * 7 / 4;
		return cells;
	}

	/**
	 * Whether two conductivities are close enough for their voxels or cells to share an aggregate: the face
	 * conductance between them (harmonic mean) is at least THETA times the geometric mean, 2 sqrt(a b) / (a + b) >=
	 * THETA (within a factor of about 60 for THETA 0.25).
	 */
	static boolean comparable(double a, double b) {
		return 2 * Math.sqrt(a * b) >= THETA * (a + b);
	}

	/**
	 * Typical bytes of the levels, for the memory check before they are built: the fine aggregates; the first-level
	 * cells ({@link #firstLevelCells}) with 2.6 stored conductances each (measured 2.3-2.6) of
	 * {@link #firstLevelConductanceBytes}, 4 bytes per cell for x, the diagonal and the parent, 1 for the row length
	 * (b and the smoother's scratch are lent by the output vector of {@link #apply}); the further levels 0.3 cells
	 * per first-level cell (measured 0.26-0.30) with 9 bytes each and 2.3 conductances of 8 bytes, and block starts
	 * of at most a third of the fine aggregates'; the coarsest level's envelope factor. {@link #bytes()} gives the
	 * actual figure.
	 */
	static long estimateBytes(int w, int h, int d, long n, VoxelSize vs, int conductingClasses) {
		long cells = firstLevelCells(n, vs);
		int cb = firstLevelConductanceBytes(w, h, conductingClasses);
		return FineAggregates.bytes(w, h, d, n) + FineAggregates.bytes(w, h, d, 0) / 3 + cells * (130 + 26 * cb + 3 * (90 + 23 * 8) / 10) / 10
			+ coarsestBytes(n, conductingClasses);
	}

	/**
	 * Bytes per stored conductance of the first coarse level: 4 where it has a palette ({@link CoarseLevel#palette}),
	 * as one conducting class guarantees (a conductance between two aggregates of 2x2x2 blocks is 1 to 4 voxel faces
	 * along one axis: at most 12 values) while its columns lie within 2^24 cells of their rows (at most 8 cells per
	 * block: slices of up to about 8 million voxels); else 8.
	 */
	static int firstLevelConductanceBytes(int w, int h, int conductingClasses) {
		return conductingClasses == 1 && 8 * ((long) FineAggregates.half(w) * FineAggregates.half(h) + 2) < 1 << 24 ? 4 : 8;
	}

	/**
	 * The coarsest factor: an envelope of about m^(2/3) per row for m cells (3D-like graphs, RCM order), up to
	 * {@link #MIXED_COARSEST} cells for several classes.
	 */
	private static long coarsestBytes(long n, int conductingClasses) {
		double m = Math.min(conductingClasses > 1 ? MIXED_COARSEST : COARSEST, n / 100.0);
		return (long) (8 * Math.pow(m, 5 / 3.0) + 12 * m);
	}

	/**
	 * Typical peak while the levels are built (before the vectors of the conjugate gradients exist): the fine
	 * aggregates and the first coarse level being assembled, per cell (as {@link #estimateBytes}) its Dirichlet part,
	 * diagonal and row start (12 bytes), the slab builders' row lengths, heads and tails (12), the stored conductances and the
	 * builders' pools of them (12 bytes per entry: each slab's pool is trimmed when the slab is done), with several
	 * classes each cell's conductivity (4). {@link #buildPeak} gives the actual figure.
	 */
	static long estimateBuildBytes(int w, int h, int d, long n, VoxelSize vs, int conductingClasses) {
		long cells = firstLevelCells(n, vs);
		int cb = firstLevelConductanceBytes(w, h, conductingClasses);
		return FineAggregates.bytes(w, h, d, n) + cells * (240 + 26 * (cb + 12) + (conductingClasses > 1 ? 40 : 0)) / 10;
	}

	/** Bytes the levels keep while solving. */
	long bytes() {
		long b = FineAggregates.bytes(s.w, s.h, s.d, s.n) + coarsest.bytes();
		for (CoarseLevel l : levels) b += l.bytes() - (l == levels.get(0) ? 4L * l.first.length : 0); // level 1 shares fa.first
		return b;
	}

	private CoarseLevel fromFine() {
		int bwh = fa.bw * fa.bh, w = s.w, h = s.h, n = s.n;
		CoarseLevel c = new CoarseLevel(fa.count, fa.bw, fa.bh, fa.bd, fa.first);
		c.dir = firstLevelDirichlet();
		// several conducting classes: each aggregate's largest conductivity, to keep materials apart further up
		float[] sigma = c.sigma = s.k1 > 2 ? new float[fa.count] : null;
		CoarseLevel.RowBuilder[] rows = new CoarseLevel.RowBuilder[fa.bd];
		Parallel.forEachBlock(fa.bd, s.threads, (from, to) -> {
			ConductionSystem.Window win = s.new Window();
			for (int Z = from; Z < to; Z++) {
				int base = fa.first[Z * bwh];
				CoarseLevel.RowBuilder rb = new CoarseLevel.RowBuilder(base, fa.first[(Z + 1) * bwh] - base);
				for (int z = 2 * Z; z < Math.min(s.d, 2 * Z + 2); z++) {
					int[] ix = win.slice(z), hi = win.slice(z + 1);
					byte[] cz = s.v.cls[z], ch = z < s.d - 1 ? s.v.cls[z + 1] : null;
					float[] gx = s.g[0], gy = s.g[1], gz = s.g[2];
					for (int y = 0, i = 0; y < h; y++) {
						int row = fa.row(y, z), rhi = fa.row(y + 1, z), zhi = fa.row(y, z + 1);
						for (int x = 0; x < w; x++, i++) {
							int k = ix[i], j;
							if (k == n) continue;
							int kc = ConductionSystem.cls(cz[i]), ck = kc * s.k1, I = fa.of(row, x, k);
							if (sigma != null) sigma[I] = Math.max(sigma[I], gx[ck + kc]);
							// each face once, from its lower voxel (+x, +y, +z)
							if (x < w - 1 && (j = ix[i + 1]) != n) rb.addPair(I, fa.of(row, x + 1, j), gx[ck + ConductionSystem.cls(cz[i + 1])]);
							if (y < h - 1 && (j = ix[i + w]) != n) rb.addPair(I, fa.of(rhi, x, j), gy[ck + ConductionSystem.cls(cz[i + w])]);
							if (hi != null && (j = hi[i]) != n) rb.addPair(I, fa.of(zhi, x, j), gz[ck + ConductionSystem.cls(ch[i])]);
						}
					}
				}
				rb.trim();
				rows[Z] = rb;
			}
		});
		buildPeak = Math.max(buildPeak, FineAggregates.bytes(s.w, s.h, s.d, s.n) + c.buildBytes() + c.setRows(rows));
		return c;
	}

	/**
	 * The Dirichlet conductances of the inlet and outlet voxels summed per first-level aggregate, voxels in raster
	 * order (each aggregate lies in one slab of blocks, so the slabs run in parallel with the same sums).
	 */
	private float[] firstLevelDirichlet() {
		float[] dir = new float[fa.count];
		int w = s.w, h = s.h, n = s.n, last = s.nAxis - 1;
		Parallel.forEachBlock(fa.bd, s.threads, (from, to) -> {
			ConductionSystem.Window win = s.new Window();
			for (int z = 2 * from; z < Math.min(s.d, 2 * to); z++) {
				if (s.axis == 2 && z != 0 && z != last) continue;
				int[] ix = win.slice(z);
				byte[] cz = s.v.cls[z];
				for (int y = 0, i = 0; y < h; y++, i += w) {
					if (s.axis == 1 && y != 0 && y != last) continue;
					int row = fa.row(y, z);
					for (int x = 0; x < w; x++) {
						if (s.axis == 0 && x != 0 && x != last) continue;
						int k = ix[i + x];
						if (k == n) continue;
						int a = s.coord(x, y, z), I = fa.of(row, x, k);
						float g = (float) s.gd[ConductionSystem.cls(cz[i + x])];
						if (a == 0) dir[I] += g;
						if (a == last) dir[I] += g;
					}
				}
			}
		});
		return dir;
	}

	/**
	 * Aggregates the cells of level f inside 2x2x2 blocks of its blocks (2x2x1 and the like across an axis along
	 * which its couplings are still weak, {@link #strongAxes}), joined by strong conductances; null (f is to be the
	 * coarsest) where only joining different materials would coarsen f and f has at most {@link #MIXED_COARSEST} cells.
	 */
	private CoarseLevel coarsen(CoarseLevel f) {
		boolean[] across = strongAxes(s.vs, extent);
		int[] step = new int[3];
		for (int b = 0; b < 3; b++) step[b] = across[b] ? 2 : 1;
		int bw = (f.bw + step[0] - 1) / step[0], bh = (f.bh + step[1] - 1) / step[1], bd = (f.bd + step[2] - 1) / step[2], bwh = bw * bh;
		int sz = step[2];
		float[] maxOff = new float[f.n];
		for (int i = 0; i < f.n; i++)
			for (int a = f.ptr[i]; a < f.ptr[i + 1]; a++) {
				// a cell's largest conductance among its own material's: an ISE cell on CAM is not weak to its ISE neighbours
				int j = f.col(i, a);
				if (!f.sameMaterial(i, j)) continue;
				maxOff[i] = Math.max(maxOff[i], f.g(a));
				maxOff[j] = Math.max(maxOff[j], f.g(a));
			}
		int[] owner = new int[f.n], lab = new int[f.n], first = new int[bwh * bd + 1];
		forEachBlock(f, bw, bh, bd, step, (S, cells, m) -> {
			for (int a = 0; a < m; a++) owner[cells[a]] = S;
		});
		// strong conductances within a material only; where that leaves more than half the cells, any conductance
		// within a material, then any at all (coarsening must go on; with one material the last two are one)
		double[] thetas = f.sigma == null ? new double[] { THETA, 0 } : new double[] { THETA, 0, 0 };
		for (int pass = 0; pass < thetas.length; pass++) {
			double theta = thetas[pass];
			boolean apart = pass < thetas.length - 1;
			// a coarse cell lumping CAM with ISE of very different conductivity is a poor coarse function (contrast 1e6
			// at 256^3: 59 iterations instead of 19): solve a level of moderate size exactly instead
			if (f.sigma != null && !apart && f.n <= MIXED_COARSEST) return null;
			forEachBlock(f, bw, bh, bd, step, (S, cells, m) -> first[S + 1] = label(f, cells, m, owner, S, maxOff, theta, apart, lab));
			for (int S = 0; S < bwh * bd; S++) first[S + 1] += first[S];
			if (first[bwh * bd] <= f.n / 2) break;
		}
		for (int b = 0; b < 3; b++) extent[b] *= step[b];
		f.zStep = sz;
		f.semi = !(across[0] && across[1] && across[2]);
		CoarseLevel c = new CoarseLevel(first[bwh * bd], bw, bh, bd, first);
		int[] parent = new int[f.n];
		for (int i = 0; i < f.n; i++) parent[i] = first[owner[i]] + lab[i];
		f.parent = parent;
		if (f.sigma != null) {
			c.sigma = new float[c.n];
			for (int i = 0; i < f.n; i++) c.sigma[parent[i]] = Math.max(c.sigma[parent[i]], f.sigma[i]);
		}
		CoarseLevel.RowBuilder[] rows = new CoarseLevel.RowBuilder[bd];
		int fwh = f.bw * f.bh;
		Parallel.forEachBlock(bd, s.threads, (from, to) -> {
			for (int Z = from; Z < to; Z++) {
				int base = first[Z * bwh];
				CoarseLevel.RowBuilder rb = new CoarseLevel.RowBuilder(base, first[(Z + 1) * bwh] - base);
				// the cells of slabs sz Z .. sz Z + sz - 1 are those of coarse slab Z
				for (int i = f.first[Math.min(sz * Z, f.bd) * fwh], end = f.first[Math.min(sz * Z + sz, f.bd) * fwh]; i < end; i++) {
					int I = parent[i];
					for (int a = f.ptr[i]; a < f.ptr[i + 1]; a++) rb.addPair(I, parent[f.col(i, a)], f.g(a));
				}
				rb.trim();
				rows[Z] = rb;
			}
		});
		f.restrictDirichlet(c);
		long alive = FineAggregates.bytes(s.w, s.h, s.d, s.n) + 12L * f.n + f.buildBytes() + c.buildBytes(); // maxOff, owner, lab
		for (CoarseLevel l : levels) alive += l.bytes();
		buildPeak = Math.max(buildPeak, alive + c.setRows(rows));
		return c;
	}

	interface BlockCells {
		void accept(int block, int[] cells, int m);
	}

	/**
	 * Calls back, in parallel over slabs, with the cells of f in each block of the next level (bw x bh x bd, each
	 * step[0] x step[1] x step[2] blocks of f).
	 */
	private void forEachBlock(CoarseLevel f, int bw, int bh, int bd, int[] step, BlockCells body) {
		int fwh = f.bw * f.bh;
		Parallel.forEachBlock(bd, s.threads, (from, to) -> {
			int[] cells = new int[64];
			for (int Z = from; Z < to; Z++)
				for (int Y = 0; Y < bh; Y++)
					for (int X = 0; X < bw; X++) {
						int m = 0;
						for (int q = 0; q < 8; q++) {
							int dx = q & 1, dy = q >> 1 & 1, dz = q >> 2;
							if (dx >= step[0] || dy >= step[1] || dz >= step[2]) continue;
							int x = step[0] * X + dx, y = step[1] * Y + dy, z = step[2] * Z + dz;
							if (x >= f.bw || y >= f.bh || z >= f.bd) continue;
							int b = z * fwh + y * f.bw + x;
							for (int i = f.first[b]; i < f.first[b + 1]; i++) {
								if (m == cells.length) cells = Arrays.copyOf(cells, 2 * m);
								cells[m++] = i;
							}
						}
						body.accept((Z * bh + Y) * bw + X, cells, m);
					}
		});
	}

	/**
	 * Connected components of one block's cells (conductances of at least theta times the geometric mean of the two
	 * cells' largest; between cells of one material only if apart), the rows hold each conductance once, at its lower
	 * cell; by union-find with the smaller root winning; numbered in cell order into lab.
	 */
	private static int label(CoarseLevel f, int[] cells, int m, int[] owner, int S, float[] maxOff, double theta, boolean apart, int[] lab) {
		for (int a = 0; a < m; a++) lab[cells[a]] = a;
		int[] root = new int[m];
		for (int a = 0; a < m; a++) root[a] = a;
		for (int a = 0; a < m; a++) {
			int i = cells[a];
			for (int e = f.ptr[i]; e < f.ptr[i + 1]; e++) {
				int j = f.col(i, e);
				if (j < i || owner[j] != S || f.g(e) < theta * Math.sqrt((double) maxOff[i] * maxOff[j])) continue;
				if (apart && !f.sameMaterial(i, j)) continue;
				int ra = find(root, a), rb = find(root, lab[j]);
				if (ra != rb) root[Math.max(ra, rb)] = Math.min(ra, rb);
			}
		}
		int count = 0;
		int[] map = new int[m];
		Arrays.fill(map, -1);
		for (int a = 0; a < m; a++) {
			int r = find(root, a);
			if (map[r] < 0) map[r] = count++;
			lab[cells[a]] = map[r];
		}
		return count;
	}

	private static int find(int[] root, int a) {
		while (root[a] != a) a = root[a] = root[root[a]];
		return a;
	}

	/**
	 * out = M^-1 r in two passes over the volume, each a chain of {@link ConductionSystem.Dense} windows computing
	 * its half-sweeps slice by slice (no intermediate vector): (1) red voxels r / D from 0, black Gauss-Seidel, residual
	 * of the red voxels restricted to the aggregates (the black ones' is 0); the coarse cycles; (2) the red values plus
	 * the scaled coarse correction (the black ones are overwritten next), black Gauss-Seidel, red Gauss-Seidel.
	 * The coarse cycles use out (not yet written then) as the smoother's scratch and for most of their vectors
	 * ({@link #ownVectors}).
	 */
	@Override
	public void apply(float[] r, float[] out) {
		if (out == r) throw new IllegalArgumentException("The preconditioner needs separate input and output vectors");
		CoarseLevel c = levels.get(0);
		lendVectors(out);
		ConductionSystem.SliceValues red = (z, ix, o) -> {
			Arrays.fill(o, 0f);
			for (int y = 0; y < s.h; y++)
				for (int x = (y + z) & 1, i = y * s.w + x; x < s.w; x += 2, i += 2) {
					int k = ix[i];
					if (k != s.n) o[i] = r[k] / s.diag(k);
				}
		};
		int bwh = fa.bw * fa.bh;
		Parallel.forEachBlock(fa.bd, s.threads, (from, to) -> {
			ConductionSystem.Window win = s.new Window(WINDOW);
			ConductionSystem.Dense r0 = s.new Dense(win, red);
			ConductionSystem.Dense x1 = s.new Dense(win, (z, ix, o) -> s.gsSlice(1, z, r0, r, o));
			for (int Z = from; Z < to; Z++) {
				Arrays.fill(c.b, c.bo + fa.first[Z * bwh], c.bo + fa.first[(Z + 1) * bwh], 0f);
				for (int z = 2 * Z; z < Math.min(s.d, 2 * Z + 2); z++)
					s.restrictRed(z, x1, r, c.b, c.bo, fa);
			}
		});
		Arrays.fill(c.x, 0f);
		for (int g = 0; g < GAMMA; g++) cycle(0, out);
		float alpha = firstSemi ? ALPHA_SEMI : ALPHA;
		ConductionSystem.SliceValues corrected = (z, ix, o) -> {
			red.fill(z, ix, o);
			for (int y = 0, i = 0; y < s.h; y++) {
				int row = fa.row(y, z);
				for (int x = 0; x < s.w; x++, i++) {
					int k = ix[i];
					if (k != s.n) o[i] += alpha * c.x[fa.of(row, x, k)];
				}
			}
		};
		Parallel.forEachBlock(s.d, s.threads, (from, to) -> {
			ConductionSystem.Window win = s.new Window(WINDOW);
			ConductionSystem.Dense x2 = s.new Dense(win, corrected);
			ConductionSystem.Dense x3 = s.new Dense(win, (z, ix, o) -> s.gsSlice(1, z, x2, r, o));
			float[] o = new float[s.w * s.h];
			for (int z = from; z < to; z++) {
				s.gsSlice(0, z, x3, r, o);
				int[] ix = win.slice(z);
				for (int i = 0; i < o.length; i++)
					if (ix[i] != s.n) out[ix[i]] = o[i];
			}
		});
	}

	/** Slices of compact indices each thread keeps for the chained windows of {@link #apply} (they read 2 ahead). */
	static final int WINDOW = 5;

	/** One cycle on coarse level li from its current x; acc: scratch of at least the first level's cells. */
	private void cycle(int li, float[] acc) {
		CoarseLevel l = levels.get(li);
		if (li == levels.size() - 1) {
			coarsest.solve(l.b, l.x);
			return;
		}
		CoarseLevel c = levels.get(li + 1);
		l.gaussSeidel(true, acc, s.threads);
		l.restrictTo(c, acc, s.threads);
		Arrays.fill(c.x, c.xo, c.xo + c.n, 0f);
		for (int g = 0; g < GAMMA; g++) cycle(li + 1, acc);
		l.prolongFrom(c, l.semi ? ALPHA_SEMI : ALPHA, s.threads);
		l.gaussSeidel(false, acc, s.threads);
	}
}
