package io.chatx.room;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.account.User;
import io.chatx.common.LikePattern;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * SQL for rooms, each read as one viewer sees it.
 */
@Repository
class RoomRepository {

	// The viewer's membership, read marker and unread count (see ReadState), and a
	// direct room's other participant with their marker, in one statement: a page of
	// rooms is one round trip however many rooms it holds. Unread messages are counted
	// as last_seq - last_read_seq less the deleted ones above the marker (a member's own
	// messages never lie above it), so the count costs a probe of the small index of
	// deleted messages, not a scan of what is unread.
	static final String ROOM_COLUMNS = """
			r.id, CASE WHEN r.direct_low IS NULL THEN r.name ELSE coalesce(peer.username, '') END AS name, r.private,
			r.created_by, r.created_at, r.member_count, r.last_seq, r.last_change, r.direct_low IS NOT NULL AS direct,
			peer.id AS peer_id, peer.username AS peer_name, vm.user_id IS NOT NULL AS joined,
			coalesce(vm.last_read_seq, 0) AS last_read_seq,
			CASE WHEN vm.user_id IS NULL THEN 0 ELSE least(r.last_seq - vm.last_read_seq
			  - (SELECT count(*) FROM messages d WHERE d.room_id = r.id AND d.seq > vm.last_read_seq
			     AND d.deleted_at IS NOT NULL), 2147483647)::int END AS unread_count,
			CASE WHEN r.direct_low IS NULL THEN NULL ELSE coalesce((SELECT pm.last_read_seq FROM memberships pm
			  WHERE pm.room_id = r.id AND pm.user_id = peer.id), 0) END AS peer_last_read_seq,
			coalesce(r.last_message_at, vm.joined_at) AS activity_at""";

	/** The rooms {@code r} as {@code :viewer} sees them, for {@link #ROOM_COLUMNS}. */
	static final String VIEWED_ROOMS = """
			rooms r
			LEFT JOIN memberships vm ON vm.room_id = r.id AND vm.user_id = :viewer
			LEFT JOIN users peer ON peer.id = CASE WHEN r.direct_low = :viewer THEN r.direct_high ELSE r.direct_low END""";

	private static final String SELECT_ROOM = "SELECT " + ROOM_COLUMNS + " FROM " + VIEWED_ROOMS;

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
				  RETURNING id, name, private, created_by, created_at, member_count, last_seq, last_change
				), creator AS (
				  INSERT INTO memberships (room_id, user_id) SELECT id, created_by FROM room
				)
				SELECT room.*, false AS direct, NULL::uuid AS peer_id, NULL AS peer_name, true AS joined,
				  0::bigint AS last_read_seq, 0 AS unread_count, NULL::bigint AS peer_last_read_seq,
				  room.created_at AS activity_at
				FROM room""")
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

	/** The rooms {@code ids} as {@code viewer} sees them (those that exist). */
	Flux<Room> findAll(Collection<UUID> ids, UUID viewer) {
		return this.db.sql(SELECT_ROOM + " WHERE r.id = ANY(:ids)")
			.bind("viewer", viewer)
			.bind("ids", ids.toArray(UUID[]::new))
			.map(RoomRepository::room)
			.all();
	}

	/** The ids of the rooms {@code userId} has joined, direct rooms included. */
	Flux<UUID> joinedIds(UUID userId) {
		return this.db.sql("SELECT room_id FROM memberships WHERE user_id = :user")
			.bind("user", userId)
			.map((row) -> row.get("room_id", UUID.class))
			.all();
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

	/**
	 * Delete a room if {@code userId} created it and it is not a direct room (nobody
	 * deletes one); its memberships and messages go with it.
	 */
	Mono<Boolean> deleteCreatedBy(UUID id, UUID userId) {
		return this.db.sql("DELETE FROM rooms WHERE id = :id AND created_by = :user AND direct_low IS NULL")
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
		StringBuilder where = new StringBuilder(" WHERE r.direct_low IS NULL");
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
			spec = spec.bind("search", LikePattern.literal(search));
		}
		if (position != null) {
			spec = spec.bind("at", position.createdAt()).bind("id", position.id());
		}
		return spec;
	}

	/** A row of {@link #ROOM_COLUMNS}. */
	static Room room(Readable row) {
		boolean isPrivate = Boolean.TRUE.equals(row.get("private", Boolean.class));
		boolean direct = Boolean.TRUE.equals(row.get("direct", Boolean.class));
		UUID peerId = row.get("peer_id", UUID.class);
		User peer = (peerId != null) ? new User(peerId, row.get("peer_name", String.class)) : null;
		RoomKind kind = direct ? RoomKind.DIRECT : isPrivate ? RoomKind.PRIVATE : RoomKind.PUBLIC;
		ReadState readState = new ReadState(row.get("last_read_seq", Long.class),
				row.get("unread_count", Integer.class), row.get("peer_last_read_seq", Long.class));
		return new Room(row.get("id", UUID.class), row.get("name", String.class), isPrivate,
				row.get("created_by", UUID.class), row.get("created_at", OffsetDateTime.class),
				row.get("member_count", Integer.class), row.get("last_seq", Long.class),
				Boolean.TRUE.equals(row.get("joined", Boolean.class)), kind, peer, readState,
				row.get("last_change", Long.class), row.get("activity_at", OffsetDateTime.class));
	}

}
