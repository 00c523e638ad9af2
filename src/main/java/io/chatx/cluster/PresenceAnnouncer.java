package io.chatx.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import io.chatx.account.User;
import io.chatx.live.presence.LocalPresenceListener;
import io.chatx.live.presence.PresenceRegistry;

/**
 * Presence across instances. This instance tells the others when a user comes online here
 * or goes offline, and repeats its whole set every announce interval with a time-to-live;
 * what others say goes into the {@link PresenceRegistry}, where it runs out unless it is
 * repeated. Stopping, the instance says goodbye, so its users leave at once.
 */
final class PresenceAnnouncer implements LocalPresenceListener, LinkListener {

	private static final Duration EXPIRE_INTERVAL = Duration.ofSeconds(1);

	private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(2);

	// Room id, user id and username (at most 32 ASCII characters) of one entry take well
	// under this in JSON: a snapshot of max payload / ENTRY_BYTES entries always fits.
	private static final int ENTRY_BYTES = 256;

	private final PresenceRegistry registry;

	private final NatsLink link;

	private final NatsProperties properties;

	private final Clock clock;

	// One thread sends everything about presence, in the order of the changes: a snapshot
	// is read when it is sent, after every change before it.
	private final Scheduler sender = Schedulers.newSingle("chatx-presence", true);

	private Disposable tasks = Disposables.disposed();

	PresenceAnnouncer(PresenceRegistry registry, NatsLink link, NatsProperties properties, Clock clock) {
		this.registry = registry;
		this.link = link;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void changed(UUID roomId, User user, boolean online) {
		later(() -> this.link.send(Subjects.presence(roomId), new PresenceNotice(roomId, user, online, ttlMillis())));
	}

	@Override
	public void linkUp() {
		later(() -> announce(true));
	}

	/** What {@code origin}, another instance, says about presence. */
	void receive(String origin, Object event) {
		if (event instanceof PresenceNotice notice) {
			if (notice.online()) {
				this.registry.onlineElsewhere(origin, notice.roomId(), notice.user(), expiry(notice.ttlMillis()));
			}
			else {
				this.registry.offlineElsewhere(origin, notice.roomId(), notice.user());
			}
		}
		else if (event instanceof PresenceSnapshot snapshot) {
			Instant expiresAt = expiry(snapshot.ttlMillis());
			if (snapshot.complete()) {
				this.registry.snapshotElsewhere(origin, snapshot.rooms(), expiresAt);
			}
			else {
				snapshot.rooms()
					.forEach((roomId, users) -> users
						.forEach((user) -> this.registry.onlineElsewhere(origin, roomId, user, expiresAt)));
			}
			if (snapshot.askBack()) {
				later(() -> announce(false));
			}
		}
	}

	/** Announce every announce interval, and let what others said expire. */
	void start() {
		long interval = this.properties.announceInterval().toMillis();
		this.tasks = Disposables.composite(
				this.sender.schedulePeriodically(() -> announce(false), interval, interval, TimeUnit.MILLISECONDS),
				this.sender.schedulePeriodically(this.registry::expire, EXPIRE_INTERVAL.toMillis(),
						EXPIRE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
	}

	/** Say goodbye: an empty snapshot, so that this instance's users leave at once. */
	void stop() {
		this.tasks.dispose();
		CountDownLatch sent = new CountDownLatch(1);
		this.sender.schedule(() -> {
			this.link.send(Subjects.PRESENCE_SNAPSHOT, new PresenceSnapshot(Map.of(), 0, true, false));
			sent.countDown();
		});
		try {
			sent.await(GOODBYE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.sender.dispose();
	}

	private void later(Runnable task) {
		try {
			this.sender.schedule(task);
		}
		catch (RejectedExecutionException ex) {
			// Stopped: the goodbye has been said.
		}
	}

	private void announce(boolean askBack) {
		int maxEntries = (int) Math.min(Integer.MAX_VALUE, this.link.maxPayload() / ENTRY_BYTES);
		List<PresenceSnapshot> parts = PresenceSnapshot.of(this.registry.localSnapshot(), ttlMillis(), askBack,
				maxEntries);
		parts.forEach((part) -> this.link.send(Subjects.PRESENCE_SNAPSHOT, part));
	}

	private long ttlMillis() {
		return this.properties.presenceTtl().toMillis();
	}

	private Instant expiry(long ttlMillis) {
		return this.clock.instant().plusMillis(Math.max(0, ttlMillis));
	}

}
