package org.cathodej.pores;

import java.util.Locale;

import org.cathodej.task.InsufficientMemoryException;
import org.cathodej.task.MemoryBudget;

/**
 * Memory of the per-pore-component tables, which grow with the number of pores, not with the slabs: per provisional
 * label of the slab labelling its union-find parent, voxel count, image faces, phase contacts and final label (18
 * bytes), per pore component its statistics ({@link PoreAnalysis.Components}: 17 values of 8 bytes), voxel count,
 * faces and class (146 bytes) and, when it is an isolated void (as most are: only those at the image border are not),
 * its row of the voids table ({@link PoreAnalysis.VoidInfo}, ~160 bytes). A volume of many small pores (a tiled cathode: ~1.2e4 per 2048 x 2048 slice) needs
 * more for these than for its slabs, so the streamed analysis checks them slab by slab, before they outgrow the heap.
 */
final class ComponentTables {

	static final long PROVISIONAL_BYTES = 4 + 8 + 1 + 1 + 4;
	static final long STATISTICS_BYTES = 17 * 8 + 8 + 1 + 1;
	/** A {@link PoreAnalysis.VoidInfo}: 15 doubles, a count, an id, two references, the object header and its list slot. */
	static final long VOID_BYTES = 15 * 8 + 8 + 4 + 2 * 4 + 12 + 8;
	static final long COMPONENT_BYTES = STATISTICS_BYTES + VOID_BYTES;
	/** Of {@link #PROVISIONAL_BYTES}, what pass 1 already holds (all but the final-label map). */
	private static final long HELD_PER_PROVISIONAL = PROVISIONAL_BYTES - 4;
	/** Where a volume whose pores outnumber memory can go instead. */
	static final String SUB_VOLUME = "Image > Duplicate with a slice range, or Image > Crop";

	private ComponentTables() {}

	static long bytes(long provisional, long components) {
		return PROVISIONAL_BYTES * provisional + COMPONENT_BYTES * components;
	}

	/**
	 * Refuses when the tables of the pore components found in the first {@code slices} of {@code depth} slices would
	 * not fit beside the least thickness windows of pass 3 ({@code windows} bytes): with {@code reserved} bytes held for
	 * the whole volume within the budget {@code cap} (memory_mb; 0 = none), and what they still allocate within the
	 * free heap (pass 1 holds most of the provisional tables already).
	 * The count so far is what the tables would need if the volume ended here, so a refusal is never premature; the
	 * need of the whole depth is extrapolated, linearly (the component count of a homogeneous sample grows with its depth).
	 * @param what the volume, e.g. "2048x2048x1024 voxels"
	 */
	static void require(long provisional, long components, int slices, int depth, long cap, long reserved, long windows, String what) {
		long need = bytes(provisional, components);
		long room = cap > 0 ? cap - reserved - windows : Long.MAX_VALUE;
		long heap = MemoryBudget.available() + HELD_PER_PROVISIONAL * provisional - windows;
		if (need <= Math.min(room, heap)) return;
		System.gc(); // garbage is not what stops the run
		heap = MemoryBudget.available() + HELD_PER_PROVISIONAL * provisional - windows;
		if (need <= Math.min(room, heap)) return;
		boolean budget = room <= heap;
		long fits = budget ? room : heap;
		throw new InsufficientMemoryException(message(provisional, components, slices, depth, need, fits, budget ? cap : 0, reserved, windows,
			what));
	}

	private static String message(long provisional, long components, int slices, int depth, long need, long fits, long cap, long reserved,
		long windows, String what) {
		StringBuilder m = new StringBuilder("Pores and Voids of ").append(what).append(slices < depth ? " stopped after slice " + slices
			+ " of " + depth : "").append(": the ").append(components).append(" pore components (").append(provisional)
			.append(" provisional labels of the slabs) ").append(slices < depth ? "found so far need " : "need ").append(MemoryBudget.bytes(need))
			.append(" for their tables (").append(COMPONENT_BYTES).append(" bytes per component with its void row, ").append(PROVISIONAL_BYTES)
			.append(" per provisional label)");
		long total = slices < depth ? (long) Math.ceil((double) need * depth / slices) : need;
		if (slices < depth) m.append(", about ").append(MemoryBudget.bytes(total)).append(" for all ").append(depth)
			.append(" slices if the pores go on as in the first ").append(slices);
		m.append(", but ").append(MemoryBudget.bytes(Math.max(0, fits)));
		if (cap > 0) m.append(" is left of the memory budget (memory_mb=").append(MemoryBudget.ceilMegabytes(cap)).append(")")
			.append(reserved > 0 ? " beside " + MemoryBudget.bytes(reserved) + " held for the whole volume and" : " beside");
		else m.append(" is what the heap can give them beside");
		m.append(" the least thickness windows (").append(MemoryBudget.bytes(windows)).append(")");
		m.append(". Nothing was written. ");
		long perSlice = Math.max(1, need / Math.max(1, slices)), sub = Math.max(0, fits) / perSlice;
		String more = String.format(Locale.ROOT, "%s%s more", slices < depth ? "about " : "at least ", MemoryBudget.bytes(total - Math.max(0, fits)));
		m.append(cap > 0 ? "Give a larger memory_mb (the tables need " + more + "; within what the heap has free)"
			: "Give Java a larger heap (the tables need " + more + "; Edit > Options > Memory & Threads, or java -Xmx)");
		m.append(sub >= 1 ? ", or analyse sub-volumes of about " + sub + " slices (" + SUB_VOLUME + ")."
			: ", or analyse a sub-volume cropped in x and y (" + SUB_VOLUME + ").");
		return m.toString();
	}

	/** The in-memory analysis's check before the statistics of {@code components} pore components of a volume of {@code what}. */
	static void requireStatistics(long components, String what) {
		MemoryBudget.require(STATISTICS_BYTES * (components + 1), "The statistics table of the " + components + " pore components of " + what + " ("
			+ STATISTICS_BYTES + " bytes each)", 0, " The component count grows with the volume: analyse sub-volumes (" + SUB_VOLUME + ").");
	}
}
