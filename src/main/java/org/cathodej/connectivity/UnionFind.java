package org.cathodej.connectivity;

import java.util.Arrays;

/**
 * Disjoint sets over provisional labels 1..n with union by minimum (a parent is never larger than its child, so the
 * root of a set is its smallest label) and path halving. Grows on demand.
 */
final class UnionFind {

	int[] parent;
	int n;
	/** Unions that joined two different sets (the sets shrink by this many). */
	int joins;

	UnionFind(int capacity) {
		parent = new int[Math.max(16, capacity)];
	}

	UnionFind(int[] parent, int n) {
		this.parent = parent;
		this.n = n;
	}

	/** A new singleton set; returns its label. */
	int make() {
		if (n + 1 >= parent.length) {
			if (parent.length == Integer.MAX_VALUE)
				throw new IllegalStateException("More than 2^31 provisional cluster labels");
			parent = Arrays.copyOf(parent, (int) Math.min(Integer.MAX_VALUE, parent.length * 2L));
		}
		n++;
		parent[n] = n;
		return n;
	}

	int find(int x) {
		int[] p = parent;
		while (p[x] != x) {
			int g = p[p[x]];
			p[x] = g;
			x = g;
		}
		return x;
	}

	/** Joins the sets of a and b; returns the new root (the smaller of the two roots). */
	int union(int a, int b) {
		int ra = find(a), rb = find(b);
		if (ra < rb) {
			parent[rb] = ra;
			joins++;
			return ra;
		}
		if (rb < ra) {
			parent[ra] = rb;
			joins++;
			return rb;
		}
		return ra;
	}

	/**
	 * Replaces every entry 1..n by its final label: roots numbered 1, 2, ... in increasing order, every other entry by
	 * its root's number. Returns the number of sets. Relies on parent[i] <= i.
	 */
	int flatten() {
		int[] p = parent;
		for (int i = 1; i <= n; i++) p[i] = p[p[i]]; // p[p[i]] is already the root: p[i] < i was done before
		int count = 0;
		for (int i = 1; i <= n; i++) p[i] = p[i] == i ? ++count : p[p[i]];
		p[0] = 0;
		return count;
	}
}
