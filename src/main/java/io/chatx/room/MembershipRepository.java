package io.chatx.room;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.common.ChatxException;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for memberships and the member count kept beside them on the room row.
 */
@Repository
class MembershipRepository {

	private final DatabaseClient db;

	MembershipRepository(DatabaseClient db) {
		this.db = db;
	}

	/** What deciding on a join needs to know; empty when the room does not exist. */
	Mono<JoinAccess> findAccess(UUID roomId, UUID userId) {
		return this.db.sql("""
				SELECT r.private, r.password_hash, r.direct_low IS NOT NULL AS direct,
				       EXISTS (SELECT 1 FROM memberships m WHERE m.room_id = r.id AND m.user_id = :user) AS member
				FROM rooms r WHERE r.id = :room""")
			.bind("room", roomId)
			.bind("user", userId)
			.map((row) -> new JoinAccess(Boolean.TRUE.equals(row.get("private", Boolean.class)),
					row.get("password_hash", String.class), Boolean.TRUE.equals(row.get("direct", Boolean.class)),
					Boolean.TRUE.equals(row.get("member", Boolean.class))))
			.one();
	}

	/**
	 * Add a membership; false when it existed already (or the room is gone). The read
	 * marker starts at the room's newest message: what came before joining is not unread.
	 */
	Mono<Boolean> insert(UUID roomId, UUID userId) {
		return this.db.sql("""
				INSERT INTO memberships (room_id, user_id, last_read_seq)
				SELECT id, :user, last_seq FROM rooms WHERE id = :room ON CONFLICT DO NOTHING""")
			.bind("room", roomId)
			.bind("user", userId)
			.fetch()
			.rowsUpdated()
			.map((inserted) -> inserted > 0);
	}

	/**
	 * Count one more member unless the room is full. Concurrent callers queue on the room
	 * row and each sees the count the previous one left, so the cap holds.
	 */
	Mono<Boolean> takeSeat(UUID roomId) {
		return this.db.sql("""
				UPDATE rooms SET member_count = member_count + 1
				WHERE id = :room AND (max_members IS NULL OR member_count < max_members)""")
			.bind("room", roomId)
			.fetch()
			.rowsUpdated()
			.map((updated) -> updated > 0);
	}

	/**
	 * Lock a room's row until the transaction ends, before a leave changes its
	 * membership: the order in which a send takes them (a send moves its author's read
	 * marker under the room's lock); the other order could deadlock with a send of the
	 * leaving user. False when there is no such room, or it is a direct room (nobody
	 * leaves one).
	 */
	Mono<Boolean> lockForLeave(UUID roomId) {
		return this.db.sql("SELECT 1 FROM rooms WHERE id = :room AND direct_low IS NULL FOR NO KEY UPDATE")
			.bind("room", roomId)
			.map((row) -> true)
			.one()
			.defaultIfEmpty(false);
	}

	/**
	 * Remove a membership and count it, in one statement; false when there was none. Call
	 * it holding the room's lock ({@link #lockForLeave}), in a statement of its own: one
	 * statement that locked the room and then updated it would update the version its
	 * snapshot saw, and several such leaves at once can deadlock on the row.
	 */
	Mono<Boolean> delete(UUID roomId, UUID userId) {
		return this.db.sql("""
				WITH gone AS (DELETE FROM memberships WHERE room_id = :room AND user_id = :user RETURNING room_id)
				UPDATE rooms SET member_count = member_count - 1 WHERE id IN (SELECT room_id FROM gone)""")
			.bind("room", roomId)
			.bind("user", userId)
			.fetch()
			.rowsUpdated()
			.map((updated) -> updated > 0);
	}

	/** Of the {@code (room, user)} pairs given, those that are not memberships. */
	Flux<Membership> notMembers(List<Membership> pairs) {
		return this.db.sql("""
				SELECT p.room_id, p.user_id FROM unnest(:rooms::uuid[], :users::uuid[]) AS p (room_id, user_id)
				WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.room_id = p.room_id AND m.user_id = p.user_id)""")
			.bind("rooms", pairs.stream().map(Membership::roomId).toArray(UUID[]::new))
			.bind("users", pairs.stream().map(Membership::userId).toArray(UUID[]::new))
			.map((row) -> new Membership(row.get("room_id", UUID.class), row.get("user_id", UUID.class)))
			.all();
	}

	/**
	 * Whether a room is private, the hash of its password, whether it is a direct room,
	 * and whether the user is in it already.
	 */
	record JoinAccess(boolean isPrivate, @Nullable String passwordHash, boolean direct, boolean member) {

		/**
		 * Why nobody may join or leave a direct room: it does not exist for anyone but
		 * its two members ({@code NOT_FOUND}), and they stay in it ({@code FORBIDDEN}).
		 * Null for other rooms.
		 */
		@Nullable ChatxException directRefusal(String action) {
			if (!this.direct) {
				return null;
			}
			return this.member ? ChatxException.forbidden("A direct room cannot be " + action + ".")
					: RoomService.noSuchRoom();
		}

	}

}
