package org.cathodej.pores;

import java.util.Locale;
import java.util.function.LongSupplier;

import org.cathodej.task.InsufficientMemoryException;
import org.cathodej.task.MemoryBudget;

/**
 * Memory of the per-pore-component tables, which grow with the number of pores, not with the slabs: per provisional
 * label of the slab labelling its union-find parent, voxel count, image faces, phase contacts and final label (18
 * bytes), per pore component its statistics ({@link PoreAnalysis.Components}: 17 values of 8 bytes), voxel count,
 * faces and class (146 bytes) and, when it is an isolated void (as most are: only those at the image border are not),
 * its row of the voids table ({@link PoreAnalysis.VoidInfo}, ~160 bytes). A volume of many small pores (a tiled cathode: ~1.2e4 per 2048 x 2048 slice) needs
 * more for these than for its slabs, so the streamed analysis checks them slab by slab, before they outgrow the heap, and
 * the in-memory one as soon as its labelling has counted them, before the local thickness.
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
		long[] left = lacking(need, room, cap, () -> MemoryBudget.available() + HELD_PER_PROVISIONAL * provisional - windows);
		if (left == null) return;
		throw new InsufficientMemoryException(message(provisional, components, slices, depth, need, left[0], left[1],
			reserved, "the least thickness windows (" + MemoryBudget.bytes(windows) + ")", 0, what));
	}

	/** Bytes per voxel the in-memory analysis holds beside the component tables: the int component labels and the float local thickness. */
	static final int IN_MEMORY_HELD_PER_VOXEL = 4 + 4;

	/**
	 * The in-memory analysis's check as soon as the labelling has counted the {@code components} pore components of
	 * {@code voxels} voxels in {@code depth} slices, before the local thickness: their tables beside the labels and the
	 * thickness ({@link #IN_MEMORY_HELD_PER_VOXEL}) within the budget {@code cap} (memory_mb; 0 = none), and beside the
	 * thickness still to be allocated within the free heap (the labels are allocated already).
	 */
	static void requireInMemory(long components, long voxels, int depth, long cap, String what) {
		long need = bytes(0, components), held = IN_MEMORY_HELD_PER_VOXEL * voxels, thickness = 4 * voxels;
		long room = cap > 0 ? cap - held : Long.MAX_VALUE;
		long[] left = lacking(need, room, cap, () -> MemoryBudget.available() - thickness);
		if (left == null) return;
		throw new InsufficientMemoryException(message(0, components, depth, depth, need, left[0], left[1], 0,
			"the component labels and the local thickness (" + IN_MEMORY_HELD_PER_VOXEL + " bytes per voxel, " + MemoryBudget.bytes(held) + ")",
			held, what)
			+ " Or stream it (streaming=always): then only the thickness windows are held beside the tables.");
	}

	/**
	 * Null when {@code need} bytes of tables fit both the {@code room} left in the budget {@code cap} and the heap (after
	 * one collection); else {what is left where it binds, the cap to name: {@code cap} when the budget binds, 0 when the heap does}.
	 */
	private static long[] lacking(long need, long room, long cap, LongSupplier heap) {
		if (need <= Math.min(room, heap.getAsLong())) return null;
		System.gc(); // garbage is not what stops the run
		long h = heap.getAsLong();
		if (need <= Math.min(room, h)) return null;
		return room <= h ? new long[] { room, cap } : new long[] { h, 0 };
	}

	/**
	 * The refusal: the count, the need (extrapolated to the whole depth when found in the first {@code slices}), what is
	 * left beside what ({@code beside}) and what would work. {@code scaling} bytes of what is held beside the tables shrink
	 * with a sub-volume's slices as the tables do.
	 */
	private static String message(long provisional, long components, int slices, int depth, long need, long fits, long cap, long reserved,
		String beside, long scaling, String what) {
		StringBuilder m = new StringBuilder("Pores and Voids of ").append(what).append(slices < depth ? " stopped after slice " + slices
			+ " of " + depth : "").append(": the ").append(components).append(" pore components");
		if (provisional > 0) m.append(" (").append(provisional).append(" provisional labels of the slabs)"); // streamed only
		m.append(" ").append(slices < depth ? "found so far need " : "need ").append(MemoryBudget.bytes(need))
			.append(" for their tables (").append(COMPONENT_BYTES).append(" bytes per component with its void row");
		if (provisional > 0) m.append(", ").append(PROVISIONAL_BYTES).append(" per provisional label");
		m.append(")");
		long total = slices < depth ? (long) Math.ceil((double) need * depth / slices) : need;
		if (slices < depth) m.append(", about ").append(MemoryBudget.bytes(total)).append(" for all ").append(depth)
			.append(" slices if the pores go on as in the first ").append(slices);
		m.append(", but ").append(MemoryBudget.bytes(Math.max(0, fits)));
		if (cap > 0) m.append(" is left of the memory budget (memory_mb=").append(MemoryBudget.ceilMegabytes(cap)).append(")")
			.append(reserved > 0 ? " beside " + MemoryBudget.bytes(reserved) + " held for the whole volume and" : " beside");
		else m.append(" is what the heap can give them beside");
		m.append(" ").append(beside);
		m.append(". Nothing was written. ");
		long sub = (long) ((double) (Math.max(0, fits) + scaling) * slices / Math.max(1, need + scaling));
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
