package io.chatx.readstate;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.chatx.common.OpaqueCursor;
import io.chatx.room.Room;

/**
 * Cursors of {@code myRooms}: a room's place in most-recent-activity-first order, that is
 * its activity time (PostgreSQL's microseconds) and id.
 */
final class ActivityCursor {

	private static final String KIND = "a1";

	private ActivityCursor() {
	}

	/** The cursor of a joined room (whose {@code activityAt} is known). */
	static String encode(Room room) {
		OffsetDateTime at = room.activityAt();
		if (at == null) {
			throw new IllegalArgumentException("Room " + room.id() + " has no activity time: not joined");
		}
		return encode(at, room.id());
	}

	/**
	 * Where a {@code myRooms} cursor points.
	 * @throws io.chatx.common.ChatxException {@code BAD_USER_INPUT} for anything this
	 * codec did not write
	 */
	static Position decode(String cursor) {
		String[] fields = OpaqueCursor.decode(cursor, KIND, 2);
		try {
			Instant at = Instant.EPOCH.plus(Long.parseLong(fields[0]), ChronoUnit.MICROS);
			Position position = new Position(at.atOffset(ZoneOffset.UTC), UUID.fromString(fields[1]));
			if (!encode(position.at(), position.id()).equals(cursor)) {
				throw OpaqueCursor.invalid();
			}
			return position;
		}
		catch (IllegalArgumentException | ArithmeticException | DateTimeException ex) {
			throw OpaqueCursor.invalid();
		}
	}

	private static String encode(OffsetDateTime at, UUID id) {
		return OpaqueCursor.encode(KIND, ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant()), id);
	}

	/** A room's place: more recent activity first, ties broken by id (descending). */
	record Position(OffsetDateTime at, UUID id) {

	}

}
