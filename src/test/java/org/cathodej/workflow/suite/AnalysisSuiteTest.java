package org.cathodej.workflow.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.cathodej.run.CommandCatalog;
import org.junit.jupiter.api.Test;

class AnalysisSuiteTest {

	/** The suite is its list, in its order; today the list is what the Analyze menu offers, so users see no gap. */
	@Test
	void theSuiteRunsItsListAndCoversTheAnalyzeMenu() {
		CommandCatalog catalog = CommandCatalog.load();
		List<Class<?>> suite = new ArrayList<>(), menu = new ArrayList<>();
		for (CommandCatalog.Entry e : new AnalysisSuite(catalog).entries()) suite.add(e.spec().type());
		for (CommandCatalog.Entry e : catalog.entries())
			if (e.submenu().equals("Analyze")) menu.add(e.spec().type());
		assertEquals(new ArrayList<>(AnalysisSuite.ANALYSES), suite);
		assertEquals(menu, suite, "an Analyze command missing from AnalysisSuite.ANALYSES (or listed in another order)");
	}
}
