package io.chatx.message;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
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
	 * Lock a room's row until the transaction ends, so that its senders take turns, and
	 * say which of {@code authors} are members; empty when the room does not exist.
	 */
	Mono<Set<UUID>> lockRoom(UUID roomId, Collection<UUID> authors) {
		// NO KEY UPDATE: excludes other senders but not the key-share locks of foreign
		// keys.
		return this.db.sql("""
				SELECT m.user_id FROM rooms r
				LEFT JOIN memberships m ON m.room_id = r.id AND m.user_id = ANY(:authors)
				WHERE r.id = :room FOR NO KEY UPDATE OF r""")
			.bind("room", roomId)
			.bind("authors", authors.toArray(UUID[]::new))
			.map((row) -> Optional.ofNullable(row.get("user_id", UUID.class)))
			.all()
			.collectList()
			.filter((rows) -> !rows.isEmpty())
			.map((rows) -> rows.stream().flatMap(Optional::stream).collect(Collectors.toSet()));
	}

	/**
	 * The room's messages stored under any of the (author, clientMessageId) pairs: one
	 * probe of the unique index per pair. The LATERAL ... LIMIT 1 keeps the planner from
	 * the plan that reads the whole room and filters it (a generic plan made while the
	 * table was small picks that one, and it costs a room's size per batch of sends).
	 */
	static final String FIND_BY_CLIENT_IDS = "SELECT m.* FROM unnest(:authors::uuid[], :clientIds::text[])"
			+ " AS k(author, client_id), LATERAL (SELECT " + COLUMNS + " FROM messages WHERE room_id = :room"
			+ " AND author_id = k.author AND client_message_id = k.client_id LIMIT 1) m";

	Flux<Message> findByClientIds(UUID roomId, List<UUID> authors, List<String> clientMessageIds) {
		return this.db.sql(FIND_BY_CLIENT_IDS)
			.bind("room", roomId)
			.bind("authors", authors.toArray(UUID[]::new))
			.bind("clientIds", clientMessageIds.toArray(String[]::new))
			.map(MessageRepository::message)
			.all();
	}

	/**
	 * Store messages as the room's next seqs, in the given order, and advance
	 * {@code rooms.last_seq} by their number: one statement for the whole batch. Call it
	 * holding the room lock.
	 */
	Mono<List<Message>> appendAll(UUID roomId, List<NewMessage> batch) {
		// clock_timestamp(), not now(): taken under the lock, row by row in seq order, so
		// that sentAt follows seq order.
		return this.db.sql("""
				WITH next AS (UPDATE rooms SET last_seq = last_seq + :n WHERE id = :room RETURNING last_seq)
				INSERT INTO messages (room_id, seq, author_id, content, client_message_id, sent_at)
				SELECT :room, next.last_seq - :n + t.ord, t.author, t.content, t.client_id, clock_timestamp()
				FROM next, unnest(:authors::uuid[], :contents::text[], :clientIds::text[])
				  WITH ORDINALITY AS t(author, content, client_id, ord)
				ORDER BY t.ord
				RETURNING\s""" + COLUMNS)
			.bind("room", roomId)
			.bind("n", (long) batch.size())
			.bind("authors", batch.stream().map(NewMessage::authorId).toArray(UUID[]::new))
			.bind("contents", batch.stream().map(NewMessage::content).toArray(String[]::new))
			.bind("clientIds", batch.stream().map(NewMessage::clientMessageId).toArray(String[]::new))
			.map(MessageRepository::message)
			.all()
			.collectSortedList(Comparator.comparingLong(Message::seq));
	}

	/** A message to store: who posts it, its text and its idempotency key (or null). */
	record NewMessage(UUID authorId, String content, String clientMessageId) {
	}

	/**
	 * Up to {@code limit} messages with {@code after < seq < before}: the oldest of them
	 * when {@code forward}, else the newest. Always in ascending seq order.
	 */
	Mono<List<Message>> page(UUID roomId, long after, long before, int limit, boolean forward) {
		return this.db
			.sql("SELECT " + COLUMNS + " FROM messages WHERE room_id = :room AND seq > :after AND seq < :before"
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
