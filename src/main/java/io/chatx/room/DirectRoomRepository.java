package io.chatx.room;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for direct rooms: the one room of a pair of users, stored with the pair in
 * PostgreSQL's uuid order ({@code direct_low < direct_high}; put in order by SQL, as Java
 * compares uuids as signed numbers), which the unique index {@code rooms_direct_pair_key}
 * keeps to one row per pair.
 */
@Repository
class DirectRoomRepository {

	private final DatabaseClient db;

	DirectRoomRepository(DatabaseClient db) {
		this.db = db;
	}

	/** The direct room of {@code viewer} and {@code peer}, as {@code viewer} sees it. */
	Mono<Room> find(UUID viewer, UUID peer) {
		return this.db
			.sql("SELECT " + RoomRepository.ROOM_COLUMNS + " FROM " + RoomRepository.VIEWED_ROOMS
					+ " WHERE r.direct_low = least(:viewer, :peer) AND r.direct_high = greatest(:viewer, :peer)")
			.bind("viewer", viewer)
			.bind("peer", peer)
			.map(RoomRepository::room)
			.one();
	}

	/**
	 * Insert the direct room of {@code opener} and {@code peer} with both as members
	 * (read markers at 0), in one statement; its id, or empty when the pair has one
	 * already. Of two transactions inserting the same pair, the second waits on the
	 * unique index for the first to end, and then inserts nothing if it committed.
	 */
	Mono<UUID> insert(UUID opener, UUID peer) {
		return this.db.sql("""
				WITH room AS (
				  INSERT INTO rooms (name, private, member_count, created_by, direct_low, direct_high)
				  VALUES ('', true, 2, :opener, least(:opener, :peer), greatest(:opener, :peer))
				  ON CONFLICT (direct_low, direct_high) WHERE direct_low IS NOT NULL DO NOTHING
				  RETURNING id
				), members AS (
				  INSERT INTO memberships (room_id, user_id)
				  SELECT room.id, member FROM room, unnest(ARRAY[:opener, :peer]::uuid[]) AS member
				)
				SELECT id FROM room""")
			.bind("opener", opener)
			.bind("peer", peer)
			.map((row) -> row.get("id", UUID.class))
			.one();
	}

}
