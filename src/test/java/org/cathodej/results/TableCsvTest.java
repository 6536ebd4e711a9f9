package org.cathodej.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TableCsvTest {

	static Table sample() {
		Table t = new Table();
		t.addRow().label("pore z").set("mean", 1.5).set("phase", "pore").set("n", 3);
		t.addRow().label("a, \"b\"").set("mean", Double.NaN).set("phase", "CAM").set("n", 1e20).set("late", -0.0001);
		return t.unit("mean", "um").note("a note");
	}

	@Test
	void csvKeepsEveryDigitQuotesTextAndLeavesUnsetCellsEmpty() {
		Table t = sample();
		assertEquals(Arrays.asList("Label", "mean", "phase", "n", "late"), t.columns());
		assertEquals("Label,mean,phase,n,late\n" + "pore z,1.5,pore,3,\n" + "\"a, \"\"b\"\"\",,CAM,1.0e20,-1.0e-4\n", Csv.of(t));
		assertEquals("um", t.units().get("mean"));
		assertEquals("a note", t.notes().get(0));
	}

	@Test
	void csvReadsBackCellForCell() {
		Table t = sample();
		CsvTable back = CsvTable.of(Csv.of(t));
		assertEquals(t.columns(), back.header());
		for (int r = 0; r < t.rowCount(); r++)
			for (int c = 0; c < t.columns().size(); c++) {
				String col = t.columns().get(c);
				assertEquals(t.text(r, col), back.cell(r, c), "row " + r + " " + col);
				if (t.cell(r, col) instanceof Double && !Double.isNaN(t.number(r, col)))
					assertEquals(t.number(r, col), CsvTable.number(back.cell(r, c)));
			}
	}

	@Test
	void misuseIsRejected() {
		assertThrows(IllegalStateException.class, () -> new Table().set("x", 1));
		assertThrows(IllegalArgumentException.class, () -> new Table().addRow().set(Table.LABEL, "x"));
	}
}
