package io.chatx.room;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.account.PasswordHasher;
import io.chatx.account.User;
import io.chatx.audit.AuditKind;
import io.chatx.audit.AuditLog;
import io.chatx.common.ChatxException;
import io.chatx.common.ErrorCode;
import io.chatx.common.Ids;
import io.chatx.ratelimit.RateLimitProperties;
import io.chatx.ratelimit.RateLimiter;
import io.chatx.room.RoomChangeEvents.MemberJoinedEvent;
import io.chatx.room.RoomChangeEvents.MemberLeftEvent;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Joining and leaving rooms: private room passwords, member caps and member counts.
 */
@Service
public class MembershipService {

	private final MembershipRepository memberships;

	private final RoomRepository rooms;

	private final PasswordHasher hasher;

	private final RateLimiter rateLimiter;

	private final RateLimitProperties limits;

	private final AuditLog audit;

	private final TransactionalOperator tx;

	private final ApplicationEventPublisher events;

	MembershipService(MembershipRepository memberships, RoomRepository rooms, PasswordHasher hasher,
			RateLimiter rateLimiter, RateLimitProperties limits, AuditLog audit, TransactionalOperator tx,
			ApplicationEventPublisher events) {
		this.memberships = memberships;
		this.rooms = rooms;
		this.hasher = hasher;
		this.rateLimiter = rateLimiter;
		this.limits = limits;
		this.audit = audit;
		this.tx = tx;
		this.events = events;
	}

	/**
	 * Join a room. A member joins again without a password; anyone else needs the
	 * password of a private room ({@code WRONG_ROOM_PASSWORD} when it is missing or
	 * wrong) and a free seat ({@code ROOM_FULL}).
	 */
	Mono<Joined> join(User user, String roomId, @Nullable String password, String clientAddress) {
		UUID userId = user.id();
		UUID id = Ids.parse(roomId).orElse(null);
		if (id == null) {
			return Mono.error(RoomService.noSuchRoom());
		}
		return this.memberships.findAccess(id, userId)
			.switchIfEmpty(Mono.error(RoomService::noSuchRoom))
			.flatMap((access) -> {
				ChatxException refusal = access.directRefusal("joined");
				if (refusal != null) {
					return Mono.error(refusal);
				}
				return access.member() ? Mono.just(false)
						: admit(access, userId, id, password, clientAddress).then(enter(id, userId));
			})
			.flatMap((newMember) -> this.rooms.find(id, userId)
				.switchIfEmpty(Mono.error(RoomService::noSuchRoom))
				.map((room) -> new Joined(room, newMember)))
			.doOnNext((joined) -> {
				if (joined.newMember()) {
					this.events.publishEvent(new MemberJoinedEvent(id, user));
				}
			});
	}

	/**
	 * Leave a room; true when the user was a member, false when not. Nobody leaves a
	 * direct room ({@code FORBIDDEN} for its members, {@code NOT_FOUND} for others).
	 */
	Mono<Boolean> leave(User user, String roomId) {
		return Ids.parse(roomId)
			.map((id) -> this.tx
				.transactional(this.memberships.lockForLeave(id)
					.flatMap((locked) -> locked ? this.memberships.delete(id, user.id()) : Mono.just(false)))
				.doOnNext((left) -> {
					if (left) {
						this.events.publishEvent(new MemberLeftEvent(id, user));
					}
				})
				.flatMap((left) -> left ? Mono.just(true) : whyNotLeft(id, user.id())))
			.orElseGet(() -> Mono.error(RoomService.noSuchRoom()));
	}

	/**
	 * Which of {@code users} (by room) are not members of that room, in one query; for
	 * finding leaves whose events were lost.
	 */
	public Flux<Membership> notMembers(Map<UUID, Set<UUID>> users) {
		List<Membership> pairs = users.entrySet()
			.stream()
			.flatMap((room) -> room.getValue().stream().map((user) -> new Membership(room.getKey(), user)))
			.toList();
		return pairs.isEmpty() ? Flux.empty() : this.memberships.notMembers(pairs);
	}

	// A room that was not left: not there, direct, or the user was not in it.
	private Mono<Boolean> whyNotLeft(UUID roomId, UUID userId) {
		return this.memberships.findAccess(roomId, userId)
			.switchIfEmpty(Mono.error(RoomService::noSuchRoom))
			.flatMap((access) -> {
				ChatxException refusal = access.directRefusal("left");
				return (refusal != null) ? Mono.error(refusal) : Mono.just(false);
			});
	}

	// Password attempts are limited per user and room before bcrypt runs, so that a
	// password cannot be guessed at speed; every wrong one is audited.
	private Mono<Void> admit(MembershipRepository.JoinAccess access, UUID userId, UUID roomId,
			@Nullable String password, String clientAddress) {
		if (!access.isPrivate()) {
			return Mono.empty();
		}
		return this.rateLimiter.check("room-password", this.limits.roomPasswordPerUser(), userId + ":" + roomId)
			.then((password != null) ? this.hasher.matches(password, access.passwordHash()) : Mono.just(false))
			.flatMap((matches) -> {
				if (matches) {
					return Mono.empty();
				}
				Mono<Void> audited = (password != null) ? this.audit.record(AuditKind.ROOM_PASSWORD_WRONG, userId,
						roomId.toString(), clientAddress, null) : Mono.empty();
				return audited.then(Mono.error(new ChatxException(ErrorCode.WRONG_ROOM_PASSWORD, (password != null)
						? "Wrong password for this room." : "This room is private: give its password.")));
			});
	}

	// One transaction: the membership and the count go in together or not at all.
	private Mono<Boolean> enter(UUID roomId, UUID userId) {
		Mono<Boolean> steps = this.memberships.insert(roomId, userId)
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> RoomService.noSuchRoom())
			.flatMap((inserted) -> !inserted ? Mono.just(false)
					: this.memberships.takeSeat(roomId)
						.flatMap((seated) -> seated ? Mono.just(true)
								: Mono.error(new ChatxException(ErrorCode.ROOM_FULL, "This room is full."))));
		return this.tx.transactional(steps);
	}

}
