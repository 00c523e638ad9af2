package io.chatx.room;

import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Mono;

import io.chatx.common.ChatxException;
import io.chatx.common.Ids;
import io.chatx.ratelimit.RateLimitProperties;
import io.chatx.ratelimit.RateLimiter;
import io.chatx.room.RoomChangeEvents.MembershipChangedEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Direct rooms: the one room of two users, opened by either of them and created on first
 * use with both as members. Nobody else sees it, and nobody joins, leaves or deletes it
 * (those rules live where each operation is decided).
 */
@Service
class DirectRoomService {

	private final DirectRoomRepository directRooms;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties limits;

	private final TransactionalOperator tx;

	private final ApplicationEventPublisher events;

	DirectRoomService(DirectRoomRepository directRooms, RateLimiter rateLimiter, RateLimitProperties limits,
			TransactionalOperator tx, ApplicationEventPublisher events) {
		this.directRooms = directRooms;
		this.rateLimiter = rateLimiter;
		this.limits = limits;
		this.tx = tx;
		this.events = events;
	}

	/**
	 * The direct room of {@code callerId} and the user {@code userId}, as the caller sees
	 * it; created when they have none.
	 * @return the room, or {@code NOT_FOUND} (no such user, also for an id that is not
	 * one), {@code BAD_USER_INPUT} (oneself), {@code RATE_LIMITED} (too many created)
	 */
	Mono<Room> open(UUID callerId, String userId) {
		return Mono.defer(() -> {
			UUID peerId = Ids.parse(userId).orElseThrow(DirectRoomService::noSuchUser);
			if (peerId.equals(callerId)) {
				throw ChatxException.badInput("A direct room is with another user, not with oneself.");
			}
			return this.directRooms.find(callerId, peerId).switchIfEmpty(Mono.defer(() -> create(callerId, peerId)));
		});
	}

	/** The error for a user id that names no user. */
	static ChatxException noSuchUser() {
		return ChatxException.notFound("There is no such user.");
	}

	// Only the call that inserts the room takes from the opener's allowance: it does so
	// before its transaction commits, and a refusal rolls the room back. Calls that
	// lose a race for the pair wait for the winner's commit, insert nothing and answer
	// the winner's room.
	private Mono<Room> create(UUID openerId, UUID peerId) {
		Mono<Optional<UUID>> inserted = this.directRooms.insert(openerId, peerId)
			.flatMap((id) -> this.rateLimiter
				.check("open-direct-room", this.limits.openDirectRoomPerUser(), openerId.toString())
				.thenReturn(id))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		return this.tx.transactional(inserted)
			// The peer (or the opener: a connection signed in before its account was
			// deleted) is not a user.
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> noSuchUser())
			.doOnNext((created) -> created.ifPresent((roomId) -> {
				this.events.publishEvent(new MembershipChangedEvent(openerId, roomId, MembershipReason.DIRECT_OPENED));
				this.events.publishEvent(new MembershipChangedEvent(peerId, roomId, MembershipReason.DIRECT_OPENED));
			}))
			.then(this.directRooms.find(openerId, peerId))
			.switchIfEmpty(Mono.error(DirectRoomService::noSuchUser));
	}

}
