package io.chatx.readstate;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for read markers ({@code memberships.last_read_seq}).
 */
@Repository
class ReadMarkerRepository {

	private final DatabaseClient db;

	ReadMarkerRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Move a member's marker forward to min({@code seq}, the room's last seq), in one
	 * statement.
	 * @return the new marker; empty when it did not move (already there or beyond, or not
	 * a member)
	 */
	Mono<Long> moveForward(UUID roomId, UUID userId, long seq) {
		return this.db.sql("""
				UPDATE memberships m SET last_read_seq = least(:seq, r.last_seq) FROM rooms r
				WHERE r.id = m.room_id AND m.room_id = :room AND m.user_id = :user
				  AND m.last_read_seq < least(:seq, r.last_seq)
				RETURNING m.last_read_seq""")
			.bind("room", roomId)
			.bind("user", userId)
			.bind("seq", seq)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

}
