package io.chatx.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chatx.account.User;

/**
 * Who is online on the sending instance, room by room, valid for {@code ttlMillis}. A
 * complete snapshot replaces all the sender said before; one too big for a NATS message
 * is sent in parts, each of which only renews what it names (the rest then runs out with
 * its time-to-live).
 *
 * @param rooms room to users online in it on the sender
 * @param ttlMillis how long the receiver may count them without hearing it again
 * @param complete whether this is all the sender has
 * @param askBack whether receivers should answer with their own snapshot (the sender just
 * (re)connected and knows nothing)
 */
record PresenceSnapshot(Map<UUID, Set<User>> rooms, long ttlMillis, boolean complete, boolean askBack) {

	/**
	 * {@code online} as snapshots of at most {@code maxEntries} (room, user) pairs each:
	 * one complete snapshot when it fits, else parts.
	 */
	static List<PresenceSnapshot> of(Map<UUID, Set<User>> online, long ttlMillis, boolean askBack, int maxEntries) {
		int entries = online.values().stream().mapToInt(Set::size).sum();
		if (entries <= maxEntries) {
			return List.of(new PresenceSnapshot(online, ttlMillis, true, askBack));
		}
		List<PresenceSnapshot> parts = new ArrayList<>();
		Map<UUID, Set<User>> part = new HashMap<>();
		int size = 0;
		for (Map.Entry<UUID, Set<User>> room : online.entrySet()) {
			for (User user : room.getValue()) {
				if (size == maxEntries) {
					parts.add(new PresenceSnapshot(part, ttlMillis, false, askBack && parts.isEmpty()));
					part = new HashMap<>();
					size = 0;
				}
				part.computeIfAbsent(room.getKey(), (id) -> new HashSet<>()).add(user);
				size++;
			}
		}
		parts.add(new PresenceSnapshot(part, ttlMillis, false, askBack && parts.isEmpty()));
		return parts;
	}

}
