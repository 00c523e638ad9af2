package io.chatx.room;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.account.PasswordHasher;
import io.chatx.common.ChatxException;
import io.chatx.common.Connection;
import io.chatx.common.ErrorCode;
import io.chatx.common.Ids;
import io.chatx.ratelimit.RateLimitProperties;
import io.chatx.ratelimit.RateLimiter;
import io.chatx.room.RoomChangeEvents.RoomCreatedEvent;
import io.chatx.room.RoomChangeEvents.RoomDeletedEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Rooms: creating, finding, listing and deleting them, and who may read one.
 */
@Service
public class RoomService {

	private static final int MAX_NAME_LENGTH = 64;

	private final RoomRepository rooms;

	private final PasswordHasher hasher;

	private final ApplicationEventPublisher events;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties limits;

	RoomService(RoomRepository rooms, PasswordHasher hasher, ApplicationEventPublisher events, RateLimiter rateLimiter,
			RateLimitProperties limits) {
		this.rooms = rooms;
		this.hasher = hasher;
		this.events = events;
		this.rateLimiter = rateLimiter;
		this.limits = limits;
	}

	/** Create a room with {@code userId} as its first member; always a new room. */
	Mono<Room> create(UUID userId, CreateRoomInput input) {
		return Mono.defer(() -> {
			String name = validName(input.name());
			checkAdmission(input);
			// Checked after the input, so that mistakes do not use up the allowance.
			if (!this.rateLimiter.tryAcquire("create-room", this.limits.createRoomPerUser(), userId.toString())) {
				throw ChatxException.rateLimited();
			}
			Mono<Optional<String>> hash = input.privateRoom() ? this.hasher.hash(input.password()).map(Optional::of)
					: Mono.just(Optional.empty());
			return hash
				.flatMap(
						(h) -> this.rooms.insert(name, input.privateRoom(), h.orElse(null), input.maxMembers(), userId))
				// The input is checked above: only a creator whose account is gone
				// (a connection signed in before it was deleted) breaks a constraint.
				.onErrorMap(DataIntegrityViolationException.class, (ex) -> ChatxException.unauthenticated())
				.switchIfEmpty(Mono
					.error(() -> new ChatxException(ErrorCode.CONFLICT, "A room named '" + name + "' exists already.")))
				.doOnNext((room) -> this.events.publishEvent(new RoomCreatedEvent(room)));
		});
	}

	/**
	 * The room with this id as {@code userId} sees it; empty when there is none, or when
	 * it is a direct room of others (for anyone else one does not exist).
	 */
	Mono<Room> find(UUID userId, String roomId) {
		return Ids.parse(roomId).map((id) -> findVisible(userId, id)).orElse(Mono.empty());
	}

	/**
	 * The room {@code userId} wants to read (its history, its live events): any room when
	 * public, only a joined one when private or direct.
	 * @return the room, or {@code NOT_FOUND} / {@code FORBIDDEN}
	 */
	public Mono<Room> findReadable(UUID userId, UUID roomId) {
		return findVisible(userId, roomId).switchIfEmpty(Mono.error(RoomService::noSuchRoom))
			.filter(Room::isOpenToViewer)
			.switchIfEmpty(Mono.error(() -> ChatxException.forbidden("Join this private room to see its messages.")));
	}

	/**
	 * A room {@code userId} has joined, for what only members may do.
	 * @return the room, or {@code NOT_FOUND} (also for a direct room of others) /
	 * {@code FORBIDDEN} (not a member)
	 */
	public Mono<Room> findJoined(UUID userId, UUID roomId) {
		return findVisible(userId, roomId).switchIfEmpty(Mono.error(RoomService::noSuchRoom))
			.filter(Room::joined)
			.switchIfEmpty(Mono.error(() -> ChatxException.forbidden("Join this room first.")));
	}

	/**
	 * The rooms {@code roomIds} as {@code userId} sees them, in one query; rooms that do
	 * not exist, and direct rooms of others, are left out.
	 */
	public Flux<Room> findAll(UUID userId, Collection<UUID> roomIds) {
		return roomIds.isEmpty() ? Flux.empty()
				: this.rooms.findAll(roomIds, userId).filter((room) -> !room.isDirect() || room.joined());
	}

	/** The ids of the rooms {@code userId} has joined, direct rooms included. */
	public Flux<UUID> joinedRoomIds(UUID userId) {
		return this.rooms.joinedIds(userId);
	}

	// A direct room exists only for its two participants: this comes before every other
	// rule.
	private Mono<Room> findVisible(UUID userId, UUID roomId) {
		return this.rooms.find(roomId, userId).filter((room) -> !room.isDirect() || room.joined());
	}

	/** Rooms newest first, {@code first} after the cursor, optionally by name. */
	Mono<Connection<Room>> list(UUID userId, @Nullable Integer first, @Nullable String after, @Nullable String search) {
		return Mono.defer(() -> {
			int size = Connection.pageSize(first);
			if (search != null && search.indexOf('\0') >= 0) {
				throw ChatxException.badInput("search must not contain NUL characters.");
			}
			RoomCursor.Position position = (after != null) ? RoomCursor.decode(after) : null;
			return page(userId, size, position, (search == null || search.isEmpty()) ? null : search);
		});
	}

	/** Delete a room that {@code userId} created; true once it is gone. */
	Mono<Boolean> delete(UUID userId, String roomId) {
		return Ids.parse(roomId)
			.map((id) -> this.rooms.deleteCreatedBy(id, userId)
				.flatMap((deleted) -> deleted ? Mono.just(true) : whyNotDeleted(userId, id))
				.doOnNext((deleted) -> this.events.publishEvent(new RoomDeletedEvent(id))))
			.orElseGet(() -> Mono.error(noSuchRoom()));
	}

	/** The error for a room id that names no room. */
	public static ChatxException noSuchRoom() {
		return ChatxException.notFound("There is no such room.");
	}

	private Mono<Connection<Room>> page(UUID userId, int size, RoomCursor.@Nullable Position after,
			@Nullable String search) {
		Mono<List<Room>> rooms = this.rooms.page(userId, search, after, size + 1).collectList();
		Mono<Boolean> newer = (after != null) ? this.rooms.existsBefore(search, after) : Mono.just(false);
		return Mono.zip(rooms, newer)
			.map((result) -> Connection.ofOneMore(result.getT1(), size, RoomCursor::encode, result.getT2()));
	}

	// A room that was not deleted: not there (or a direct room of others), direct, or
	// created by someone else.
	private Mono<Boolean> whyNotDeleted(UUID userId, UUID id) {
		return findVisible(userId, id).switchIfEmpty(Mono.error(RoomService::noSuchRoom))
			.flatMap((room) -> Mono.error(room.isDirect() ? ChatxException.forbidden("A direct room cannot be deleted.")
					: ChatxException.forbidden("Only the room's creator may delete it.")));
	}

	private static void checkAdmission(CreateRoomInput input) {
		if (input.privateRoom() && input.password() == null) {
			throw ChatxException.badInput("password is required for a private room.");
		}
		if (!input.privateRoom() && input.password() != null) {
			throw ChatxException.badInput("password is only for private rooms; set private: true.");
		}
		if (input.maxMembers() != null && input.maxMembers() < 1) {
			throw ChatxException.badInput("maxMembers must be at least 1.");
		}
	}

	private static String validName(String raw) {
		String name = (raw != null) ? raw.strip() : "";
		int length = name.codePointCount(0, name.length());
		if (length < 1 || length > MAX_NAME_LENGTH) {
			throw ChatxException.badInput("name must be 1 to " + MAX_NAME_LENGTH + " characters after trimming.");
		}
		if (name.chars().anyMatch(Character::isISOControl)) {
			throw ChatxException.badInput("name must not contain control characters.");
		}
		return name;
	}

}
