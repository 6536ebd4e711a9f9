package org.cathodej.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cathodej.results.Csv;
import org.cathodej.results.Table;
import org.junit.jupiter.api.Test;

import ij.measure.ResultsTable;

class ResultsTablesTest {

	@Test
	void aTableSurvivesTheTripThroughImageJ() {
		Table t = new Table();
		t.addRow().label("pore").set("volume_fraction", 0.25).set("unit", "um").set("count", 12);
		t.addRow().label("CAM").set("volume_fraction", Double.NaN).set("unit", "um").set("count", 3.000000000001);
		ResultsTable rt = ResultsTables.toResultsTable(t);
		assertEquals(2, rt.size());
		assertEquals("CAM", rt.getLabel(1));
		assertEquals(0.25, rt.getValue("volume_fraction", 0));
		assertEquals("um", rt.getStringValue("unit", 1));
		assertEquals(Csv.of(t), Csv.of(ResultsTables.toTable(rt)));
	}

	@Test
	void anEmptyResultsTableKeepsItsHeader() {
		ResultsTable rt = new ResultsTable();
		assertEquals("\n", Csv.of(ResultsTables.toTable(rt)));
	}
}
