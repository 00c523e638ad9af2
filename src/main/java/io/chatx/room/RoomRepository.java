package io.chatx.room;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * SQL for rooms. Every read computes {@code joined} for the viewer in the same query, so
 * a page of rooms is one round trip however many rooms it holds.
 */
@Repository
class RoomRepository {

	private static final String SELECT_ROOM = """
			SELECT r.id, r.name, r.private, r.created_by, r.created_at, r.member_count, r.last_seq,
			       EXISTS (SELECT 1 FROM memberships m WHERE m.room_id = r.id AND m.user_id = :viewer) AS joined
			FROM rooms r""";

	private final DatabaseClient db;

	RoomRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Insert a room with its creator as the first member, in one statement; empty when
	 * the name is taken (in any case).
	 */
	Mono<Room> insert(String name, boolean isPrivate, @Nullable String passwordHash, @Nullable Integer maxMembers,
			UUID creator) {
		return this.db.sql("""
				WITH room AS (
				  INSERT INTO rooms (name, private, password_hash, max_members, member_count, created_by)
				  VALUES (:name, :private, :hash, :maxMembers, 1, :creator)
				  ON CONFLICT DO NOTHING
				  RETURNING id, name, private, created_by, created_at, member_count, last_seq
				), creator AS (
				  INSERT INTO memberships (room_id, user_id) SELECT id, created_by FROM room
				)
				SELECT room.*, true AS joined FROM room""")
			.bind("name", name)
			.bind("private", isPrivate)
			.bind("hash", Parameter.fromOrEmpty(passwordHash, String.class))
			.bind("maxMembers", Parameter.fromOrEmpty(maxMembers, Integer.class))
			.bind("creator", creator)
			.map(RoomRepository::room)
			.one();
	}

	Mono<Room> find(UUID id, UUID viewer) {
		return this.db.sql(SELECT_ROOM + " WHERE r.id = :id")
			.bind("viewer", viewer)
			.bind("id", id)
			.map(RoomRepository::room)
			.one();
	}

	/**
	 * Up to {@code limit} rooms after {@code after} (null: from the newest), newest
	 * first, whose lower-cased name contains {@code search} (null: all).
	 */
	Flux<Room> page(UUID viewer, @Nullable String search, RoomCursor.@Nullable Position after, int limit) {
		String where = filter(search, (after != null) ? "<" : null);
		GenericExecuteSpec spec = this.db
			.sql(SELECT_ROOM + where + " ORDER BY r.created_at DESC, r.id DESC LIMIT :limit")
			.bind("viewer", viewer)
			.bind("limit", limit);
		return bindFilter(spec, search, after).map(RoomRepository::room).all();
	}

	/**
	 * Whether a room matching {@code search} comes before {@code position} (is newer).
	 */
	Mono<Boolean> existsBefore(@Nullable String search, RoomCursor.Position position) {
		String where = filter(search, ">");
		GenericExecuteSpec spec = this.db.sql("SELECT EXISTS (SELECT 1 FROM rooms r" + where + ")");
		return bindFilter(spec, search, position).map((row) -> row.get(0, Boolean.class)).one();
	}

	Mono<Boolean> exists(UUID id) {
		return this.db.sql("SELECT 1 FROM rooms WHERE id = :id")
			.bind("id", id)
			.map((row) -> true)
			.one()
			.defaultIfEmpty(false);
	}

	/**
	 * Delete a room if {@code userId} created it; its memberships and messages go with
	 * it.
	 */
	Mono<Boolean> deleteCreatedBy(UUID id, UUID userId) {
		return this.db.sql("DELETE FROM rooms WHERE id = :id AND created_by = :user")
			.bind("id", id)
			.bind("user", userId)
			.fetch()
			.rowsUpdated()
			.map((deleted) -> deleted > 0);
	}

	// Only the conditions in use are written out, so that each
	// variant gets its own plan: the name condition can use the
	// trigram index, the position one the created_at index.
	private static String filter(@Nullable String search, @Nullable String positionComparison) {
		StringBuilder where = new StringBuilder(" WHERE true");
		if (search != null) {
			where.append(" AND lower(r.name) LIKE '%' || lower(:search) || '%' ESCAPE '\\'");
		}
		if (positionComparison != null) {
			where.append(" AND (r.created_at, r.id) ").append(positionComparison).append(" (:at, :id)");
		}
		return where.toString();
	}

	private static GenericExecuteSpec bindFilter(GenericExecuteSpec spec, @Nullable String search,
			RoomCursor.@Nullable Position position) {
		if (search != null) {
			spec = spec.bind("search", likeLiteral(search));
		}
		if (position != null) {
			spec = spec.bind("at", position.createdAt()).bind("id", position.id());
		}
		return spec;
	}

	/**
	 * {@code text} as a LIKE pattern that matches it literally: '%', '_' and '\' escaped.
	 */
	static String likeLiteral(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Room room(Readable row) {
		return new Room(row.get("id", UUID.class), row.get("name", String.class),
				Boolean.TRUE.equals(row.get("private", Boolean.class)), row.get("created_by", UUID.class),
				row.get("created_at", OffsetDateTime.class), row.get("member_count", Integer.class),
				row.get("last_seq", Long.class), Boolean.TRUE.equals(row.get("joined", Boolean.class)));
	}

}
