package io.chatx.message;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * SQL for messages and for the room row lock that numbers them.
 */
@Repository
class MessageRepository {

	private static final String COLUMNS = "id, room_id, seq, author_id, content, sent_at, client_message_id";

	private final DatabaseClient db;

	MessageRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Lock a room's row until the transaction ends, so that its senders take turns, and say
	 * whether {@code authorId} is a member; empty when the room does not exist.
	 */
	Mono<Boolean> lockRoom(UUID roomId, UUID authorId) {
		// NO KEY UPDATE: excludes other senders but not the key-share locks of foreign keys.
		return this.db.sql("""
				SELECT EXISTS (SELECT 1 FROM memberships m WHERE m.room_id = r.id AND m.user_id = :author) AS member
				FROM rooms r WHERE r.id = :room FOR NO KEY UPDATE OF r""")
			.bind("room", roomId)
			.bind("author", authorId)
			.map((row) -> Boolean.TRUE.equals(row.get("member", Boolean.class)))
			.one();
	}

	Mono<Message> findByClientId(UUID roomId, UUID authorId, String clientMessageId) {
		return this.db.sql("SELECT " + COLUMNS
				+ " FROM messages WHERE room_id = :room AND author_id = :author AND client_message_id = :clientId")
			.bind("room", roomId)
			.bind("author", authorId)
			.bind("clientId", clientMessageId)
			.map(MessageRepository::message)
			.one();
	}

	/**
	 * Store a message as the room's next seq and advance {@code rooms.last_seq}, in one
	 * statement. Call it holding the room lock.
	 */
	Mono<Message> append(UUID roomId, UUID authorId, String content, String clientMessageId) {
		// clock_timestamp(), not now(): taken under the lock, sentAt follows seq order.
		return this.db.sql("""
				WITH next AS (UPDATE rooms SET last_seq = last_seq + 1 WHERE id = :room RETURNING last_seq)
				INSERT INTO messages (room_id, seq, author_id, content, client_message_id, sent_at)
				SELECT :room, next.last_seq, :author, :content, :clientId, clock_timestamp() FROM next
				RETURNING\s""" + COLUMNS)
			.bind("room", roomId)
			.bind("author", authorId)
			.bind("content", content)
			.bind("clientId", Parameter.fromOrEmpty(clientMessageId, String.class))
			.map(MessageRepository::message)
			.one();
	}

	/**
	 * Up to {@code limit} messages with {@code after < seq < before}: the oldest of them
	 * when {@code forward}, else the newest. Always in ascending seq order.
	 */
	Mono<List<Message>> page(UUID roomId, long after, long before, int limit, boolean forward) {
		return this.db.sql("SELECT " + COLUMNS + " FROM messages WHERE room_id = :room AND seq > :after AND seq < :before"
				+ " ORDER BY seq " + (forward ? "ASC" : "DESC") + " LIMIT :limit")
			.bind("room", roomId)
			.bind("after", after)
			.bind("before", before)
			.bind("limit", limit)
			.map(MessageRepository::message)
			.all()
			.collectList()
			.map((page) -> {
				if (!forward) {
					Collections.reverse(page);
				}
				return page;
			});
	}

	private static Message message(Readable row) {
		return new Message(row.get("id", UUID.class), row.get("room_id", UUID.class), row.get("seq", Long.class),
				row.get("author_id", UUID.class), row.get("content", String.class),
				row.get("sent_at", OffsetDateTime.class), row.get("client_message_id", String.class));
	}

}
