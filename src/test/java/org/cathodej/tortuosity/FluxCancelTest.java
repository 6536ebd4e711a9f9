package org.cathodej.tortuosity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.cathodej.image.VoxelSize;
import org.cathodej.phantom.AnalyticPhantoms;
import org.cathodej.phantom.LabelVolume;
import org.cathodej.task.Progress;
import org.junit.jupiter.api.Test;

/** Esc on a multi-axis solve keeps the finished axes; the status names the axis being solved. */
class FluxCancelTest {

	/** Cancels as soon as a status mentions {@code when}; records every status. */
	static final class EscAt implements Progress {
		final String when;
		final List<String> statuses = new ArrayList<>();
		volatile boolean esc;

		EscAt(String when) {
			this.when = when;
		}

		@Override
		public synchronized void report(double fraction, String status) {
			statuses.add(status);
			if (when != null && status.startsWith(when)) esc = true;
		}

		@Override
		public boolean isCancelled() {
			return esc;
		}
	}

	private static final LabelVolume CHANNELS = AnalyticPhantoms.channels(16, 16, 16, 0, 4, 8, 1, 0);

	@Test
	void escDuringTheSecondAxisKeepsTheFirst() {
		EscAt p = new EscAt("along y");
		FluxTortuosity.Options o = new FluxTortuosity.Options();
		List<FluxResult> rs = FluxTortuosity.compute(CHANNELS.toImg(), Conductivities.singlePhase(1), new VoxelSize(1, 1, 1, "µm"),
			new int[] { 0, 1, 2 }, o, p);
		assertEquals(1, rs.size(), "x finished before Esc");
		assertEquals(0, rs.get(0).axis);
		assertEquals(1.0, rs.get(0).kappa, 1e-3, "straight channels along x");
		assertTrue(p.statuses.stream().anyMatch(s -> s.startsWith("along x (1 of 3): ")), p.statuses.toString());
		assertEquals("Stopped by Esc while solving along y: the finished axes (x) are reported; not solved: y, z.",
			org.cathodej.commands.TortuosityFluxCommandNotes.stopped(rs, new int[] { 0, 1, 2 }));
	}

	@Test
	void escBeforeAnyAxisStops() {
		EscAt p = new EscAt("");
		assertThrows(CancellationException.class, () -> FluxTortuosity.compute(CHANNELS.toImg(), Conductivities.singlePhase(1),
			new VoxelSize(1, 1, 1, "µm"), new int[] { 0, 1 }, new FluxTortuosity.Options(), p));
	}
}
