package org.cathodej.task;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

	@Test
	void megabytesConvertsWithoutOverflowAndKeepsZeroAsNoCap() {
		assertEquals(0, MemoryBudget.megabytes(0));
		assertEquals(3L * 1024 * 1024, MemoryBudget.megabytes(3));
		assertEquals(Integer.MAX_VALUE * 1048576L, MemoryBudget.megabytes(Integer.MAX_VALUE));
	}

	@Test
	void aNegativeBudgetIsRefusedNotClamped() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryBudget.megabytes(-5));
		assertTrue(e.getMessage().contains("memory_mb=-5") && e.getMessage().contains("0 for what the heap has free"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> MemoryBudget.megabytes(Integer.MIN_VALUE));
	}

	@Test
	void slabMemoryIsTheCapOrAShareOfTheFreeHeap() {
		assertEquals(7L << 20, MemoryBudget.slabMemory(7L << 20));
		long auto = MemoryBudget.slabMemory(0);
		assertTrue(auto > 0 && auto <= Runtime.getRuntime().maxMemory() * MemoryBudget.SLAB_SHARE, "automatic slab memory " + auto);
	}
}
