package org.cathodej.segment;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Polygon;
import java.awt.Rectangle;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cathodej.image.Slices;
import org.cathodej.phase.Phase;
import org.junit.jupiter.api.Test;

class ScribblesTest {

	/** The pixels whose centres (x + 0.5, y + 0.5) lie inside the shape (as an ImageJ ROI's contained points). */
	static Scribbles.Region shape(String name, int slice, Shape shape) {
		Rectangle b = shape.getBounds();
		List<int[]> in = new ArrayList<>();
		for (int yy = b.y - 1; yy <= b.y + b.height; yy++)
			for (int xx = b.x - 1; xx <= b.x + b.width; xx++)
				if (shape.contains(xx + 0.5, yy + 0.5)) in.add(new int[] { xx, yy });
		int[] x = new int[in.size()], y = new int[in.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = in.get(i)[0];
			y[i] = in.get(i)[1];
		}
		return Scribbles.Region.ofPixels(name, slice, x, y);
	}


	static int[][] planes(Scribbles.Result r) {
		int w = Slices.width(r.labels), h = Slices.height(r.labels), d = Slices.depth(r.labels);
		int[][] p = new int[d][w * h];
		for (int z = 0; z < d; z++) Slices.readInts(r.labels, z, p[z]);
		return p;
	}

	@Test
	void rectanglesAndPolygonsOnTheirSlices() {
		int w = 12, h = 10, d = 4;
		// a triangle with vertices (0,0), (8,0), (0,8): the pixels whose centres lie below the hypotenuse, 28 of them
		Polygon tri = new Polygon(new int[] { 0, 8, 0 }, new int[] { 0, 0, 8 }, 3);
		List<Scribbles.Region> regions = Arrays.asList(
			shape("pore", 2, new Rectangle(1, 2, 3, 4)),
			shape("CAM 3", 3, tri),
			Scribbles.Region.ofMask("ise_a", 0, 10, 8, 4, 4, null), // all slices, partly outside: clipped to (10..11, 8..9)
			Scribbles.Region.ofPixels("Pore-2", 2, new int[] { 2, 9 }, new int[] { 3, 9 })); // overlaps the first pore region at (2,3)
		Scribbles.Result r = Scribbles.toLabels(regions, w, h, d);
		int[][] got = planes(r);
		int[][] want = new int[d][w * h];
		for (int y = 2; y < 6; y++) for (int x = 1; x < 4; x++) want[1][y * w + x] = 1;
		want[1][9 * w + 9] = 1;
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if ((x + 0.5) + (y + 0.5) < 8) want[2][y * w + x] = 2;
		for (int z = 0; z < d; z++) for (int y = 8; y < 10; y++) for (int x = 10; x < 12; x++) want[z][y * w + x] = 3;
		for (int z = 0; z < d; z++) assertArrayEquals(want[z], got[z], "slice " + (z + 1));
		assertArrayEquals(new long[] { 13, 28, 16 }, r.voxelsPerClass);
		assertArrayEquals(new int[] { 2, 1, 1 }, r.regionsPerClass);
		assertArrayEquals(new int[] { Scribbles.value(Phase.PORE), Scribbles.value(Phase.CAM), Scribbles.value(Phase.ISE) }, Scribbles.classValues());
	}

	@Test
	void namesAreMatchedCaseInsensitivelyWithSuffixes() {
		assertEquals(Phase.PORE, Scribbles.classOf(" PORE "));
		assertEquals(Phase.PORE, Scribbles.classOf("pore2"));
		assertEquals(Phase.CAM, Scribbles.classOf("cam-1"));
		assertEquals(Phase.CAM, Scribbles.classOf("CAM 3"));
		assertEquals(Phase.ISE, Scribbles.classOf("ISE_a"));
		for (String bad : new String[] { "camera", "0001-0012", "", "electrolyte", "poreless" }) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scribbles.classOf(bad), bad);
			assertTrue(e.getMessage().contains("pore, CAM or ISE") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
		}
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Scribbles.toLabels(Arrays.asList(shape("CAM", 1, new Rectangle(0, 0, 2, 2)),
				shape("Roi 7", 1, new Rectangle(3, 3, 2, 2))), 8, 8, 2));
		assertTrue(e.getMessage().contains("'Roi 7'") && e.getMessage().contains("pore, CAM or ISE"), e.getMessage());
	}

	@Test
	void overlapsOfDifferentPhasesAreRejectedWithSliceAndClasses() {
		// CAM on every slice, ISE on slice 3 only, touching one pixel (4,4)
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Scribbles.toLabels(Arrays.asList(shape("CAM", 0, new Rectangle(0, 0, 5, 5)),
				shape("ISE 1", 3, new Rectangle(4, 4, 3, 3))), 8, 8, 4));
		assertTrue(e.getMessage().contains("slice 3") && e.getMessage().contains("CAM and ISE") && e.getMessage().contains("(4, 4)"), e.getMessage());
		// the same rectangles on different slices are fine, and so are overlaps within one phase
		Scribbles.Result r = Scribbles.toLabels(Arrays.asList(shape("CAM", 1, new Rectangle(0, 0, 5, 5)),
			shape("ISE", 2, new Rectangle(4, 4, 3, 3)), shape("cam b", 1, new Rectangle(2, 2, 5, 5))), 8, 8, 4);
		assertArrayEquals(new long[] { 0, 25 + 25 - 9, 9 }, r.voxelsPerClass);
		// a slice beyond the stack
		e = assertThrows(IllegalArgumentException.class,
			() -> Scribbles.toLabels(Arrays.asList(shape("pore", 5, new Rectangle(0, 0, 1, 1))), 8, 8, 4));
		assertTrue(e.getMessage().contains("slice 5") && e.getMessage().contains("4 slices"), e.getMessage());
	}
}
