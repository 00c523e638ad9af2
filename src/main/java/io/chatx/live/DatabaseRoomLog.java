package io.chatx.live;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.chatx.account.UserLoader;
import io.chatx.message.LoggedChange;
import io.chatx.message.MessageCursor;
import io.chatx.message.RoomChangeLog;

import org.springframework.stereotype.Component;

/**
 * The hub's view of PostgreSQL: the change log of every room. The users of reaction
 * changes are read per batch of changes, in one query.
 */
@Component
class DatabaseRoomLog implements RoomLog {

	private static final int USER_BATCH = 100;

	private final RoomChangeLog changes;

	private final UserLoader users;

	DatabaseRoomLog(RoomChangeLog changes, UserLoader users) {
		this.changes = changes;
		this.users = users;
	}

	@Override
	public Mono<Long> lastChange(UUID roomId) {
		return this.changes.lastChange(roomId);
	}

	@Override
	public Flux<ChangeEvent> between(UUID roomId, long afterChange, long beforeChange) {
		return events(this.changes.between(roomId, afterChange, beforeChange));
	}

	@Override
	public Flux<ChangeEvent> replay(UUID roomId, MessageCursor.Position after, long upTo) {
		return events(this.changes.replay(roomId, after, upTo));
	}

	private Flux<ChangeEvent> events(Flux<LoggedChange> changes) {
		return changes.buffer(USER_BATCH).concatMap(this::events);
	}

	private Flux<ChangeEvent> events(List<LoggedChange> batch) {
		List<UUID> userIds = batch.stream()
			.filter((logged) -> ChangeEvents.needsUser(logged.change()))
			.map((logged) -> logged.change().userId())
			.toList();
		return this.users.preload(userIds).thenMany(Flux.fromIterable(batch).concatMap(this::event));
	}

	private Mono<ChangeEvent> event(LoggedChange logged) {
		if (!ChangeEvents.needsUser(logged.change())) {
			return Mono.just(ChangeEvents.of(logged.message(), logged.change(), null));
		}
		return this.users.user(logged.change().userId())
			.map((user) -> ChangeEvents.of(logged.message(), logged.change(), user))
			.defaultIfEmpty(ChangeEvents.of(logged.message(), logged.change(), null));
	}

}
