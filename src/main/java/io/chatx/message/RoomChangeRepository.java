package io.chatx.message;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the rooms' change logs ({@code room_changes}), read with each change's message
 * as it stands now.
 */
@Repository
class RoomChangeRepository {

	private static final String CHANGES = "SELECT c.change, c.seq_at, c.kind, c.user_id AS change_user, c.emoji, "
			+ MessageRepository.MESSAGE + " FROM room_changes c JOIN messages m ON m.id = c.message_id"
			+ " WHERE c.room_id = :room AND c.change > :after AND c.change <= :upTo";

	private final DatabaseClient db;

	RoomChangeRepository(DatabaseClient db) {
		this.db = db;
	}

	/** The room's change number (0 when it has no changes or does not exist). */
	Mono<Long> lastChange(UUID roomId) {
		return this.db.sql("SELECT last_change FROM rooms WHERE id = :id")
			.bind("id", roomId)
			.map((row) -> row.get("last_change", Long.class))
			.one()
			.defaultIfEmpty(0L);
	}

	/** The change number of each of the rooms that exist, in one query. */
	Mono<Map<UUID, Long>> lastChanges(Collection<UUID> roomIds) {
		return this.db.sql("SELECT id, last_change FROM rooms WHERE id = ANY(:ids)")
			.bind("ids", roomIds.toArray(UUID[]::new))
			.map((row) -> Map.entry(row.get("id", UUID.class), row.get("last_change", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * The change number of the post of the message at {@code seq}; 0 when there is none.
	 */
	Mono<Long> postedChange(UUID roomId, long seq) {
		return this.db.sql("SELECT posted_change FROM messages WHERE room_id = :room AND seq = :seq")
			.bind("room", roomId)
			.bind("seq", seq)
			.map((row) -> row.get("posted_change", Long.class))
			.one()
			.defaultIfEmpty(0L);
	}

	/**
	 * Up to {@code limit} changes with {@code after < change <= upTo}, in change order.
	 */
	Mono<List<LoggedChange>> page(UUID roomId, long after, long upTo, int limit) {
		return this.db.sql(CHANGES + " ORDER BY c.change LIMIT :limit")
			.bind("room", roomId)
			.bind("after", after)
			.bind("upTo", upTo)
			.bind("limit", limit)
			.map(RoomChangeRepository::loggedChange)
			.all()
			.collectList();
	}

	/**
	 * Up to {@code limit} changes with {@code after < change <= upTo}, in change order,
	 * that a client who knew the messages up to {@code seq} as of change {@code known}
	 * lacks: the posts of later messages, and the changes after {@code known} to the
	 * messages it knew. Changes to later messages are left out: their posts carry them.
	 */
	Mono<List<LoggedChange>> replayPage(UUID roomId, long seq, long known, long after, long upTo, int limit) {
		return this.db
			.sql(CHANGES + " AND ((c.kind = 'POSTED' AND m.seq > :seq) OR (c.change > :known AND m.seq <= :seq))"
					+ " ORDER BY c.change LIMIT :limit")
			.bind("room", roomId)
			.bind("seq", seq)
			.bind("known", known)
			.bind("after", after)
			.bind("upTo", upTo)
			.bind("limit", limit)
			.map(RoomChangeRepository::loggedChange)
			.all()
			.collectList();
	}

	private static LoggedChange loggedChange(Readable row) {
		RoomChange change = new RoomChange(row.get("change", Long.class), row.get("seq_at", Long.class),
				ChangeKind.valueOf(row.get("kind", String.class)), row.get("change_user", UUID.class),
				row.get("emoji", String.class));
		return new LoggedChange(change, MessageRepository.message(row));
	}

}
