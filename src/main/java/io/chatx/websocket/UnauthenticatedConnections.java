package io.chatx.websocket;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * WebSocket connections per client address that have not sent {@code connection_init}
 * yet, capped: each costs a socket and buffers before anyone has signed in, so one
 * address could otherwise open them by the thousand. Signed-in connections are not
 * counted here.
 */
final class UnauthenticatedConnections {

	private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

	private final int maxPerAddress;

	UnauthenticatedConnections(int maxPerAddress) {
		this.maxPerAddress = maxPerAddress;
	}

	/**
	 * Count a new connection from {@code address}.
	 * @return its place, to release once it has sent connection_init or closed; null when
	 * the address has as many as allowed
	 */
	@Nullable Place tryOpen(String address) {
		boolean[] admitted = { false };
		this.open.compute(address, (key, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= this.maxPerAddress) {
				return count;
			}
			admitted[0] = true;
			return current + 1;
		});
		return admitted[0] ? new Place(address) : null;
	}

	/** How many connections from {@code address} are counted now. */
	int count(String address) {
		return this.open.getOrDefault(address, 0);
	}

	/** One counted connection; releasing it twice counts once. */
	final class Place {

		private final String address;

		private final AtomicBoolean released = new AtomicBoolean();

		private Place(String address) {
			this.address = address;
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				UnauthenticatedConnections.this.open.computeIfPresent(this.address,
						(key, count) -> (count > 1) ? count - 1 : null);
			}
		}

		boolean isReleased() {
			return this.released.get();
		}

	}

}
