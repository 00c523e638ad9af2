package io.chatx.live;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * At most one {@link ReadMarkerChanged} per room and user per interval, the latest marker
 * winning. The first move after a quiet interval goes out at once and opens a window;
 * moves within the window wait, the highest marker kept, and go out as one event when it
 * ends, which opens the next window. A window that ends with nothing waiting forgets the
 * pair: idle pairs cost nothing, busy ones one timer at a time. Per instance: two devices
 * of one user on two instances can each send one per interval.
 */
final class ReadMarkerThrottle {

	private final Map<Key, Window> windows = new ConcurrentHashMap<>();

	private final Duration interval;

	private final Scheduler scheduler;

	private final Consumer<ReadMarkerChanged> emit;

	/**
	 * @param interval the shortest time between two events of a pair
	 * @param scheduler runs the end of each window
	 * @param emit where the events go
	 */
	ReadMarkerThrottle(Duration interval, Scheduler scheduler, Consumer<ReadMarkerChanged> emit) {
		this.interval = interval;
		this.scheduler = scheduler;
		this.emit = emit;
	}

	/** A marker moved: emit it now, or with its window's end. */
	void offer(ReadMarkerChanged event) {
		Key key = new Key(event.roomId(), event.user().id());
		boolean[] leading = new boolean[1];
		this.windows.compute(key, (k, window) -> {
			if (window == null) {
				leading[0] = true;
				return new Window();
			}
			window.waiting = latest(window.waiting, event);
			return window;
		});
		if (leading[0]) {
			this.emit.accept(event);
			endLater(key);
		}
	}

	/** Pairs with an open window (for tests: idle pairs are forgotten). */
	int openWindows() {
		return this.windows.size();
	}

	private void endLater(Key key) {
		this.scheduler.schedule(() -> end(key), this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void end(Key key) {
		ReadMarkerChanged[] trailing = new ReadMarkerChanged[1];
		this.windows.computeIfPresent(key, (k, window) -> {
			trailing[0] = window.waiting;
			window.waiting = null;
			return (trailing[0] != null) ? window : null;
		});
		if (trailing[0] != null) {
			this.emit.accept(trailing[0]);
			endLater(key);
		}
	}

	// Markers only move forward: the highest is the latest.
	private static ReadMarkerChanged latest(@Nullable ReadMarkerChanged waiting, ReadMarkerChanged event) {
		return (waiting == null || event.lastReadSeq() >= waiting.lastReadSeq()) ? event : waiting;
	}

	private record Key(UUID roomId, UUID userId) {
	}

	// Mutated only inside the map's compute calls.
	private static final class Window {

		@Nullable ReadMarkerChanged waiting;

	}

}
