package io.chatx.message;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * SQL for the changes of messages after their post: edits, deletions and reactions, each
 * numbered as its room's next change and logged in {@code room_changes}.
 */
@Repository
class ChangeRepository {

	// Takes the room's next change number, and logs the change under it; the statement of
	// each kind adds what it does to the message. Call it holding the room's lock.
	private static final String NUMBERED = """
			WITH n AS (
			  UPDATE rooms SET last_change = last_change + 1 WHERE id = :room
			  RETURNING last_change AS change, last_seq AS seq_at, clock_timestamp() AS at),
			logged AS (
			  INSERT INTO room_changes (room_id, change, kind, message_id, user_id, emoji, seq_at, at)
			  SELECT :room, n.change, :kind, :message, :user, :emoji, n.seq_at, n.at FROM n)""";

	private static final String EDIT = NUMBERED + """
			, changed AS (UPDATE messages SET content = :content, edited_at = n.at FROM n WHERE id = :message)
			SELECT change, seq_at FROM n""";

	// A tombstone keeps no content and no reactions.
	private static final String DELETE = NUMBERED + """
			, changed AS (UPDATE messages SET content = '', deleted_at = n.at FROM n WHERE id = :message),
			unreacted AS (DELETE FROM reactions WHERE message_id = :message)
			SELECT change, seq_at FROM n""";

	private static final String ADD_REACTION = NUMBERED + """
			, added AS (INSERT INTO reactions (message_id, emoji, user_id, change, group_change)
			  SELECT :message, :emoji, :user, n.change, coalesce((SELECT min(group_change) FROM reactions
			    WHERE message_id = :message AND emoji = :emoji), n.change) FROM n)
			SELECT change, seq_at FROM n""";

	private static final String REMOVE_REACTION = NUMBERED + """
			, removed AS (DELETE FROM reactions WHERE message_id = :message AND emoji = :emoji AND user_id = :user)
			SELECT change, seq_at FROM n""";

	private final DatabaseClient db;

	ChangeRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The room of each of these messages, by message id; unknown ids are left out. Read
	 * without a lock: a message never moves to another room.
	 */
	Mono<Map<UUID, UUID>> roomsOf(Collection<UUID> messageIds) {
		return this.db.sql("SELECT id, room_id FROM messages WHERE id = ANY(:ids)")
			.bind("ids", messageIds.toArray(UUID[]::new))
			.map((row) -> Map.entry(row.get("id", UUID.class), row.get("room_id", UUID.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Store an allowed change that changes something as the next change of the message's
	 * room: one statement. Call it holding the room's lock.
	 * @return its number and the seq of its cursor
	 */
	Mono<RoomChange> apply(UUID roomId, ChangeRequest change) {
		String sql = switch (change.kind()) {
			case EDITED -> EDIT;
			case DELETED -> DELETE;
			case REACTION_ADDED -> ADD_REACTION;
			case REACTION_REMOVED -> REMOVE_REACTION;
			case POSTED -> throw new IllegalArgumentException("Posts are stored by MessageRepository.appendAll");
		};
		GenericExecuteSpec statement = this.db.sql(sql)
			.bind("room", roomId)
			.bind("kind", change.kind().name())
			.bind("message", change.messageId())
			.bind("user", change.userId());
		statement = (change.emoji() != null) ? statement.bind("emoji", change.emoji())
				: statement.bindNull("emoji", String.class);
		if (change.kind() == ChangeKind.EDITED) {
			statement = statement.bind("content", change.content());
		}
		return statement
			.map((row) -> new RoomChange(row.get("change", Long.class), row.get("seq_at", Long.class), change.kind(),
					change.userId(), change.emoji()))
			.one();
	}

}
