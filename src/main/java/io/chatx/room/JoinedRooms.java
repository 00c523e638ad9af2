package io.chatx.room;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the rooms a user has joined, most recent activity first ({@code myRooms}): each
 * room as that user sees it ({@link RoomRepository#ROOM_COLUMNS}, read state included),
 * in one statement per page.
 */
@Repository
public class JoinedRooms {

	// coalesce(r.last_message_at, vm.joined_at) is Room.activityAt.
	private static final String ACTIVITY = "(coalesce(r.last_message_at, vm.joined_at), r.id)";

	private static final String DESCENDING = "coalesce(r.last_message_at, vm.joined_at) DESC, r.id DESC";

	private final DatabaseClient db;

	JoinedRooms(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Up to {@code limit} rooms {@code viewer} has joined, by activity then id, both
	 * descending, after the position ({@code afterAt}, {@code afterId}) when given.
	 */
	public Flux<Room> page(UUID viewer, @Nullable OffsetDateTime afterAt, @Nullable UUID afterId, int limit) {
		String after = (afterAt != null) ? " AND " + ACTIVITY + " < (:at, :id)" : "";
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("SELECT " + RoomRepository.ROOM_COLUMNS + " FROM " + RoomRepository.VIEWED_ROOMS
					+ " WHERE vm.user_id IS NOT NULL" + after + " ORDER BY " + DESCENDING + " LIMIT :limit")
			.bind("viewer", viewer)
			.bind("limit", limit);
		if (afterAt != null && afterId != null) {
			spec = spec.bind("at", afterAt).bind("id", afterId);
		}
		return spec.map(RoomRepository::room).all();
	}

	/** Whether {@code viewer} has joined a room that comes before the position. */
	public Mono<Boolean> existsBefore(UUID viewer, OffsetDateTime at, UUID id) {
		return this.db
			.sql("SELECT EXISTS (SELECT 1 FROM memberships vm JOIN rooms r ON r.id = vm.room_id"
					+ " WHERE vm.user_id = :viewer AND " + ACTIVITY + " > (:at, :id))")
			.bind("viewer", viewer)
			.bind("at", at)
			.bind("id", id)
			.map((row) -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
			.one();
	}

}
