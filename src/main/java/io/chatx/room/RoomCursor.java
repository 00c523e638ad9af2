package io.chatx.room;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.chatx.common.OpaqueCursor;

/**
 * Cursors of the room list: the position of a room in newest-first order, that is its
 * creation time (PostgreSQL's microseconds) and id.
 */
final class RoomCursor {

	private static final String KIND = "r1";

	private RoomCursor() {
	}

	static String encode(Room room) {
		return encode(room.createdAt(), room.id());
	}

	/**
	 * Where a room list cursor points.
	 * @throws io.chatx.common.ChatxException {@code BAD_USER_INPUT} for anything this
	 * codec did not write
	 */
	static Position decode(String cursor) {
		String[] fields = OpaqueCursor.decode(cursor, KIND, 2);
		try {
			Instant createdAt = Instant.EPOCH.plus(Long.parseLong(fields[0]), ChronoUnit.MICROS);
			Position position = new Position(createdAt.atOffset(ZoneOffset.UTC), UUID.fromString(fields[1]));
			if (!encode(position.createdAt(), position.id()).equals(cursor)) {
				throw OpaqueCursor.invalid();
			}
			return position;
		}
		catch (IllegalArgumentException | ArithmeticException | DateTimeException ex) {
			throw OpaqueCursor.invalid();
		}
	}

	private static String encode(OffsetDateTime createdAt, UUID id) {
		return OpaqueCursor.encode(KIND, ChronoUnit.MICROS.between(Instant.EPOCH, createdAt.toInstant()), id);
	}

	/** A room's place in the list: newer rooms come first, ties broken by id. */
	record Position(OffsetDateTime createdAt, UUID id) {

	}

}
