package io.chatx.message;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for messages and for the room row lock that numbers them.
 */
@Repository
class MessageRepository {

	// Every read of a message gives its current state, reactions included (as JSON,
	// grouped by emoji in first-added order), so one query serves a page.
	private static final String COLUMNS = "m.id, m.room_id, m.seq, m.author_id, m.content, m.sent_at, m.client_message_id,"
			+ " m.posted_change, m.edited_at, m.deleted_at IS NOT NULL AS deleted, m.reply_to_id";

	static final String REACTIONS = """
			(SELECT coalesce(json_agg(json_build_object('emoji', g.emoji, 'userIds', g.users) ORDER BY g.first), '[]')::text
			 FROM (SELECT emoji, array_agg(user_id ORDER BY change, user_id) AS users, min(group_change) AS first
			       FROM reactions WHERE message_id = m.id GROUP BY emoji) g) AS reactions""";

	static final String MESSAGE = COLUMNS + ", " + REACTIONS;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DatabaseClient db;

	MessageRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Lock the rows of rooms until the transaction ends, so that their changes (posts,
	 * edits, reactions) take turns, and say who created each, whether it is direct, and
	 * which of {@code users} are members. Rooms that do not exist are absent from the
	 * answer. The rows are locked in id order, so that two batches never wait for each
	 * other's rooms.
	 */
	Mono<Map<UUID, RoomAccess>> lockRooms(Collection<UUID> roomIds, Collection<UUID> users) {
		// NO KEY UPDATE: excludes other writers but
		// not the key-share locks of foreign keys.
		return this.db.sql("""
				SELECT r.id AS room_id, r.created_by, r.direct_low IS NOT NULL AS direct, m.user_id FROM rooms r
				LEFT JOIN memberships m ON m.room_id = r.id AND m.user_id = ANY(:users)
				WHERE r.id = ANY(:rooms) ORDER BY r.id FOR NO KEY UPDATE OF r""")
			.bind("rooms", roomIds.toArray(UUID[]::new))
			.bind("users", users.toArray(UUID[]::new))
			.map((row) -> new LockedRow(row.get("room_id", UUID.class), row.get("created_by", UUID.class),
					Boolean.TRUE.equals(row.get("direct", Boolean.class)), row.get("user_id", UUID.class)))
			.all()
			.collect(HashMap::new, (rooms, row) -> {
				RoomAccess room = rooms.computeIfAbsent(row.roomId(),
						(id) -> new RoomAccess(row.createdBy(), row.direct(), new HashSet<>()));
				if (row.userId() != null) {
					room.members().add(row.userId());
				}
			});
	}

	private record LockedRow(UUID roomId, @Nullable UUID createdBy, boolean direct, @Nullable UUID userId) {
	}

	/**
	 * The messages stored under the (room, author, clientMessageId) of any of the sends:
	 * one probe of the unique index per send. The LATERAL ... LIMIT 1 keeps the planner
	 * from the plan that reads a whole room and filters it (a generic plan made while the
	 * table was small picks that one, and it costs a room's size per batch of sends).
	 */
	static final String FIND_BY_CLIENT_IDS = "SELECT m.* FROM unnest(:rooms::uuid[], :authors::uuid[], :clientIds::text[])"
			+ " AS k(room, author, client_id), LATERAL (SELECT " + MESSAGE + " FROM messages m WHERE m.room_id = k.room"
			+ " AND m.author_id = k.author AND m.client_message_id = k.client_id LIMIT 1) m";

	Flux<Message> findByClientIds(List<NewMessage> sends) {
		return this.db.sql(FIND_BY_CLIENT_IDS)
			.bind("rooms", sends.stream().map(NewMessage::roomId).toArray(UUID[]::new))
			.bind("authors", sends.stream().map(NewMessage::authorId).toArray(UUID[]::new))
			.bind("clientIds", sends.stream().map(NewMessage::clientMessageId).toArray(String[]::new))
			.map(MessageRepository::message)
			.all();
	}

	/**
	 * Store messages as their rooms' next seqs and change numbers, in the given order
	 * within each room, log them as POSTED changes, and advance each room's
	 * {@code last_seq} and {@code last_change} by its number of them, note when the
	 * room's newest message came ({@code last_message_at}, taken just before the batch's
	 * messages of the room), and move each author's read marker up to their newest
	 * message (an author's own messages are never unread to them): one statement for the
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
		return this.db
			.sql("""
					WITH next AS (
					  UPDATE rooms r SET last_seq = r.last_seq + c.n, last_change = r.last_change + c.n,
					    last_message_at = clock_timestamp()
					  FROM unnest(:countedRooms::uuid[], :counts::bigint[]) AS c(room, n)
					  WHERE r.id = c.room RETURNING r.id, r.last_seq - c.n AS base, r.last_change - c.n AS base_change),
					stored AS (
					  INSERT INTO messages AS m (room_id, seq, author_id, content, client_message_id, sent_at, posted_change,
					    reply_to_id)
					  SELECT t.room, next.base + t.rank, t.author, t.content, t.client_id, clock_timestamp(),
					    next.base_change + t.rank, t.reply_to
					  FROM unnest(:rooms::uuid[], :ranks::bigint[], :authors::uuid[], :contents::text[], :clientIds::text[],
					    :replyTos::uuid[]) WITH ORDINALITY AS t(room, rank, author, content, client_id, reply_to, ord)
					  JOIN next ON next.id = t.room
					  ORDER BY t.ord
					  RETURNING\s"""
					+ COLUMNS
					+ """
							), logged AS (
							  INSERT INTO room_changes (room_id, change, kind, message_id, user_id, seq_at, at)
							  SELECT room_id, posted_change, 'POSTED', id, author_id, seq, sent_at FROM stored),
							marked AS (
							  UPDATE memberships ms SET last_read_seq = greatest(ms.last_read_seq, a.seq)
							  FROM (SELECT room_id, author_id, max(seq) AS seq FROM stored GROUP BY room_id, author_id) a
							  WHERE ms.room_id = a.room_id AND ms.user_id = a.author_id)
							SELECT *, '[]' AS reactions FROM stored""")
			.bind("countedRooms", counts.keySet().toArray(UUID[]::new))
			.bind("counts", counts.values().toArray(Long[]::new))
			.bind("rooms", batch.stream().map(NewMessage::roomId).toArray(UUID[]::new))
			.bind("ranks", ranks)
			.bind("authors", batch.stream().map(NewMessage::authorId).toArray(UUID[]::new))
			.bind("contents", batch.stream().map(NewMessage::content).toArray(String[]::new))
			.bind("clientIds", batch.stream().map(NewMessage::clientMessageId).toArray(String[]::new))
			.bind("replyTos", batch.stream().map(NewMessage::replyToId).toArray(UUID[]::new))
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
	 * A message to store: where, who posts it, its text, its idempotency key (or null)
	 * and the message it answers (or null).
	 */
	record NewMessage(UUID roomId, UUID authorId, String content, @Nullable String clientMessageId,
			@Nullable UUID replyToId) {
	}

	/**
	 * Up to {@code limit} messages with {@code after < seq < before} (the oldest of them
	 * when {@code forward}, else the newest; always in ascending seq order), with the
	 * room's change number read in the same statement: the page shows every change up to
	 * it.
	 */
	Mono<HistoryPage> history(UUID roomId, long after, long before, int limit, boolean forward) {
		return this.db
			.sql("SELECT " + MESSAGE + ", (SELECT last_change FROM rooms WHERE id = :room) AS room_change"
					+ " FROM messages m WHERE m.room_id = :room AND m.seq > :after AND m.seq < :before"
					+ " ORDER BY m.seq " + (forward ? "ASC" : "DESC") + " LIMIT :limit")
			.bind("room", roomId)
			.bind("after", after)
			.bind("before", before)
			.bind("limit", limit)
			.map((row) -> new HistoryRow(message(row), row.get("room_change", Long.class)))
			.all()
			.collectList()
			.map((rows) -> {
				List<Message> page = new ArrayList<>(rows.stream().map(HistoryRow::message).toList());
				if (!forward) {
					Collections.reverse(page);
				}
				return new HistoryPage(page, rows.isEmpty() ? 0 : rows.get(0).roomChange());
			});
	}

	private record HistoryRow(Message message, long roomChange) {
	}

	/**
	 * Messages in seq order, and the room's change number when they were read (0 when
	 * there are none).
	 */
	record HistoryPage(List<Message> messages, long roomChange) {
	}

	/**
	 * The room and deletion of the messages with these ids, for checking replies; unknown
	 * ids are left out.
	 */
	Flux<ReplyTarget> replyTargets(Collection<UUID> ids) {
		return this.db.sql("SELECT id, room_id, deleted_at IS NOT NULL AS deleted FROM messages WHERE id = ANY(:ids)")
			.bind("ids", ids.toArray(UUID[]::new))
			.map((row) -> new ReplyTarget(row.get("id", UUID.class), row.get("room_id", UUID.class),
					Boolean.TRUE.equals(row.get("deleted", Boolean.class))))
			.all();
	}

	/** A message that a reply names: where it is and whether it is deleted. */
	record ReplyTarget(UUID id, UUID roomId, boolean deleted) {
	}

	/** The messages with these ids, in no particular order; unknown ids are left out. */
	Flux<Message> findAllById(Collection<UUID> ids) {
		return this.db.sql("SELECT " + MESSAGE + " FROM messages m WHERE m.id = ANY(:ids)")
			.bind("ids", ids.toArray(UUID[]::new))
			.map(MessageRepository::message)
			.all();
	}

	/**
	 * Per room, its newest message that is not deleted; rooms without one are left out.
	 * One statement for all the rooms: a walk down each room's seq index from the top,
	 * stopping at the first message that is not deleted.
	 */
	Flux<Message> newestOf(Collection<UUID> roomIds) {
		return this.db.sql("SELECT m.* FROM unnest(:rooms::uuid[]) AS k(room), LATERAL (SELECT " + MESSAGE
				+ " FROM messages m WHERE m.room_id = k.room AND m.deleted_at IS NULL ORDER BY m.seq DESC LIMIT 1) m")
			.bind("rooms", roomIds.toArray(UUID[]::new))
			.map(MessageRepository::message)
			.all();
	}

	static Message message(Readable row) {
		return new Message(row.get("id", UUID.class), row.get("room_id", UUID.class), row.get("seq", Long.class),
				row.get("author_id", UUID.class), row.get("content", String.class),
				row.get("sent_at", OffsetDateTime.class), row.get("client_message_id", String.class),
				row.get("posted_change", Long.class), row.get("edited_at", OffsetDateTime.class),
				Boolean.TRUE.equals(row.get("deleted", Boolean.class)), row.get("reply_to_id", UUID.class),
				reactions(row.get("reactions", String.class)));
	}

	private static List<Reaction> reactions(@Nullable String groups) {
		if (groups == null || groups.equals("[]")) {
			return List.of();
		}
		return List.of(json.readValue(groups, Reaction[].class));
	}

}
