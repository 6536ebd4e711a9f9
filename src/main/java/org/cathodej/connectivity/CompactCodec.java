package org.cathodej.connectivity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The compact byte form of the cluster tables and boundary label slices of a {@link SlabClusters} when it travels
 * (a Spark task's result): unsigned LEB128 varints, label slices as runs of equal labels (a slice of a few clusters
 * and background is a few runs per row, not 4 bytes per voxel). Lossless: decoding gives the same numbers.
 */
final class CompactCodec {

	private byte[] buf = new byte[1 << 12];
	private int len;

	/** Appends v (>= 0) as an unsigned varint: 7 bits per byte, low bits first. */
	void put(long v) {
		if (v < 0) throw new IllegalArgumentException("Negative value in a compact table: " + v);
		if (len + 10 > buf.length) buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, buf.length * 2L + 10));
		while (v >= 0x80) {
			buf[len++] = (byte) (v | 0x80);
			v >>>= 7;
		}
		buf[len++] = (byte) v;
	}

	/** Appends a label slice as (label, run length) pairs. */
	void putRuns(int[] slice) {
		put(slice.length);
		int i = 0;
		while (i < slice.length) {
			int v = slice[i], j = i + 1;
			while (j < slice.length && slice[j] == v) j++;
			put(v);
			put(j - i);
			i = j;
		}
	}

	/** Writes the bytes appended so far, with their count. */
	void writeTo(DataOutput out) throws IOException {
		out.writeInt(len);
		out.write(buf, 0, len);
	}

	/** Reads what {@link #writeTo} wrote. */
	static Reader readFrom(DataInput in) throws IOException {
		byte[] b = new byte[in.readInt()];
		in.readFully(b);
		return new Reader(b);
	}

	/** Reads varints and runs back in the order they were put. */
	static final class Reader {
		private final byte[] b;
		private int pos;

		Reader(byte[] b) {
			this.b = b;
		}

		long get() {
			long v = 0;
			for (int shift = 0;; shift += 7) {
				byte x = b[pos++];
				v |= (long) (x & 0x7f) << shift;
				if (x >= 0) return v;
			}
		}

		int getInt() {
			return Math.toIntExact(get());
		}

		int[] getRuns() {
			int[] s = new int[getInt()];
			int i = 0;
			while (i < s.length) {
				int v = getInt(), run = getInt();
				Arrays.fill(s, i, i + run, v);
				i += run;
			}
			return s;
		}
	}
}
