package io.chatx.message;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
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
	 * Lock the rows of rooms until the transaction ends, so that their senders take
	 * turns, and say which of {@code authors} are members of each. Rooms that do not
	 * exist are absent from the answer. The rows are locked in id order, so that two
	 * batches never wait for each other's rooms.
	 */
	Mono<Map<UUID, Set<UUID>>> lockRooms(Collection<UUID> roomIds, Collection<UUID> authors) {
		// NO KEY UPDATE: excludes other senders but
		// not the key-share locks of foreign keys.
		return this.db.sql("""
				SELECT r.id AS room_id, m.user_id FROM rooms r
				LEFT JOIN memberships m ON m.room_id = r.id AND m.user_id = ANY(:authors)
				WHERE r.id = ANY(:rooms) ORDER BY r.id FOR NO KEY UPDATE OF r""")
			.bind("rooms", roomIds.toArray(UUID[]::new))
			.bind("authors", authors.toArray(UUID[]::new))
			.map((row) -> new Membership(row.get("room_id", UUID.class), row.get("user_id", UUID.class)))
			.all()
			.collect(HashMap::new, (rooms, membership) -> {
				Set<UUID> members = rooms.computeIfAbsent(membership.roomId(), (id) -> new HashSet<>());
				if (membership.userId() != null) {
					members.add(membership.userId());
				}
			});
	}

	private record Membership(UUID roomId, @Nullable UUID userId) {
	}

	/**
	 * The messages stored under the (room, author, clientMessageId) of any of the sends:
	 * one probe of the unique index per send. The LATERAL ... LIMIT 1 keeps the planner
	 * from the plan that reads a whole room and filters it (a generic plan made while the
	 * table was small picks that one, and it costs a room's size per batch of sends).
	 */
	static final String FIND_BY_CLIENT_IDS = "SELECT m.* FROM unnest(:rooms::uuid[], :authors::uuid[], :clientIds::text[])"
			+ " AS k(room, author, client_id), LATERAL (SELECT " + COLUMNS + " FROM messages WHERE room_id = k.room"
			+ " AND author_id = k.author AND client_message_id = k.client_id LIMIT 1) m";

	Flux<Message> findByClientIds(List<NewMessage> sends) {
		return this.db.sql(FIND_BY_CLIENT_IDS)
			.bind("rooms", sends.stream().map(NewMessage::roomId).toArray(UUID[]::new))
			.bind("authors", sends.stream().map(NewMessage::authorId).toArray(UUID[]::new))
			.bind("clientIds", sends.stream().map(NewMessage::clientMessageId).toArray(String[]::new))
			.map(MessageRepository::message)
			.all();
	}

	/**
	 * Store messages as their rooms' next seqs, in the given order within each room, and
	 * advance each room's {@code last_seq} by its number of them: one statement for the
	 * whole batch. Call it holding the rooms' locks.
	 * @return the stored messages, in the order of {@code batch}
	 */
	Mono<List<Message>> appendAll(List<NewMessage> batch) {
		// Each message's place among its room's messages of the batch (1, 2, ...), and
		// each room's count.
		Map<UUID, Long> counts = new LinkedHashMap<>();
		Long[] ranks = new Long[batch.size()];
		for (int i = 0; i < batch.size(); i++) {
			ranks[i] = counts.merge(batch.get(i).roomId(), 1L, Long::sum);
		}
		// clock_timestamp(), not now(): taken under the lock, row by row in batch order,
		// so that sentAt follows seq order in each room.
		return this.db.sql("""
				WITH next AS (
				  UPDATE rooms r SET last_seq = r.last_seq + c.n
				  FROM unnest(:countedRooms::uuid[], :counts::bigint[]) AS c(room, n)
				  WHERE r.id = c.room RETURNING r.id, r.last_seq - c.n AS base)
				INSERT INTO messages (room_id, seq, author_id, content, client_message_id, sent_at)
				SELECT t.room, next.base + t.rank, t.author, t.content, t.client_id, clock_timestamp()
				FROM unnest(:rooms::uuid[], :ranks::bigint[], :authors::uuid[], :contents::text[], :clientIds::text[])
				  WITH ORDINALITY AS t(room, rank, author, content, client_id, ord)
				JOIN next ON next.id = t.room
				ORDER BY t.ord
				RETURNING\s""" + COLUMNS)
			.bind("countedRooms", counts.keySet().toArray(UUID[]::new))
			.bind("counts", counts.values().toArray(Long[]::new))
			.bind("rooms", batch.stream().map(NewMessage::roomId).toArray(UUID[]::new))
			.bind("ranks", ranks)
			.bind("authors", batch.stream().map(NewMessage::authorId).toArray(UUID[]::new))
			.bind("contents", batch.stream().map(NewMessage::content).toArray(String[]::new))
			.bind("clientIds", batch.stream().map(NewMessage::clientMessageId).toArray(String[]::new))
			.map(MessageRepository::message)
			.all()
			.collectList()
			.map((stored) -> inBatchOrder(batch, stored));
	}

	// Within a room, the batch order is the seq order.
	private static List<Message> inBatchOrder(List<NewMessage> batch, List<Message> stored) {
		Map<UUID, Deque<Message>> byRoom = new HashMap<>();
		stored.stream()
			.sorted(Comparator.comparingLong(Message::seq))
			.forEach((message) -> byRoom.computeIfAbsent(message.roomId(), (id) -> new ArrayDeque<>()).add(message));
		return batch.stream().map((send) -> byRoom.get(send.roomId()).poll()).toList();
	}

	/**
	 * A message to store: where, who posts it, its text and its idempotency key (or
	 * null).
	 */
	record NewMessage(UUID roomId, UUID authorId, String content, @Nullable String clientMessageId) {
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
