package io.chatx.live.presence;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.chatx.account.User;

/**
 * Who is online in which room: this instance's live subscriptions, counted per user, and
 * what other instances announce, each entry valid until its time-to-live runs out (so the
 * users of an instance that died drop out on their own). A user is online while any
 * source has them; every change of that is reported once, as a {@link PresenceChanged}.
 */
public class PresenceRegistry {

	private final Map<UUID, Map<UUID, UserPresence>> rooms = new HashMap<>();

	private final Consumer<PresenceChanged> changes;

	private final LocalPresenceListener local;

	private final Clock clock;

	public PresenceRegistry(Consumer<PresenceChanged> changes, Clock clock) {
		this(changes, (roomId, user, online) -> {
		}, clock);
	}

	/**
	 * @param changes told of every change of who is online, cluster-wide
	 * @param local told when a user's presence on this instance alone begins or ends
	 * @param clock the time that announcements are checked against
	 */
	public PresenceRegistry(Consumer<PresenceChanged> changes, LocalPresenceListener local, Clock clock) {
		this.changes = changes;
		this.local = local;
		this.clock = clock;
	}

	/** A live subscription of {@code user} to the room started on this instance. */
	public void enterLocally(UUID roomId, User user) {
		update(roomId, user, (presence) -> presence.localCount++);
	}

	/** A live subscription of {@code user} to the room ended on this instance. */
	public void leaveLocally(UUID roomId, User user) {
		update(roomId, user, (presence) -> presence.localCount = Math.max(0, presence.localCount - 1));
	}

	/**
	 * Another instance says {@code user} is online in the room, until {@code expiresAt}.
	 */
	public void onlineElsewhere(String instanceId, UUID roomId, User user, Instant expiresAt) {
		update(roomId, user, (presence) -> presence.remote.put(instanceId, expiresAt));
	}

	/** Another instance says {@code user} went offline there. */
	public void offlineElsewhere(String instanceId, UUID roomId, User user) {
		update(roomId, user, (presence) -> presence.remote.remove(instanceId));
	}

	/**
	 * Replace everything {@code instanceId} said with its full current set (room to
	 * users), valid until {@code expiresAt}.
	 */
	public synchronized void snapshotElsewhere(String instanceId, Map<UUID, Set<User>> online, Instant expiresAt) {
		for (Map.Entry<UUID, Map<UUID, UserPresence>> room : List.copyOf(this.rooms.entrySet())) {
			Set<User> stillOnline = online.getOrDefault(room.getKey(), Set.of());
			for (UserPresence presence : List.copyOf(room.getValue().values())) {
				if (presence.remote.containsKey(instanceId) && !stillOnline.contains(presence.user)) {
					update(room.getKey(), presence.user, (p) -> p.remote.remove(instanceId));
				}
			}
		}
		online.forEach((roomId, users) -> users
			.forEach((user) -> update(roomId, user, (presence) -> presence.remote.put(instanceId, expiresAt))));
	}

	/** Drop what other instances said that has outlived its time-to-live. */
	public synchronized void expire() {
		Instant now = this.clock.instant();
		for (Map.Entry<UUID, Map<UUID, UserPresence>> room : List.copyOf(this.rooms.entrySet())) {
			for (UserPresence presence : List.copyOf(room.getValue().values())) {
				if (presence.remote.values().stream().anyMatch((expiry) -> !expiry.isAfter(now))) {
					update(room.getKey(), presence.user,
							(p) -> p.remote.values().removeIf((expiry) -> !expiry.isAfter(now)));
				}
			}
		}
	}

	/** This instance's own subscribers, room to users, for announcing to the others. */
	public synchronized Map<UUID, Set<User>> localSnapshot() {
		Map<UUID, Set<User>> snapshot = new LinkedHashMap<>();
		this.rooms.forEach((roomId, users) -> users.values()
			.stream()
			.filter((presence) -> presence.localCount > 0)
			.forEach((presence) -> snapshot.computeIfAbsent(roomId, (id) -> new java.util.HashSet<>())
				.add(presence.user)));
		return snapshot;
	}

	public synchronized List<User> online(UUID roomId) {
		Instant now = this.clock.instant();
		List<User> online = new ArrayList<>();
		this.rooms.getOrDefault(roomId, Map.of()).values().forEach((presence) -> {
			if (presence.isOnline(now)) {
				online.add(presence.user);
			}
		});
		online.sort(Comparator.comparing(User::username, String.CASE_INSENSITIVE_ORDER));
		return online;
	}

	public synchronized int onlineCount(UUID roomId) {
		Instant now = this.clock.instant();
		return (int) this.rooms.getOrDefault(roomId, Map.of()).values().stream().filter((p) -> p.isOnline(now)).count();
	}

	/** Rooms with anyone in them, for the leak check. */
	public synchronized int roomCount() {
		return this.rooms.size();
	}

	private synchronized void update(UUID roomId, User user, Consumer<UserPresence> change) {
		Instant now = this.clock.instant();
		Map<UUID, UserPresence> users = this.rooms.computeIfAbsent(roomId, (id) -> new HashMap<>());
		UserPresence presence = users.computeIfAbsent(user.id(), (id) -> new UserPresence(user));
		boolean localBefore = presence.localCount > 0;
		change.accept(presence);
		if (localBefore != presence.localCount > 0) {
			this.local.changed(roomId, user, !localBefore);
		}
		boolean after = presence.isOnline(now);
		// Compared with what was last reported: an
		// announcement may have lapsed meanwhile.
		boolean before = presence.reportedOnline;
		presence.reportedOnline = after;
		if (!presence.isKnown()) {
			users.remove(user.id());
			if (users.isEmpty()) {
				this.rooms.remove(roomId);
			}
		}
		if (before != after) {
			int count = (int) users.values().stream().filter((p) -> p.isOnline(now)).count();
			this.changes.accept(new PresenceChanged(roomId, user, after, count, OffsetDateTime.now(this.clock)));
		}
	}

	private static final class UserPresence {

		private final User user;

		private int localCount;

		private boolean reportedOnline;

		private final Map<String, Instant> remote = new HashMap<>();

		UserPresence(User user) {
			this.user = user;
		}

		boolean isOnline(Instant now) {
			return this.localCount > 0 || this.remote.values().stream().anyMatch((expiry) -> expiry.isAfter(now));
		}

		boolean isKnown() {
			return this.localCount > 0 || !this.remote.isEmpty();
		}

	}

}
