package io.chatx.live;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import io.chatx.account.UserLoader;
import io.chatx.message.Message;
import io.chatx.message.MessageChangedEvent;
import io.chatx.message.MessageStoredEvent;
import io.chatx.message.RoomChange;
import io.chatx.room.RoomChangeEvents.MemberJoinedEvent;
import io.chatx.room.RoomChangeEvents.MemberLeftEvent;
import io.chatx.room.RoomChangeEvents.RoomCreatedEvent;
import io.chatx.room.RoomChangeEvents.RoomDeletedEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns committed changes into live events for this instance's subscribers, then passes
 * them on to the other instances. A reaction's event carries its user, which may have to
 * be read first: the room's events published after it wait for it, so that a room's
 * changes leave in the order they were published (else every subscriber would see a gap
 * and read the log).
 */
@Component
class LiveEvents {

	private static final Log logger = LogFactory.getLog(LiveEvents.class);

	private final RoomHub rooms;

	private final RoomListHub roomList;

	private final ClusterPublisher cluster;

	private final UserLoader users;

	// Per room, the last change event still waiting for its user (or for one before it).
	private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

	LiveEvents(RoomHub rooms, RoomListHub roomList, ObjectProvider<ClusterPublisher> cluster, UserLoader users) {
		this.rooms = rooms;
		this.roomList = roomList;
		this.cluster = cluster.getIfAvailable(() -> ClusterPublisher.NONE);
		this.users = users;
	}

	@EventListener
	void on(MessageStoredEvent event) {
		inOrder(event.message().roomId(), Mono.just(MessagePosted.of(event.message())));
	}

	@EventListener
	void on(MessageChangedEvent event) {
		Message message = event.message();
		RoomChange change = event.change();
		Mono<ChangeEvent> live = ChangeEvents.needsUser(change)
				? this.users.user(change.userId())
					.map((user) -> ChangeEvents.of(message, change, user))
					.defaultIfEmpty(ChangeEvents.of(message, change, null))
				: Mono.just(ChangeEvents.of(message, change, null));
		inOrder(message.roomId(), live);
	}

	@EventListener
	void on(MemberJoinedEvent event) {
		toRoom(event.roomId(), new MemberJoined(event.roomId(), event.user(), now()));
	}

	@EventListener
	void on(MemberLeftEvent event) {
		toRoom(event.roomId(), new MemberLeft(event.roomId(), event.user(), now()));
	}

	@EventListener
	void on(RoomCreatedEvent event) {
		toRoomList(new RoomCreated(event.room()));
	}

	@EventListener
	void on(RoomDeletedEvent event) {
		RoomDeleted deleted = new RoomDeleted(event.roomId(), now());
		this.rooms.publishFinal(event.roomId(), deleted);
		this.cluster.roomEvent(event.roomId(), deleted);
		toRoomList(deleted);
	}

	private void inOrder(UUID roomId, Mono<ChangeEvent> conversion) {
		CompletableFuture<ChangeEvent> converted = conversion.toFuture();
		if (converted.isDone() && !converted.isCompletedExceptionally() && !this.waiting.containsKey(roomId)) {
			toRoom(roomId, converted.join());
			return;
		}
		CompletableFuture<Void> published = this.waiting.compute(roomId,
				(id, before) -> ((before != null) ? before : CompletableFuture.<Void>completedFuture(null))
					.thenCompose((ignored) -> converted)
					.handle((event, ex) -> {
						if (event != null) {
							toRoom(roomId, event);
						}
						else {
							logger.warn("Could not read the user of a change in room " + roomId
									+ "; its subscribers read it from the database", ex);
						}
						return null;
					}));
		published.whenComplete((ignored, ex) -> this.waiting.remove(roomId, published));
	}

	private void toRoom(UUID roomId, Object event) {
		this.rooms.publish(roomId, event);
		this.cluster.roomEvent(roomId, event);
	}

	private void toRoomList(Object event) {
		this.roomList.publish(event);
		this.cluster.roomListEvent(event);
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
