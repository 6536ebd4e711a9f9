package org.cathodej.align;

import java.util.Locale;

/**
 * Output geometry of an aligned stack in reference coordinates: output pixel (X, Y) shows reference point
 * (X + x0, Y + y0). Computed from the transforms alone, so re-applying saved transforms gives the same canvas.
 */
public final class Canvas implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	public enum Mode {
		/** The largest rectangle covered by every slice (no fill pixels). */
		CROP,
		/** The input size; pixels no slice data reaches get the fill value. */
		FULL,
		/** The bounding box of all slices (grows with the drift); fill outside each slice. */
		EXPAND;

		public static Mode parse(String s) {
			try {
				return valueOf(s.trim().toUpperCase(Locale.ROOT));
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("Unknown canvas '" + s + "'; expected crop, full or expand");
			}
		}
	}

	public final int x0, y0, width, height;

	public Canvas(int x0, int y0, int width, int height) {
		this.x0 = x0;
		this.y0 = y0;
		this.width = width;
		this.height = height;
	}

	/** @param g reference -> slice maps, one per slice; w, h the slice size */
	public static Canvas of(Mode mode, RigidTransform[] g, int w, int h) {
		switch (mode) {
			case FULL:
				return new Canvas(0, 0, w, h);
			case EXPAND: {
				double minX = 0, minY = 0, maxX = w - 1, maxY = h - 1;
				for (RigidTransform t : g) {
					RigidTransform inv = t.inverse();
					for (double[] c : corners(w, h)) {
						double x = inv.x(c[0], c[1]), y = inv.y(c[0], c[1]);
						minX = Math.min(minX, x);
						minY = Math.min(minY, y);
						maxX = Math.max(maxX, x);
						maxY = Math.max(maxY, y);
					}
				}
				int x0 = (int) Math.floor(minX + 1e-9), y0 = (int) Math.floor(minY + 1e-9);
				return new Canvas(x0, y0, (int) Math.ceil(maxX - 1e-9) - x0 + 1, (int) Math.ceil(maxY - 1e-9) - y0 + 1);
			}
			default: {
				// start from the translation-only intersection, then shrink until every corner maps inside every slice
				double lx = 0, ly = 0, hx = w - 1, hy = h - 1;
				for (RigidTransform t : g) {
					RigidTransform inv = t.inverse();
					double cx = inv.x((w - 1) / 2.0, (h - 1) / 2.0) - (w - 1) / 2.0, cy = inv.y((w - 1) / 2.0, (h - 1) / 2.0) - (h - 1) / 2.0;
					lx = Math.max(lx, cx);
					ly = Math.max(ly, cy);
					hx = Math.min(hx, w - 1 + cx);
					hy = Math.min(hy, h - 1 + cy);
				}
				int x0 = (int) Math.ceil(lx - 1e-9), y0 = (int) Math.ceil(ly - 1e-9), x1 = (int) Math.floor(hx + 1e-9), y1 = (int) Math.floor(hy + 1e-9);
				while (x1 >= x0 && y1 >= y0 && !covered(g, w, h, x0, y0, x1, y1)) {
					x0++;
					y0++;
					x1--;
					y1--;
				}
				if (x1 < x0 || y1 < y0)
					throw new IllegalArgumentException("No region is covered by every slice (the drift exceeds the image size); use canvas=full or expand");
				return new Canvas(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
			}
		}
	}

	private static boolean covered(RigidTransform[] g, int w, int h, int x0, int y0, int x1, int y1) {
		for (RigidTransform t : g)
			for (double[] c : new double[][] { { x0, y0 }, { x1, y0 }, { x0, y1 }, { x1, y1 } }) {
				double x = t.x(c[0], c[1]), y = t.y(c[0], c[1]);
				if (x < -1e-9 || y < -1e-9 || x > w - 1 + 1e-9 || y > h - 1 + 1e-9) return false;
			}
		return true;
	}

	private static double[][] corners(int w, int h) {
		return new double[][] { { 0, 0 }, { w - 1, 0 }, { 0, h - 1 }, { w - 1, h - 1 } };
	}

	@Override
	public String toString() {
		return width + "x" + height + " at (" + x0 + ", " + y0 + ")";
	}
}
