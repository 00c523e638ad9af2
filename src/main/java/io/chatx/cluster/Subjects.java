package io.chatx.cluster;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The NATS subjects ChatX instances talk on. Every instance subscribes to all of them (no
 * queue groups): each must see every event of the rooms its own clients watch.
 */
final class Subjects {

	/** Room list events (rooms created and deleted). */
	static final String ROOMS = "chatx.rooms";

	/** Every instance's full set of online users, repeated with a time-to-live. */
	static final String PRESENCE_SNAPSHOT = "chatx.presence.snapshot";

	static final String ROOM_PREFIX = "chatx.room.";

	static final String PRESENCE_PREFIX = "chatx.presence.";

	static final String USER_PREFIX = "chatx.user.";

	static final List<String> SUBSCRIBED = List.of(ROOM_PREFIX + "*", ROOMS, PRESENCE_PREFIX + "*", USER_PREFIX + "*");

	private Subjects() {
	}

	/** A room's events: messages, joins, leaves, its deletion. */
	static String room(UUID roomId) {
		return ROOM_PREFIX + roomId;
	}

	/** A user coming online in a room on one instance, or going offline there. */
	static String presence(UUID roomId) {
		return PRESENCE_PREFIX + roomId;
	}

	/**
	 * Notices for one user's {@code myEvents} streams: their read markers and
	 * memberships.
	 */
	static String user(UUID userId) {
		return USER_PREFIX + userId;
	}

	/** The room of a {@link #room(UUID)} subject, or null for any other subject. */
	static @Nullable UUID roomOf(String subject) {
		if (!subject.startsWith(ROOM_PREFIX)) {
			return null;
		}
		try {
			return UUID.fromString(subject.substring(ROOM_PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
